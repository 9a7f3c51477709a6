//! The live state of each layer and script-spawned sprite: what triggers and the script change
//! between frames (visibility, opacity, text, a script-set transform, the sequence clock,
//! particle bursts). The effect's own description stays untouched in `effect.json`'s types.

use effect_schema::format::Layer;
use effect_schema::tracking::Point2;
use lantern_script::{HotZoneSpec, Transform};

use super::animate::ClipPlay;

/// A sequence's playhead on the deterministic clock.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SeqClock {
    playing: bool,
    /// Seconds into the sequence at `anchor`.
    base: f64,
    /// Effect time (seconds) when `base` was taken.
    anchor: f64,
}

impl Default for SeqClock {
    fn default() -> Self {
        Self {
            playing: true,
            base: 0.0,
            anchor: 0.0,
        }
    }
}

impl SeqClock {
    /// Seconds into the sequence at effect time `now`.
    pub fn at(&self, now: f64) -> f64 {
        if self.playing {
            self.base + (now - self.anchor).max(0.0)
        } else {
            self.base
        }
    }

    /// Resume where it stopped.
    pub fn play(&mut self, now: f64) {
        if !self.playing {
            self.anchor = now;
            self.playing = true;
        }
    }

    /// Pause where it is.
    pub fn stop(&mut self, now: f64) {
        self.base = self.at(now);
        self.playing = false;
    }

    /// Play from the first frame.
    pub fn restart(&mut self, now: f64) {
        self.base = 0.0;
        self.anchor = now;
        self.playing = true;
    }

    /// Jump to `seconds` into the sequence, keeping the play/pause state.
    pub fn seek(&mut self, seconds: f64, now: f64) {
        self.base = seconds.max(0.0);
        self.anchor = now;
    }
}

/// One particle burst: when and where it started.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Burst {
    /// Effect time of the burst, seconds.
    pub start: f64,
    pub count: u32,
    /// Emission point in output pixels; `None` = the layer's own placement.
    pub at: Option<Point2>,
    /// Distinguishes bursts (seeds their particles).
    pub serial: u64,
}

/// The live state of one layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerState {
    pub id: String,
    pub visible: bool,
    pub opacity: f32,
    /// The current text of a text layer.
    pub text: Option<String>,
    /// Set when the script placed the layer itself (output pixels, scale of its natural size).
    pub transform: Option<Transform>,
    /// A hot-zone the script set (or cleared: `Some(None)`), overriding `effect.json`'s.
    pub hot_zone: Option<Option<HotZoneSpec>>,
    pub clock: SeqClock,
    pub bursts: Vec<Burst>,
    /// A particle layer's memory of the point it follows (`follow`).
    pub emitter: super::particles::Emitter,
    /// Effect time the layer last became visible (fades, continuous emitters).
    pub shown_at: f64,
    /// The keyframe clip the layer plays, if any.
    pub clip: Option<ClipPlay>,
    /// The clip it plays whenever it becomes visible (index into `effect.animations`).
    pub autoplay: Option<usize>,
}

impl LayerState {
    /// The state a layer starts in.
    pub fn new(layer: &Layer) -> Self {
        let text = match layer {
            Layer::Text(t) => Some(t.template.clone()),
            _ => None,
        };
        let opacity = match layer {
            Layer::Sticker(s) => s.opacity,
            _ => 1.0,
        };
        Self {
            id: layer.id().to_owned(),
            visible: layer.visible(),
            opacity,
            text,
            transform: None,
            hot_zone: None,
            clock: SeqClock::default(),
            bursts: Vec::new(),
            emitter: super::particles::Emitter::default(),
            shown_at: 0.0,
            clip: None,
            autoplay: None,
        }
    }

    /// Show or hide at effect time `now`; a layer that appears starts its autoplay clip.
    pub fn set_visible(&mut self, visible: bool, now: f64) {
        if visible && !self.visible {
            self.shown_at = now;
            if let Some(clip) = self.autoplay {
                self.play_clip(clip, now);
            }
        }
        self.visible = visible;
    }

    /// Plays clip `clip` (an index into `effect.animations`) from its start at `now`.
    pub fn play_clip(&mut self, clip: usize, now: f64) {
        self.clip = Some(ClipPlay {
            clip,
            start: now,
            held_at: None,
        });
    }
}

/// A sprite the script spawned from an image or sequence asset.
#[derive(Clone, Debug, PartialEq)]
pub struct SpriteState {
    pub id: String,
    pub asset: String,
    pub transform: Transform,
    pub opacity: f32,
    pub visible: bool,
    pub hot_zone: Option<HotZoneSpec>,
    pub clock: SeqClock,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_clock_plays_stops_and_restarts() {
        let mut c = SeqClock::default();
        assert!((c.at(2.0) - 2.0).abs() < 1e-9);
        c.stop(2.0);
        assert!((c.at(5.0) - 2.0).abs() < 1e-9);
        c.play(5.0);
        assert!((c.at(6.0) - 3.0).abs() < 1e-9);
        c.restart(10.0);
        assert!(c.at(10.5) - 0.5 < 1e-9);
        c.seek(4.0, 11.0);
        assert!((c.at(12.0) - 5.0).abs() < 1e-9);
    }
}
