//! The decode loop of one clip: packets → decoder → resampler, stopped as soon as the decoded
//! length passes the limit (a header can lie about the length).

use ffmpeg_next::{Packet, decoder, format, frame};

use super::{CLIP_CHANNELS, CLIP_RATE, bad};
use crate::error::{MediaError, Result};
use crate::resample::Resampler;

/// One file being decoded, with its limit.
pub(super) struct Decoding<'a> {
    pub(super) file: &'a str,
    pub(super) decoder: decoder::Audio,
    pub(super) resampler: Resampler,
    pub(super) samples: Vec<f32>,
    pub(super) max_samples: usize,
    pub(super) bad_packets: usize,
}

impl Decoding<'_> {
    /// Decodes every packet of `stream` to the end of the file; a damaged file (a read error,
    /// more than one packet in ten that does not decode) is refused.
    pub(super) fn read_all(
        &mut self,
        ictx: &mut format::context::Input,
        stream: usize,
    ) -> Result<()> {
        let mut packets = 0usize;
        let mut packet = Packet::empty();
        loop {
            match packet.read(ictx) {
                Ok(()) if packet.stream() == stream => {
                    packets += 1;
                    self.send(&packet)?;
                }
                Ok(()) => {}
                Err(ffmpeg_next::Error::Eof) => break,
                Err(e) => {
                    let at = self.samples.len() as f64 / f64::from(CLIP_RATE * 2);
                    return Err(bad(
                        self.file,
                        format!("is damaged {at:.2} s in ({e}); export the sound again"),
                    ));
                }
            }
        }
        self.finish()?;
        if self.bad_packets * 10 > packets.max(1) {
            return Err(bad(
                self.file,
                format!(
                    "{} of its {packets} audio packets do not decode: the file is damaged; export it again",
                    self.bad_packets
                ),
            ));
        }
        Ok(())
    }

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
