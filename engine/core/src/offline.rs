//! Offline rendering (`lantern render`, golden tests, the Studio's export preview): an effect
//! over a still image or a video file, frame by frame on the deterministic clock, with tracking
//! from a tape (reproducible), from the live tracker, or none.
//!
//! A still image is tracked once and its tracking reused for every frame — the trigger
//! hysteresis still sees a held gesture for as many frames as are rendered, so a gesture effect
//! fires on a photo after its `beginFrames`.

use std::path::Path;

use effect_schema::tracking::TrackingFrame;
use lantern_media::source::{RgbaFrame, StillImage, VideoFile, VideoSource};
use lantern_render::{FrameData, PixelFormat};
use lantern_track::{FrameView, Models, Tracker, TrackerConfig};

use crate::error::Result;
use crate::player::{CameraFrame, EffectPlayer, PlayerInput};
use crate::tape::Tape;

/// Where the frames under the effect come from.
pub enum Source {
    /// One picture, repeated.
    Still(RgbaFrame),
    /// A video file, decoded as fast as it goes (not real-time paced), not looped.
    Video(Box<VideoFile>),
}

impl Source {
    /// Opens `path`: a PNG/JPEG/WebP image as a still, anything else as a video.
    pub fn open(path: &Path) -> Result<Self> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "webp") {
            let mut still = StillImage::open(path, None, 30)?;
            let frame = still
                .next_frame()?
                .ok_or_else(|| lantern_media::MediaError::Open {
                    path: path.to_owned(),
                    message: "the image gave no frame".into(),
                })?;
            Ok(Self::Still(frame))
        } else {
            Ok(Self::Video(Box::new(
                VideoFile::open(path, None)?.looping(false).realtime(false),
            )))
        }
    }

    /// The source's frame size.
    pub fn size(&self) -> (u32, u32) {
        match self {
            Self::Still(f) => (f.width, f.height),
            Self::Video(v) => v.size(),
        }
    }

    fn next(&mut self) -> Result<Option<RgbaFrame>> {
        Ok(match self {
            Self::Still(f) => Some(f.clone()),
            Self::Video(v) => v.next_frame()?,
        })
    }

    fn is_still(&self) -> bool {
        matches!(self, Self::Still(_))
    }
}

/// Where each frame's tracking comes from.
pub enum TrackingSource {
    /// No tracking: props and gestures never appear.
    None,
    /// A recorded tape (`lantern track --json`).
    Tape(Tape),
    /// The tracker, run on each frame (once for a still).
    Live {
        tracker: Box<Tracker>,
        cached: Option<TrackingFrame>,
    },
}

impl TrackingSource {
    /// The person mask of the last tracked frame, when the tracker segments.
    fn mask(&self) -> Option<std::sync::Arc<lantern_track::PersonMask>> {
        match self {
            Self::Live { tracker, .. } => tracker.shared_mask(),
            Self::None | Self::Tape(_) => None,
        }
    }
}

impl TrackingSource {
    /// The live tracker configured for what `player`'s effect needs (`None` when it needs no
    /// tracking). Models are found as `lantern models` shows.
    pub fn live(player: &EffectPlayer, still: bool) -> Result<Self> {
        let Some(needs) = player.tracker_config() else {
            return Ok(Self::None);
        };
        let base = if still {
            TrackerConfig::still()
        } else {
            TrackerConfig::default()
        };
        let cfg = TrackerConfig {
            faces: needs.faces,
            max_faces: needs.max_faces,
            mesh: needs.mesh,
            iris: needs.iris,
            hands: needs.hands,
            max_hands: needs.max_hands,
            segmentation: needs.segmentation,
            ..base
        };
        Ok(Self::Live {
            tracker: Box::new(Tracker::new(&Models::discover(), cfg)?),
            cached: None,
        })
    }

    fn at(&mut self, index: u64, frame: &RgbaFrame, still: bool) -> Result<Option<TrackingFrame>> {
        match self {
            Self::None => Ok(None),
            Self::Tape(tape) => Ok(tape.at(index).cloned()),
            Self::Live { tracker, cached } => {
                if let (true, Some(c)) = (still, cached.as_ref()) {
                    let mut t = c.clone();
                    t.frame = index;
                    return Ok(Some(t));
                }
                let view = FrameView::new(
                    &frame.data,
                    frame.width,
                    frame.height,
                    frame.width as usize * 4,
                    lantern_track::PixelFormat::Rgba8,
                )?;
                let t = tracker.track(&view, None)?;
                *cached = Some(t.clone());
                Ok(Some(t))
            }
        }
    }
}

/// Renders up to `frames` frames (`None`: to the end of a video; 1 for a still), calling `sink`
/// with each. Returns how many were rendered.
pub fn render(
    player: &mut EffectPlayer,
    source: &mut Source,
    tracking: &mut TrackingSource,
    frames: Option<u64>,
    format: PixelFormat,
    mut sink: impl FnMut(&FrameData) -> Result<()>,
) -> Result<u64> {
    let still = source.is_still();
    let limit = frames.unwrap_or(if still { 1 } else { u64::MAX });
    let mut index = 0;
    while index < limit {
        let Some(frame) = source.next()? else { break };
        let t = tracking.at(index, &frame, still)?;
        if let Some(mask) = tracking.mask() {
            player.set_shared_person_mask(&mask)?;
        }
        let input = PlayerInput {
            index,
            camera: CameraFrame {
                width: frame.width,
                height: frame.height,
                rgba: &frame.data,
            },
            tracking: t.as_ref(),
            events: &[],
        };
        let data = player.frame(&input, format)?;
        sink(&data)?;
        index += 1;
    }
    Ok(index)
}

/// An example's `screenshot.toml`: how its golden `screenshot.png` is rendered — a photo from
/// the shared test media held still, a tracking tape, an output size, and the frame to keep.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenshotSpec {
    /// The photo, relative to the shared test media (`$LANTERN_MEDIA`, else `shared/media`).
    pub photo: String,
    /// The tracking tape, relative to the example folder.
    pub tape: String,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    /// Frames `0..=frame` are rendered; this one is kept.
    pub frame: u64,
}

impl ScreenshotSpec {
    /// Reads `<example>/screenshot.toml`.
    pub fn read(example: &Path) -> Result<Self> {
        let path = example.join("screenshot.toml");
        let text = std::fs::read_to_string(&path).map_err(|source| crate::EngineError::Io {
            path: path.display().to_string(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| crate::EngineError::Io {
            path: path.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
        })
    }

    /// Renders the example as the spec says at `size` (`None`: the spec's size), calling `sink`
    /// with every frame; the last one is the screenshot.
    pub fn render(
        &self,
        example: &Path,
        size: Option<(u32, u32)>,
        sink: impl FnMut(&FrameData) -> Result<()>,
    ) -> Result<u64> {
        let media = lantern_track::media::media_dir()?;
        let mut source = Source::open(&media.join(&self.photo))?;
        let (width, height) = size.unwrap_or((self.width, self.height));
        let options = crate::PlayerOptions {
            width,
            height,
            fps: self.fps as f32,
            ..crate::PlayerOptions::default()
        };
        let package = effect_schema::Package::open(example)?;
        let mut player = EffectPlayer::new(package, &options)?;
        let mut tracking = TrackingSource::Tape(Tape::read(&example.join(&self.tape))?);
        render(
            &mut player,
            &mut source,
            &mut tracking,
            Some(self.frame + 1),
            PixelFormat::Rgba,
            sink,
        )
    }
}
