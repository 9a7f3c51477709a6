//! Rooms and the ledger of awards. Paying is one `INSERT … ON CONFLICT DO NOTHING` against two
//! uniqueness rules (one award per viewer per zone instance; slots 1..limit per zone instance,
//! taken in turn only when the zone has a limit),
//! so a retry, a replay, a double tap or two hub instances at once can never pay twice; a viewer
//! hears "caught" only after the row is committed.

use lantern_library::room::{Award, Gift};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use super::{Db, now_ms, rfc3339};

/// A room as stored.
#[derive(Clone, Debug)]
pub struct RoomRow {
    pub id: String,
    pub name: String,
    pub token_hash: String,
    pub stream_key: String,
    pub gifts: Vec<Gift>,
    pub hls: Option<String>,
    pub likes_total: i64,
}

/// One zone instance's award, asked for by one viewer.
#[derive(Clone, Debug)]
pub struct Claim<'a> {
    pub room: &'a str,
    pub session: &'a str,
    pub zone: &'a str,
    pub viewer: &'a str,
    pub kind: &'a str,
    pub amount: f64,
    /// The first `limit` viewers; `None`: every viewer once.
    pub limit: Option<u32>,
    pub pts: i64,
}

/// What a claim came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Paid {
    /// Paid now.
    New(Award),
    /// Paid before (the same award).
    Already(Award),
    /// Every slot taken.
    Gone,
}

const AWARD_COLUMNS: &str = "id, viewer, session, zone, kind, amount, pts, created_at";

/// How many times a claim retries after losing a race for a slot.
const MAX_TRIES: u32 = 50;

impl Db {
    pub async fn create_room(&self, room: &RoomRow, created_by: &str) -> sqlx::Result<()> {
        let gifts = serde_json::to_string(&room.gifts).unwrap_or_else(|_| "[]".to_owned());
        sqlx::query(
            "INSERT INTO rooms (id, name, token_hash, stream_key, gifts, hls, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&room.id)
        .bind(&room.name)
        .bind(&room.token_hash)
        .bind(&room.stream_key)
        .bind(gifts)
        .bind(room.hls.as_deref())
        .bind(created_by)
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn room(&self, id: &str) -> sqlx::Result<Option<RoomRow>> {
        let row = sqlx::query(
            "SELECT id, name, token_hash, stream_key, gifts, hls, likes_total FROM rooms \
             WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            let gifts: String = r.try_get("gifts")?;
            Ok(RoomRow {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                token_hash: r.try_get("token_hash")?,
                stream_key: r.try_get("stream_key")?,
                gifts: serde_json::from_str(&gifts).unwrap_or_default(),
                hls: r.try_get("hls")?,
                likes_total: r.try_get("likes_total")?,
            })
        })
        .transpose()
    }

    /// Adds `likes` to the room's total; returns the new total.
    pub async fn add_likes(&self, room: &str, likes: i64) -> sqlx::Result<i64> {
        sqlx::query_scalar(
            "UPDATE rooms SET likes_total = likes_total + $1 WHERE id = $2 RETURNING likes_total",
        )
        .bind(likes)
        .bind(room)
        .fetch_one(self.pool())
        .await
    }

    /// Pays `claim` at most once (see the module's note).
    pub async fn pay(&self, claim: &Claim<'_>) -> sqlx::Result<Paid> {
        if claim.limit.is_none() {
            // Every viewer once: no slot to race for; the viewer rule alone decides.
            if let Some(award) = self.insert_award(claim, None).await? {
                return Ok(Paid::New(award));
            }
            return match self.award_of(claim).await? {
                Some(award) => Ok(Paid::Already(award)),
                None => Err(sqlx::Error::Protocol(format!(
                    "zone {} of room {}: refused without an award",
                    claim.zone, claim.room
                ))),
            };
        }
        for _ in 0..MAX_TRIES {
            if let Some(award) = self.award_of(claim).await? {
                return Ok(Paid::Already(award));
            }
            let taken: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM awards WHERE room_id = $1 AND session = $2 AND zone = $3",
            )
            .bind(claim.room)
            .bind(claim.session)
            .bind(claim.zone)
            .fetch_one(self.pool())
            .await?;
            if claim.limit.is_some_and(|limit| taken >= i64::from(limit)) {
                return Ok(Paid::Gone);
            }
            if let Some(award) = self.insert_award(claim, Some(taken + 1)).await? {
                return Ok(Paid::New(award));
            }
            // Lost a race: this viewer's row (found next time round) or the slot (count again).
        }
        Err(sqlx::Error::Protocol(format!(
            "zone {} of room {}: no free slot after {MAX_TRIES} tries",
            claim.zone, claim.room
        )))
    }

    /// The award row, unless a uniqueness rule refuses it.
    async fn insert_award(
        &self,
        claim: &Claim<'_>,
        slot: Option<i64>,
    ) -> sqlx::Result<Option<Award>> {
        let sql = format!(
            "INSERT INTO awards (room_id, session, zone, viewer, slot, kind, amount, pts, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING \
             RETURNING {AWARD_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(claim.room)
            .bind(claim.session)
            .bind(claim.zone)
            .bind(claim.viewer)
            .bind(slot)
            .bind(claim.kind)
            .bind(claim.amount)
            .bind(claim.pts)
            .bind(now_ms())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(award).transpose()
    }

    async fn award_of(&self, claim: &Claim<'_>) -> sqlx::Result<Option<Award>> {
        let sql = format!(
            "SELECT {AWARD_COLUMNS} FROM awards \
             WHERE room_id = $1 AND session = $2 AND zone = $3 AND viewer = $4"
        );
        let row = sqlx::query(&sql)
            .bind(claim.room)
            .bind(claim.session)
            .bind(claim.zone)
            .bind(claim.viewer)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(award).transpose()
    }

    /// The room's awards (one viewer's when given), oldest first.
    pub async fn ledger(&self, room: &str, viewer: Option<&str>) -> sqlx::Result<Vec<Award>> {
        let sql = format!(
            "SELECT {AWARD_COLUMNS} FROM awards WHERE room_id = $1 AND ($2 = '' OR viewer = $2) \
             ORDER BY id"
        );
        let rows = sqlx::query(&sql)
            .bind(room)
            .bind(viewer.unwrap_or(""))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(award).collect()
    }
}

fn award(r: &AnyRow) -> sqlx::Result<Award> {
    Ok(Award {
        id: r.try_get("id")?,
        viewer: r.try_get("viewer")?,
        session: r.try_get("session")?,
        zone: r.try_get("zone")?,
        kind: r.try_get("kind")?,
        amount: r.try_get("amount")?,
        pts: r.try_get("pts")?,
        at: rfc3339(r.try_get("created_at")?),
    })
}
