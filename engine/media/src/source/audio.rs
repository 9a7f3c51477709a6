//! Audio sources: silence (the stream always carries an AAC track) and a file's audio track
//! (decoded, resampled to interleaved `f32` at the encoder's rate and channel count, looped).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use ffmpeg_next::{Packet, decoder, format, frame, media};

use crate::error::{MediaError, Result};
use crate::resample::Resampler;

/// Something that produces interleaved `f32` samples.
pub trait AudioSource {
    /// Exactly `frames` samples per channel (interleaved).
    fn read(&mut self, frames: usize) -> Result<Vec<f32>>;
}

/// Digital silence.
#[derive(Clone, Copy, Debug)]
pub struct Silence {
    pub channels: u16,
}

impl AudioSource for Silence {
    fn read(&mut self, frames: usize) -> Result<Vec<f32>> {
        Ok(vec![0.0; frames * usize::from(self.channels)])
    }
}

/// A file's best audio stream, looped; silence if it runs dry.
pub struct FileAudio {
    path: PathBuf,
    ictx: format::context::Input,
    decoder: decoder::Audio,
    stream: usize,
    resampler: Resampler,
    channels: u16,
    buffer: VecDeque<f32>,
}

impl FileAudio {
    pub fn open(path: &Path, rate: u32, channels: u16) -> Result<Self> {
        crate::init();
        let open_err = |message: String| MediaError::Open {
            path: path.to_owned(),
            message,
        };
        let ictx = format::input(path).map_err(|e| open_err(e.to_string()))?;
        Self::from_input(ictx, path, rate, channels)
    }

    /// The default microphone, through FFmpeg's input devices (PulseAudio, else ALSA's
    /// `default`). Reads block until the samples were captured, so the caller is paced by it.
    pub fn open_mic(rate: u32, channels: u16) -> Result<Self> {
        crate::init();
        let mut tried = Vec::new();
        for (name, device) in [("pulse", "default"), ("alsa", "default")] {
            let Some(fmt) = ffmpeg_next::device::input::audio().find(|f| f.name() == name) else {
                continue;
            };
            match format::open_with(device, &fmt, ffmpeg_next::Dictionary::new()) {
                Ok(format::context::Context::Input(ictx)) => {
                    return Self::from_input(
                        ictx,
                        Path::new(&format!("{name}:{device}")),
                        rate,
                        channels,
                    );
                }
                Ok(format::context::Context::Output(_)) => {}
                Err(e) => tried.push(format!("{name}:{device}: {e}")),
            }
        }
        Err(MediaError::Open {
            path: PathBuf::from("microphone"),
            message: if tried.is_empty() {
                "this FFmpeg has no PulseAudio or ALSA input device".to_owned()
            } else {
                format!("no microphone could be opened ({})", tried.join("; "))
            },
        })
    }

    fn from_input(
        ictx: format::context::Input,
        path: &Path,
        rate: u32,
        channels: u16,
    ) -> Result<Self> {
        let open_err = |message: String| MediaError::Open {
            path: path.to_owned(),
            message,
        };
        let stream = ictx
            .streams()
            .best(media::Type::Audio)
            .ok_or_else(|| open_err("no audio track (use silence instead)".to_owned()))?;
        let index = stream.index();
        let decoder = ffmpeg_next::codec::context::Context::from_parameters(stream.parameters())
            .and_then(|c| c.decoder().audio())
            .map_err(|e| open_err(format!("cannot decode the audio track: {e}")))?;
        Ok(Self {
            path: path.to_owned(),
            ictx,
            decoder,
            stream: index,
            resampler: Resampler::new(rate, channels),
            channels,
            buffer: VecDeque::new(),
        })
    }

    /// Decodes one more packet's worth into the buffer; false at the end of the file.
    fn fill(&mut self) -> Result<bool> {
        let mut decoded = frame::Audio::empty();
        if self.decoder.receive_frame(&mut decoded).is_ok() {
            self.resample(&mut decoded)?;
            return Ok(true);
        }
        let mut packet = Packet::empty();
        match packet.read(&mut self.ictx) {
            Ok(()) => {
                if packet.stream() == self.stream
                    && let Err(e) = self.decoder.send_packet(&packet)
                {
                    tracing::debug!(
                        "skipping a bad audio packet in {}: {e}",
                        self.path.display()
                    );
                }
                Ok(true)
            }
            Err(ffmpeg_next::Error::Eof) => Ok(false),
            Err(e) => Err(MediaError::Open {
                path: self.path.clone(),
                message: e.to_string(),
            }),
        }
    }

    fn resample(&mut self, input: &mut frame::Audio) -> Result<()> {
        self.resampler.run(input, &mut self.buffer)
    }
}

impl AudioSource for FileAudio {
    fn read(&mut self, frames: usize) -> Result<Vec<f32>> {
        let want = frames * usize::from(self.channels);
        let mut rewound = false;
        while self.buffer.len() < want {
            if !self.fill()? {
                if rewound {
                    break; // an empty or undecodable track: pad with silence below
                }
                self.ictx.seek(0, ..).map_err(|e| MediaError::Open {
                    path: self.path.clone(),
                    message: format!("seek: {e}"),
                })?;
                self.decoder.flush();
                rewound = true;
            }
        }
        let take = want.min(self.buffer.len());
        let mut out: Vec<f32> = self.buffer.drain(..take).collect();
        out.resize(want, 0.0);
        Ok(out)
    }
}
