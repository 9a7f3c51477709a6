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
use ffmpeg_next::{Packet, Rational, codec, decoder, format, frame, media};

use crate::error::{MediaError, Result};
use crate::resample::Resampler;

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
    let bad = |message: String| MediaError::Clip {
        file: file.to_owned(),
        message,
    };
    if bytes.is_empty() {
        return Err(bad(
            "the file is empty (0 bytes); export the sound again".into()
        ));
    }
    let wav_declared = wav_declared_seconds(&bytes);
    let io = StreamIo::from_read_seek(Cursor::new(bytes))
        .map_err(|e| bad(format!("cannot be read: {e}")))?;
    let mut ictx = format::input_from_stream(io, Some(file), None).map_err(|e| {
        bad(format!(
            "not an audio file FFmpeg can read ({e}); use WAV, OGG/Vorbis, MP3 or AAC (.m4a)"
        ))
    })?;
    let container = ictx.format().name().to_owned();
    let (stream, declared, decoder) = {
        let stream = ictx.streams().best(media::Type::Audio).ok_or_else(|| {
            bad(format!(
                "has no audio track (FFmpeg reads it as `{container}`); use WAV, OGG/Vorbis, MP3 or AAC (.m4a)"
            ))
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
            .map_err(|e| bad(format!("its audio cannot be decoded ({e})")))?;
        (stream.index(), declared, decoder)
    };
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
    let mut packets = 0usize;
    let mut packet = Packet::empty();
    loop {
        match packet.read(&mut ictx) {
            Ok(()) if packet.stream() == stream => {
                packets += 1;
                run.send(&packet)?;
            }
            Ok(()) => {}
            Err(ffmpeg_next::Error::Eof) => break,
            Err(e) => {
                let at = run.samples.len() as f64 / f64::from(CLIP_RATE * 2);
                return Err(bad(format!(
                    "is damaged {at:.2} s in ({e}); export the sound again"
                )));
            }
        }
    }
    run.finish()?;
    if run.bad_packets * 10 > packets.max(1) {
        return Err(bad(format!(
            "{} of its {packets} audio packets do not decode: the file is damaged; export it again",
            run.bad_packets
        )));
    }
    let clip = Clip {
        samples: run.samples,
        codec,
    };
    if clip.frames() == 0 {
        return Err(bad(
            "decodes to no sound at all; export the sound again".into()
        ));
    }
    if let Some(d) = declared
        && clip.seconds() < d * 0.9 - 0.05
    {
        return Err(bad(format!(
            "ends after {:.2} s but its header says {d:.2} s: the file is truncated; export it again",
            clip.seconds()
        )));
    }
    Ok(clip)
}

#[cfg(test)]
#[path = "clip_tests.rs"]
mod tests;

/// A duration in `time_base` units as seconds, when it is known and positive.
fn declared_seconds(duration: i64, time_base: Rational) -> Option<f64> {
    (duration > 0 && time_base.denominator() > 0).then(|| {
        duration as f64 * f64::from(time_base.numerator()) / f64::from(time_base.denominator())
    })
}

/// The length a WAV's `data` chunk header declares (FFmpeg reports the bytes present instead);
/// `None` for other files, and for the sizes streaming writers leave (0, `0xFFFFFFFF`).
fn wav_declared_seconds(bytes: &[u8]) -> Option<f64> {
    let u32_at = |at: usize| -> Option<u32> {
        let b = bytes.get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    if bytes.get(..4) != Some(b"RIFF") || bytes.get(8..12) != Some(b"WAVE") {
        return None;
    }
    let (mut at, mut byte_rate) = (12usize, None);
    while let (Some(kind), Some(size)) = (bytes.get(at..at + 4), u32_at(at + 4)) {
        match kind {
            b"fmt " => byte_rate = u32_at(at + 16).filter(|r| *r > 0),
            b"data" if size != 0 && size != u32::MAX => {
                return Some(f64::from(size) / f64::from(byte_rate?));
            }
            b"data" => return None,
            _ => {}
        }
        at = at.checked_add(8 + size as usize + (size as usize & 1))?;
    }
    None
}

/// One file being decoded, with its limit.
struct Decoding<'a> {
    file: &'a str,
    decoder: decoder::Audio,
    resampler: Resampler,
    samples: Vec<f32>,
    max_samples: usize,
    bad_packets: usize,
}

impl Decoding<'_> {
    /// Decodes one packet (a packet that does not decode is counted and skipped).
    fn send(&mut self, packet: &Packet) -> Result<()> {
        if let Err(e) = self.decoder.send_packet(packet) {
            tracing::debug!(
                "{}: skipping an audio packet that does not decode: {e}",
                self.file
            );
            self.bad_packets += 1;
        }
        self.receive()
    }

    fn receive(&mut self) -> Result<()> {
        let mut decoded = frame::Audio::empty();
        while self.decoder.receive_frame(&mut decoded).is_ok() {
            self.resampler.run(&mut decoded, &mut self.samples)?;
            self.check_length()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        // A decoder that already ended refuses a second end of stream: nothing is lost.
        let _ = self.decoder.send_eof();
        self.receive()?;
        self.resampler.flush(&mut self.samples)?;
        self.check_length()
    }

    /// Refuses the file as soon as it decoded past the limit (a header can lie).
    fn check_length(&self) -> Result<()> {
        if self.samples.len() <= self.max_samples {
            return Ok(());
        }
        let per_second = f64::from(CLIP_RATE) * f64::from(CLIP_CHANNELS);
        Err(MediaError::ClipTooLong {
            file: self.file.to_owned(),
            seconds: self.samples.len() as f64 / per_second,
            limit: self.max_samples as f64 / per_second,
            declared: false,
        })
    }
}
