//! Encoder settings and where the stream goes (a file, or an RTMP URL + stream key as OBS takes
//! them).

use std::path::PathBuf;

use crate::error::{MediaError, Result};

/// x264 presets, fastest first.
pub const X264_PRESETS: [&str; 10] = [
    "ultrafast",
    "superfast",
    "veryfast",
    "faster",
    "fast",
    "medium",
    "slow",
    "slower",
    "veryslow",
    "placebo",
];

/// Video and audio encoding settings.
#[derive(Clone, Debug, PartialEq)]
pub struct EncoderConfig {
    /// Output width and height in pixels (even numbers: yuv420p halves the chroma).
    pub width: u32,
    pub height: u32,
    /// Frames per second (the nominal rate; pts come from the caller).
    pub fps: u32,
    /// libx264 preset (see [`X264_PRESETS`]).
    pub preset: String,
    /// Target video bitrate in kbit/s (CBR-like: also used as maxrate with a 1 s buffer).
    pub video_kbps: u32,
    /// Keyframe interval in frames.
    pub gop: u32,
    /// AAC audio; `None` writes video only.
    pub audio: Option<AudioConfig>,
    /// Attach the hot-zone SEI to each frame (libx264 `udu_sei`).
    pub sei: bool,
    /// Quality offset of ROI rectangles, in -1.0..=1.0 (negative = better quality).
    pub roi_qoffset: f32,
}

impl Default for EncoderConfig {
    fn default() -> Self {
        Self {
            width: 1280,
            height: 720,
            fps: 30,
            preset: "veryfast".to_owned(),
            video_kbps: 2500,
            gop: 60,
            audio: Some(AudioConfig::default()),
            sei: true,
            roi_qoffset: -0.3,
        }
    }
}

impl EncoderConfig {
    /// Video only (no audio track), `width`x`height` at `fps`, the other settings default: for
    /// files written offline (`lantern render`, `lantern track --overlay`).
    pub fn video_only(width: u32, height: u32, fps: u32) -> Self {
        Self {
            width,
            height,
            fps,
            audio: None,
            ..Self::default()
        }
    }
}

/// AAC settings. Samples are pushed as interleaved `f32`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudioConfig {
    pub sample_rate: u32,
    /// 1 (mono) or 2 (stereo).
    pub channels: u16,
    pub kbps: u32,
}

impl Default for AudioConfig {
    fn default() -> Self {
        Self {
            sample_rate: 48_000,
            channels: 2,
            kbps: 128,
        }
    }
}

impl EncoderConfig {
    /// Checks every field; the error names the field and the fix.
    pub fn validate(&self) -> Result<()> {
        let err = |field, message: String, fix| {
            Err(MediaError::Config {
                field,
                message,
                fix,
            })
        };
        if self.width < 16
            || self.height < 16
            || !self.width.is_multiple_of(2)
            || !self.height.is_multiple_of(2)
        {
            return err(
                "width/height",
                format!("{}x{} is not usable", self.width, self.height),
                "use even sizes of at least 16x16, e.g. 1280x720",
            );
        }
        if self.fps == 0 || self.fps > 240 {
            return err(
                "fps",
                format!("{} is out of range", self.fps),
                "use 1..=240, e.g. 30",
            );
        }
        if !X264_PRESETS.contains(&self.preset.as_str()) {
            return err(
                "preset",
                format!("unknown x264 preset {:?}", self.preset),
                "use ultrafast, superfast, veryfast, faster, fast, medium, slow, …",
            );
        }
        if !(100..=100_000).contains(&self.video_kbps) {
            return err(
                "video bitrate",
                format!("{} kbit/s is out of range", self.video_kbps),
                "use 100..=100000 kbit/s, e.g. 2500",
            );
        }
        if self.gop == 0 {
            return err(
                "gop",
                "0 frames".to_owned(),
                "use a keyframe interval ≥ 1, e.g. 2 s × fps",
            );
        }
        if !(-1.0..=1.0).contains(&self.roi_qoffset) {
            return err(
                "roi qoffset",
                format!("{} is out of range", self.roi_qoffset),
                "use -1.0..=1.0 (negative spends more bits on the regions)",
            );
        }
        if let Some(a) = &self.audio {
            if !(8000..=96_000).contains(&a.sample_rate) || !(1..=2).contains(&a.channels) {
                return err(
                    "audio",
                    format!("{} Hz × {} channels", a.sample_rate, a.channels),
                    "use 8000..=96000 Hz and 1 or 2 channels, e.g. 48000 Hz stereo",
                );
            }
            if !(16..=512).contains(&a.kbps) {
                return err(
                    "audio bitrate",
                    format!("{} kbit/s", a.kbps),
                    "use 16..=512, e.g. 128",
                );
            }
        }
        Ok(())
    }
}

/// Where the encoded stream goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A file; the container comes from the extension (`.flv`, `.mp4`, `.mkv`, …).
    File(PathBuf),
    /// An RTMP(S) ingest, always FLV.
    Rtmp { url: String },
}

impl Target {
    /// An RTMP target from a server URL and a stream key, as OBS takes them
    /// (`rtmp://host/app` + `key` → `rtmp://host/app/key`). An empty key uses the URL as is.
    pub fn rtmp(server: &str, key: &str) -> Result<Self> {
        let server = server.trim();
        if !(server.starts_with("rtmp://") || server.starts_with("rtmps://")) {
            return Err(MediaError::Config {
                field: "url",
                message: format!("{server:?} is not an RTMP URL"),
                fix: "use rtmp://host[:port]/app (the stream key goes in --key)",
            });
        }
        let key = key.trim().trim_start_matches('/');
        let url = if key.is_empty() {
            server.to_owned()
        } else {
            format!("{}/{key}", server.trim_end_matches('/'))
        };
        Ok(Self::Rtmp { url })
    }

    /// A target from a single string: `rtmp://…` or a file path.
    pub fn parse(s: &str) -> Result<Self> {
        if s.starts_with("rtmp://") || s.starts_with("rtmps://") {
            Self::rtmp(s, "")
        } else {
            Ok(Self::File(PathBuf::from(s)))
        }
    }

    /// The URL or path FFmpeg opens.
    pub fn url(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Rtmp { url } => url.clone(),
        }
    }

    pub fn is_network(&self) -> bool {
        matches!(self, Self::Rtmp { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtmp_url_and_key_join_like_obs() {
        let t = Target::rtmp("rtmp://127.0.0.1:1935/live/", "/abc").unwrap();
        assert_eq!(t.url(), "rtmp://127.0.0.1:1935/live/abc");
        assert!(Target::rtmp("http://x/live", "k").is_err());
        assert_eq!(
            Target::parse("out.flv").unwrap(),
            Target::File("out.flv".into())
        );
    }

    #[test]
    fn bad_settings_name_the_field() {
        let mut c = EncoderConfig::default();
        assert!(c.validate().is_ok());
        c.preset = "turbo".to_owned();
        let msg = c.validate().unwrap_err().to_string();
        assert!(msg.contains("preset") && msg.contains("veryfast"), "{msg}");
        c = EncoderConfig {
            width: 1279,
            ..EncoderConfig::default()
        };
        assert!(c.validate().unwrap_err().to_string().contains("width"));
    }
}
