//! Offline rendering (`lantern render`, golden tests): the [`Driver`]'s pacing for files — an
//! effect over a still image or a video file, every frame in order on the deterministic clock,
//! each frame waiting for its own tracking (from a tape, the live tracker, or none).

use std::path::Path;

use lantern_render::{FrameData, PixelFormat};

use crate::driver::{
    Driver, DriverOptions, Frame, InputSpec, Source, SourceOptions, TrackingSpec, Wait,
};
use crate::error::Result;
use crate::player::PlayerOptions;

/// Opens `path` for an offline render: an image as a still, anything else as a video that is
/// read once, every frame, at its own size.
pub fn open_source(path: &Path, fps: u32) -> Result<Source> {
    Source::open(
        &InputSpec::file(path),
        &SourceOptions {
            output: (0, 0),
            fps,
            cover: false,
            looping: false,
        },
    )
}

/// Renders up to `frames` frames (`None`: to the end of a video; 1 for a still), each with its
/// own tracking (the driver waits for every result: the same input gives the same pixels),
/// calling `sink` with each. Returns how many were rendered.
pub fn render(
    driver: &mut Driver,
    source: &mut Source,
    frames: Option<u64>,
    format: PixelFormat,
    mut sink: impl FnMut(&FrameData) -> Result<()>,
) -> Result<u64> {
    let limit = frames.unwrap_or(if source.is_still() { 1 } else { u64::MAX });
    let fps = f64::from(driver.player().fps().max(1.0));
    let mut index = 0;
    while index < limit {
        let Some(pixels) = source.next(index)? else {
            break;
        };
        let frame = Frame {
            index,
            time_s: index as f64 / fps,
            pixels,
        };
        let out = driver.frame(&frame, &[], Wait::Exact, format)?;
        sink(&out.data)?;
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
        let media = lantern_track::photos::media_dir()?;
        let mut source = open_source(&media.join(&self.photo), self.fps)?;
        let (width, height) = size.unwrap_or((self.width, self.height));
        let player = PlayerOptions {
            width,
            height,
            fps: self.fps as f32,
            ..PlayerOptions::default()
        };
        let tape = TrackingSpec::Tape(example.join(&self.tape));
        let options = DriverOptions::new(player, tape, source.is_still());
        let mut driver = Driver::new(effect_schema::Package::open(example)?, options)?;
        render(
            &mut driver,
            &mut source,
            Some(self.frame + 1),
            PixelFormat::Rgba,
            sink,
        )
    }
}
