//! The CLI's offline commands on a data folder (tokens), and where `serve` finds its web pages
//! and reference photos.

use std::path::{Path, PathBuf};

use crate::cli::TokenCommand;
use crate::db::Db;

pub async fn run(cmd: TokenCommand) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::Create { store, role, name } => {
            std::fs::create_dir_all(&store.data)?;
            let db = Db::open(store.database.as_deref(), &store.data).await?;
            let (token, hash) = crate::auth::new_token()?;
            let id = db.create_token(name.trim(), role, &hash).await?;
            println!("token {id} for {name} ({role}); shown this once, keep it secret:");
            println!("{token}");
        }
        TokenCommand::List { store } => {
            let db = Db::open(store.database.as_deref(), &store.data).await?;
            for t in db.tokens().await? {
                let used = t.last_used_at.unwrap_or_else(|| "never".into());
                println!(
                    "{:>4}  {:<9} {:<24} created {}  last used {used}",
                    t.id,
                    t.role.as_str(),
                    t.name,
                    t.created_at
                );
            }
        }
        TokenCommand::Revoke { store, id } => {
            let db = Db::open(store.database.as_deref(), &store.data).await?;
            anyhow::ensure!(db.revoke_token(id).await?, "there is no live token {id}");
            println!("token {id} revoked");
        }
    }
    Ok(())
}

/// `ui/dist` (with `hub.html`) above the working folder or this program.
pub fn find_web() -> Option<PathBuf> {
    let starts = [std::env::current_dir().ok(), std::env::current_exe().ok()];
    starts.iter().flatten().find_map(|s| {
        s.ancestors()
            .map(|a| a.join("ui").join("dist"))
            .find(|d| d.join("hub.html").is_file())
    })
}

/// The photos previews are rendered on: the reference set in `dir` (or the test media), at most
/// three; none when there is no folder (previews are then skipped, and the log says so).
pub fn reference_photos(dir: Option<&Path>) -> anyhow::Result<Vec<PathBuf>> {
    const PREFERRED: [&str; 3] = [
        "keijiro_pexels-dinielle-de-veyra-4195444.jpg",
        "ikep_pexels_wink_mouth_open_Test2.jpg",
        "pinto_open_palm_hand.png",
    ];
    let dir = match dir {
        Some(d) => d.to_owned(),
        None => match lantern_engine::track::photos::media_dir() {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!("no reference photos, so no preview renders: {e}");
                return Ok(Vec::new());
            }
        },
    };
    let preferred: Vec<PathBuf> = PREFERRED
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file())
        .collect();
    if !preferred.is_empty() {
        return Ok(preferred);
    }
    let mut all = lantern_engine::track::photos::images_in(&dir)?;
    all.truncate(3);
    Ok(all)
}
