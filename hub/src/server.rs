//! `serve`: the data folder (database, blobs, temporary files), the sweep after a crash, the
//! workers, and the HTTP listener with a graceful stop on Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;

use crate::api::{AppState, Settings, router};
use crate::auth::Failures;
use crate::blobs::Blobs;
use crate::db::Db;
use crate::keys::Keys;
use crate::rooms::{Rooms, ViewerIds};
use crate::worker::{WorkerConfig, Workers};

/// How to serve.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    pub data: PathBuf,
    pub blobs: PathBuf,
    /// Unreferenced blobs younger than this survive the sweep at start.
    pub orphan_grace: Duration,
    pub database: Option<String>,
    pub listen: SocketAddr,
    pub web: Option<PathBuf>,
    pub photos: Vec<PathBuf>,
    pub max_upload: u64,
    pub hls_base: Option<String>,
    pub viewers_per_address: u32,
    pub workers: WorkerConfig,
}

/// Everything a running hub uses, opened from its data folder.
pub async fn open_state(cfg: &ServeConfig) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&cfg.data)
        .with_context(|| format!("creating {}", cfg.data.display()))?;
    let tmp = cfg.data.join("tmp");
    clear_dir(&tmp)?;
    let db = Db::open(cfg.database.as_deref(), &cfg.data).await?;
    let keys = Keys::load_or_create(&db).await?;
    let blobs = Blobs::local(&cfg.blobs)?;
    let failed = db.fail_unfinished_previews().await?;
    let swept = blobs
        .sweep(&db.referenced_blobs().await?, cfg.orphan_grace)
        .await?;
    if failed + swept as u64 > 0 {
        tracing::warn!(
            "after an unclean stop: {failed} preview(s) marked failed, {swept} orphan blob(s) removed"
        );
    }
    let rooms = Rooms::new(
        ViewerIds::load_or_create(&db).await?,
        cfg.viewers_per_address,
    );
    Ok(AppState {
        rooms,
        db,
        blobs,
        keys: Arc::new(keys),
        workers: Workers::new(cfg.workers.clone()),
        failures: Failures::default(),
        settings: Arc::new(Settings {
            tmp,
            max_upload: cfg.max_upload,
            photos: cfg.photos.clone(),
            hls_base: cfg.hls_base.clone(),
        }),
    })
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(cfg: ServeConfig) -> anyhow::Result<()> {
    let state = open_state(&cfg).await?;
    let key = state.keys.public().to_base64();
    let rooms = state.rooms.clone();
    tokio::spawn(rooms.clone().run_ticks(state.db.clone()));
    let app = router(state, cfg.web.as_deref());
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .with_context(|| format!("listening on {}", cfg.listen))?;
    let addr = listener.local_addr()?;
    // The first line tests and scripts read: where the hub is.
    println!("lantern-hub listening on http://{addr} (key {key})");
    tracing::info!(
        "data {}, web pages {}, {} reference photo(s)",
        cfg.data.display(),
        cfg.web
            .as_ref()
            .map_or_else(|| "off".to_owned(), |w| w.display().to_string()),
        cfg.photos.len()
    );
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        stopped().await;
        // Open sockets would hold the graceful stop forever.
        rooms.close();
    })
    .await?;
    Ok(())
}

async fn stopped() {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        () = term => {},
    }
    tracing::info!("stopping");
}

/// Empties `dir` (uploads a crash left half-received), creating it if needed.
fn clear_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}
