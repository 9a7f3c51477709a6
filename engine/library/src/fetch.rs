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
        Err(CallError::Hub(e)) => Err(e),
        Err(CallError::Transport(detail)) => {
            let hub = client.url();
            let Some(key) = key.map_or_else(|| cache.pinned_key(hub), |k| Ok(Some(k)))? else {
                return Err(unreachable(client, cache, r, detail));
            };
            let Some((signed, path)) = cache.load(hub, r)? else {
                return Err(unreachable(client, cache, r, detail));
            };
            tracing::warn!(
                "the hub at {hub} is unreachable ({detail}): starting {r} from the cache"
            );
            let manifest = verify_file(&signed, &key, r, &path)?;
            Ok(Fetched {
                path,
                manifest,
                from_cache: true,
            })
        }
    }
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
