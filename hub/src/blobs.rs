//! Package zips and preview PNGs, content-addressed by sha256 through `object_store` (a local
//! folder today; an object store later by changing the constructor, not the callers).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use futures_util::TryStreamExt as _;
use object_store::local::LocalFileSystem;
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, PutPayload};

#[derive(Clone)]
pub struct Blobs {
    store: Arc<dyn ObjectStore>,
    dir: PathBuf,
}

fn location(sha256: &str) -> StorePath {
    StorePath::from(format!(
        "sha256/{}/{sha256}",
        &sha256[..2.min(sha256.len())]
    ))
}

impl Blobs {
    /// Blobs in `dir` (created if missing).
    pub fn local(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let store = LocalFileSystem::new_with_prefix(dir)?;
        Ok(Self {
            store: Arc::new(store),
            dir: dir.to_owned(),
        })
    }

    /// Stores `bytes` under their sha256 (a no-op when they are there already).
    pub async fn put(&self, sha256: &str, bytes: Vec<u8>) -> object_store::Result<()> {
        let at = location(sha256);
        if self.store.head(&at).await.is_ok() {
            return Ok(());
        }
        self.store
            .put(&at, PutPayload::from(bytes))
            .await
            .map(|_| ())
    }

    pub async fn get(&self, sha256: &str) -> object_store::Result<Vec<u8>> {
        let got = self.store.get(&location(sha256)).await?;
        Ok(got.bytes().await?.to_vec())
    }

    /// Deletes blobs nothing refers to that are older than `grace` (an upload in flight on
    /// another instance has not written its row yet), and the staging files a killed write
    /// left. Returns how many went.
    pub async fn sweep(&self, keep: &HashSet<String>, grace: Duration) -> anyhow::Result<usize> {
        let cutoff = super::db::now_ms() - grace.as_millis() as i64;
        let listed: Vec<_> = self.store.list(None).try_collect().await?;
        let mut removed = 0;
        for meta in listed {
            let name = meta.location.filename().unwrap_or_default().to_owned();
            if !keep.contains(&name) && meta.last_modified.timestamp_millis() < cutoff {
                self.store.delete(&meta.location).await?;
                removed += 1;
            }
        }
        removed += remove_staging(&self.dir.join("sha256"));
        Ok(removed)
    }
}

/// `object_store` writes `NAME#N` and renames it: a write killed half-way leaves one.
fn remove_staging(dir: &Path) -> usize {
    let Ok(shards) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for shard in shards.flatten() {
        for file in std::fs::read_dir(shard.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if file.file_name().to_string_lossy().contains('#')
                && std::fs::remove_file(file.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}
