//! A version's manifest, signed by its hub: what a host checks before an effect goes on air.
//!
//! The hub signs the manifest's exact JSON text with its ed25519 key; the client verifies that
//! text against the key it pinned, then parses it, then compares the package's sha256 and size.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::LibraryError;

/// What an approved version is: the package's name, version and bytes, and what it needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub name: String,
    pub version: String,
    /// The package zip's sha256, lowercase hex.
    pub sha256: String,
    pub size: u64,
    pub capabilities: Vec<String>,
    /// When the hub approved it, RFC 3339.
    pub approved_at: String,
}

/// A manifest's JSON text and the hub's signature of exactly that text.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedManifest {
    /// The manifest's JSON, signed as these UTF-8 bytes.
    pub manifest: String,
    /// The ed25519 signature, standard base64.
    pub signature: String,
}

/// A hub's public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HubKey(VerifyingKey);

impl HubKey {
    /// A key from its standard base64 text (as `GET /api/key` and `--hub-key` give it).
    pub fn parse(text: &str) -> Result<Self, LibraryError> {
        let bad = |detail: String| LibraryError::BadKey(format!("{text:?}: {detail}"));
        let bytes = BASE64.decode(text.trim()).map_err(|e| bad(e.to_string()))?;
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|v: Vec<u8>| bad(format!("{} bytes, an ed25519 key has 32", v.len())))?;
        VerifyingKey::from_bytes(&bytes)
            .map(Self)
            .map_err(|e| bad(e.to_string()))
    }

    pub fn from_verifying(key: VerifyingKey) -> Self {
        Self(key)
    }

    /// The key as standard base64.
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.0.as_bytes())
    }
}

impl SignedManifest {
    /// The manifest, once its signature checks out against `key`.
    pub fn verify(&self, key: &HubKey) -> Result<Manifest, LibraryError> {
        let sig = BASE64
            .decode(self.signature.trim())
            .ok()
            .and_then(|b| Signature::from_slice(&b).ok())
            .ok_or_else(|| LibraryError::BadSignature("the signature is not ed25519".into()))?;
        key.0.verify(self.manifest.as_bytes(), &sig).map_err(|_| {
            LibraryError::BadSignature("it was not signed by the pinned key".into())
        })?;
        serde_json::from_str(&self.manifest).map_err(|e| {
            LibraryError::BadSignature(format!("the signed manifest is not JSON: {e}"))
        })
    }
}

impl Manifest {
    /// Checks `bytes` are this manifest's package.
    pub fn check_package(&self, bytes: &[u8]) -> Result<(), LibraryError> {
        let actual = sha256_hex(bytes);
        if actual != self.sha256 || bytes.len() as u64 != self.size {
            return Err(LibraryError::Mismatch {
                what: format!("{}@{}", self.name, self.version),
                expected: format!("sha256 {} ({} bytes)", self.sha256, self.size),
                actual: format!("sha256 {actual} ({} bytes)", bytes.len()),
            });
        }
        Ok(())
    }
}

/// Lowercase hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}
