//! The encode stage (thread `encode`): NV12 frame + hot-zones + face boxes → libx264 (SEI on
//! every frame, ROI) and the audio that goes with it → AAC → the send queue.
//!
//! Audio follows the video clock: after each video frame the stage tops the AAC track up to
//! the frame's end time from the audio source (microphone, file, or silence), with the effect's
//! sound mixed in ([`SoundMixer`]: the cues the render thread sent, each at its frame's sample),
//! so audio stays continuous and in step even when video frames were dropped before this stage.
//! A keyframe is forced when the send stage asks for one (a new connection, or packets dropped
//! to catch up).

use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use effect_schema::hotzone::{SEI_VERSION, SeiPayload};
use lantern_media::source::{AudioSource, FileAudio, Silence};
use lantern_media::{
    AudioConfig, EncodedPacket, PacketEncoder, PixelLayout, Plane, StreamKind, StreamParams,
    VideoFrame,
};
use lantern_render::PixelFormat;

use super::Shared;
use super::config::{AudioSpec, PushConfig};
use super::error::PushError;
use super::queue::Pop;
use super::render::Rendered;
use super::send::Outgoing;
use super::sound::SoundMixer;
use super::stats::Stage;
use crate::driver::InputSpec;

/// The encode stage's state.
pub struct EncodeStage {
    encoder: PacketEncoder,
    audio: Box<dyn AudioSource>,
    audio_cfg: AudioConfig,
    /// The effect's sound, mixed into the audio source's.
    sound: SoundMixer,
    /// Samples per channel handed to the AAC encoder so far (the audio clock).
    audio_pushed: u64,
    width: u32,
    height: u32,
    frame_ms: i64,
    packets: Vec<EncodedPacket>,
}

fn silence(a: &AudioConfig) -> Box<dyn AudioSource> {
    Box::new(Silence {
        channels: a.channels,
    })
}

/// Opens the audio source `cfg` asks for.
fn open_audio(cfg: &PushConfig, a: &AudioConfig) -> Result<Box<dyn AudioSource>, PushError> {
    let file = |path: &Path| -> Result<Box<dyn AudioSource>, PushError> {
        Ok(Box::new(FileAudio::open(path, a.sample_rate, a.channels)?))
    };
    match &cfg.audio {
        AudioSpec::Silence => Ok(silence(a)),
        AudioSpec::File(path) => file(path),
        AudioSpec::Mic => Ok(Box::new(FileAudio::open_mic(a.sample_rate, a.channels)?)),
        AudioSpec::Auto => match &cfg.input {
            // A file without an audio track pushes silence.
            InputSpec::Video(path) => Ok(file(path).unwrap_or_else(|_| silence(a))),
            // A camera goes with the microphone, when there is one.
            InputSpec::Camera(_) => Ok(match FileAudio::open_mic(a.sample_rate, a.channels) {
                Ok(mic) => Box::new(mic),
                Err(e) => {
                    tracing::warn!("{e}: pushing silence");
                    silence(a)
                }
            }),
            _ => Ok(silence(a)),
        },
    }
}

impl EncodeStage {
    /// Opens libx264 + AAC and the audio source; returns the stream parameters for the muxer.
    pub fn start(
        cfg: &PushConfig,
        roi: bool,
        sound: SoundMixer,
    ) -> Result<(Self, StreamParams), PushError> {
        let enc_cfg = cfg.encoder(roi);
        let audio_cfg = enc_cfg.audio.clone().unwrap_or_default();
        let encoder = PacketEncoder::open(&enc_cfg, true)?;
        let params = encoder.stream_params();
        let audio = open_audio(cfg, &audio_cfg)?;
        Ok((
            Self {
                encoder,
                audio,
                audio_cfg,
                sound,
                audio_pushed: 0,
                width: cfg.width,
                height: cfg.height,
                frame_ms: (1000 / i64::from(cfg.fps.max(1))).max(1),
                packets: Vec::new(),
            },
            params,
        ))
    }

    /// Encodes until the render queue closes, then flushes the encoders.
    pub fn run(mut self, shared: &Shared) -> Result<(), PushError> {
        loop {
            let frame = match shared.to_encode.pop(Duration::from_millis(200)) {
                Pop::Item(f) => f,
                Pop::Empty => continue,
                Pop::Closed => break,
            };
            if shared.keyframe.swap(false, Ordering::Relaxed) {
                self.encoder.force_keyframe();
            }
            let t0 = Instant::now();
            self.encode(&frame, shared)?;
            shared.stats.time(Stage::Encode, t0.elapsed());
            shared
                .stats
                .counters
                .encoded
                .fetch_add(1, Ordering::Relaxed);
            if !self.forward(shared, Some(frame.due)) {
                return Ok(());
            }
        }
        self.encoder.finish(&mut self.packets)?;
        self.forward(shared, None);
        Ok(())
    }

    fn encode(&mut self, frame: &Rendered, shared: &Shared) -> Result<(), PushError> {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let sei = SeiPayload {
            v: SEI_VERSION,
            pts: frame.pts_ms,
            wall,
            w: self.width,
            h: self.height,
            zones: frame.zones.clone(),
        };
        shared.zones.offer(&sei);
        let video = video_frame(frame, self.width, self.height)?;
        self.encoder.encode_video(
            &video,
            frame.pts_ms,
            Some(&sei),
            &frame.faces,
            &mut self.packets,
        )?;
        if !frame.faces.is_empty() {
            shared
                .stats
                .counters
                .roi_frames
                .fetch_add(1, Ordering::Relaxed);
        }
        // Audio up to the end of this frame.
        let rate = i64::from(self.audio_cfg.sample_rate);
        let due = (frame.pts_ms + self.frame_ms) * rate / 1000 - self.audio_pushed as i64;
        if due > 0 {
            let mut samples = self.audio.read(due as usize)?;
            let channels = usize::from(self.audio_cfg.channels);
            self.sound.mix(self.audio_pushed, &mut samples, channels);
            self.encoder.encode_audio(&samples, &mut self.packets)?;
            self.audio_pushed += due as u64;
        }
        Ok(())
    }

    /// Hands the packets to the send queue; `false` when the send stage has stopped.
    fn forward(&mut self, shared: &Shared, due: Option<Instant>) -> bool {
        let mut open = true;
        for packet in self.packets.drain(..) {
            let due = due.filter(|_| packet.kind == StreamKind::Video);
            open &= shared.to_send.push(Outgoing { packet, due });
        }
        open
    }
}

/// The rendered pixels as the encoder takes them (it converts to yuv420p with swscale).
fn video_frame(frame: &Rendered, width: u32, height: u32) -> Result<VideoFrame<'_>, PushError> {
    let (w, h) = (width as usize, height as usize);
    let (layout, needed) = match frame.format {
        PixelFormat::Rgba => (PixelLayout::Rgba, w * h * 4),
        PixelFormat::Nv12 => (PixelLayout::Nv12, w * h + w.div_ceil(2) * 2 * h.div_ceil(2)),
    };
    if frame.pixels.len() < needed {
        return Err(PushError::stage(
            "encode",
            format!(
                "got {} bytes of {layout:?} for {w}x{h} (needs {needed})",
                frame.pixels.len()
            ),
        ));
    }
    let planes = match layout {
        PixelLayout::Nv12 => {
            let (y, uv) = frame.pixels.split_at(w * h);
            vec![
                Plane { data: y, stride: w },
                Plane {
                    data: uv,
                    stride: w.div_ceil(2) * 2,
                },
            ]
        }
        _ => vec![Plane {
            data: &frame.pixels,
            stride: w * 4,
        }],
    };
    Ok(VideoFrame {
        layout,
        width,
        height,
        planes,
    })
}
