//! Package versions: immutable once uploaded, only their review status changes; and their
//! preview renders.

use lantern_library::wire::{Preview, Report, Status};
use lantern_library::wire_versions::{VersionDetail, VersionSummary};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use super::{Db, now_ms, rfc3339};

const COLUMNS: &str = "id, name, version, title, description, status, sha256, size, capabilities, \
    report, uploaded_by, uploaded_at, reviewed_by, reviewed_at, reason, manifest, signature";

/// A version as stored.
#[derive(Clone, Debug)]
pub struct VersionRow {
    pub id: i64,
    pub summary: VersionSummary,
    pub report: Report,
    pub manifest: Option<(String, String)>,
}

/// What an upload adds.
pub struct NewVersion<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub sha256: &'a str,
    pub size: u64,
    pub report: &'a Report,
    pub uploaded_by: &'a str,
}

#[derive(Clone, Debug)]
pub struct PreviewRow {
    pub idx: i64,
    pub preview: Preview,
    pub sha256: Option<String>,
}

fn row_to_version(r: &AnyRow) -> sqlx::Result<VersionRow> {
    let decode = |e: serde_json::Error| sqlx::Error::Decode(Box::new(e));
    let status: String = r.try_get("status")?;
    let report: Report =
        serde_json::from_str(&r.try_get::<String, _>("report")?).map_err(decode)?;
    let manifest: Option<String> = r.try_get("manifest")?;
    let signature: Option<String> = r.try_get("signature")?;
    Ok(VersionRow {
        id: r.try_get("id")?,
        summary: VersionSummary {
            name: r.try_get("name")?,
            version: r.try_get("version")?,
            title: r.try_get("title")?,
            description: r.try_get("description")?,
            status: Status::parse(&status).unwrap_or(Status::Pending),
            sha256: r.try_get("sha256")?,
            size: r.try_get::<i64, _>("size")? as u64,
            uploaded_by: r.try_get("uploaded_by")?,
            uploaded_at: rfc3339(r.try_get("uploaded_at")?),
            reviewed_by: r.try_get("reviewed_by")?,
            reviewed_at: r.try_get::<Option<i64>, _>("reviewed_at")?.map(rfc3339),
            reason: r.try_get("reason")?,
            capabilities: serde_json::from_str(&r.try_get::<String, _>("capabilities")?)
                .map_err(decode)?,
        },
        report,
        manifest: manifest.zip(signature),
    })
}

impl VersionRow {
    pub fn detail(self, previews: Vec<PreviewRow>) -> VersionDetail {
        let mut report = self.report;
        report.previews = previews.into_iter().map(|p| p.preview).collect();
        VersionDetail {
            summary: self.summary,
            report,
        }
    }
}

impl Db {
    /// Adds a version; `None` when `name@version` exists already.
    pub async fn insert_version(&self, v: &NewVersion<'_>) -> sqlx::Result<Option<i64>> {
        let report = serde_json::to_string(v.report).map_err(|e| sqlx::Error::Encode(e.into()))?;
        let caps = serde_json::to_string(&v.report.capabilities)
            .map_err(|e| sqlx::Error::Encode(e.into()))?;
        sqlx::query_scalar(
            "INSERT INTO versions (name, version, title, description, status, sha256, size, \
             capabilities, report, uploaded_by, uploaded_at) \
             VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (name, version) DO NOTHING RETURNING id",
        )
        .bind(v.name)
        .bind(v.version)
        .bind(v.title)
        .bind(v.description)
        .bind(v.sha256)
        .bind(v.size as i64)
        .bind(caps)
        .bind(report)
        .bind(v.uploaded_by)
        .bind(now_ms())
        .fetch_optional(self.pool())
        .await
    }

    pub async fn version(&self, name: &str, version: &str) -> sqlx::Result<Option<VersionRow>> {
        let sql = format!("SELECT {COLUMNS} FROM versions WHERE name = $1 AND version = $2");
        let row = sqlx::query(&sql)
            .bind(name)
            .bind(version)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(row_to_version).transpose()
    }

    /// Every version of `name`, newest first.
    pub async fn versions_of(&self, name: &str) -> sqlx::Result<Vec<VersionRow>> {
        let sql = format!("SELECT {COLUMNS} FROM versions WHERE name = $1 ORDER BY id DESC");
        let rows = sqlx::query(&sql).bind(name).fetch_all(self.pool()).await?;
        rows.iter().map(row_to_version).collect()
    }

    /// Versions in `status`, oldest first (the review queue).
    pub async fn versions_in(&self, status: Status) -> sqlx::Result<Vec<VersionRow>> {
        let sql = format!("SELECT {COLUMNS} FROM versions WHERE status = $1 ORDER BY id");
        let rows = sqlx::query(&sql)
            .bind(status.as_str())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(row_to_version).collect()
    }

    /// Each package's newest approved version whose name, title or description contains `q`
    /// (case-insensitive), by name; and how many match in all.
    pub async fn latest_approved(
        &self,
        q: &str,
        limit: i64,
        offset: i64,
    ) -> sqlx::Result<(Vec<VersionRow>, u64)> {
        let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
        let filter = "FROM versions v WHERE v.status = 'approved' \
            AND (lower(v.name) LIKE $1 OR lower(v.title) LIKE $1 OR lower(v.description) LIKE $1) \
            AND v.id = (SELECT max(w.id) FROM versions w WHERE w.name = v.name AND w.status = 'approved')";
        let cols = COLUMNS
            .split(", ")
            .map(|c| format!("v.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT {cols} {filter} ORDER BY v.name LIMIT $2 OFFSET $3");
        let rows = sqlx::query(&sql)
            .bind(&pattern)
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {filter}"))
            .bind(&pattern)
            .fetch_one(self.pool())
            .await?;
        Ok((
            rows.iter()
                .map(row_to_version)
                .collect::<sqlx::Result<_>>()?,
            total as u64,
        ))
    }

    /// Moves version `id` from one of `from` to `to`, with who and why (and, on approval, the
    /// signed manifest); `false` when it was no longer in `from` (someone else got there first).
    pub async fn set_status(
        &self,
        id: i64,
        from: &[Status],
        to: Status,
        by: &str,
        reason: Option<&str>,
        manifest: Option<(&str, &str)>,
    ) -> sqlx::Result<bool> {
        let from = from
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "UPDATE versions SET status = $1, reviewed_by = $2, reviewed_at = $3, reason = $4, \
             manifest = COALESCE($5, manifest), signature = COALESCE($6, signature) \
             WHERE id = $7 AND status IN ({from})"
        );
        let done = sqlx::query(&sql)
            .bind(to.as_str())
            .bind(by)
            .bind(now_ms())
            .bind(reason)
            .bind(manifest.map(|m| m.0))
            .bind(manifest.map(|m| m.1))
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
