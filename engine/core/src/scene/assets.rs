//! Loading a package's assets onto the renderer: images and sequences become textures (a
//! sequence is one texture array, decoded once — numbered frames, GIF, APNG or a sprite sheet),
//! fonts go into the glyph atlas, LUTs onto the GPU, scripts into memory for QuickJS.
//!
//! The package was validated when it opened (headers, dimensions, frame counts, texture budget),
//! so decoding here is bounded; anything that still fails is an [`EngineError::Asset`] naming the
//! asset, its file and what went wrong.

use std::collections::BTreeMap;
use std::io::Cursor;

use effect_schema::Package;
use effect_schema::format::{Asset, Playback, SequenceAsset, SequenceSource};
use image::{AnimationDecoder, RgbaImage};
use lantern_render::{FontId, LutData, LutId, Renderer, Sequence, TextureId};

use crate::error::{EngineError, Result};

/// An image or sequence on the GPU.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Visual {
    pub texture: TextureId,
    /// Frame size in pixels.
    pub size: [u32; 2],
    /// Timing when it is animated.
    pub sequence: Option<Sequence>,
}

impl Visual {
    /// Height over width.
    pub fn aspect(&self) -> f32 {
        self.size[1] as f32 / self.size[0].max(1) as f32
    }
}

/// Every loaded asset, by id.
#[derive(Debug, Default)]
pub struct Assets {
    pub visuals: BTreeMap<String, Visual>,
    pub fonts: BTreeMap<String, FontId>,
    pub luts: BTreeMap<String, LutId>,
    /// Script files: package path → source.
    pub scripts: BTreeMap<String, String>,
    /// Script asset id → package path.
    pub script_paths: BTreeMap<String, String>,
}

struct Loader<'a> {
    package: &'a mut Package,
    renderer: &'a mut Renderer,
}

/// Loads every asset of `package` onto `renderer`.
pub fn load(package: &mut Package, renderer: &mut Renderer) -> Result<Assets> {
    let mut out = Assets::default();
    let assets = package.effect.assets.clone();
    let mut loader = Loader { package, renderer };
    for asset in &assets {
        let id = asset.id().to_owned();
        match asset {
            Asset::Image(a) => {
                let img = loader.image(&id, &a.path)?;
                let texture = loader.upload(&id, &a.path, &[img])?;
                out.visuals.insert(id, texture);
            }
            Asset::Sequence(s) => {
                let frames = loader.sequence_frames(&id, s)?;
                let path = asset.files().first().cloned().unwrap_or_default();
                let mut visual = loader.upload(&id, &path, &frames)?;
                visual.sequence = Some(Sequence {
                    frames: frames.len() as u32,
                    fps: s.fps,
                    playback: match s.playback {
                        Playback::Once => lantern_render::Playback::Once,
                        Playback::Loop => lantern_render::Playback::Loop,
                        Playback::PingPong => lantern_render::Playback::PingPong,
                    },
                });
                out.visuals.insert(id, visual);
            }
            Asset::Font(f) => {
                let bytes = loader.read(&id, &f.path)?;
                let font = loader
                    .renderer
                    .load_font(&id, bytes)
                    .map_err(|e| loader.error(&id, &f.path, e))?;
                out.fonts.insert(id, font);
            }
            Asset::Lut(f) => {
                let bytes = loader.read(&id, &f.path)?;
                let lut = if f.path.to_ascii_lowercase().ends_with(".png") {
                    LutData::from_png(&f.path, &bytes)
                } else {
                    LutData::from_cube(&f.path, &String::from_utf8_lossy(&bytes))
                }
                .map_err(|e| loader.error(&id, &f.path, e))?;
                out.luts.insert(id, loader.renderer.load_lut(&lut));
            }
            // Scripts are read below, with the script check's reader; sounds are decoded by
            // whoever plays the effect's sound (`crate::audio::SoundBank`).
            Asset::Script(_) | Asset::Audio(_) => {}
        }
    }
    (out.scripts, out.script_paths) = read_scripts(package)?;
    Ok(out)
}

/// The package's script files (package path → source, for QuickJS) and each script asset's path
/// by id; a file that is not UTF-8 fails as [`EngineError::Asset`].
pub(super) fn read_scripts(
    package: &mut Package,
) -> Result<(BTreeMap<String, String>, BTreeMap<String, String>)> {
    let (mut sources, mut paths) = (BTreeMap::new(), BTreeMap::new());
    let name = package.name().to_owned();
    for asset in package.effect.assets.clone() {
        let Asset::Script(f) = asset else {
            continue;
        };
        let error = |message: String| EngineError::Asset {
            package: name.clone(),
            asset: f.id.clone(),
            path: f.path.clone(),
            message,
        };
        let bytes = package.read(&f.path).map_err(|e| error(e.to_string()))?;
        let source = String::from_utf8(bytes)
            .map_err(|_| error("not UTF-8 text; save the script as UTF-8".to_owned()))?;
        sources.insert(f.path.clone(), source);
        paths.insert(f.id, f.path);
    }
    Ok((sources, paths))
}

impl Loader<'_> {
    fn error(&self, asset: &str, path: &str, message: impl std::fmt::Display) -> EngineError {
        EngineError::Asset {
            package: self.package.name().to_owned(),
            asset: asset.to_owned(),
            path: path.to_owned(),
            message: message.to_string(),
        }
    }

    fn read(&mut self, asset: &str, path: &str) -> Result<Vec<u8>> {
        self.package
            .read(path)
            .map_err(|e| self.error(asset, path, e))
    }

    fn image(&mut self, asset: &str, path: &str) -> Result<RgbaImage> {
        let bytes = self.read(asset, path)?;
        image::load_from_memory(&bytes)
            .map(|i| i.to_rgba8())
            .map_err(|e| self.error(asset, path, e))
    }

    fn upload(&mut self, asset: &str, path: &str, frames: &[RgbaImage]) -> Result<Visual> {
        let first = frames
            .first()
            .ok_or_else(|| self.error(asset, path, "no frames"))?;
        let (w, h) = first.dimensions();
        if let Some(bad) = frames.iter().position(|f| f.dimensions() != (w, h)) {
            return Err(self.error(
                asset,
                path,
                format!(
                    "frame {bad} is {}x{} but frame 0 is {w}x{h}; make every frame the same size",
                    frames[bad].width(),
                    frames[bad].height()
                ),
            ));
        }
        let raw: Vec<&[u8]> = frames.iter().map(|f| f.as_raw().as_slice()).collect();
        let texture = self
            .renderer
            .upload_frames(asset, w, h, &raw)
            .map_err(|e| self.error(asset, path, e))?;
        Ok(Visual {
            texture,
            size: [w, h],
            sequence: None,
        })
    }

    fn sequence_frames(&mut self, asset: &str, s: &SequenceAsset) -> Result<Vec<RgbaImage>> {
        match &s.source {
            SequenceSource::Frames {
                pattern,
                count,
                start,
            } => (0..*count)
                .map(|i| {
                    let path = effect_schema::format::frame_path(pattern, start.saturating_add(i));
                    self.image(asset, &path)
                })
                .collect(),
            SequenceSource::Gif { path } => {
                let bytes = self.read(asset, path)?;
                let decoder = image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
                    .map_err(|e| self.error(asset, path, e))?;
                self.animation(asset, path, decoder.into_frames())
            }
            SequenceSource::Apng { path } => {
                let bytes = self.read(asset, path)?;
                let decoder = image::codecs::png::PngDecoder::new(Cursor::new(bytes))
                    .and_then(image::codecs::png::PngDecoder::apng)
                    .map_err(|e| self.error(asset, path, e))?;
                self.animation(asset, path, decoder.into_frames())
            }
            SequenceSource::SpriteSheet {
                path,
                columns,
                rows,
                count,
            } => {
                let sheet = self.image(asset, path)?;
                let (cols, rows) = ((*columns).max(1), (*rows).max(1));
                let (cw, ch) = (sheet.width() / cols, sheet.height() / rows);
                if cw == 0 || ch == 0 {
                    return Err(self.error(asset, path, "the sheet is smaller than its grid"));
                }
                Ok((0..(*count).min(cols * rows))
                    .map(|i| {
                        let (x, y) = ((i % cols) * cw, (i / cols) * ch);
                        image::imageops::crop_imm(&sheet, x, y, cw, ch).to_image()
                    })
                    .collect())
            }
        }
    }

    fn animation(
        &self,
        asset: &str,
        path: &str,
        frames: image::Frames<'_>,
    ) -> Result<Vec<RgbaImage>> {
        frames
            .map(|f| f.map(image::Frame::into_buffer))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(asset, path, e))
    }
}
