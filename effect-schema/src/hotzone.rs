//! Hot-zones: the interactive rectangles of one rendered frame, and the SEI payload that carries
//! them to players (see `docs/sei-hotzones.md`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::tracking::Rect;

/// The UUID that marks Lantern's H.264 `user_data_unregistered` SEI messages
/// (`6c616e74-6572-6e2d-686f-747a6f6e6573`, the ASCII of "lantern-hotzones").
pub const SEI_UUID: [u8; 16] = *b"lantern-hotzones";

/// The version of [`SeiPayload`] written by this build.
pub const SEI_VERSION: u8 = 1;

/// One interactive rectangle, in output-frame pixels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct HotZone {
    /// The layer or sprite id the zone belongs to.
    pub id: String,
    /// What kind of thing it is (`redPacket`, `product`, …), for the player to style it.
    pub kind: String,
    pub rect: Rect,
    /// Free-form data the player shows or sends on a tap.
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    #[ts(optional, as = "Option<serde_json::Value>")]
    pub payload: serde_json::Value,
}

/// The JSON carried in each video frame's SEI message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct SeiPayload {
    /// Payload version ([`SEI_VERSION`]).
    pub v: u8,
    /// Presentation timestamp of the frame, in milliseconds from the stream start.
    pub pts: i64,
    /// Wall-clock time the frame was encoded, Unix milliseconds (for glass-to-glass latency).
    #[ts(type = "number")]
    pub wall: u64,
    /// Output frame size the rectangles refer to.
    pub w: u32,
    pub h: u32,
    pub zones: Vec<HotZone>,
}
