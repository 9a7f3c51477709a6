//! The frames a push sent (pts and hot-zones, as their SEI carries them), kept for 30 s per push
//! run, and the check of a viewer's tap against them: the zone must have been on screen within
//! two frames of the tap's pts and the point inside its rectangle; a pts ahead of the newest
//! frame (from the future) or older than what is kept is refused.

use std::collections::VecDeque;
use std::sync::Arc;

use effect_schema::hotzone::SeiPayload;
use effect_schema::tracking::Rect;

/// How much of a run is kept, ms of pts (viewers of HLS are 5–20 s behind).
pub const KEEP_MS: i64 = 30_000;
/// At most this many frames per run, whatever their pts say.
const MAX_FRAMES: usize = 2_000;
/// At most this many zones per frame (more are ignored).
const MAX_ZONES: usize = 64;
/// A point this close outside a rectangle still counts (rounding between players), pixels.
const SLACK_PX: f32 = 2.0;

/// One zone of one frame.
#[derive(Clone, Debug)]
pub struct ZoneAt {
    pub id: Arc<str>,
    pub kind: Arc<str>,
    pub rect: Rect,
    /// From the payload: `amount` (a number) and `limit` (the first N viewers).
    pub amount: Option<f64>,
    pub limit: Option<u32>,
}

#[derive(Debug)]
struct Frame {
    pts: i64,
    zones: Vec<ZoneAt>,
}

/// One push run's recent frames.
#[derive(Debug)]
pub struct FrameLog {
    pub session: String,
    /// ms between frames.
    frame_ms: i64,
    frames: VecDeque<Frame>,
}

/// A tap that passed, with the zone as it was then.
#[derive(Clone, Debug)]
pub struct Hit {
    pub session: String,
    pub zone: ZoneAt,
}

/// Why a tap did not pass: a sentence for the viewer.
pub type Miss = &'static str;

impl FrameLog {
    pub fn new(session: String, fps: u32) -> Self {
        Self {
            session,
            frame_ms: i64::from(1000 / fps.clamp(1, 240)),
            frames: VecDeque::new(),
        }
    }

    /// Adds frames (pts must increase; others are dropped) and forgets what is too old.
    pub fn push(&mut self, frames: Vec<SeiPayload>) {
        for f in frames {
            if self.frames.back().is_some_and(|last| f.pts <= last.pts) {
                continue;
            }
            let zones = f.zones.into_iter().take(MAX_ZONES).map(zone_at).collect();
            self.frames.push_back(Frame { pts: f.pts, zones });
        }
        let newest = self.frames.back().map_or(0, |f| f.pts);
        while self.frames.len() > MAX_FRAMES
            || self
                .frames
                .front()
                .is_some_and(|f| newest - f.pts > KEEP_MS)
        {
            self.frames.pop_front();
        }
    }

    /// Checks a tap on `zone` at (`x`, `y`) in the frame with pts `pts`.
    pub fn check(&self, zone: &str, pts: i64, x: f32, y: f32) -> Result<Hit, Miss> {
        let window = 2 * self.frame_ms + 1;
        let (Some(oldest), Some(newest)) = (self.frames.front(), self.frames.back()) else {
            return Err("The stream has not sent any frame yet.");
        };
        if pts > newest.pts + window {
            return Err("That moment has not been streamed yet.");
        }
        if pts < oldest.pts - window {
            return Err("That moment is too long ago.");
        }
        let mut seen = false;
        let near = self.frames.iter().filter(|f| (f.pts - pts).abs() <= window);
        for z in near.flat_map(|f| f.zones.iter().filter(|z| &*z.id == zone)) {
            seen = true;
            if inside(&z.rect, x, y) {
                return Ok(Hit {
                    session: self.session.clone(),
                    zone: z.clone(),
                });
            }
        }
        Err(if seen {
            "The tap missed it."
        } else {
            "That was not on screen then."
        })
    }
}

fn inside(r: &Rect, x: f32, y: f32) -> bool {
    x.is_finite()
        && y.is_finite()
        && x >= r.x - SLACK_PX
        && y >= r.y - SLACK_PX
        && x <= r.x + r.w + SLACK_PX
        && y <= r.y + r.h + SLACK_PX
}

fn zone_at(z: effect_schema::hotzone::HotZone) -> ZoneAt {
    let amount = z
        .payload
        .get("amount")
        .and_then(serde_json::Value::as_f64)
        .filter(|a| a.is_finite() && *a > 0.0);
    let limit = z
        .payload
        .get("limit")
        .and_then(serde_json::Value::as_u64)
        .map(|l| l.clamp(1, u64::from(u32::MAX)) as u32);
    ZoneAt {
        id: z.id.into(),
        kind: z.kind.into(),
        rect: z.rect,
        amount,
        limit,
    }
}

#[cfg(test)]
mod tests {
    use effect_schema::hotzone::HotZone;

    use super::*;

    fn frame(pts: i64, x: f32) -> SeiPayload {
        SeiPayload {
            v: 1,
            pts,
            wall: 0,
            w: 1280,
            h: 720,
            zones: vec![HotZone {
                id: "packet1".into(),
                kind: "redPacket".into(),
                rect: Rect {
                    x,
                    y: 100.0,
                    w: 50.0,
                    h: 60.0,
                },
                payload: serde_json::json!({"amount": 5, "limit": 3}),
            }],
        }
    }

    fn log() -> FrameLog {
        let mut log = FrameLog::new("s1".into(), 30);
        log.push((0..100).map(|i| frame(i * 33, i as f32 * 10.0)).collect());
        log
    }

    #[test]
    fn a_tap_inside_the_zone_near_its_pts_passes() {
        let hit = log().check("packet1", 50 * 33, 510.0, 120.0).unwrap();
        assert_eq!(hit.zone.amount, Some(5.0));
        assert_eq!(hit.zone.limit, Some(3));
        assert_eq!(hit.session, "s1");
        // A frame or two late still counts (the zone moved 10 px a frame).
        assert!(log().check("packet1", 52 * 33, 505.0, 120.0).is_ok());
    }

    #[test]
    fn forged_taps_are_refused() {
        let log = log();
        assert_eq!(
            log.check("packet1", 50 * 33, 900.0, 120.0).unwrap_err(),
            "The tap missed it."
        );
        assert_eq!(
            log.check("packet9", 50 * 33, 510.0, 120.0).unwrap_err(),
            "That was not on screen then."
        );
        assert!(log.check("packet1", 200 * 33, 510.0, 120.0).is_err());
        assert!(log.check("packet1", -5000, 0.0, 120.0).is_err());
        assert!(log.check("packet1", 50 * 33, f32::NAN, 120.0).is_err());
    }

    #[test]
    fn old_frames_are_forgotten_and_pts_must_increase() {
        let mut log = FrameLog::new("s".into(), 30);
        log.push(vec![frame(0, 0.0), frame(40_000, 0.0), frame(39_000, 0.0)]);
        assert_eq!(log.frames.len(), 1);
        assert_eq!(log.frames[0].pts, 40_000);
    }
}
