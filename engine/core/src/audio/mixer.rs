//! [`EffectSound`]: the effect's sound mixed into the input audio, block by block, on the
//! effect's sample clock.
//!
//! The frames' [`SoundCue`]s are scheduled at their frame's sample (`round(N × 48000 / fps)`,
//! [`frame_sample`]); an effect switch is scheduled the same way. Each [`EffectSound::mix`] call
//! applies what is due before the block's end — a cue in the middle of a block starts its voice
//! at that very sample, a cue that arrives late (its frame's audio already went out) starts at
//! the block's first sample — then adds every voice and the music (ducked under speech in the
//! input) into the block and limits the sum ([`Limiter`]).

use std::sync::Arc;

use super::bank::SoundBank;
use super::duck::Ducker;
use super::limit::Limiter;
use super::voice::Voice;
use super::{SoundCue, frame_sample};

/// Something scheduled on the sample clock.
#[derive(Debug)]
enum Event {
    Cue(SoundCue),
    /// Another effect from here: its sounds and music; the old ones fade out.
    Switch(Arc<SoundBank>),
}

/// An effect's sound, mixed into the input audio.
pub struct EffectSound {
    bank: Arc<SoundBank>,
    /// Not yet applied, in the order they are due.
    pending: Vec<(u64, Event)>,
    voices: Vec<Voice>,
    ducker: Ducker,
    limiter: Limiter,
    /// Scratch: the effect's stereo sound for a block, and the speech amount per frame.
    sound: Vec<f32>,
    speech: Vec<f32>,
}

impl std::fmt::Debug for EffectSound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EffectSound")
            .field("clips", &self.bank.len())
            .field("voices", &self.voices.len())
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

impl EffectSound {
    /// `bank`'s sound, its music starting at sample `start`.
    pub fn new(bank: Arc<SoundBank>, start: u64) -> Self {
        let mut sound = Self {
            bank: Arc::new(SoundBank::empty()),
            pending: Vec::new(),
            voices: Vec::new(),
            ducker: Ducker::new(),
            limiter: Limiter::new(),
            sound: Vec::new(),
            speech: Vec::new(),
        };
        sound.schedule(start, Event::Switch(bank));
        sound
    }

    /// Schedules the cues of frame `index` (at `fps`).
    pub fn frame_cues(&mut self, index: u64, fps: f64, cues: &[SoundCue]) {
        let at = frame_sample(index, fps);
        for cue in cues {
            self.cue(at, cue.clone());
        }
    }

    /// Schedules `cue` at sample `at`.
    pub fn cue(&mut self, at: u64, cue: SoundCue) {
        self.schedule(at, Event::Cue(cue));
    }

    /// Plays `bank` from sample `at` on: what plays then fades out (an effect switch).
    pub fn switch(&mut self, bank: Arc<SoundBank>, at: u64) {
        self.schedule(at, Event::Switch(bank));
    }

    fn schedule(&mut self, at: u64, event: Event) {
        // After everything due at the same sample or before: cues keep their order.
        let i = self.pending.partition_point(|(t, _)| *t <= at);
        self.pending.insert(i, (at, event));
    }

    /// Voices playing (or scheduled to have started) now.
    pub fn voices(&self) -> usize {
        self.voices.len()
    }

    /// Mixes the effect's sound into `block` (interleaved input audio, 1 or 2 `channels`), whose
    /// first frame is sample `start` of the effect's clock, and limits the sum.
    pub fn mix(&mut self, start: u64, block: &mut [f32], channels: usize) {
        let channels = channels.clamp(1, 2);
        let frames = block.len() / channels;
        let end = start + frames as u64;
        self.apply_due(start, end);
        if self
            .voices
            .iter()
            .any(|v| v.music.is_some_and(|m| m.duck < 1.0))
        {
            self.ducker.analyse(block, channels, &mut self.speech);
        } else {
            self.speech.clear();
        }
        self.sound.clear();
        self.sound.resize(frames * 2, 0.0);
        let speech = (!self.speech.is_empty()).then_some(self.speech.as_slice());
        for voice in &self.voices {
            voice.mix(start, &mut self.sound, speech);
        }
        self.voices.retain(|v| v.end() > end);
        if channels == 2 {
            for (out, s) in block.iter_mut().zip(&self.sound) {
                *out += s;
            }
        } else {
            for (out, s) in block.iter_mut().zip(self.sound.chunks_exact(2)) {
                *out += (s[0] + s[1]) * 0.5;
            }
        }
        self.limiter.process(block, channels);
    }

    /// Applies the events due before `end` (a late one at `start`).
    fn apply_due(&mut self, start: u64, end: u64) {
        let due = self.pending.partition_point(|(t, _)| *t < end);
        let events: Vec<(u64, Event)> = self.pending.drain(..due).collect();
        for (at, event) in events {
            let at = at.max(start);
            match event {
                Event::Cue(SoundCue::Play {
                    sound,
                    volume,
                    looping,
                }) => {
                    self.stop(&sound, at);
                    if let Some(clip) = self.bank.clip(&sound) {
                        let voice = Voice::sound(&sound, Arc::clone(clip), at, volume, looping);
                        self.voices.push(voice);
                    } else {
                        tracing::debug!("playSound {sound:?}: no such audio asset");
                    }
                }
                Event::Cue(SoundCue::Stop { sound }) => self.stop(&sound, at),
                Event::Switch(bank) => {
                    for voice in &mut self.voices {
                        voice.stop_at(at);
                    }
                    if let Some(music) = bank.music()
                        && let Some(clip) = bank.clip(&music.sound)
                    {
                        self.voices.push(Voice::music(music, Arc::clone(clip), at));
                    }
                    self.bank = bank;
                }
            }
        }
    }

    /// Fades out the sound effect `sound` from `at` (music is not stopped by id).
    fn stop(&mut self, sound: &str, at: u64) {
        for voice in &mut self.voices {
            if voice.music.is_none() && voice.sound == sound {
                voice.stop_at(at);
            }
        }
    }
}
