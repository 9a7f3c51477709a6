//! Live rooms on the wire (see `docs/rooms.md`): the HTTP types (a room, its ledger) and the
//! messages of the two WebSockets, JSON with a `type` tag, camelCase.
//!
//! ```text
//!  push ──frames (pts, hot-zones)──►  hub  ◄──tap / like / chat / gift──  viewers
//!       ◄──update every ≤ 500 ms───        ──answer, room (chat, counts)──►
//! ```
//!
//! The push is trusted with the room token; viewers are not: the hub checks each tap against the
//! frames the push sent (the zone on screen at that pts, the point inside it) and pays an award
//! at most once, in one database transaction.

use std::collections::BTreeMap;

use effect_schema::hotzone::SeiPayload;
use serde::{Deserialize, Serialize};

/// The largest message either socket accepts, bytes (a push's batch of frames included).
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;
/// The largest message a viewer may send, bytes.
pub const MAX_VIEWER_MESSAGE_BYTES: usize = 2048;
/// The longest chat line, characters.
pub const MAX_CHAT_CHARS: usize = 200;

/// A gift viewers can send (virtual; the room defines the list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Gift {
    /// Short id (`rocket`): the effect hears `gift:rocket`.
    pub id: String,
    pub name: String,
    /// In the room's virtual coins.
    pub price: u32,
}

/// `POST /api/rooms` (a host or an admin).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct NewRoom {
    pub name: String,
    /// The gifts viewers can send; absent: the hub's default list.
    #[serde(default)]
    pub gifts: Option<Vec<Gift>>,
    /// Where viewers play the stream (HLS); absent: the hub's `--hls-base` and the stream key.
    #[serde(default)]
    pub hls: Option<String>,
}

/// A room as anyone sees it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RoomInfo {
    pub id: String,
    pub name: String,
    pub gifts: Vec<Gift>,
    /// The stream's HLS address, when known.
    pub hls: Option<String>,
    /// A push is connected.
    pub live: bool,
    /// Viewers connected to this hub instance.
    pub viewers: u32,
    /// Likes since the room opened.
    pub likes_total: u64,
}

/// A room just created: the secrets are shown once.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreatedRoom {
    pub room: RoomInfo,
    /// The push connects with it (`lantern push --room URL --room-token …`); also reads the ledger.
    pub room_token: String,
    /// The ingest's stream key (the RTMP path's last part).
    pub stream_key: String,
    /// `ws://…/api/rooms/{id}/push`.
    pub push_url: String,
    /// The viewer page.
    pub viewer_url: String,
}

/// One award paid: a viewer caught a zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Award {
    pub id: i64,
    pub viewer: String,
    /// The push run the zone belongs to (zone ids restart with each run).
    pub session: String,
    pub zone: String,
    pub kind: String,
    pub amount: f64,
    /// The pts of the frame the viewer tapped.
    pub pts: i64,
    /// RFC 3339.
    pub at: String,
}

/// `GET /api/rooms/{id}/ledger`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Ledger {
    pub awards: Vec<Award>,
    pub total: f64,
}

/// `POST /api/rooms/{id}/join`: who this browser is in the room (also set as a signed cookie).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Joined {
    pub viewer: String,
    pub nick: String,
    pub room: RoomInfo,
}

// --- The push's socket -------------------------------------------------------------------

/// The push → the hub.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PushMessage {
    /// First message: which run this is and what the effect listens for.
    #[serde(rename_all = "camelCase")]
    Hello {
        /// Random per push run, kept across reconnects.
        session: String,
        effect: String,
        fps: u32,
        /// Chat keywords the effect reacts to (from its `chat:…` command triggers).
        keywords: Vec<String>,
    },
    /// Frames as their SEI carries them, oldest first (sent in batches, ~10 a second).
    Frames { frames: Vec<SeiPayload> },
}

/// The hub → the push: what the room did since the last update.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RoomUpdate {
    /// Increases by one with each update of a push connection.
    pub seq: u64,
    pub viewers: u32,
    /// Likes since the last update, and since the room opened.
    pub likes: u64,
    pub likes_total: u64,
    /// Checked taps since the last update, by zone kind.
    pub taps: BTreeMap<String, u32>,
    /// Zones caught since the last update (at most 100), for the effect to react on screen.
    pub caught: Vec<CaughtZone>,
    /// Gifts since the last update, by gift id.
    pub gifts: BTreeMap<String, u32>,
    /// Chat lines since the last update containing each declared keyword.
    pub chat: BTreeMap<String, u32>,
    /// Awards paid since the last update.
    pub awards: u32,
}

impl RoomUpdate {
    /// Whether anything happened (an update with nothing in it is not sent, viewers aside).
    pub fn is_quiet(&self) -> bool {
        self.likes == 0
            && self.taps.is_empty()
            && self.gifts.is_empty()
            && self.chat.is_empty()
            && self.awards == 0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CaughtZone {
    pub zone: String,
    pub kind: String,
    pub nick: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum HubToPush {
    Update(RoomUpdate),
    /// Why the hub closes the connection (a bad token, a bad message).
    Error {
        code: String,
        message: String,
    },
}

// --- A viewer's socket -------------------------------------------------------------------

/// A viewer → the hub. `seq` is the viewer's own counter: the answer carries it back.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum ViewerMessage {
    /// A tap on zone `zone` in the frame with Lantern pts `pts`, at (`x`, `y`) in that frame's
    /// pixels (the SEI's `w` × `h`).
    Tap {
        seq: u64,
        zone: String,
        pts: i64,
        x: f32,
        y: f32,
    },
    Like {
        /// 1–10 (a burst of hearts).
        count: u32,
    },
    Chat {
        seq: u64,
        text: String,
    },
    Gift {
        seq: u64,
        gift: String,
    },
}

/// What became of a tap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum TapOutcome {
    /// Paid now.
    Caught,
    /// This viewer caught it before: the same award, not paid again.
    Already,
    /// The zone pays nothing (a tap on a product, say); counted for the effect.
    Tapped,
    /// Every award of this zone is taken.
    Gone,
    /// Not a tap on a zone on screen (never shown, point outside, pts from the future, too old).
    Refused,
}

/// The hub → a viewer.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum HubToViewer {
    #[serde(rename_all = "camelCase")]
    Welcome {
        viewer: String,
        nick: String,
        room: RoomInfo,
        /// The last chat lines, oldest first.
        chat: Vec<ChatLine>,
    },
    #[serde(rename_all = "camelCase")]
    Tap {
        seq: u64,
        outcome: TapOutcome,
        /// The award (caught or already).
        award: Option<Award>,
        /// Why, when refused or gone; a sentence.
        reason: Option<String>,
    },
    /// A chat line or gift was accepted.
    #[serde(rename_all = "camelCase")]
    Ack { seq: u64 },
    /// The room since the last one (every ≤ 500 ms while something happens).
    #[serde(rename_all = "camelCase")]
    Room {
        viewers: u32,
        likes_total: u64,
        live: bool,
        chat: Vec<ChatLine>,
    },
    /// A message refused (too fast, too big, unknown gift); `seq` when it had one.
    #[serde(rename_all = "camelCase")]
    Error {
        seq: Option<u64>,
        code: String,
        message: String,
    },
}

/// A line of chat as everyone sees it: plain text (pages show it as text, never as HTML).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChatLine {
    pub nick: String,
    pub text: String,
    /// A gift's id when the line announces one.
    pub gift: Option<String>,
    /// Unix ms.
    pub at: i64,
}
