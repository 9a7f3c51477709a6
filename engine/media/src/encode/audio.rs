//! The audio half of the encoder: interleaved `f32` samples → fixed-size planar frames → AAC.
//!
//! Samples are buffered only up to one AAC frame (1024 per channel) between calls, so memory
//! stays bounded whatever the caller pushes.

use ffmpeg_next::format::Sample;
use ffmpeg_next::format::sample::Type as SampleType;
use ffmpeg_next::{ChannelLayout, Packet, Rational, codec, encoder, frame};

use super::config::AudioConfig;
use crate::error::{MediaError, Result};

pub(crate) struct AudioEncoder {
    pub(crate) enc: encoder::Audio,
    channels: usize,
    frame_size: usize,
    pending: Vec<f32>,
    next_pts: i64,
    rate: u32,
}

impl AudioEncoder {
    pub(crate) fn open(cfg: &AudioConfig, global_header: bool) -> Result<Self> {
        let codec = encoder::find(codec::Id::AAC).ok_or(MediaError::Config {
            field: "audio codec",
            message: "FFmpeg was built without an AAC encoder".to_owned(),
            fix: "install a standard FFmpeg build",
        })?;
        let mut enc = codec::context::Context::new_with_codec(codec)
            .encoder()
            .audio()
            .map_err(MediaError::ffmpeg("create the AAC encoder"))?;
        enc.set_rate(cfg.sample_rate as i32);
        enc.set_channel_layout(ChannelLayout::default(i32::from(cfg.channels)));
        enc.set_channels(i32::from(cfg.channels));
        enc.set_format(Sample::F32(SampleType::Planar));
        enc.set_bit_rate(cfg.kbps as usize * 1000);
        enc.set_time_base(Rational(1, cfg.sample_rate as i32));
        if global_header {
            enc.set_flags(codec::Flags::GLOBAL_HEADER);
        }
        let enc = enc
            .open()
            .map_err(MediaError::ffmpeg("open the AAC encoder"))?;
        let frame_size = (enc.frame_size() as usize).max(1);
        Ok(Self {
            enc,
            channels: usize::from(cfg.channels),
            frame_size,
            pending: Vec::with_capacity(frame_size * usize::from(cfg.channels)),
            next_pts: 0,
            rate: cfg.sample_rate,
        })
    }

    pub(crate) fn time_base(&self) -> Rational {
        Rational(1, self.rate as i32)
    }

    /// Samples sent so far, per channel (the audio clock).
    pub(crate) fn samples_sent(&self) -> i64 {
        self.next_pts
    }

    /// Buffers `samples` (interleaved) and encodes every complete frame; `drain` is called after
    /// each frame so packets never pile up inside the encoder.
    pub(crate) fn push(
        &mut self,
        samples: &[f32],
        mut drain: impl FnMut(&mut Self) -> Result<()>,
    ) -> Result<()> {
        if !samples.len().is_multiple_of(self.channels) {
            return Err(MediaError::InvalidInput {
                what: "audio samples",
                message: format!(
                    "{} samples is not a multiple of {} channels",
                    samples.len(),
                    self.channels
                ),
            });
        }
        let per_frame = self.frame_size * self.channels;
        let mut rest = samples;
        while !rest.is_empty() {
            let take = (per_frame - self.pending.len()).min(rest.len());
            self.pending.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if self.pending.len() == per_frame {
                self.send_pending()?;
                drain(self)?;
            }
        }
        Ok(())
    }

    fn send_pending(&mut self) -> Result<()> {
        let samples = self.pending.len() / self.channels;
        let mut frame = frame::Audio::new(
            Sample::F32(SampleType::Planar),
            samples,
            ChannelLayout::default(self.channels as i32),
        );
        frame.set_rate(self.rate);
        for ch in 0..self.channels {
            let plane = frame.plane_mut::<f32>(ch);
            for (i, out) in plane.iter_mut().take(samples).enumerate() {
                *out = self.pending[i * self.channels + ch];
            }
        }
        frame.set_pts(Some(self.next_pts));
        self.next_pts += samples as i64;
        self.pending.clear();
        self.enc
            .send_frame(&frame)
            .map_err(MediaError::ffmpeg("encode an audio frame"))
    }

    /// Sends the last partial frame (if any) and end-of-stream.
    pub(crate) fn send_eof(&mut self) -> Result<()> {
        if !self.pending.is_empty() {
            self.send_pending()?;
        }
        self.enc
            .send_eof()
            .map_err(MediaError::ffmpeg("flush the AAC encoder"))
    }

    pub(crate) fn receive(&mut self, packet: &mut Packet) -> bool {
        self.enc.receive_packet(packet).is_ok()
    }
}
