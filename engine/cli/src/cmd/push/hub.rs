//! `lantern push --effect hub:NAME@VERSION`: the effect comes from a Lantern Hub, verified
//! against the hub's signed manifest and kept in the cache; with the hub unreachable, the cached
//! copy starts after the same checks.

use std::path::{Path, PathBuf};

use lantern_library::{Cache, EffectRef, HubClient, HubKey};

#[derive(clap::Args, Clone, Debug)]
pub struct HubArgs {
    /// The hub an `--effect hub:NAME@VERSION` comes from.
    #[arg(long, env = "LANTERN_HUB", default_value = "http://127.0.0.1:8470")]
    pub hub: String,
    /// The hub's public key (base64, from its /api/key); default: the key pinned on first use.
    #[arg(long)]
    pub hub_key: Option<String>,
    /// A host's API token for the hub.
    #[arg(long, env = "LANTERN_HUB_TOKEN", hide_env_values = true)]
    pub hub_token: Option<String>,
}

/// The package to play: `effect` itself, or a hub reference fetched and verified into the cache.
pub fn resolve(effect: Option<&Path>, args: &HubArgs) -> anyhow::Result<Option<PathBuf>> {
    let Some(effect) = effect else {
        return Ok(None);
    };
    let Some(reference) = effect.to_str().and_then(EffectRef::from_effect_arg) else {
        return Ok(Some(effect.to_owned()));
    };
    let reference = reference?;
    let key = args.hub_key.as_deref().map(HubKey::parse).transpose()?;
    let client = HubClient::new(&args.hub, args.hub_token.clone());
    let fetched = lantern_library::fetch(&client, &Cache::default_location(), &reference, key)?;
    tracing::info!(
        "{reference}: sha256 {} verified{}",
        fetched.manifest.sha256,
        if fetched.from_cache {
            " (from the cache: the hub is unreachable)"
        } else {
            ""
        }
    );
    Ok(Some(fetched.path))
}

/// The monitor's library from the hub at `url`, as this host reaches it.
pub fn source(
    url: &str,
    args: &HubArgs,
) -> anyhow::Result<lantern_monitor::library_hub::HubSource> {
    Ok(lantern_monitor::library_hub::HubSource {
        url: url.to_owned(),
        token: args.hub_token.clone(),
        key: args.hub_key.as_deref().map(HubKey::parse).transpose()?,
    })
}

/// Whether `effect` names a hub version rather than a path.
pub fn is_hub_ref(effect: &Path) -> bool {
    effect
        .to_str()
        .is_some_and(|s| s.starts_with(EffectRef::PREFIX))
}
