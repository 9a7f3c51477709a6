//! Assets: the files a package carries, each with an id.
//!
//! Paths are relative to the package root, with `/` separators; they may not leave the package.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One asset. `type` says what it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Asset {
    /// A still image: PNG (with alpha), JPEG or WebP.
    Image(ImageAsset),
    /// An animation: numbered frames, a GIF, an APNG or a sprite sheet.
    Sequence(SequenceAsset),
    /// A TrueType/OpenType font (`.ttf`, `.otf`, `.ttc`); CJK fonts work.
    Font(FileAsset),
    /// A colour lookup table: an Adobe `.cube` 3D LUT, or a 512x512 PNG (8x8 tiles of 64x64).
    Lut(FileAsset),
    /// A JavaScript file run by the script engine (QuickJS).
    Script(FileAsset),
    /// A sound: WAV, OGG/Vorbis, MP3 or AAC (`.m4a`), decoded once at load.
    Audio(FileAsset),
}

impl Asset {
    /// The asset's id.
    pub fn id(&self) -> &str {
        match self {
            Self::Image(a) => &a.id,
            Self::Sequence(a) => &a.id,
            Self::Font(a) | Self::Lut(a) | Self::Script(a) | Self::Audio(a) => &a.id,
        }
    }

    /// The `type` name used in JSON.
    pub fn kind(&self) -> AssetKind {
        match self {
            Self::Image(_) => AssetKind::Image,
            Self::Sequence(_) => AssetKind::Sequence,
            Self::Font(_) => AssetKind::Font,
            Self::Lut(_) => AssetKind::Lut,
            Self::Script(_) => AssetKind::Script,
            Self::Audio(_) => AssetKind::Audio,
        }
    }

    /// Every file this asset needs, relative to the package root.
    pub fn files(&self) -> Vec<String> {
        match self {
            Self::Image(a) => vec![a.path.clone()],
            Self::Font(a) | Self::Lut(a) | Self::Script(a) | Self::Audio(a) => {
                vec![a.path.clone()]
            }
            Self::Sequence(s) => match &s.source {
                SequenceSource::Frames {
                    pattern,
                    count,
                    start,
                } => (0..*count)
                    .map(|i| frame_path(pattern, start.saturating_add(i)))
                    .collect(),
                SequenceSource::Gif { path }
                | SequenceSource::Apng { path }
                | SequenceSource::SpriteSheet { path, .. } => vec![path.clone()],
            },
        }
    }
}

/// The kinds of asset, for messages and reference checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AssetKind {
    Image,
    Sequence,
    Font,
    Lut,
    Script,
    Audio,
}

impl AssetKind {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Sequence => "sequence",
            Self::Font => "font",
            Self::Lut => "lut",
            Self::Script => "script",
            Self::Audio => "audio",
        }
    }
}

/// The path of frame `n` of a numbered sequence: the run of `#` in `pattern` becomes `n`,
/// zero-padded to the run's length (`spark_###.png`, 7 → `spark_007.png`).
pub fn frame_path(pattern: &str, n: u32) -> String {
    let Some(start) = pattern.find('#') else {
        return pattern.to_owned();
    };
    let width = pattern[start..].chars().take_while(|&c| c == '#').count();
    format!(
        "{}{:0width$}{}",
        &pattern[..start],
        n,
        &pattern[start + width..]
    )
}

/// A still image.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageAsset {
    pub id: String,
    pub path: String,
}

/// A single file (font, LUT, script, audio).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FileAsset {
    pub id: String,
    pub path: String,
}

/// An animation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SequenceAsset {
    pub id: String,
    pub source: SequenceSource,
    /// Frames per second (> 0). For GIF/APNG this overrides the file's own frame delays.
    pub fps: f32,
    #[serde(default)]
    pub playback: Playback,
}

/// Where a sequence's frames come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum SequenceSource {
    /// Numbered files: the run of `#` in `pattern` is the zero-padded frame number
    /// (`sparks/spark_##.png` with `start: 0, count: 12` is `spark_00.png` … `spark_11.png`).
    #[serde(rename_all = "camelCase")]
    Frames {
        pattern: String,
        count: u32,
        #[serde(default)]
        start: u32,
    },
    /// An animated GIF.
    Gif { path: String },
    /// An animated PNG.
    Apng { path: String },
    /// One image holding `count` frames in a grid of `columns` x `rows`, row by row.
    #[serde(rename_all = "camelCase")]
    SpriteSheet {
        path: String,
        columns: u32,
        rows: u32,
        count: u32,
    },
}

/// How a sequence plays once it reaches its last frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub enum Playback {
    /// Stop on the last frame.
    Once,
    /// Start again from the first frame.
    #[default]
    Loop,
    /// Play backwards to the first frame, then forwards again.
    PingPong,
}
