//! An effect's sounds, decoded once: every `audio` asset of the package at 48 kHz stereo, its
//! music settings, and the budgets their decoded length is held to.

use std::collections::BTreeMap;
use std::sync::Arc;

use effect_schema::Package;
use effect_schema::format::{Asset, Budgets, Music};
use lantern_media::MediaError;
use lantern_media::clip::{CLIP_BYTES_PER_SECOND, decode_clip};

use crate::error::{EngineError, Result};

/// Decoded audio of all assets together may never exceed this, whatever the budgets say (an
/// `effect.json` can raise them): 10 minutes, 230 MB.
pub const ENGINE_MAX_AUDIO_SECONDS: f64 = 600.0;

/// An effect's decoded sounds, by asset id (shared between the threads that play them).
#[derive(Clone, Debug, Default)]
pub struct SoundBank {
    clips: BTreeMap<String, Arc<[f32]>>,
    music: Option<Music>,
    seconds: f64,
}

/// The longest the package's audio may decode to, and the budget that sets it.
fn audio_limit(budgets: &Budgets) -> (f64, &'static str) {
    let seconds = f64::from(budgets.max_audio_seconds);
    let from_bytes = f64::from(budgets.max_audio_bytes) / CLIP_BYTES_PER_SECOND as f64;
    if seconds.min(from_bytes) > ENGINE_MAX_AUDIO_SECONDS {
        (ENGINE_MAX_AUDIO_SECONDS, "the engine's limit of 600 s")
    } else if from_bytes < seconds {
        (from_bytes, "/meta/budgets/maxAudioBytes")
    } else {
        (seconds, "/meta/budgets/maxAudioSeconds")
    }
}

impl SoundBank {
    /// No sound at all (an effect without audio assets).
    pub fn empty() -> Self {
        Self::default()
    }

    /// A bank of clips decoded elsewhere (interleaved stereo at 48 kHz), by asset id.
    pub fn from_clips(
        clips: impl IntoIterator<Item = (String, Vec<f32>)>,
        music: Option<Music>,
    ) -> Self {
        let clips: BTreeMap<String, Arc<[f32]>> =
            clips.into_iter().map(|(id, c)| (id, c.into())).collect();
        let frames: usize = clips.values().map(|c| c.len() / 2).sum();
        Self {
            clips,
            music,
            seconds: frames as f64 / f64::from(super::RATE),
        }
    }

    /// Decodes every `audio` asset of `package`. A file that is not audio, is truncated, or takes
    /// the total past the budgets fails as [`EngineError::Asset`] naming the asset, its file, the
    /// budget and the fix; decoding stops as soon as the budget is passed.
    pub fn load(package: &mut Package) -> Result<Self> {
        let (limit, budget) = audio_limit(&package.effect.meta.budgets);
        let mut bank = Self {
            music: package.effect.music.clone(),
            ..Self::default()
        };
        let name = package.name().to_owned();
        for asset in package.effect.assets.clone() {
            let Asset::Audio(file) = asset else {
                continue;
            };
            let error = |message: String| EngineError::Asset {
                package: name.clone(),
                asset: file.id.clone(),
                path: file.path.clone(),
                message,
            };
            let bytes = package.read(&file.path).map_err(|e| error(e.to_string()))?;
            let left = limit - bank.seconds;
            let clip = decode_clip(&file.path, bytes, left).map_err(|e| match e {
                MediaError::ClipTooLong {
                    seconds, declared, ..
                } => error(over_budget(seconds, declared, limit, left, budget)),
                MediaError::Clip { message, .. } => error(message),
                other => error(other.to_string()),
            })?;
            bank.seconds += clip.seconds();
            bank.clips.insert(file.id, clip.samples.into());
        }
        Ok(bank)
    }

    /// The decoded clip of asset `id` (interleaved stereo at 48 kHz).
    pub fn clip(&self, id: &str) -> Option<&Arc<[f32]>> {
        self.clips.get(id)
    }

    /// The effect's background music, when it has some.
    pub fn music(&self) -> Option<&Music> {
        self.music.as_ref()
    }

    /// Seconds of audio decoded, all assets together.
    pub fn seconds(&self) -> f64 {
        self.seconds
    }

    /// Bytes the decoded audio takes.
    pub fn bytes(&self) -> u64 {
        self.clips.values().map(|c| c.len() as u64 * 4).sum()
    }

    /// How many clips were decoded.
    pub fn len(&self) -> usize {
        self.clips.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clips.is_empty()
    }
}

/// The message for an asset that takes the package's audio past its budget.
fn over_budget(seconds: f64, declared: bool, limit: f64, left: f64, budget: &str) -> String {
    let what = if declared {
        format!("its header says it lasts {seconds:.1} s")
    } else {
        format!("it decodes to more than {seconds:.1} s")
    };
    format!(
        "{what}, but only {left:.1} s of the {limit:.1} s that all audio assets together may \
         last ({budget}) are left; shorten the sound (or remove others), or raise the budget"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tighter_budget_sets_the_limit() {
        let mut b = Budgets::default();
        assert_eq!(audio_limit(&b), (120.0, "/meta/budgets/maxAudioSeconds"));
        b.max_audio_bytes = (CLIP_BYTES_PER_SECOND * 10) as u32;
        assert_eq!(audio_limit(&b), (10.0, "/meta/budgets/maxAudioBytes"));
        b.max_audio_bytes = u32::MAX;
        b.max_audio_seconds = u32::MAX;
        assert_eq!(audio_limit(&b).1, "the engine's limit of 600 s");
    }
}
