//! The library from a Lantern Hub: its approved packages (the newest approved version of each),
//! each fetched into the host's cache with its signature and sha256 checked, then listed like a
//! folder's packages (the switch plays the verified cached zip). With the hub unreachable, the
//! versions already cached from it are listed, verified the same way.

use lantern_library::{Cache, EffectRef, HubClient, HubKey};

use crate::library::{Entry, Listing, MAX_ENTRIES, read_entry};

/// A hub to list, as a host reaches it.
#[derive(Clone, Debug)]
pub struct HubSource {
    pub url: String,
    /// A host's token.
    pub token: Option<String>,
    /// The hub's key when given (`--hub-key`); otherwise the key pinned on first use.
    pub key: Option<HubKey>,
}

/// Lists the hub's approved packages (fetched and verified), or the cached ones when it cannot
/// be reached.
pub fn scan(source: &HubSource, cache: &Cache) -> Listing {
    let client = HubClient::new(&source.url, source.token.clone());
    let (refs, mut note) = match client.packages(MAX_ENTRIES as u32) {
        Ok(list) => {
            let refs: Vec<EffectRef> = list
                .packages
                .into_iter()
                .map(|p| EffectRef {
                    name: p.name,
                    version: p.latest.version,
                })
                .collect();
            let note = (list.total as usize > refs.len()).then(|| {
                format!(
                    "{} packages on the hub: the first {} are listed",
                    list.total,
                    refs.len()
                )
            });
            (refs, note)
        }
        Err(e) => {
            let why = e.into_error(&source.url);
            (
                cache.cached(&source.url),
                Some(format!("{why}: listing the packages cached from it")),
            )
        }
    };
    if refs.is_empty() && note.is_none() {
        note = Some(format!("no approved packages on {}", source.url));
    }
    let entries = refs
        .iter()
        .map(|r| entry(&client, cache, r, source.key))
        .collect();
    Listing { entries, note }
}

fn entry(client: &HubClient, cache: &Cache, r: &EffectRef, key: Option<HubKey>) -> Entry {
    match lantern_library::fetch(client, cache, r, key) {
        Ok(fetched) => {
            let mut e = read_entry(&fetched.path);
            e.name = format!("{} {}", e.name, r.version);
            e
        }
        Err(err) => Entry {
            path: cache.version_dir(client.url(), r).join("package.zip"),
            name: r.to_string(),
            needs: String::new(),
            thumbnail: None,
            error: Some(err.to_string()),
        },
    }
}
