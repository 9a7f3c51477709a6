//! Nod and shake: back-and-forth head motion over the last second.
//!
//! Pitch (for a nod) and yaw (for a shake) are followed through a turning-point detector with a
//! dead band: a turn is counted when the angle comes back from its latest extreme by more than
//! `swing` degrees. Two turns within the window, with the other axis moving less, is a nod or
//! a shake.

use std::collections::VecDeque;

/// One axis' turning points.
#[derive(Clone, Debug, Default)]
struct Turns {
    extreme: Option<f32>,
    rising: Option<bool>,
    times: VecDeque<f32>,
}

impl Turns {
    fn push(&mut self, t: f32, v: f32, swing: f32) {
        let Some(ext) = self.extreme else {
            self.extreme = Some(v);
            return;
        };
        match self.rising {
            None => {
                if (v - ext).abs() > swing {
                    self.rising = Some(v > ext);
                    self.extreme = Some(v);
                }
            }
            Some(up) => {
                let further = if up { v > ext } else { v < ext };
                if further {
                    self.extreme = Some(v);
                } else if (v - ext).abs() > swing {
                    self.times.push_back(t);
                    self.rising = Some(!up);
                    self.extreme = Some(v);
                }
            }
        }
    }

    fn recent(&mut self, now: f32, window: f32) -> usize {
        while self.times.front().is_some_and(|&t| now - t > window) {
            self.times.pop_front();
        }
        self.times.len()
    }
}

/// Nod/shake detection for one face.
#[derive(Clone, Debug, Default)]
pub struct HeadMotion {
    pitch: Turns,
    yaw: Turns,
}

/// What the head is doing now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Motion {
    pub nod: bool,
    pub shake: bool,
}

impl HeadMotion {
    /// Feeds the pose at time `t` (seconds).
    pub fn update(&mut self, t: f32, yaw: f32, pitch: f32) -> Motion {
        const SWING: f32 = 5.0;
        const WINDOW: f32 = 1.2;
        self.pitch.push(t, pitch, SWING);
        self.yaw.push(t, yaw, SWING);
        let (p, y) = (self.pitch.recent(t, WINDOW), self.yaw.recent(t, WINDOW));
        Motion {
            nod: p >= 2 && p > y,
            shake: y >= 2 && y > p,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nod_is_seen_and_a_still_head_is_not() {
        let mut m = HeadMotion::default();
        let mut nod = false;
        for i in 0..30 {
            let t = i as f32 / 30.0;
            let pitch = 12.0 * (t * std::f32::consts::TAU * 2.0).sin();
            nod |= m.update(t, 0.5, pitch).nod;
        }
        assert!(nod);
        let mut still = HeadMotion::default();
        for i in 0..60 {
            let r = still.update(i as f32 / 30.0, (i % 2) as f32, 0.0);
            assert!(!r.nod && !r.shake);
        }
    }
}
