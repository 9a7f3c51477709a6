//! The effect's sound: its `audio` assets decoded once, background music, and the sounds
//! trigger actions and scripts start and stop, mixed into the input audio on the same clock as
//! the frames.
//!
//! ```text
//! package ──SoundBank::load──▶ clips (48 kHz stereo f32, budgets checked)       [bank.rs]
//! Scene::step(frame N) ──report().sounds──▶ SoundCues at sample round(N·48000/fps)
//!                                    ▼
//! input audio block (mic / file / silence) ──EffectSound::mix──▶ + voices + music
//!      (music ducked under speech in the input: duck.rs)          ──▶ limiter ──▶ AAC
//! ```
//!
//! - The push mixes on its encode thread: the render thread sends each frame's cues and effect
//!   switches over a bounded queue (cues survive frames dropped in front of the encoder), and
//!   the encoder mixes every block of input audio it tops the AAC track up with
//!   (`push/encode.rs`).
//! - `lantern render` to MP4 mixes each frame's span of samples over silence ([`OfflineTrack`]).
//! - `lantern validate` decodes every sound against the budgets ([`check`]).
//!
//! Everything is a function of the sample clock and the cues: the same cues give the same
//! samples, so offline renders are deterministic.

mod bank;
mod duck;
mod limit;
mod mixer;
mod voice;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use effect_schema::Package;

pub use self::bank::{ENGINE_MAX_AUDIO_SECONDS, SoundBank};
pub use self::duck::Ducker;
pub use self::limit::{CEILING, Limiter};
pub use self::mixer::EffectSound;
use crate::error::Result;
pub use crate::scene::SoundCue;

/// The effect's sample rate, Hz (clips are decoded to it; the push and renders encode at it).
pub const RATE: u32 = lantern_media::clip::CLIP_RATE;
/// Channels of the effect's sound.
pub const CHANNELS: usize = 2;

/// The sample frame `index` starts at, at `fps`: `round(index × 48000 / fps)`.
pub fn frame_sample(index: u64, fps: f64) -> u64 {
    (index as f64 * f64::from(RATE) / fps.max(1e-3)).round() as u64
}

/// Decodes `package`'s sounds as playing it would, and drops them: an error names the asset,
/// its file, what is wrong (not audio, truncated, over the budgets) and the fix.
pub fn check(package: &mut Package) -> Result<SoundBank> {
    SoundBank::load(package)
}

/// The effect's sound for an offline render: frame by frame, the frame's span of samples
/// (silence with the effect's sound mixed in), deterministic.
#[derive(Debug)]
pub struct OfflineTrack {
    sound: EffectSound,
    fps: f64,
    next: u64,
}

impl OfflineTrack {
    pub fn new(bank: Arc<SoundBank>, fps: f64) -> Self {
        Self {
            sound: EffectSound::new(bank, 0),
            fps,
            next: 0,
        }
    }

    /// Interleaved stereo from the end of the last frame's span to the end of frame `index`'s,
    /// with `cues` (frame `index`'s) starting at its first sample.
    pub fn frame(&mut self, index: u64, cues: &[SoundCue]) -> Vec<f32> {
        let (at, end) = (
            frame_sample(index, self.fps),
            frame_sample(index + 1, self.fps),
        );
        self.span(at, end, cues)
    }

    /// Interleaved stereo from the end of the last span to sample `end`, with `cues` starting at
    /// sample `at` (for a clock in milliseconds: [`ms_sample`]).
    pub fn span(&mut self, at: u64, end: u64, cues: &[SoundCue]) -> Vec<f32> {
        for cue in cues {
            self.sound.cue(at, cue.clone());
        }
        let mut block = vec![0.0; (end.saturating_sub(self.next) as usize) * CHANNELS];
        self.sound.mix(self.next, &mut block, CHANNELS);
        self.next = end.max(self.next);
        block
    }
}

/// The sample `ms` milliseconds from the start.
pub fn ms_sample(ms: i64) -> u64 {
    (ms.max(0) as u64 * u64::from(RATE)) / 1000
}
