//! The hub's ed25519 signing key, kept in the database (so every instance sharing it signs with
//! the same key), and the manifests it signs when a version is approved.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signer as _, SigningKey};
use lantern_library::{HubKey, Manifest};

use crate::db::Db;

const SETTING: &str = "signing_key";

pub struct Keys {
    signing: SigningKey,
}

impl Keys {
    /// The hub's key: made on first start (the first instance to store one wins).
    pub async fn load_or_create(db: &Db) -> anyhow::Result<Self> {
        let stored = if let Some(s) = db.setting(SETTING).await? {
            s
        } else {
            let mut seed = [0_u8; 32];
            getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
            db.setting_or_insert(SETTING, &BASE64.encode(seed)).await?
        };
        let seed: [u8; 32] = BASE64
            .decode(stored)?
            .try_into()
            .map_err(|_| anyhow::anyhow!("the stored signing key is not 32 bytes"))?;
        Ok(Self {
            signing: SigningKey::from_bytes(&seed),
        })
    }

    pub fn public(&self) -> HubKey {
        HubKey::from_verifying(self.signing.verifying_key())
    }

    /// The manifest's JSON text and its signature (base64).
    pub fn sign(&self, manifest: &Manifest) -> serde_json::Result<(String, String)> {
        let text = serde_json::to_string(manifest)?;
        let sig = self.signing.sign(text.as_bytes());
        Ok((text, BASE64.encode(sig.to_bytes())))
    }
}
