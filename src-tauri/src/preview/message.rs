//! One preview frame as it crosses to the webview: a small JSON header and the raw RGBA pixels,
//! in one binary message (never JSON numbers, never base64).
//!
//! Layout, little-endian:
//!
//! ```text
//! 0..4      magic  b"LPV1"
//! 4..8      n      length of the JSON header in bytes
//! 8..8+n    JSON   a [`FrameInfo`] (UTF-8)
//! ..        pad    zero bytes up to a multiple of 4
//! ..        RGBA   width * height * 4 bytes (width/height from the header; 0 x 0: no pixels)
//! ```
//!
//! The header carries everything the Studio shows beside the picture: the frame counters to
//! acknowledge, the fps/ms readout, the triggers that fired, the sounds started or stopped, the
//! script's console lines, the hot-zones and — when the overlay is on — what the tracker sees,
//! all in output pixels.

use lantern_engine::scene::SoundCue;
use lantern_engine::schema::hotzone::HotZone;
use lantern_engine::schema::vocab::{FaceAnchor, Gesture, Handedness};
use lantern_engine::script::{LogEntry, LogLevel};
use serde::Serialize;
use ts_rs::TS;

/// The first four bytes of every preview frame message.
pub const MAGIC: &[u8; 4] = b"LPV1";

/// Everything about one preview frame except its pixels.
#[derive(Clone, Debug, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameInfo {
    /// Which preview sent it (acknowledgements name it).
    #[ts(type = "number")]
    pub session: u64,
    /// The message's number from 1; the webview acknowledges it once drawn (`preview_ack`).
    #[ts(type = "number")]
    pub seq: u64,
    /// The scene's frame index (its clock: index / fps seconds).
    #[ts(type = "number")]
    pub index: u64,
    /// Size of the pixels that follow; 0 x 0 for a message without a picture.
    pub width: u32,
    pub height: u32,
    /// Output pixels per sent pixel (the header's coordinates are in output pixels).
    pub shrink: u32,
    /// Frames sent per second, over the last second.
    pub fps: f32,
    /// Time in the engine for this frame: scene, render and readback.
    pub render_ms: f32,
    /// From taking the source frame to the message being ready (tracking hand-off, render,
    /// overlay, packing).
    pub frame_ms: f32,
    /// When the source frame was taken, Unix milliseconds (the webview adds the rest).
    pub captured_at_ms: f64,
    /// Frames not rendered since the last message because the webview was still drawing.
    #[ts(type = "number")]
    pub skipped: u64,
    pub tracking: TrackingStatus,
    /// Ids of the triggers that fired in this frame.
    pub fired: Vec<String>,
    /// Sounds the effect started or stopped on this frame (trigger actions, the script), for the
    /// webview to play.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<SoundEvent>>")]
    pub sounds: Vec<SoundEvent>,
    /// Script console lines (and the scene's notes) since the last message.
    pub logs: Vec<ConsoleLine>,
    /// The frame's hot-zones, in output pixels.
    pub zones: Vec<HotZone>,
    /// What the tracker sees, in output pixels; only while the overlay is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub overlay: Option<Overlay>,
    /// Why the last document change is not playing (the previous one keeps playing).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<String>,
    /// Why this frame has no picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<String>,
    /// The preview stopped after this message (the source failed or ended).
    pub ended: bool,
    /// Where a video source stands (the transport bar); absent for photos and cameras.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub clip: Option<super::ClipStatus>,
    /// The recording in progress, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recording: Option<super::RecordingStatus>,
}

/// A sound started or stopped on a frame (the engine's `SoundCue`).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "cue", rename_all = "camelCase")]
pub enum SoundEvent {
    /// Start `sound` (an `audio` asset id) from its beginning; one already playing restarts.
    Play {
        sound: String,
        /// 0..1.
        volume: f32,
        #[serde(rename = "loop")]
        looping: bool,
    },
    /// Stop `sound` if it plays.
    Stop { sound: String },
}

impl From<&SoundCue> for SoundEvent {
    fn from(cue: &SoundCue) -> Self {
        match cue {
            SoundCue::Play {
                sound,
                volume,
                looping,
            } => Self::Play {
                sound: sound.clone(),
                volume: *volume,
                looping: *looping,
            },
            SoundCue::Stop { sound } => Self::Stop {
                sound: sound.clone(),
            },
        }
    }
}

/// Whether tracking runs, and how fresh it is.
#[derive(Clone, Debug, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrackingStatus {
    pub state: TrackingState,
    /// Why tracking is unavailable (`state: "error"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<String>,
    /// How long the tracker took on its last frame.
    pub track_ms: f32,
}

/// The tracker's state in the preview.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TrackingState {
    /// The effect needs no tracking.
    #[default]
    Off,
    /// Models are loading.
    Loading,
    Running,
    /// The tracker could not start or failed; the preview goes on without it.
    Error,
}

/// One line of the script console.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleLine {
    pub level: ConsoleLevel,
    pub message: String,
    /// `file:line` inside the package, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<String>,
    #[ts(type = "number")]
    pub frame: u64,
}

/// Severity of a console line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ConsoleLevel {
    Debug,
    Info,
    Warn,
    Error,
}

impl From<LogEntry> for ConsoleLine {
    fn from(e: LogEntry) -> Self {
        Self {
            level: match e.level {
                LogLevel::Debug => ConsoleLevel::Debug,
                LogLevel::Info => ConsoleLevel::Info,
                LogLevel::Warn => ConsoleLevel::Warn,
                LogLevel::Error => ConsoleLevel::Error,
            },
            message: e.message,
            location: e.location,
            frame: e.frame,
        }
    }
}

/// What the tracker sees, for the preview's overlay, in output pixels.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Overlay {
    pub faces: Vec<OverlayFace>,
    pub hands: Vec<OverlayHand>,
    /// Gestures in progress (two-hand ones included), by name.
    pub gestures: Vec<Gesture>,
}

/// One face: its box, mesh points (`x0, y0, x1, y1, …`) and named anchors.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverlayFace {
    /// `[x, y, w, h]`.
    pub bbox: [f32; 4],
    pub points: Vec<f32>,
    pub anchors: Vec<OverlayAnchor>,
}

/// A named face anchor.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct OverlayAnchor {
    pub name: FaceAnchor,
    pub x: f32,
    pub y: f32,
}

/// One hand: its box, 21 landmarks (`x0, y0, …`, MediaPipe order) and its held gesture.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverlayHand {
    pub bbox: [f32; 4],
    pub points: Vec<f32>,
    pub handedness: Handedness,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub gesture: Option<Gesture>,
}

/// Packs `info` and `rgba` (`info.width * info.height * 4` bytes, or empty) into one message.
pub fn encode(info: &FrameInfo, rgba: &[u8]) -> Vec<u8> {
    // A FrameInfo is plain data: serialising it cannot fail; fall back to an empty object.
    let json = serde_json::to_vec(info).unwrap_or_else(|_| b"{}".to_vec());
    let pad = (4 - json.len() % 4) % 4;
    let mut out = Vec::with_capacity(8 + json.len() + pad + rgba.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    out.resize(out.len() + pad, 0);
    out.extend_from_slice(rgba);
    out
}

/// Splits a message back into its JSON header and pixels (tests, tools).
pub fn decode(bytes: &[u8]) -> Option<(serde_json::Value, &[u8])> {
    if bytes.len() < 8 || &bytes[..4] != MAGIC {
        return None;
    }
    let n = u32::from_le_bytes(bytes[4..8].try_into().ok()?) as usize;
    let json = serde_json::from_slice(bytes.get(8..8 + n)?).ok()?;
    let start = 8 + n + (4 - n % 4) % 4;
    Some((json, bytes.get(start..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_pixels_round_trip_with_the_pixels_aligned() {
        let info = FrameInfo {
            seq: 7,
            width: 2,
            height: 1,
            fired: vec!["heart".into()],
            ..FrameInfo::default()
        };
        let rgba = [1, 2, 3, 4, 5, 6, 7, 8];
        let bytes = encode(&info, &rgba);
        assert_eq!(&bytes[..4], b"LPV1");
        let (json, pixels) = decode(&bytes).unwrap();
        assert_eq!(json["seq"], 7);
        assert_eq!(json["fired"][0], "heart");
        assert_eq!(json["tracking"]["state"], "off");
        assert_eq!(pixels, rgba);
        assert_eq!(
            (bytes.len() - pixels.len()) % 4,
            0,
            "pixels start 4-aligned"
        );
        assert!(decode(b"nope").is_none());
    }
}
