//! Decoded audio frames (any sample format, layout and rate) → interleaved `f32` at a fixed rate
//! and channel count, through FFmpeg's swresample. Shared by the looping file source
//! ([`crate::source::FileAudio`]) and the whole-file decoder ([`crate::clip`]).

use ffmpeg_next::format::Sample;
use ffmpeg_next::format::sample::Type as SampleType;
use ffmpeg_next::software::resampling;
use ffmpeg_next::{ChannelLayout, frame};

use crate::error::{MediaError, Result};

/// The input a converter was made for: a frame that differs (a chained Ogg stream, a stream
/// that changes rate) gets a new converter.
type InputKind = (Sample, ChannelLayout, u32);

/// A converter to interleaved `f32` at `rate` with `channels`.
pub(crate) struct Resampler {
    rate: u32,
    channels: u16,
    context: Option<(InputKind, resampling::Context)>,
}

impl Resampler {
    pub(crate) fn new(rate: u32, channels: u16) -> Self {
        Self {
            rate,
            channels,
            context: None,
        }
    }

    fn out_layout(&self) -> ChannelLayout {
        ChannelLayout::default(i32::from(self.channels))
    }

    /// Converts `input` (its channel layout set when the decoder left it unset) and appends the
    /// samples to `out`.
    pub(crate) fn run(
        &mut self,
        input: &mut frame::Audio,
        out: &mut impl Extend<f32>,
    ) -> Result<()> {
        if input.rate() == 0 || input.samples() == 0 {
            return Ok(());
        }
        // Some decoders (PCM in WAV) leave the layout unset: take the default for the count.
        let mut layout = input.channel_layout();
        if layout.is_empty() {
            layout = ChannelLayout::default(i32::from(input.channels()));
        }
        let kind = (input.format(), layout, input.rate());
        if self.context.as_ref().is_none_or(|(k, _)| *k != kind) {
            let context = resampling::Context::get(
                kind.0,
                kind.1,
                kind.2,
                Sample::F32(SampleType::Packed),
                self.out_layout(),
                self.rate,
            )
            .map_err(MediaError::ffmpeg("create the audio resampler"))?;
            self.context = Some((kind, context));
        }
        let capacity = input.samples() * self.rate as usize / input.rate() as usize + 256;
        let mut converted =
            frame::Audio::new(Sample::F32(SampleType::Packed), capacity, self.out_layout());
        if input.channel_layout().is_empty() {
            // The layout the converter was made for.
            input.set_channel_layout(layout);
        }
        if let Some((_, context)) = self.context.as_mut() {
            context
                .run(input, &mut converted)
                .map_err(MediaError::ffmpeg("resample audio"))?;
        }
        self.append(&converted, out);
        Ok(())
    }

    /// Appends what the converter still holds (its filter's delay) to `out`.
    pub(crate) fn flush(&mut self, out: &mut impl Extend<f32>) -> Result<()> {
        let layout = self.out_layout();
        let Some((_, context)) = self.context.as_mut() else {
            return Ok(());
        };
        let mut converted = frame::Audio::new(Sample::F32(SampleType::Packed), 4096, layout);
        context
            .flush(&mut converted)
            .map_err(MediaError::ffmpeg("flush the audio resampler"))?;
        self.append(&converted, out);
        Ok(())
    }

    fn append(&self, converted: &frame::Audio, out: &mut impl Extend<f32>) {
        let n = converted.samples() * usize::from(self.channels);
        let bytes = &converted.data(0)[..n * 4];
        out.extend(
            bytes
                .chunks_exact(4)
                .map(|b| f32::from_ne_bytes([b[0], b[1], b[2], b[3]])),
        );
    }
}
