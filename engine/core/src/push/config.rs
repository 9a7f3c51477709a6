//! What a push is asked to do: the source, the effect, the output and its encoding, tracking,
//! ROI and reconnect settings. [`PushConfig::validate`] checks everything that can be checked
//! before a thread starts, so bad settings fail at once with a one-line error.

use std::path::PathBuf;
use std::time::Duration;

use effect_schema::format::Effect;
use lantern_media::{AudioConfig, EncoderConfig, Target};

use super::error::PushError;
use super::reconnect::Backoff;
use crate::driver::{InputSpec, TrackingSpec};

/// Where the sound comes from (the stream always carries AAC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AudioSpec {
    /// The input file's audio track when it has one, else silence.
    Auto,
    Silence,
    /// The default microphone (ALSA through FFmpeg).
    Mic,
    /// A file's audio track, looped.
    File(PathBuf),
}

impl AudioSpec {
    /// `auto`, `silence`, `mic`, or a path.
    pub fn parse(s: &str) -> Result<Self, PushError> {
        Ok(match s.trim() {
            "auto" => Self::Auto,
            "silence" | "none" => Self::Silence,
            "mic" | "microphone" => Self::Mic,
            other => {
                let path = PathBuf::from(other);
                if !path.is_file() {
                    return Err(PushError::Config {
                        field: "--audio",
                        message: format!("{other:?} is not a file"),
                        fix: "give an audio or video file, `silence` or `mic`",
                    });
                }
                Self::File(path)
            }
        })
    }
}

/// Everything a push needs.
#[derive(Clone, Debug)]
pub struct PushConfig {
    /// The effect package (folder or zip); `None` pushes the plain camera.
    pub effect: Option<PathBuf>,
    /// An effect document that replaces the folder's `effect.json` (the Studio's unsaved edit
    /// over its project's files).
    pub document: Option<Effect>,
    pub input: InputSpec,
    pub target: Target,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    /// Stop after this long (frames = duration × fps); `None` runs until stopped.
    pub duration: Option<Duration>,
    /// x264 preset.
    pub preset: String,
    /// Video bitrate, kbit/s.
    pub video_kbps: u32,
    /// Keyframe interval in frames.
    pub gop: u32,
    pub audio: AudioSpec,
    pub audio_kbps: u32,
    /// Encode face boxes as regions of interest; `None`: on when the effect tracks faces.
    pub roi: Option<bool>,
    /// ROI quality offset (-1..1, negative = better faces).
    pub roi_offset: f32,
    pub tracking: TrackingSpec,
    pub backoff: Backoff,
    /// Start with the effect's gameplay script running.
    pub gameplay: bool,
    /// Keep a small preview of each outgoing frame for a monitor window.
    pub preview: bool,
}

impl PushConfig {
    /// The defaults for `input` → `target`: 1280x720@30, veryfast, 2500 kbit/s, 2 s GOP.
    pub fn new(input: InputSpec, target: Target) -> Self {
        Self {
            effect: None,
            document: None,
            input,
            target,
            width: 1280,
            height: 720,
            fps: 30,
            duration: None,
            preset: "veryfast".to_owned(),
            video_kbps: 2500,
            gop: 60,
            audio: AudioSpec::Auto,
            audio_kbps: 128,
            roi: None,
            roi_offset: -0.3,
            tracking: TrackingSpec::Models,
            backoff: Backoff::default(),
            gameplay: true,
            preview: false,
        }
    }

    /// The encoder settings (ROI offset 0 when ROI is off).
    pub fn encoder(&self, roi: bool) -> EncoderConfig {
        EncoderConfig {
            width: self.width,
            height: self.height,
            fps: self.fps,
            preset: self.preset.clone(),
            video_kbps: self.video_kbps,
            gop: self.gop,
            audio: Some(AudioConfig {
                kbps: self.audio_kbps,
                ..AudioConfig::default()
            }),
            sei: true,
            roi_qoffset: if roi { self.roi_offset } else { 0.0 },
        }
    }

    /// Checks the settings; the error names the flag and the fix.
    pub fn validate(&self) -> Result<(), PushError> {
        self.encoder(true).validate()?;
        if let Some(d) = self.duration
            && (d.is_zero() || d > Duration::from_hours(24 * 365))
        {
            return Err(PushError::Config {
                field: "--duration",
                message: format!("{} s is out of range", d.as_secs_f64()),
                fix: "use a positive number of seconds",
            });
        }
        if let TrackingSpec::Tape(p) = &self.tracking
            && !p.is_file()
        {
            return Err(PushError::Config {
                field: "--tracking",
                message: format!("{} is not a file", p.display()),
                fix: "record a tape with `lantern track --json > tape.jsonl`",
            });
        }
        Ok(())
    }

    /// Frames to push before stopping (`None`: until stopped).
    pub fn frame_limit(&self) -> Option<u64> {
        self.duration
            .map(|d| (d.as_secs_f64() * f64::from(self.fps)).round().max(1.0) as u64)
    }

    /// Milliseconds from the start of frame `index` (the stream clock; strictly increasing).
    pub fn pts_ms(&self, index: u64) -> i64 {
        (index as i64 * 1000) / i64::from(self.fps.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audio_parses() {
        assert!(AudioSpec::parse("/nope.wav").is_err());
        assert_eq!(AudioSpec::parse("mic").unwrap(), AudioSpec::Mic);
    }

    #[test]
    fn settings_are_checked() {
        let target = Target::rtmp("rtmp://127.0.0.1/live", "k").unwrap();
        let mut c = PushConfig::new(InputSpec::Pattern, target);
        assert!(c.validate().is_ok());
        assert_eq!(c.pts_ms(30), 1000);
        c.duration = Some(Duration::from_secs(2));
        assert_eq!(c.frame_limit(), Some(60));
        c.width = 1281;
        assert!(c.validate().unwrap_err().to_string().contains("1281"));
        c.width = 1280;
        c.preset = "turbo".to_owned();
        assert!(c.validate().is_err());
    }
}
