//! The effect's sound from the render thread to the encode thread.
//!
//! The render thread sends each frame's [`SoundCue`]s (tagged with the frame's index) and each
//! effect switch (the new effect's decoded sounds, from the frame it starts on) over a small
//! bounded queue of its own, not with the frames: a frame dropped in front of the encoder still
//! has its sounds heard, at its own sample. Only frames with cues send anything, so the queue is
//! nearly always empty; were it ever full (the encoder stalled for seconds), the cue is dropped
//! and counted rather than the render thread blocked. The encode thread schedules them on an
//! [`EffectSound`] and mixes it into each block of input audio it encodes (`encode.rs`).

use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use crate::audio::{EffectSound, SoundBank, SoundCue, frame_sample};

/// Messages waiting for the encoder, at most.
const QUEUE: usize = 64;

/// What the render thread tells the encode thread.
#[derive(Debug)]
pub enum SoundMsg {
    /// Sounds started or stopped on frame `index`.
    Cues { index: u64, cues: Vec<SoundCue> },
    /// From frame `index` on, another effect's sounds (its music starts there; the old effect's
    /// sounds fade out).
    Switch { index: u64, bank: Arc<SoundBank> },
}

/// The render thread's end.
#[derive(Debug)]
pub struct SoundSender {
    tx: SyncSender<SoundMsg>,
    dropped: u64,
}

/// A queue between the two threads.
pub fn channel() -> (SoundSender, Receiver<SoundMsg>) {
    let (tx, rx) = sync_channel(QUEUE);
    (SoundSender { tx, dropped: 0 }, rx)
}

impl SoundSender {
    /// Queues `msg`; a full queue drops it (counted, and logged the first time).
    pub fn send(&mut self, msg: SoundMsg) {
        match self.tx.try_send(msg) {
            Ok(()) | Err(TrySendError::Disconnected(_)) => {}
            Err(TrySendError::Full(msg)) => {
                self.dropped += 1;
                if self.dropped == 1 {
                    tracing::warn!(
                        "the encoder is not taking the effect's sounds: {msg:?} dropped"
                    );
                }
            }
        }
    }
}

/// The encode thread's end: the queue and the mix it feeds.
#[derive(Debug)]
pub struct SoundMixer {
    rx: Receiver<SoundMsg>,
    sound: EffectSound,
    fps: f64,
}

impl SoundMixer {
    pub fn new(rx: Receiver<SoundMsg>, fps: u32) -> Self {
        Self {
            rx,
            sound: EffectSound::new(Arc::new(SoundBank::empty()), 0),
            fps: f64::from(fps.max(1)),
        }
    }

    /// Schedules what the render thread sent, then mixes into `block` (input audio whose first
    /// frame is sample `start` of the stream).
    pub fn mix(&mut self, start: u64, block: &mut [f32], channels: usize) {
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                SoundMsg::Cues { index, cues } => self.sound.frame_cues(index, self.fps, &cues),
                SoundMsg::Switch { index, bank } => {
                    self.sound.switch(bank, frame_sample(index, self.fps));
                }
            }
        }
        self.sound.mix(start, block, channels);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mix(mixer: &mut SoundMixer, frames: usize) -> Vec<f32> {
        let mut out = vec![0.0f32; frames * 2];
        for (i, block) in out.chunks_mut(2048).enumerate() {
            mixer.mix(i as u64 * 1024, block, 2);
        }
        out
    }

    #[test]
    fn cues_and_switches_from_the_render_thread_land_on_their_frames() {
        let (mut tx, rx) = channel();
        let mut mixer = SoundMixer::new(rx, 30);
        let hum = SoundBank::from_clips([("hum".to_owned(), vec![0.25f32; 96_000])], None);
        tx.send(SoundMsg::Switch {
            index: 0,
            bank: Arc::new(hum),
        });
        tx.send(SoundMsg::Cues {
            index: 3,
            cues: vec![SoundCue::Play {
                sound: "hum".into(),
                volume: 1.0,
                looping: true,
            }],
        });
        // The host switches to an effect without sound on frame 30: the hum stops there.
        tx.send(SoundMsg::Switch {
            index: 30,
            bank: Arc::new(SoundBank::empty()),
        });
        let out = mix(&mut mixer, 96_000);
        let first = out.iter().position(|s| *s != 0.0).map(|i| i / 2);
        assert_eq!(first, Some(3 * 1600));
        assert!((out[(30 * 1600 - 1) * 2] - 0.25).abs() < 1e-6);
        let last = out.iter().rposition(|s| *s != 0.0).map(|i| i / 2);
        assert!(
            last.is_some_and(|l| (30 * 1600..30 * 1600 + 480).contains(&l)),
            "{last:?}"
        );
    }

    #[test]
    fn a_full_queue_drops_and_counts_instead_of_blocking() {
        let (mut tx, _rx) = channel();
        for index in 0..(QUEUE as u64 + 5) {
            tx.send(SoundMsg::Cues {
                index,
                cues: Vec::new(),
            });
        }
        assert_eq!(tx.dropped, 5);
    }
}
