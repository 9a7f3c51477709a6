//! Textures: RGBA images and texture arrays (animated sequences), uploaded once and drawn by id.
//!
//! Every texture is a 2D array (`layers` >= 1), so a sticker and a 24-frame animation use the
//! same sprite pipeline: a sprite picks its layer. Pixels are straight (non-premultiplied) RGBA8
//! in gamma space; shaders premultiply when they blend. Animated GIF/APNG decoding into frames is
//! the caller's job (the `image` crate does it); [`Sequence`] turns time into a layer index.

use crate::error::{RenderError, Result};

/// A texture owned by a [`crate::Renderer`]; refer to it in draw commands by this id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextureId(pub(crate) u32);

/// A GPU texture array plus the views the layers bind.
#[derive(Debug)]
pub struct GpuTexture {
    pub(crate) texture: wgpu::Texture,
    pub(crate) array_view: wgpu::TextureView,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) layers: u32,
    /// Every pixel of layer 0 is opaque: a background of it at the output's size is a copy.
    pub(crate) opaque: bool,
}

impl GpuTexture {
    /// Upload `frames` (each `width * height * 4` bytes of RGBA) as one array texture.
    pub(crate) fn upload(
        gpu: &crate::Gpu,
        label: &str,
        width: u32,
        height: u32,
        frames: &[&[u8]],
    ) -> Result<Self> {
        let max = gpu.device.limits().max_texture_dimension_2d;
        if width == 0 || height == 0 || width > max || height > max || frames.is_empty() {
            return Err(RenderError::Size {
                what: "texture",
                width,
                height,
                fix: "images must be non-empty and within the device's max texture size (8192 on lavapipe); pass at least one frame",
            });
        }
        let expected = width as usize * height as usize * 4;
        for (i, f) in frames.iter().enumerate() {
            if f.len() != expected {
                return Err(RenderError::PixelData {
                    what: format!("{label} frame {i}"),
                    width,
                    height,
                    expected,
                    got: f.len(),
                });
            }
        }
        let layers = frames.len() as u32;
        let size = wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: layers,
        };
        let texture = gpu.device.create_texture(&wgpu::TextureDescriptor {
            label: Some(label),
            size,
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rgba8Unorm,
            usage: wgpu::TextureUsages::TEXTURE_BINDING
                | wgpu::TextureUsages::COPY_DST
                | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        for (i, f) in frames.iter().enumerate() {
            gpu.queue.write_texture(
                wgpu::TexelCopyTextureInfo {
                    texture: &texture,
                    mip_level: 0,
                    origin: wgpu::Origin3d {
                        x: 0,
                        y: 0,
                        z: i as u32,
                    },
                    aspect: wgpu::TextureAspect::All,
                },
                f,
                wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(width * 4),
                    rows_per_image: Some(height),
                },
                wgpu::Extent3d {
                    width,
                    height,
                    depth_or_array_layers: 1,
                },
            );
        }
        let array_view = texture.create_view(&wgpu::TextureViewDescriptor {
            label: Some(label),
            dimension: Some(wgpu::TextureViewDimension::D2Array),
            ..Default::default()
        });
        Ok(Self {
            texture,
            array_view,
            width,
            height,
            layers,
            opaque: frames.first().is_some_and(|f| is_opaque(f)),
        })
    }

    /// A 2D view of one layer (for full-frame inputs: camera frame, mask, replacement background).
    pub(crate) fn layer_view(&self, layer: u32) -> wgpu::TextureView {
        self.texture.create_view(&wgpu::TextureViewDescriptor {
            label: Some("layer view"),
            dimension: Some(wgpu::TextureViewDimension::D2),
            base_array_layer: layer.min(self.layers - 1),
            array_layer_count: Some(1),
            ..Default::default()
        })
    }

    /// An error unless `rgba` is the size of one layer.
    pub(crate) fn check_layer0(&self, rgba: &[u8]) -> Result<()> {
        let expected = self.width as usize * self.height as usize * 4;
        if rgba.len() == expected {
            return Ok(());
        }
        Err(RenderError::PixelData {
            what: "texture update".into(),
            width: self.width,
            height: self.height,
            expected,
            got: rgba.len(),
        })
    }

    /// Replace layer 0's pixels (a new camera frame); the size must match.
    pub(crate) fn write_layer0(&mut self, gpu: &crate::Gpu, rgba: &[u8]) -> Result<()> {
        self.check_layer0(rgba)?;
        self.opaque = is_opaque(rgba);
        gpu.queue.write_texture(
            self.texture.as_image_copy(),
            rgba,
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(self.width * 4),
                rows_per_image: Some(self.height),
            },
            wgpu::Extent3d {
                width: self.width,
                height: self.height,
                depth_or_array_layers: 1,
            },
        );
        Ok(())
    }
}

/// Whether every pixel of `rgba` is opaque (a background drawn from it can be a plain copy).
pub(crate) fn is_opaque(rgba: &[u8]) -> bool {
    rgba.chunks_exact(4).fold(255u8, |a, px| a & px[3]) == 255
}

/// How an animated sequence continues after its last frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Playback {
    /// Start again at frame 0.
    #[default]
    Loop,
    /// Play backwards to frame 0, then forwards again (0 1 2 3 2 1 0 1 …).
    PingPong,
    /// Stop on the last frame.
    Once,
}

/// Timing of an animated sequence stored as a texture array.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sequence {
    pub frames: u32,
    pub fps: f32,
    pub playback: Playback,
}

impl Sequence {
    /// The layer to show `seconds` after the sequence started (deterministic: no wall clock).
    pub fn layer_at(&self, seconds: f64) -> u32 {
        if self.frames <= 1 || self.fps <= 0.0 || !seconds.is_finite() || seconds <= 0.0 {
            return 0;
        }
        let step = (seconds * f64::from(self.fps)).floor() as u64;
        let n = u64::from(self.frames);
        let layer = match self.playback {
            Playback::Loop => step % n,
            Playback::Once => step.min(n - 1),
            Playback::PingPong => {
                let period = 2 * (n - 1);
                let p = step % period;
                if p < n { p } else { period - p }
            }
        };
        layer as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opacity() {
        assert!(is_opaque(&[1, 2, 3, 255, 4, 5, 6, 255]));
        assert!(!is_opaque(&[1, 2, 3, 255, 4, 5, 6, 254]));
    }

    #[test]
    fn sequence_timing() {
        let s = |playback| Sequence {
            frames: 4,
            fps: 10.0,
            playback,
        };
        let at = |seq: Sequence| {
            (0..10)
                .map(|i| seq.layer_at(f64::from(i) * 0.1 + 0.01))
                .collect::<Vec<_>>()
        };
        assert_eq!(at(s(Playback::Loop)), [0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
        assert_eq!(at(s(Playback::PingPong)), [0, 1, 2, 3, 2, 1, 0, 1, 2, 3]);
        assert_eq!(at(s(Playback::Once)), [0, 1, 2, 3, 3, 3, 3, 3, 3, 3]);
        assert_eq!(s(Playback::Loop).layer_at(f64::NAN), 0);
    }
}
