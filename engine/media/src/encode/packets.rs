//! The encoder split in two for a pipeline that encodes and sends on different threads, and
//! reconnects without restarting the encoder:
//!
//! ```text
//! PacketEncoder (encode thread)                        Muxer (send thread, one per connection)
//! encode_video(frame, pts, sei, rois) ─► x264 ─┐
//! encode_audio(samples)               ─► AAC ──┴─► Vec<EncodedPacket> ─► write() ─► FLV ─► rtmp://
//! ```
//!
//! [`PacketEncoder`] owns libx264 and AAC and never touches the network; [`Muxer`] owns one
//! connection (or file) and can be dropped and reopened with the same [`StreamParams`] after a
//! disconnect — the encoders keep running, so a reconnect only needs a forced keyframe.
//! [`crate::Encoder`] is the one-thread version of the same parts.

use effect_schema::hotzone::SeiPayload;
use effect_schema::tracking::Rect;
use ffmpeg_next::{Packet, Rational, codec, format};

use super::audio::AudioEncoder;
use super::config::{EncoderConfig, Target};
use super::video::{VIDEO_TIME_BASE, VideoEncoder};
use super::{open_output, write_error, write_header};
use crate::error::{MediaError, Result};
use crate::frame::VideoFrame;

/// Which stream a packet belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamKind {
    Video,
    Audio,
}

/// One encoded packet, timestamps in its encoder's time base.
pub struct EncodedPacket {
    pub kind: StreamKind,
    /// A keyframe (IDR) for video; always true for audio.
    pub key: bool,
    /// Presentation time in milliseconds (for queues, offsets and stats).
    pub pts_ms: i64,
    pub packet: Packet,
}

impl std::fmt::Debug for EncodedPacket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EncodedPacket")
            .field("kind", &self.kind)
            .field("key", &self.key)
            .field("pts_ms", &self.pts_ms)
            .field("size", &self.size())
            .finish_non_exhaustive()
    }
}

impl EncodedPacket {
    /// Size of the compressed data in bytes.
    pub fn size(&self) -> usize {
        self.packet.size()
    }
}

/// What a muxer needs to describe the streams: codec parameters (with the `avcC`/AAC headers)
/// and time bases. Cheap to clone; sendable to another thread.
#[derive(Clone)]
pub struct StreamParams {
    video: codec::Parameters,
    audio: Option<(codec::Parameters, Rational)>,
    fps: u32,
}

impl std::fmt::Debug for StreamParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamParams")
            .field("audio", &self.audio.is_some())
            .field("fps", &self.fps)
            .finish_non_exhaustive()
    }
}

/// libx264 (+ AAC) producing packets, with no output attached.
pub struct PacketEncoder {
    video: VideoEncoder,
    audio: Option<AudioEncoder>,
    fps: u32,
    frame_ms: i64,
}

impl PacketEncoder {
    /// Opens the encoders. `global_header`: codec headers go in the stream parameters instead
    /// of the bitstream (what FLV and MP4 need; `true` for RTMP).
    pub fn open(cfg: &EncoderConfig, global_header: bool) -> Result<Self> {
        cfg.validate()?;
        crate::init();
        let video = VideoEncoder::open(cfg, global_header)?;
        let audio = match &cfg.audio {
            Some(a) => Some(AudioEncoder::open(a, global_header)?),
            None => None,
        };
        Ok(Self {
            video,
            audio,
            fps: cfg.fps,
            frame_ms: (1000 / i64::from(cfg.fps)).max(1),
        })
    }

    /// The parameters a [`Muxer`] needs (the same for every reconnect).
    pub fn stream_params(&self) -> StreamParams {
        StreamParams {
            video: codec::Parameters::from(&self.video.enc),
            audio: self
                .audio
                .as_ref()
                .map(|a| (codec::Parameters::from(&a.enc), a.time_base())),
            fps: self.fps,
        }
    }

    /// Converts and encodes one frame (see [`crate::Encoder::push_video`]); the packets x264
    /// returns are appended to `out`.
    pub fn encode_video(
        &mut self,
        frame: &VideoFrame<'_>,
        pts_ms: i64,
        sei: Option<&SeiPayload>,
        rois: &[Rect],
        out: &mut Vec<EncodedPacket>,
    ) -> Result<()> {
        let converted = self.video.convert(frame)?;
        self.video.send(converted, pts_ms, sei, rois)?;
        self.drain_video(out);
        Ok(())
    }

    /// Encodes interleaved `f32` samples; complete AAC packets are appended to `out`.
    pub fn encode_audio(&mut self, samples: &[f32], out: &mut Vec<EncodedPacket>) -> Result<()> {
        let Some(audio) = self.audio.as_mut() else {
            return Err(MediaError::Config {
                field: "audio",
                message: "this encoder has no audio track".to_owned(),
                fix: "set EncoderConfig::audio to encode AAC",
            });
        };
        audio.push(samples, |enc| {
            drain_audio(enc, out);
            Ok(())
        })
    }

    /// Samples per channel encoded so far (the audio clock).
    pub fn audio_samples_sent(&self) -> i64 {
        self.audio.as_ref().map_or(0, AudioEncoder::samples_sent)
    }

    /// Makes the next video frame an IDR keyframe (start of a new connection, or after the
    /// send queue dropped packets).
    pub fn force_keyframe(&mut self) {
        self.video.force_keyframe();
    }

    /// Flushes both encoders; the last packets are appended to `out`.
    pub fn finish(&mut self, out: &mut Vec<EncodedPacket>) -> Result<()> {
        self.video
            .enc
            .send_eof()
            .map_err(MediaError::ffmpeg("flush the H.264 encoder"))?;
        self.drain_video(out);
        if let Some(audio) = self.audio.as_mut() {
            audio.send_eof()?;
            drain_audio(audio, out);
        }
        Ok(())
    }

    fn drain_video(&mut self, out: &mut Vec<EncodedPacket>) {
        let mut packet = Packet::empty();
        while self.video.receive(&mut packet) {
            if packet.duration() <= 0 {
                packet.set_duration(self.frame_ms);
            }
            out.push(EncodedPacket {
                kind: StreamKind::Video,
                key: packet.is_key(),
                pts_ms: packet.pts().unwrap_or(0),
                packet: std::mem::replace(&mut packet, Packet::empty()),
            });
        }
    }
}

fn drain_audio(enc: &mut AudioEncoder, out: &mut Vec<EncodedPacket>) {
    let tb = enc.time_base();
    let mut packet = Packet::empty();
    while enc.receive(&mut packet) {
        let pts_ms = packet.pts().unwrap_or(0) * 1000 * i64::from(tb.numerator())
            / i64::from(tb.denominator().max(1));
        out.push(EncodedPacket {
            kind: StreamKind::Audio,
            key: true,
            pts_ms,
            packet: std::mem::replace(&mut packet, Packet::empty()),
        });
    }
}

/// One open output (a connection or a file) for packets from a [`PacketEncoder`].
pub struct Muxer {
    octx: format::context::Output,
    target: Target,
    video: (usize, Rational),
    audio: Option<(usize, Rational, Rational)>,
    /// Subtracted from every timestamp, in ms (a new connection starts its clock near 0).
    offset_ms: i64,
    finished: bool,
}

impl Muxer {
    /// Connects to / creates `target` and writes the header. Packets written later have
    /// `offset_ms` subtracted from their timestamps (pass the pts of the first keyframe this
    /// connection will carry, or 0).
    pub fn open(target: &Target, params: &StreamParams, offset_ms: i64) -> Result<Self> {
        crate::init();
        let mut octx = open_output(target)?;
        let rate = Rational(params.fps as i32, 1);
        let video_index = {
            let mut stream = octx
                .add_stream(ffmpeg_next::encoder::find_by_name("libx264"))
                .map_err(MediaError::ffmpeg("add the video stream"))?;
            stream.set_parameters(params.video.clone());
            stream.set_time_base(VIDEO_TIME_BASE);
            stream.set_avg_frame_rate(rate);
            stream.set_rate(rate);
            stream.index()
        };
        let audio_index = match &params.audio {
            Some((p, tb)) => {
                let mut stream = octx
                    .add_stream(ffmpeg_next::encoder::find(codec::Id::AAC))
                    .map_err(MediaError::ffmpeg("add the audio stream"))?;
                stream.set_parameters(p.clone());
                stream.set_time_base(*tb);
                Some((stream.index(), *tb))
            }
            None => None,
        };
        write_header(&mut octx, target)?;
        let tb = |i: usize| octx.stream(i).map_or(VIDEO_TIME_BASE, |s| s.time_base());
        let video = (video_index, tb(video_index));
        let audio = audio_index.map(|(i, src)| (i, src, tb(i)));
        Ok(Self {
            octx,
            target: target.clone(),
            video,
            audio,
            offset_ms,
            finished: false,
        })
    }

    /// Writes one packet (interleaved with the other stream). A failed write on a network
    /// target is [`MediaError::Disconnected`].
    pub fn write(&mut self, mut p: EncodedPacket) -> Result<()> {
        let (index, src, dst) = match p.kind {
            StreamKind::Video => (self.video.0, VIDEO_TIME_BASE, self.video.1),
            StreamKind::Audio => match self.audio {
                Some((i, src, dst)) => (i, src, dst),
                None => return Ok(()),
            },
        };
        if self.offset_ms != 0 {
            let shift = self.offset_ms * i64::from(src.denominator())
                / (1000 * i64::from(src.numerator().max(1)));
            p.packet.set_pts(p.packet.pts().map(|t| t - shift));
            p.packet.set_dts(p.packet.dts().map(|t| t - shift));
        }
        p.packet.set_stream(index);
        p.packet.rescale_ts(src, dst);
        p.packet
            .write_interleaved(&mut self.octx)
            .map_err(|e| write_error(&self.target, "write a packet", e))
    }

    /// Flushes the interleaving queue and writes the trailer (a playable file; a clean end of
    /// an RTMP stream).
    pub fn finish(mut self) -> Result<()> {
        self.finished = true;
        self.octx
            .write_trailer()
            .map_err(|e| write_error(&self.target, "write the container trailer", e))
    }

    /// Changes the offset subtracted from later packets' timestamps (set it before the first
    /// packet: the connection's clock then starts at that packet).
    pub fn set_offset_ms(&mut self, offset_ms: i64) {
        self.offset_ms = offset_ms;
    }

    pub fn target(&self) -> &Target {
        &self.target
    }
}

impl Drop for Muxer {
    fn drop(&mut self) {
        if !self.finished {
            tracing::debug!(url = %self.target.url(), "muxer dropped without finish()");
        }
    }
}
