//! A hub version onto this machine: pin the hub's key on first use, verify the signed manifest,
//! download and check the package, keep it in the cache — and when the hub cannot be reached,
//! start from the cached copy after verifying it the same way.

use std::path::PathBuf;

use crate::cache::Cache;
use crate::client::{CallError, HubClient};
use crate::error::LibraryError;
use crate::manifest::{HubKey, Manifest, SignedManifest};
use crate::reference::EffectRef;

/// A verified package on disk.
#[derive(Debug)]
pub struct Fetched {
    pub path: PathBuf,
    pub manifest: Manifest,
    /// `true` when the hub was unreachable and the cached copy was used.
    pub from_cache: bool,
}

/// Fetches `r` from `client`'s hub into `cache`. `key`, when given, is the hub key to trust
/// (`--hub-key`); otherwise the key pinned on first use.
pub fn fetch(
    client: &HubClient,
    cache: &Cache,
    r: &EffectRef,
    key: Option<HubKey>,
) -> Result<Fetched, LibraryError> {
    match fetch_online(client, cache, r, key) {
        Ok(f) => Ok(f),
        // A load balancer's 502/503 while the hub's instances are down is the hub unreachable.
        Err(CallError::Hub(LibraryError::Api {
            status, message, ..
        })) if status >= 500 => {
            from_cache(client, cache, r, key, format!("HTTP {status}: {message}"))
        }
        Err(CallError::Hub(e)) => Err(e),
        Err(CallError::Transport(detail)) => from_cache(client, cache, r, key, detail),
    }
}

/// The cached copy of `r`, verified, when the hub could not be reached (`detail` says how).
fn from_cache(
    client: &HubClient,
    cache: &Cache,
    r: &EffectRef,
    key: Option<HubKey>,
    detail: String,
) -> Result<Fetched, LibraryError> {
    let hub = client.url();
    let Some(key) = key.map_or_else(|| cache.pinned_key(hub), |k| Ok(Some(k)))? else {
        return Err(unreachable(client, cache, r, detail));
    };
    let Some((signed, path)) = cache.load(hub, r)? else {
        return Err(unreachable(client, cache, r, detail));
    };
    tracing::warn!("the hub at {hub} is unreachable ({detail}): starting {r} from the cache");
    let manifest = verify_file(&signed, &key, r, &path)?;
    Ok(Fetched {
        path,
        manifest,
        from_cache: true,
    })
}

fn fetch_online(
    client: &HubClient,
    cache: &Cache,
    r: &EffectRef,
    key: Option<HubKey>,
) -> Result<Fetched, CallError> {
    let hub = client.url();
    let key = match key {
        Some(k) => k,
        None => trusted_key(client, cache)?,
    };
    let signed = client.manifest(r)?;
    let manifest = verify_manifest(&signed, &key, r).map_err(CallError::Hub)?;
    if let Some((_, path)) = cache.load(hub, r).map_err(CallError::Hub)?
        && verify_file(&signed, &key, r, &path).is_ok()
    {
        return Ok(Fetched {
            path,
            manifest,
            from_cache: false,
        });
    }
    let zip = client.download(r)?;
    manifest.check_package(&zip).map_err(CallError::Hub)?;
    let path = cache.store(hub, r, &signed, &zip).map_err(CallError::Hub)?;
    Ok(Fetched {
        path,
        manifest,
        from_cache: false,
    })
}

/// The pinned key, after checking the hub still uses it; the hub's key, pinned, on first use.
fn trusted_key(client: &HubClient, cache: &Cache) -> Result<HubKey, CallError> {
    let hub = client.url();
    let actual = client.key()?;
    match cache.pinned_key(hub).map_err(CallError::Hub)? {
        Some(pinned) if pinned == actual => Ok(pinned),
        Some(pinned) => Err(CallError::Hub(LibraryError::KeyChanged {
            hub: hub.to_owned(),
            pinned: pinned.to_base64(),
            actual: actual.to_base64(),
            pin_file: cache.key_file(hub),
        })),
        None => {
            cache.pin(hub, &actual).map_err(CallError::Hub)?;
            tracing::info!(
                "pinned the hub at {hub}'s key {} (first use)",
                actual.to_base64()
            );
            Ok(actual)
        }
    }
}

fn verify_manifest(
    signed: &SignedManifest,
    key: &HubKey,
    r: &EffectRef,
) -> Result<Manifest, LibraryError> {
    let manifest = signed.verify(key)?;
    if manifest.name != r.name || manifest.version != r.version {
        return Err(LibraryError::BadSignature(format!(
            "the hub signed {}@{} where {r} was asked for",
            manifest.name, manifest.version
        )));
    }
    Ok(manifest)
}

fn verify_file(
    signed: &SignedManifest,
    key: &HubKey,
    r: &EffectRef,
    path: &std::path::Path,
) -> Result<Manifest, LibraryError> {
    let manifest = verify_manifest(signed, key, r)?;
    let bytes = std::fs::read(path).map_err(|e| LibraryError::io(path, e))?;
    manifest.check_package(&bytes).map_err(|e| match e {
        LibraryError::Mismatch {
            expected, actual, ..
        } => LibraryError::Mismatch {
            what: format!("the cached {}", path.display()),
            expected,
            actual,
        },
        other => other,
    })?;
    Ok(manifest)
}

fn unreachable(client: &HubClient, cache: &Cache, r: &EffectRef, detail: String) -> LibraryError {
    LibraryError::Unreachable {
        hub: client.url().to_owned(),
        what: r.to_string(),
        detail,
        cache: cache.version_dir(client.url(), r),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read as _, Write as _};

    use ed25519_dalek::{Signer as _, SigningKey};

    use super::*;
    use crate::manifest::sha256_hex;

    /// A hub behind a load balancer whose instances are down: every request gets `status`.
    fn balancer(status: u16) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::Builder::new()
            .name("balancer".into())
            .spawn(move || {
                for mut s in listener.incoming().flatten().take(4) {
                    let mut buf = [0_u8; 4096];
                    let _ = s.read(&mut buf);
                    let body = r#"{"code":"down","message":"no backend"}"#;
                    let _ = write!(s, "HTTP/1.1 {status} Down\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                }
            })
            .unwrap();
        url
    }

    #[test]
    fn a_balancer_with_no_hub_behind_it_means_the_verified_cache() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let zip = b"PK pretend package".to_vec();
        let r = EffectRef {
            name: "lucky-hat".into(),
            version: "1.0.0".into(),
        };
        let manifest = Manifest {
            name: r.name.clone(),
            version: r.version.clone(),
            sha256: sha256_hex(&zip),
            size: zip.len() as u64,
            capabilities: vec![],
            approved_at: "2026-12-07T00:00:00Z".into(),
        };
        let text = serde_json::to_string(&manifest).unwrap();
        let signature = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            key.sign(text.as_bytes()).to_bytes(),
        );
        let signed = SignedManifest {
            manifest: text,
            signature,
        };
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let url = balancer(503);
        cache
            .pin(&url, &HubKey::from_verifying(key.verifying_key()))
            .unwrap();
        cache.store(&url, &r, &signed, &zip).unwrap();
        let fetched = fetch(&HubClient::new(&url, None), &cache, &r, None).unwrap();
        assert!(fetched.from_cache);
        assert_eq!(fetched.manifest, manifest);
        // A 404 is the hub's answer, not an outage: no fallback.
        let url = balancer(404);
        cache
            .pin(&url, &HubKey::from_verifying(key.verifying_key()))
            .unwrap();
        cache.store(&url, &r, &signed, &zip).unwrap();
        assert!(fetch(&HubClient::new(&url, None), &cache, &r, None).is_err());
    }
}
