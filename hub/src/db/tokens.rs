//! API tokens: random secrets shown once, stored as their sha256.

use lantern_library::wire::Role;
use lantern_library::wire_versions::TokenInfo;
use sqlx::Row as _;

use super::{Db, now_ms, rfc3339};

pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

impl Db {
    pub async fn create_token(&self, name: &str, role: Role, hash: &str) -> sqlx::Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO tokens (name, role, hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(hash)
        .bind(now_ms())
        .fetch_one(self.pool())
        .await
    }

    /// The live token whose hash is `hash`, marking it used.
    pub async fn token_by_hash(&self, hash: &str) -> sqlx::Result<Option<TokenRow>> {
        let row = sqlx::query(
            "UPDATE tokens SET last_used_at = $1 WHERE hash = $2 AND revoked_at IS NULL \
             RETURNING id, name, role",
        )
        .bind(now_ms())
        .bind(hash)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.and_then(|r| {
            Some(TokenRow {
                id: r.try_get("id").ok()?,
                name: r.try_get("name").ok()?,
                role: Role::parse(r.try_get::<String, _>("role").ok()?.as_str())?,
            })
        }))
    }

    pub async fn tokens(&self) -> sqlx::Result<Vec<TokenInfo>> {
        let rows = sqlx::query(
            "SELECT id, name, role, created_at, last_used_at FROM tokens \
             WHERE revoked_at IS NULL ORDER BY id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("role")?;
                Ok(TokenInfo {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    role: Role::parse(&role).unwrap_or(Role::Host),
                    created_at: rfc3339(r.try_get("created_at")?),
                    last_used_at: r.try_get::<Option<i64>, _>("last_used_at")?.map(rfc3339),
                })
            })
            .collect()
    }

    /// Revokes token `id`; `false` when there is no such live token.
    pub async fn revoke_token(&self, id: i64) -> sqlx::Result<bool> {
        let done =
            sqlx::query("UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(id)
                .execute(self.pool())
                .await?;
        Ok(done.rows_affected() > 0)
    }
}
