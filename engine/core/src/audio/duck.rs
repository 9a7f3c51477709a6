//! Speech in the input audio, for ducking the music under a host who talks: a simple energy
//! detector. The input (mixed to mono) goes through a one-pole high-pass (rumble and hum do not
//! count), its power is smoothed over 10 ms, and above -34 dBFS it is speech; the result is held
//! 250 ms (the gaps between words) and smoothed into a 0..1 "speech amount" with a 30 ms attack
//! and a 400 ms release, so the music dips quickly and comes back gently.

use super::RATE;

/// RMS above which the input is taken for speech (-34 dBFS).
const THRESHOLD: f32 = 0.02;
/// Time constants, seconds.
const LEVEL_TAU: f32 = 0.010;
const ATTACK_TAU: f32 = 0.030;
const RELEASE_TAU: f32 = 0.400;
const HOLD_S: f32 = 0.250;
/// High-pass corner, Hz.
const HIGH_PASS_HZ: f32 = 150.0;

/// A one-pole smoothing coefficient for time constant `tau` seconds.
fn coefficient(tau: f32) -> f32 {
    1.0 - (-1.0 / (tau * RATE as f32)).exp()
}

/// The detector's state, carried from block to block.
#[derive(Clone, Debug)]
pub struct Ducker {
    hp_prev_in: f32,
    hp_prev_out: f32,
    level: f32,
    hold: u32,
    amount: f32,
}

impl Default for Ducker {
    fn default() -> Self {
        Self::new()
    }
}

impl Ducker {
    pub fn new() -> Self {
        Self {
            hp_prev_in: 0.0,
            hp_prev_out: 0.0,
            level: 0.0,
            hold: 0,
            amount: 0.0,
        }
    }

    /// The speech amount now (0 = none, 1 = speaking).
    pub fn amount(&self) -> f32 {
        self.amount
    }

    /// Reads `input` (interleaved, `channels` per frame) and writes the speech amount of each
    /// frame to `out` (cleared first).
    pub fn analyse(&mut self, input: &[f32], channels: usize, out: &mut Vec<f32>) {
        let channels = channels.max(1);
        let hp = {
            let rc = 1.0 / (2.0 * std::f32::consts::PI * HIGH_PASS_HZ);
            rc / (rc + 1.0 / RATE as f32)
        };
        let (level_k, attack_k, release_k) = (
            coefficient(LEVEL_TAU),
            coefficient(ATTACK_TAU),
            coefficient(RELEASE_TAU),
        );
        let hold = (HOLD_S * RATE as f32) as u32;
        out.clear();
        out.reserve(input.len() / channels);
        for frame in input.chunks_exact(channels) {
            let x = frame.iter().sum::<f32>() / channels as f32;
            let x = if x.is_finite() { x } else { 0.0 };
            let y = hp * (self.hp_prev_out + x - self.hp_prev_in);
            (self.hp_prev_in, self.hp_prev_out) = (x, y);
            self.level += (y * y - self.level) * level_k;
            if self.level > THRESHOLD * THRESHOLD {
                self.hold = hold;
            } else {
                self.hold = self.hold.saturating_sub(1);
            }
            let target = if self.hold > 0 { 1.0 } else { 0.0 };
            let k = if target > self.amount {
                attack_k
            } else {
                release_k
            };
            self.amount += (target - self.amount) * k;
            out.push(self.amount);
        }
    }
}
