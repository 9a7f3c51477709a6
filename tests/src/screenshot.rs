//! An example's `screenshot.toml`: how its golden `screenshot.png` is rendered. The golden test
//! (`tests/tests/examples.rs`) and the examples benchmark (`tests/benches/examples.rs`) read it;
//! the engine does not know about it.

use std::path::Path;

use lantern_engine::driver::{Driver, DriverOptions, TrackingSpec};
use lantern_engine::offline::{self, open_source};
use lantern_engine::render::{FrameData, PixelFormat};
use lantern_engine::{EngineError, PlayerOptions, Result};

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
    /// Earlier frames kept too, each the golden `screenshot-<frame>.png` at half the size
    /// (animations caught mid-way).
    #[serde(default)]
    pub moments: Vec<u64>,
}

impl ScreenshotSpec {
    /// Reads `<example>/screenshot.toml`.
    pub fn read(example: &Path) -> Result<Self> {
        let path = example.join("screenshot.toml");
        let text = std::fs::read_to_string(&path).map_err(|source| EngineError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let invalid = |message: String| EngineError::Io {
            path: path.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, message),
        };
        let spec: Self = toml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        if let Some(late) = spec.moments.iter().find(|&&m| m >= spec.frame) {
            return Err(invalid(format!(
                "moment {late} is not before frame {}: moments are earlier frames",
                spec.frame
            )));
        }
        Ok(spec)
    }

    /// The golden image of frame `frame`: `screenshot.png` for the spec's frame,
    /// `screenshot-<frame>.png` for a moment.
    pub fn golden(&self, example: &Path, frame: u64) -> std::path::PathBuf {
        if frame == self.frame {
            example.join("screenshot.png")
        } else {
            example.join(format!("screenshot-{frame}.png"))
        }
    }

    /// Renders the example as the spec says at `size` (`None`: the spec's size), calling `sink`
    /// with every frame; the last one is the screenshot.
    pub fn render(
        &self,
        example: &Path,
        size: Option<(u32, u32)>,
        sink: impl FnMut(&FrameData) -> Result<()>,
    ) -> Result<u64> {
        let media = lantern_engine::track::photos::media_dir()?;
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
        let mut driver = Driver::new(lantern_engine::schema::Package::open(example)?, options)?;
        offline::render(
            &mut driver,
            &mut source,
            Some(self.frame + 1),
            PixelFormat::Rgba,
            sink,
        )
    }
}
