//! The video transport: play and pause, scrub and loop a preview over a video file, as in any
//! player. The clip has its own clock, apart from the effect's: pausing holds the clip's picture
//! while the effect keeps playing over it (as over a photo), so a designer can stop on the frame
//! where a trigger fires and watch it.
//!
//! The clock is an anchor (a position in the clip at an instant) plus the time since, while
//! playing. A seek re-anchors it at the position the source reached; the end of a clip that does
//! not loop pauses it there, and Play from the end starts over.

use std::time::Instant;

use lantern_engine::Source;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the transport bar asks; the fields left out keep their value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TransportRequest {
    #[ts(optional)]
    pub playing: Option<bool>,
    /// Jump to this time from the clip's start, in ms.
    #[ts(optional)]
    pub seek_ms: Option<f64>,
    #[ts(optional)]
    pub looping: Option<bool>,
}

impl TransportRequest {
    /// Folds a newer request into this pending one (its fields win).
    pub fn merge(&mut self, newer: Self) {
        self.playing = newer.playing.or(self.playing);
        self.seek_ms = newer.seek_ms.or(self.seek_ms);
        self.looping = newer.looping.or(self.looping);
    }
}

/// The clip's state, in each frame's header.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClipStatus {
    /// The picture's time from the clip's start, in ms.
    pub position_ms: f64,
    /// The clip's length, when the file says.
    pub duration_ms: Option<f64>,
    pub playing: bool,
    pub looping: bool,
}

/// The clip's clock (whether it loops is the source's to say).
#[derive(Debug)]
pub struct ClipClock {
    playing: bool,
    anchor: Instant,
    /// The clip's time at `anchor`, on the source's live clock (it counts on across loops).
    anchor_ms: i64,
}

impl ClipClock {
    /// A clip playing from its start.
    pub fn new(now: Instant) -> Self {
        Self {
            playing: true,
            anchor: now,
            anchor_ms: 0,
        }
    }

    /// The time to ask the source for at `now`.
    pub fn t_ms(&self, now: Instant) -> i64 {
        if self.playing {
            let elapsed = now.saturating_duration_since(self.anchor).as_millis();
            self.anchor_ms + i64::try_from(elapsed).unwrap_or(i64::MAX / 2)
        } else {
            self.anchor_ms
        }
    }

    fn hold(&mut self, now: Instant) {
        self.anchor_ms = self.t_ms(now);
        self.anchor = now;
    }

    /// Carries out `request` on `source`; a seek that fails is the error (the clock stays).
    pub fn apply(
        &mut self,
        request: &TransportRequest,
        source: &mut Source,
        now: Instant,
    ) -> lantern_engine::Result<()> {
        if let Some(on) = request.looping {
            source.set_looping(on);
        }
        let ended = source.clip().is_some_and(|c| c.ended);
        let restart = request.playing == Some(true) && !self.playing && ended;
        if let Some(ms) = request.seek_ms.filter(|ms| ms.is_finite()) {
            self.anchor_ms = source.seek(ms.round() as i64)?;
            self.anchor = now;
        } else if restart {
            self.anchor_ms = source.seek(0)?;
            self.anchor = now;
        }
        if let Some(on) = request.playing {
            self.hold(now);
            self.playing = on;
        }
        Ok(())
    }

    /// After a frame: a clip that reached its end without looping pauses there.
    pub fn after_frame(&mut self, source: &Source, now: Instant) {
        if self.playing && source.clip().is_some_and(|c| c.ended) {
            self.hold(now);
            self.playing = false;
        }
    }

    /// The header's clip state.
    pub fn status(&self, source: &Source) -> Option<ClipStatus> {
        source.clip().map(|c| ClipStatus {
            position_ms: c.position_ms as f64,
            duration_ms: c.duration_ms.map(|d| d as f64),
            playing: self.playing,
            looping: c.looping,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_newer_request_wins_field_by_field() {
        let mut pending = TransportRequest {
            playing: Some(false),
            seek_ms: Some(100.0),
            looping: None,
        };
        pending.merge(TransportRequest {
            seek_ms: Some(900.0),
            looping: Some(false),
            ..TransportRequest::default()
        });
        assert_eq!(
            pending,
            TransportRequest {
                playing: Some(false),
                seek_ms: Some(900.0),
                looping: Some(false),
            }
        );
    }

    #[test]
    fn the_clock_runs_while_playing_and_holds_while_paused() {
        let t0 = Instant::now();
        let mut clock = ClipClock::new(t0);
        let t1 = t0 + Duration::from_millis(400);
        assert_eq!(clock.t_ms(t1), 400);
        clock.hold(t1);
        clock.playing = false;
        assert_eq!(clock.t_ms(t1 + Duration::from_secs(5)), 400);
    }
}
