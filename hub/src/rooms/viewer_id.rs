//! Anonymous viewers: a random id in a cookie signed with HMAC-SHA256 under a key every hub
//! instance shares (kept in the database), so a viewer keeps their id across reloads, reconnects
//! and instances, and cannot make up another's.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac as _};
use sha2::Sha256;

use crate::db::Db;

/// The cookie's name.
pub const COOKIE: &str = "lantern_viewer";

/// Signs and checks viewer ids.
#[derive(Clone)]
pub struct ViewerIds {
    key: [u8; 32],
}

impl std::fmt::Debug for ViewerIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ViewerIds(…)")
    }
}

impl ViewerIds {
    /// The key from the database (made by the first instance that starts).
    pub async fn load_or_create(db: &Db) -> anyhow::Result<Self> {
        let fresh = URL_SAFE_NO_PAD.encode(random::<32>()?);
        let stored = db.setting_or_insert("viewer_cookie_key", &fresh).await?;
        let bytes = URL_SAFE_NO_PAD
            .decode(stored)
            .map_err(|e| anyhow::anyhow!("the stored viewer cookie key is damaged: {e}"))?;
        let key = bytes
            .try_into()
            .map_err(|_| anyhow::anyhow!("the stored viewer cookie key is not 32 bytes"))?;
        Ok(Self { key })
    }

    /// A new viewer id and its cookie value.
    pub fn issue(&self) -> anyhow::Result<(String, String)> {
        let id = format!("v_{}", URL_SAFE_NO_PAD.encode(random::<12>()?));
        let value = format!("{id}.{}", self.sign(&id));
        Ok((id, value))
    }

    /// The viewer id of a cookie value, if its signature holds.
    pub fn verify(&self, value: &str) -> Option<String> {
        let (id, sig) = value.split_once('.')?;
        let sig = URL_SAFE_NO_PAD.decode(sig).ok()?;
        let mut mac = self.mac();
        mac.update(id.as_bytes());
        mac.verify_slice(&sig).ok()?;
        Some(id.to_owned())
    }

    /// The viewer id in a request's `Cookie` headers.
    pub fn from_headers(&self, headers: &axum::http::HeaderMap) -> Option<String> {
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
            .find_map(|value| self.verify(value))
    }

    fn sign(&self, id: &str) -> String {
        let mut mac = self.mac();
        mac.update(id.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes a key of any length: this cannot fail.
        <Hmac<Sha256>>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!())
    }
}

/// The nickname shown for a viewer id: "Viewer" and four letters of it.
pub fn nick(viewer: &str) -> String {
    let tail: String = viewer
        .trim_start_matches("v_")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(4)
        .collect();
    format!("Viewer {}", tail.to_uppercase())
}

pub fn random<const N: usize>() -> anyhow::Result<[u8; N]> {
    let mut bytes = [0_u8; N];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_verifies_and_a_forged_one_does_not() {
        let ids = ViewerIds { key: [7; 32] };
        let (id, value) = ids.issue().unwrap();
        assert_eq!(ids.verify(&value).as_deref(), Some(id.as_str()));
        let forged = format!("v_someoneelse.{}", value.split_once('.').unwrap().1);
        assert_eq!(ids.verify(&forged), None);
        assert_eq!(ids.verify("garbage"), None);
        let other = ViewerIds { key: [8; 32] };
        assert_eq!(other.verify(&value), None);
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            format!("a=b; {COOKIE}={value}").parse().unwrap(),
        );
        assert_eq!(ids.from_headers(&headers), Some(id));
        assert!(nick("v_ab-c9xyz").starts_with("Viewer AB"));
    }
}
