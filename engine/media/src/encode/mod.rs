//! [`Encoder`]: the output end of the pipeline. One call per frame:
//!
//! ```text
//! push_video(frame, pts, sei, rois) ─► convert ─► x264 (+SEI, +ROI) ─┐
//! push_audio(samples)               ─► AAC ─────────────────────────┴─► FLV/MP4 mux ─► file | rtmp://
//! ```
//!
//! Encoding and muxing run on the caller's thread (the pipeline puts this stage on its own named
//! thread). Errors tell a dead connection ([`MediaError::is_connection_error`]: reconnect) from
//! bad settings or input (report, don't retry).

pub mod audio;
pub mod config;
pub mod packets;
pub mod video;

use effect_schema::hotzone::SeiPayload;
use effect_schema::tracking::Rect;
use ffmpeg_next::{Dictionary, Packet, Rational, format};

use self::audio::AudioEncoder;
pub use self::config::{AudioConfig, EncoderConfig, Target, X264_PRESETS};
use self::video::{VIDEO_TIME_BASE, VideoEncoder};
use crate::error::{MediaError, Result, is_network_errno};
use crate::frame::VideoFrame;

/// Running totals of what was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EncodeStats {
    pub video_frames: u64,
    pub video_packets: u64,
    pub keyframes: u64,
    pub video_bytes: u64,
    pub audio_packets: u64,
    pub audio_bytes: u64,
}

/// An open output: H.264 (+ AAC) muxed to a file or an RTMP URL.
pub struct Encoder {
    octx: format::context::Output,
    video: VideoEncoder,
    video_stream: (usize, Rational),
    audio: Option<(AudioEncoder, usize, Rational)>,
    target: Target,
    stats: EncodeStats,
    finished: bool,
    /// Nominal frame duration in ms (the packet duration muxers need).
    frame_ms: i64,
}

impl Encoder {
    /// Validates `cfg`, connects/creates the output, opens the encoders and writes the header.
    pub fn open(target: &Target, cfg: &EncoderConfig) -> Result<Self> {
        cfg.validate()?;
        crate::init();
        let url = target.url();
        let mut octx = open_output(target)?;
        let global_header = octx.format().flags().contains(format::Flags::GLOBAL_HEADER);

        let video = VideoEncoder::open(cfg, global_header)?;
        let video_index = {
            let mut stream = octx
                .add_stream(video.enc.codec())
                .map_err(MediaError::ffmpeg("add the video stream"))?;
            stream.set_parameters(&video.enc);
            stream.set_time_base(VIDEO_TIME_BASE);
            stream.index()
        };
        let audio = match &cfg.audio {
            Some(acfg) => {
                let enc = AudioEncoder::open(acfg, global_header)?;
                let mut stream = octx
                    .add_stream(enc.enc.codec())
                    .map_err(MediaError::ffmpeg("add the audio stream"))?;
                stream.set_parameters(&enc.enc);
                stream.set_time_base(enc.time_base());
                let index = stream.index();
                Some((enc, index, Rational(0, 1)))
            }
            None => None,
        };

        write_header(&mut octx, target)?;
        // The muxer may change stream time bases in write_header: read them back.
        let video_stream = (video_index, stream_time_base(&octx, video_index));
        let audio = audio.map(|(enc, index, _)| (enc, index, stream_time_base(&octx, index)));
        tracing::debug!(%url, "output open");
        Ok(Self {
            octx,
            video,
            video_stream,
            audio,
            target: target.clone(),
            stats: EncodeStats::default(),
            finished: false,
            frame_ms: (1000 / i64::from(cfg.fps)).max(1),
        })
    }

    /// Encodes one video frame shown at `pts_ms` (milliseconds from the stream start, strictly
    /// increasing) carrying `sei` (attached when SEI is enabled) and `rois` (output-pixel rects
    /// encoded at the configured quality offset).
    pub fn push_video(
        &mut self,
        frame: &VideoFrame<'_>,
        pts_ms: i64,
        sei: Option<&SeiPayload>,
        rois: &[Rect],
    ) -> Result<()> {
        let converted = self.video.convert(frame)?;
        self.push_converted(converted, pts_ms, sei, rois)
    }

    /// Converts a frame to the encoder's yuv420p at the output size (the CPU colour-conversion
    /// stage, exposed so it can be timed or moved to another thread).
    pub fn video_convert(&mut self, frame: &VideoFrame<'_>) -> Result<ffmpeg_next::frame::Video> {
        self.video.convert(frame)
    }

    /// Encodes a frame already converted by [`Self::video_convert`].
    pub fn push_converted(
        &mut self,
        frame: ffmpeg_next::frame::Video,
        pts_ms: i64,
        sei: Option<&SeiPayload>,
        rois: &[Rect],
    ) -> Result<()> {
        self.video.send(frame, pts_ms, sei, rois)?;
        self.stats.video_frames += 1;
        self.drain_video()
    }

    /// Encodes interleaved `f32` samples (in -1.0..=1.0) at the configured rate and channels.
    /// Without an audio track configured this is an error.
    pub fn push_audio(&mut self, samples: &[f32]) -> Result<()> {
        let Some((mut enc, index, tb)) = self.audio.take() else {
            return Err(MediaError::Config {
                field: "audio",
                message: "this output has no audio track".to_owned(),
                fix: "set EncoderConfig::audio to write AAC",
            });
        };
        let result = enc.push(samples, |enc| {
            drain_audio(
                enc,
                &mut self.octx,
                (index, tb),
                &self.target,
                &mut self.stats,
            )
        });
        self.audio = Some((enc, index, tb));
        result
    }

    /// Samples per channel encoded so far (the audio clock, to keep audio in step with video).
    pub fn audio_samples_sent(&self) -> i64 {
        self.audio
            .as_ref()
            .map_or(0, |(enc, _, _)| enc.samples_sent())
    }

    /// Makes the next video frame an IDR keyframe.
    pub fn force_keyframe(&mut self) {
        self.video.force_keyframe();
    }

    pub fn stats(&self) -> EncodeStats {
        self.stats
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Flushes both encoders and writes the trailer. Must be called for a playable file.
    pub fn finish(mut self) -> Result<EncodeStats> {
        self.finished = true;
        self.video
            .enc
            .send_eof()
            .map_err(MediaError::ffmpeg("flush the H.264 encoder"))?;
        self.drain_video()?;
        if let Some((mut enc, index, tb)) = self.audio.take() {
            enc.send_eof()?;
            drain_audio(
                &mut enc,
                &mut self.octx,
                (index, tb),
                &self.target,
                &mut self.stats,
            )?;
        }
        self.octx
            .write_trailer()
            .map_err(|e| write_error(&self.target, "write the container trailer", e))?;
        Ok(self.stats)
    }

    fn drain_video(&mut self) -> Result<()> {
        let mut packet = Packet::empty();
        while self.video.receive(&mut packet) {
            self.stats.video_packets += 1;
            self.stats.video_bytes += packet.size() as u64;
            if packet.is_key() {
                self.stats.keyframes += 1;
            }
            packet.set_stream(self.video_stream.0);
            // x264 leaves the duration unset; MP4 needs it or the last frame gets dropped.
            if packet.duration() <= 0 {
                packet.set_duration(self.frame_ms);
            }
            packet.rescale_ts(VIDEO_TIME_BASE, self.video_stream.1);
            packet
                .write_interleaved(&mut self.octx)
                .map_err(|e| write_error(&self.target, "write a video packet", e))?;
        }
        Ok(())
    }
}

impl Drop for Encoder {
    fn drop(&mut self) {
        if !self.finished {
            tracing::debug!(url = %self.target.url(), "encoder dropped without finish()");
        }
    }
}

fn drain_audio(
    enc: &mut AudioEncoder,
    octx: &mut format::context::Output,
    (index, tb): (usize, Rational),
    target: &Target,
    stats: &mut EncodeStats,
) -> Result<()> {
    let mut packet = Packet::empty();
    while enc.receive(&mut packet) {
        stats.audio_packets += 1;
        stats.audio_bytes += packet.size() as u64;
        packet.set_stream(index);
        packet.rescale_ts(enc.time_base(), tb);
        packet
            .write_interleaved(octx)
            .map_err(|e| write_error(target, "write an audio packet", e))?;
    }
    Ok(())
}

/// Writes the container header: for RTMP this is the handshake and publish, so a failure is a
/// connection error.
fn write_header(octx: &mut format::context::Output, target: &Target) -> Result<()> {
    let mut opts = Dictionary::new();
    // Bound the muxer's interleaving queue (memory and latency) to one second.
    opts.set("max_interleave_delta", "1000000");
    if target.is_network() {
        opts.set("flvflags", "no_duration_filesize");
    }
    octx.write_header_with(opts).map_err(|source| {
        if target.is_network() {
            MediaError::Connect {
                url: target.url(),
                source,
            }
        } else {
            MediaError::Ffmpeg {
                context: "write the container header",
                source,
            }
        }
    })?;
    Ok(())
}

fn stream_time_base(octx: &format::context::Output, index: usize) -> Rational {
    octx.stream(index)
        .map_or(VIDEO_TIME_BASE, |s| s.time_base())
}

fn open_output(target: &Target) -> Result<format::context::Output> {
    let url = target.url();
    match target {
        Target::Rtmp { .. } => {
            let mut opts = Dictionary::new();
            // Give up on a stalled socket instead of blocking the encode thread forever.
            opts.set("rw_timeout", "5000000");
            format::output_as_with(&url, "flv", opts)
                .map_err(|source| MediaError::Connect { url, source })
        }
        Target::File(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                && !dir.is_dir()
            {
                return Err(MediaError::Config {
                    field: "output",
                    message: format!("folder {} does not exist", dir.display()),
                    fix: "create the folder or choose another output path",
                });
            }
            format::output(path).map_err(|source| MediaError::Config {
                field: "output",
                message: format!("cannot create {}: {source}", path.display()),
                fix: "use a writable path ending in .flv, .mp4 or .mkv",
            })
        }
    }
}

fn write_error(target: &Target, context: &'static str, source: ffmpeg_next::Error) -> MediaError {
    if target.is_network() || is_network_errno(source) {
        MediaError::Disconnected {
            url: target.url(),
            source,
        }
    } else {
        MediaError::Ffmpeg { context, source }
    }
}
