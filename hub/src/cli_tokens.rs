//! The CLI's offline commands on a data folder (tokens), and where `serve` finds its web pages.

use std::path::PathBuf;

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
