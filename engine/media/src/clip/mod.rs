//! A whole audio file, given as bytes (packages are read into memory), decoded once to
//! interleaved `f32` at 48 kHz stereo: the sounds and music an effect plays.
//!
//! ```text
//! bytes ─► FFmpeg demuxer (custom I/O over the bytes) ─► declared length > limit? refuse
//!       ─► decoder ─► resampler (48 kHz stereo f32) ─► decoded length > limit? stop, refuse
//! ```
//!
//! Hostile files are refused fast and by name: an empty file, a container FFmpeg does not
//! recognise as audio (a PNG renamed `.ogg`), a header declaring more than the limit (a WAV
//! claiming 10 hours is refused from its header, nothing decoded), a file that decodes to more
//! than the limit whatever its header said (decoding stops there), and a file that ends well
//! before its header says (truncated).

use std::io::Cursor;

use ffmpeg_next::format::context::StreamIo;
use ffmpeg_next::{Rational, codec, decoder, format, media};

use self::decoding::Decoding;
use self::wav::wav_declared_seconds;
use crate::error::{MediaError, Result};
use crate::resample::Resampler;

mod decoding;
#[cfg(test)]
mod tests;
mod wav;

/// The rate clips are decoded at, Hz.
pub const CLIP_RATE: u32 = 48_000;
/// The channels clips are decoded to (interleaved).
pub const CLIP_CHANNELS: u16 = 2;
/// Bytes one second of decoded clip takes (`f32`, stereo, 48 kHz).
pub const CLIP_BYTES_PER_SECOND: u64 = CLIP_RATE as u64 * CLIP_CHANNELS as u64 * 4;

/// What a clip file decoded to.
#[derive(Clone, Debug, PartialEq)]
pub struct Clip {
    /// Interleaved stereo at [`CLIP_RATE`].
    pub samples: Vec<f32>,
    /// The codec FFmpeg decoded it with (`vorbis`, `mp3float`, `aac`, `pcm_s16le`…).
    pub codec: String,
}

impl Clip {
    /// Samples per channel.
    pub fn frames(&self) -> usize {
        self.samples.len() / usize::from(CLIP_CHANNELS)
    }

    pub fn seconds(&self) -> f64 {
        self.frames() as f64 / f64::from(CLIP_RATE)
    }
}

/// Decodes the whole of `bytes` (the file `file`, named in errors) to a [`Clip`], refusing it
/// with [`MediaError::ClipTooLong`] when it is longer than `max_seconds` (from its header, or
/// once that much was decoded) and with [`MediaError::Clip`] when it is no readable audio.
pub fn decode_clip(file: &str, bytes: Vec<u8>, max_seconds: f64) -> Result<Clip> {
    crate::init();
    let Opened {
        mut ictx,
        stream,
        declared,
        decoder,
    } = open(file, bytes)?;
    if let Some(seconds) = declared.filter(|s| *s > max_seconds) {
        return Err(MediaError::ClipTooLong {
            file: file.to_owned(),
            seconds,
            limit: max_seconds,
            declared: true,
        });
    }
    let codec = decoder
        .codec()
        .map_or_else(String::new, |c| c.name().to_owned());
    let mut run = Decoding {
        file,
        decoder,
        resampler: Resampler::new(CLIP_RATE, CLIP_CHANNELS),
        samples: Vec::new(),
        max_samples: (max_seconds * f64::from(CLIP_RATE)).ceil() as usize
            * usize::from(CLIP_CHANNELS),
        bad_packets: 0,
    };
    run.read_all(&mut ictx, stream)?;
    let clip = Clip {
        samples: run.samples,
        codec,
    };
    if clip.frames() == 0 {
        return Err(bad(
            file,
            "decodes to no sound at all; export the sound again",
        ));
    }
    if let Some(d) = declared
        && clip.seconds() < d * 0.9 - 0.05
    {
        return Err(bad(
            file,
            format!(
                "ends after {:.2} s but its header says {d:.2} s: the file is truncated; export it again",
                clip.seconds()
            ),
        ));
    }
    Ok(clip)
}

fn bad(file: &str, message: impl Into<String>) -> MediaError {
    MediaError::Clip {
        file: file.to_owned(),
        message: message.into(),
    }
}

/// A file open for decoding: its best audio stream, the length it declares, its decoder.
struct Opened {
    ictx: format::context::Input,
    stream: usize,
    declared: Option<f64>,
    decoder: decoder::Audio,
}

/// Opens `bytes` through FFmpeg (custom I/O over memory) and finds the audio to decode.
fn open(file: &str, bytes: Vec<u8>) -> Result<Opened> {
    if bytes.is_empty() {
        return Err(bad(
            file,
            "the file is empty (0 bytes); export the sound again",
        ));
    }
    let wav_declared = wav_declared_seconds(&bytes);
    let io = StreamIo::from_read_seek(Cursor::new(bytes))
        .map_err(|e| bad(file, format!("cannot be read: {e}")))?;
    let ictx = format::input_from_stream(io, Some(file), None).map_err(|e| match e {
        ffmpeg_next::Error::Eof => bad(
            file,
            "ends before its headers do: the file is truncated; export the sound again",
        ),
        e => bad(
            file,
            format!(
                "not an audio file FFmpeg can read ({e}); use WAV, OGG/Vorbis, MP3 or AAC (.m4a)"
            ),
        ),
    })?;
    let container = ictx.format().name().to_owned();
    let stream = ictx.streams().best(media::Type::Audio).ok_or_else(|| {
        bad(
            file,
            format!(
                "has no audio track (FFmpeg reads it as `{container}`); use WAV, OGG/Vorbis, MP3 or AAC (.m4a)"
            ),
        )
    })?;
    let declared = declared_seconds(stream.duration(), stream.time_base())
        .or_else(|| declared_seconds(ictx.duration(), Rational(1, 1_000_000)));
    // FFmpeg clamps a WAV's length to the bytes present: its own header says more.
    let declared = match (declared, wav_declared) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let decoder = codec::context::Context::from_parameters(stream.parameters())
        .and_then(|c| c.decoder().audio())
        .map_err(|e| bad(file, format!("its audio cannot be decoded ({e})")))?;
    let stream = stream.index();
    Ok(Opened {
        ictx,
        stream,
        declared,
        decoder,
    })
}

/// A duration in `time_base` units as seconds, when it is known and positive.
fn declared_seconds(duration: i64, time_base: Rational) -> Option<f64> {
    (duration > 0 && time_base.denominator() > 0).then(|| {
        duration as f64 * f64::from(time_base.numerator()) / f64::from(time_base.denominator())
    })
}
