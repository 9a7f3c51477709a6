//! The last step of the mix: a peak limiter so input + effect sound never clips. Each frame's
//! peak (all channels linked) above -1 dBFS pulls the gain down at once; the gain recovers with
//! an 80 ms release, so loud moments are turned down smoothly instead of wrapping or clipping.
//! A frame that is not a number becomes silence. Below the threshold it changes nothing.

use super::RATE;

/// The ceiling, linear (-1 dBFS).
pub const CEILING: f32 = 0.891;
const RELEASE_TAU: f32 = 0.080;

/// The limiter's gain, carried from block to block.
#[derive(Clone, Debug)]
pub struct Limiter {
    gain: f32,
    release: f32,
}

impl Default for Limiter {
    fn default() -> Self {
        Self::new()
    }
}

impl Limiter {
    pub fn new() -> Self {
        Self {
            gain: 1.0,
            release: 1.0 - (-1.0 / (RELEASE_TAU * RATE as f32)).exp(),
        }
    }

    /// The gain now (1 = untouched).
    pub fn gain(&self) -> f32 {
        self.gain
    }

    /// Limits `samples` (interleaved, `channels` per frame) in place.
    pub fn process(&mut self, samples: &mut [f32], channels: usize) {
        for frame in samples.chunks_exact_mut(channels.max(1)) {
            let mut peak = 0f32;
            for s in frame.iter_mut() {
                if !s.is_finite() {
                    *s = 0.0;
                }
                peak = peak.max(s.abs());
            }
            if peak <= CEILING && self.gain >= 1.0 {
                continue;
            }
            let target = if peak > CEILING { CEILING / peak } else { 1.0 };
            self.gain = (self.gain + (1.0 - self.gain) * self.release).min(target);
            if self.gain > 0.9999 {
                self.gain = 1.0;
            }
            for s in frame.iter_mut() {
                *s = (*s * self.gain).clamp(-1.0, 1.0);
            }
        }
    }
}
