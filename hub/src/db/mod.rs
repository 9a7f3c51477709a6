//! The library's database: SQLite in the data folder by default (one file, WAL), PostgreSQL for
//! several hub instances behind one load balancer. One set of queries runs on both through sqlx's
//! `Any` driver (`$1` parameters, `RETURNING`, `ON CONFLICT`); only the migrations differ
//! (`migrations/sqlite`, `migrations/postgres`).

mod previews;
mod rooms;
mod tokens;
mod versions;

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor as _};

pub use rooms::{Claim, Paid, RoomRow};
pub use tokens::TokenRow;
pub use versions::{NewVersion, PreviewRow, VersionRow};

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
}

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`), or to `data/hub.db`, and migrates.
    pub async fn open(url: Option<&str>, data: &Path) -> anyhow::Result<Self> {
        install_default_drivers();
        let url = url.map_or_else(
            || format!("sqlite://{}?mode=rwc", data.join("hub.db").display()),
            str::to_owned,
        );
        let sqlite = url.starts_with("sqlite:");
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 4 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        conn.execute("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|e| anyhow::anyhow!("connecting to the database {}: {e}", redact(&url)))?;
        if sqlite {
            pool.execute("PRAGMA journal_mode = WAL").await?;
            sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        } else {
            sqlx::migrate!("migrations/postgres").run(&pool).await?;
        }
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A setting, or `None`.
    pub async fn setting(&self, key: &str) -> sqlx::Result<Option<String>> {
        sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await
    }

    /// Sets `key` unless it is set already (the first instance to start wins); returns the value
    /// that is set.
    pub async fn setting_or_insert(&self, key: &str, value: &str) -> sqlx::Result<String> {
        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await?;
        sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_one(&self.pool)
            .await
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_owned(),
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// RFC 3339 (UTC, seconds) of a time stored as Unix milliseconds.
pub fn rfc3339(ms: i64) -> String {
    let t = UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64);
    humantime::format_rfc3339_seconds(t).to_string()
}
