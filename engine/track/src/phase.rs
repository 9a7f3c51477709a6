//! Begin/Stay/End states with hysteresis and a minimum duration.
//!
//! Per-frame measures flicker; triggers must fire once per gesture. A [`Hysteresis`] turns a
//! 0..1 measure into on/off with separate on and off thresholds; a [`Latch`] turns a per-frame
//! candidate (a gesture, or "on") into a held state that changes only after the new candidate
//! has been seen for `min_frames` frames in a row, and reports the change as End (old) and
//! Begin (new), and Stay every frame in between.

use effect_schema::vocab::Phase;

/// On above `on`, off below `off` (with `off < on`), unchanged in between.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hysteresis {
    pub on: f32,
    pub off: f32,
}

impl Hysteresis {
    pub fn apply(self, value: f32, was_on: bool) -> bool {
        if was_on {
            value > self.off
        } else {
            value > self.on
        }
    }
}

/// A held state of `T` with debouncing.
#[derive(Clone, Debug)]
pub struct Latch<T> {
    current: Option<T>,
    candidate: Option<T>,
    count: u32,
}

impl<T> Default for Latch<T> {
    fn default() -> Self {
        Self {
            current: None,
            candidate: None,
            count: 0,
        }
    }
}

impl<T: Copy + PartialEq> Latch<T> {
    /// The held state.
    pub fn current(&self) -> Option<T> {
        self.current
    }

    /// Feeds this frame's raw candidate; returns the phase changes, in order (an End of the old
    /// state before the Begin of the new one, or a Stay of the held one).
    pub fn update(&mut self, raw: Option<T>, min_frames: u32) -> Vec<(T, Phase)> {
        let mut out = Vec::new();
        if raw == self.current {
            self.candidate = None;
            self.count = 0;
        } else if raw == self.candidate {
            self.count += 1;
        } else {
            self.candidate = raw;
            self.count = 1;
        }
        if self.count >= min_frames.max(1) && raw != self.current {
            if let Some(old) = self.current {
                out.push((old, Phase::End));
            }
            self.current = raw;
            self.candidate = None;
            self.count = 0;
            if let Some(new) = raw {
                out.push((new, Phase::Begin));
            }
        } else if let Some(held) = self.current {
            out.push((held, Phase::Stay));
        }
        out
    }

    /// Ends the held state (the hand or face left the frame).
    pub fn end(&mut self) -> Option<(T, Phase)> {
        self.candidate = None;
        self.count = 0;
        self.current.take().map(|t| (t, Phase::End))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flicker_does_not_fire_and_a_held_state_fires_once() {
        let mut l = Latch::default();
        assert!(l.update(Some(1), 3).is_empty());
        assert!(l.update(None, 3).is_empty());
        assert!(l.update(Some(1), 3).is_empty());
        assert!(l.update(Some(1), 3).is_empty());
        assert_eq!(l.update(Some(1), 3), vec![(1, Phase::Begin)]);
        assert_eq!(l.update(Some(1), 3), vec![(1, Phase::Stay)]);
        // One odd frame keeps it held.
        assert_eq!(l.update(Some(2), 3), vec![(1, Phase::Stay)]);
        assert_eq!(l.update(None, 3), vec![(1, Phase::Stay)]);
        assert_eq!(l.update(None, 3), vec![(1, Phase::Stay)]);
        assert_eq!(l.update(None, 3), vec![(1, Phase::End)]);
        assert_eq!(l.current(), None);
        assert_eq!(l.update(Some(2), 1), vec![(2, Phase::Begin)]);
        assert_eq!(l.end(), Some((2, Phase::End)));
    }

    #[test]
    fn hysteresis_holds_between_thresholds() {
        let h = Hysteresis { on: 0.6, off: 0.4 };
        assert!(!h.apply(0.5, false));
        assert!(h.apply(0.5, true));
        assert!(h.apply(0.7, false));
        assert!(!h.apply(0.3, true));
    }
}
