//! Recording rendered frames to a video file while something else paces them (the Studio's
//! preview): H.264 in MP4 (or any container the extension names), encoded on its own thread so
//! the caller never waits for x264. Started [with sound](Recorder::start_with_sound), it also
//! writes an AAC track: the effect's sound (the cues given with each frame, at the frame's time)
//! over silence, topped up to each frame's end ([`crate::audio::OfflineTrack`]).
//!
//! ```text
//! caller ──push(rgba, t_ms)──▶ bounded queue (QUEUE frames) ──▶ thread "lantern-record": Encoder ──▶ file
//!              └─ queue full: the frame is dropped and counted (the file's timestamps stay true)
//! ```
//!
//! The encoder is opened before [`Recorder::start`] returns, so a path that cannot be written is
//! the start's error; [`Recorder::finish`] (or dropping it) writes the file's index.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;

use lantern_media::{
    AudioConfig, EncodeStats, Encoder, EncoderConfig, MediaError, Target, VideoFrame,
};

use crate::audio::{OfflineTrack, SoundBank, SoundCue, ms_sample};
use crate::error::{EngineError, Result};

/// Frames waiting for the encoder, at most.
const QUEUE: usize = 4;

/// One frame to encode: tightly packed RGBA at the recording's size.
struct Job {
    rgba: Vec<u8>,
    t_ms: i64,
    /// Sounds started or stopped on this frame (and on frames dropped before it).
    cues: Vec<SoundCue>,
}

/// What a finished recording holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub path: PathBuf,
    pub frames: u64,
    /// Frames the encoder could not keep up with (not in the file).
    pub dropped: u64,
    pub bytes: u64,
}

/// A recording in progress.
pub struct Recorder {
    path: PathBuf,
    size: (u32, u32),
    queue: Option<SyncSender<Job>>,
    thread: Option<JoinHandle<std::result::Result<EncodeStats, MediaError>>>,
    /// The caller's time of the first frame, and the newest queued frame's time after it.
    first_ms: Option<i64>,
    last_ms: i64,
    dropped: u64,
    /// Cues of dropped frames, sent with the next frame queued.
    unsent: Vec<SoundCue>,
}

impl Recorder {
    /// Starts recording `width` x `height` frames at about `fps` to `path` (its extension names
    /// the container: `.mp4`, `.mkv`, `.mov`).
    pub fn start(path: &Path, width: u32, height: u32, fps: u32) -> Result<Self> {
        Self::open(path, (width, height), fps, None)
    }

    /// [`Recorder::start`] with an AAC track carrying the effect's sound (`sound`: its decoded
    /// clips and music), mixed from the cues given to [`Recorder::push_with_sounds`].
    pub fn start_with_sound(
        path: &Path,
        width: u32,
        height: u32,
        fps: u32,
        sound: Arc<SoundBank>,
    ) -> Result<Self> {
        Self::open(path, (width, height), fps, Some(sound))
    }

    fn open(
        path: &Path,
        (width, height): (u32, u32),
        fps: u32,
        sound: Option<Arc<SoundBank>>,
    ) -> Result<Self> {
        let mut config = EncoderConfig::video_only(width, height, fps.max(1));
        config.sei = false;
        config.video_kbps = 6000;
        if sound.is_some() {
            config.audio = Some(AudioConfig::default());
        }
        let frame_ms = 1000 / i64::from(fps.max(1));
        let target = Target::File(path.to_owned());
        let (queue, jobs) = sync_channel(QUEUE);
        let (ready, opened) = sync_channel(1);
        // The encoder is not `Send`: it is opened on its thread, which says whether it could.
        let thread = std::thread::Builder::new()
            .name("lantern-record".to_owned())
            .spawn(move || {
                let encoder = match Encoder::open(&target, &config) {
                    Ok(encoder) => {
                        let _ = ready.send(Ok(()));
                        encoder
                    }
                    Err(e) => {
                        let _ = ready.send(Err(e));
                        return Ok(EncodeStats::default());
                    }
                };
                let track = sound.map(|bank| (OfflineTrack::new(bank, f64::from(fps)), frame_ms));
                encode(encoder, &jobs, (width, height), track)
            })
            .map_err(|e| EngineError::Thread {
                thread: "recording",
                message: e.to_string(),
            })?;
        match opened.recv() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(e.into()),
            Err(_) => {
                return Err(EngineError::Thread {
                    thread: "recording",
                    message: "it stopped before opening the file".to_owned(),
                });
            }
        }
        Ok(Self {
            path: path.to_owned(),
            size: (width, height),
            queue: Some(queue),
            thread: Some(thread),
            first_ms: None,
            last_ms: -1,
            dropped: 0,
            unsent: Vec::new(),
        })
    }

    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Seconds recorded so far.
    pub fn seconds(&self) -> f64 {
        self.last_ms.max(0) as f64 / 1000.0
    }

    /// Frames dropped so far.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Queues one frame shown at `t_ms` (any clock, increasing). A frame of another size, or
    /// one the encoder has no room for, is dropped and counted.
    pub fn push(&mut self, rgba: &[u8], width: u32, height: u32, t_ms: i64) {
        self.push_with_sounds(rgba, width, height, t_ms, &[]);
    }

    /// [`Recorder::push`] with the sounds the frame started or stopped (its step's
    /// `report().sounds`). A dropped frame's cues go with the next frame queued.
    pub fn push_with_sounds(
        &mut self,
        rgba: &[u8],
        width: u32,
        height: u32,
        t_ms: i64,
        cues: &[SoundCue],
    ) {
        let Some(queue) = &self.queue else { return };
        self.unsent.extend_from_slice(cues);
        if (width, height) != self.size || rgba.len() != width as usize * height as usize * 4 {
            self.dropped += 1;
            return;
        }
        let first = *self.first_ms.get_or_insert(t_ms);
        let t = (t_ms - first).max(self.last_ms + 1);
        match queue.try_send(Job {
            rgba: rgba.to_vec(),
            t_ms: t,
            cues: std::mem::take(&mut self.unsent),
        }) {
            Ok(()) => self.last_ms = t,
            Err(TrySendError::Full(job) | TrySendError::Disconnected(job)) => {
                self.unsent = job.cues;
                self.dropped += 1;
            }
        }
    }

    /// Encodes what is queued and closes the file.
    pub fn finish(mut self) -> Result<Recorded> {
        self.close()
    }

    fn close(&mut self) -> Result<Recorded> {
        drop(self.queue.take());
        let stats = match self.thread.take().map(JoinHandle::join) {
            Some(Ok(stats)) => stats?,
            Some(Err(_)) => {
                return Err(EngineError::Thread {
                    thread: "recording",
                    message: "it panicked; the file may be incomplete".to_owned(),
                });
            }
            None => EncodeStats::default(),
        };
        Ok(Recorded {
            path: self.path.clone(),
            frames: stats.video_frames,
            dropped: self.dropped,
            bytes: std::fs::metadata(&self.path).map_or(0, |m| m.len()),
        })
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if self.thread.is_some()
            && let Err(e) = self.close()
        {
            tracing::warn!("the recording {} did not finish: {e}", self.path.display());
        }
    }
}

/// The recording thread: encode every queued frame (and the sound up to its end, when
/// recording sound: `track` and the frame duration in ms), then write the file's index.
fn encode(
    mut encoder: Encoder,
    jobs: &Receiver<Job>,
    (width, height): (u32, u32),
    mut track: Option<(OfflineTrack, i64)>,
) -> std::result::Result<EncodeStats, MediaError> {
    for job in jobs {
        encoder.push_video(
            &VideoFrame::rgba(width, height, &job.rgba),
            job.t_ms,
            None,
            &[],
        )?;
        if let Some((track, frame_ms)) = track.as_mut() {
            let (at, end) = (ms_sample(job.t_ms), ms_sample(job.t_ms + *frame_ms));
            encoder.push_audio(&track.span(at, end, &job.cues))?;
        }
    }
    encoder.finish()
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
