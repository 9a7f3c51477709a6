//! Preview renders of a version, one per reference photo, filled in as the worker finishes them.

use lantern_library::wire::{Preview, PreviewStatus};
use sqlx::Row as _;

use super::Db;
use super::versions::PreviewRow;

fn status_str(s: PreviewStatus) -> &'static str {
    match s {
        PreviewStatus::Rendering => "rendering",
        PreviewStatus::Ready => "ready",
        PreviewStatus::Failed => "failed",
    }
}

fn parse_status(s: &str) -> PreviewStatus {
    match s {
        "ready" => PreviewStatus::Ready,
        "failed" => PreviewStatus::Failed,
        _ => PreviewStatus::Rendering,
    }
}

impl Db {
    /// Announces the renders to come: one "rendering" row per photo.
    pub async fn start_previews(&self, version_id: i64, photos: &[String]) -> sqlx::Result<()> {
        for (i, photo) in photos.iter().enumerate() {
            sqlx::query(
                "INSERT INTO previews (version_id, idx, photo, status) VALUES ($1, $2, $3, 'rendering') \
                 ON CONFLICT DO NOTHING",
            )
            .bind(version_id)
            .bind(i as i64)
            .bind(photo)
            .execute(self.pool())
            .await?;
        }
        Ok(())
    }

    pub async fn finish_preview(
        &self,
        version_id: i64,
        idx: i64,
        outcome: Result<&str, &str>,
    ) -> sqlx::Result<()> {
        let (status, sha, error) = match outcome {
            Ok(sha) => (PreviewStatus::Ready, Some(sha), None),
            Err(e) => (PreviewStatus::Failed, None, Some(e)),
        };
        sqlx::query("UPDATE previews SET status = $1, sha256 = $2, error = $3 WHERE version_id = $4 AND idx = $5")
            .bind(status_str(status))
            .bind(sha)
            .bind(error)
            .bind(version_id)
            .bind(idx)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn previews(&self, version_id: i64) -> sqlx::Result<Vec<PreviewRow>> {
        let rows = sqlx::query(
            "SELECT idx, photo, status, error, sha256 FROM previews WHERE version_id = $1 ORDER BY idx",
        )
        .bind(version_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PreviewRow {
                    idx: r.try_get("idx")?,
                    preview: Preview {
                        photo: r.try_get("photo")?,
                        status: parse_status(&r.try_get::<String, _>("status")?),
                        error: r.try_get("error")?,
                    },
                    sha256: r.try_get("sha256")?,
                })
            })
            .collect()
    }

    /// Previews a crash left "rendering": failed, so nothing waits for them forever.
    pub async fn fail_unfinished_previews(&self) -> sqlx::Result<u64> {
        let done = sqlx::query(
            "UPDATE previews SET status = 'failed', error = 'the hub restarted while rendering' \
             WHERE status = 'rendering'",
        )
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }

    /// Every blob the library refers to (packages and previews), for the orphan sweep.
    pub async fn referenced_blobs(&self) -> sqlx::Result<std::collections::HashSet<String>> {
        let mut out: std::collections::HashSet<String> =
            sqlx::query_scalar::<_, String>("SELECT sha256 FROM versions")
                .fetch_all(self.pool())
                .await?
                .into_iter()
                .collect();
        out.extend(
            sqlx::query_scalar::<_, String>("SELECT sha256 FROM previews WHERE sha256 IS NOT NULL")
                .fetch_all(self.pool())
                .await?,
        );
        Ok(out)
    }
}
