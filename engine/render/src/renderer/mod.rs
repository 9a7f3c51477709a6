//! The renderer: owns the targets, the layers' pipelines and the uploaded resources, and turns a
//! [`Frame`] into pixels.
//!
//! Per frame: the commands are recorded into one command encoder, in order, onto two ping-pong
//! RGBA targets (filters read one and write the other); then the result is converted (NV12) and
//! copied into a staging buffer, and the encoder is submitted once. Hot-zones are computed on the
//! CPU from the sprite transforms while recording, so they match the pixels exactly.

use crate::error::{RenderError, Result};
use crate::frame::{Frame, LutId};
use crate::glyphs::{FontId, GlyphAtlas};
use crate::gpu::Gpu;
use crate::layers::{
    background::BackgroundLayer,
    beauty::BeautyLayer,
    lut::{GpuLut, LutLayer},
    segment::SegmentLayer,
    sprite::SpriteLayer,
    text::TextBlock,
    text::TextLayer,
};
use crate::lut_file::LutData;
use crate::nv12::Nv12Converter;
use crate::readback::{self, FrameData, FrameMeta, PixelFormat, Staging};
use crate::texture::{GpuTexture, TextureId};

mod encode;
mod software;

/// Output size and options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RendererConfig {
    pub width: u32,
    pub height: u32,
}

impl RendererConfig {
    pub fn new(width: u32, height: u32) -> Self {
        Self { width, height }
    }
}

struct Target {
    texture: wgpu::Texture,
    view: wgpu::TextureView,
}

/// A headless compositor for one output size.
pub struct Renderer {
    gpu: Gpu,
    size: [u32; 2],
    targets: [Target; 2],
    textures: Vec<GpuTexture>,
    luts: Vec<GpuLut>,
    atlas: GlyphAtlas,
    background: BackgroundLayer,
    lut: LutLayer,
    beauty: BeautyLayer,
    segment: SegmentLayer,
    sprites: SpriteLayer,
    text: TextLayer,
    nv12: Nv12Converter,
    staging: [Staging; 2],
    next_slot: usize,
    /// Shortcuts taken on software rasterisers (the colour grade on the CPU).
    software: software::Shortcuts,
}

impl Renderer {
    /// Create a device (lavapipe when there is no GPU) and a renderer on it.
    pub fn new(config: RendererConfig) -> Result<Self> {
        Self::with_gpu(Gpu::new(crate::AdapterChoice::Auto)?, config)
    }

    /// A renderer on an existing device (share one [`Gpu`] between renderers and tests).
    pub fn with_gpu(gpu: Gpu, config: RendererConfig) -> Result<Self> {
        let (w, h) = (config.width, config.height);
        let max = gpu.device.limits().max_texture_dimension_2d;
        if w < 2 || h < 2 || w % 2 != 0 || h % 2 != 0 || w > max || h > max {
            return Err(RenderError::Size {
                what: "the output",
                width: w,
                height: h,
                fix: "use an even width and height (NV12 halves both) within the device limit, e.g. 1280x720",
            });
        }
        let device = &gpu.device;
        let target = |label| {
            let texture = device.create_texture(&wgpu::TextureDescriptor {
                label: Some(label),
                size: wgpu::Extent3d {
                    width: w,
                    height: h,
                    depth_or_array_layers: 1,
                },
                mip_level_count: 1,
                sample_count: 1,
                dimension: wgpu::TextureDimension::D2,
                format: crate::pipeline::TARGET_FORMAT,
                usage: wgpu::TextureUsages::RENDER_ATTACHMENT
                    | wgpu::TextureUsages::TEXTURE_BINDING
                    | wgpu::TextureUsages::COPY_SRC
                    | wgpu::TextureUsages::COPY_DST,
                view_formats: &[],
            });
            let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
            Target { texture, view }
        };
        let staging = readback::staging_size(w, h);
        let targets = [target("target a"), target("target b")];
        let sampler = &crate::layers::linear_sampler(device);
        let atlas = GlyphAtlas::new(device);
        Ok(Self {
            size: [w, h],
            background: BackgroundLayer::new(device, sampler),
            lut: LutLayer::new(device, sampler),
            beauty: BeautyLayer::new(device, sampler),
            segment: SegmentLayer::new(device, sampler),
            sprites: SpriteLayer::new(device, sampler, [w, h]),
            text: TextLayer::new(device, sampler, [w, h], &atlas),
            nv12: Nv12Converter::new(device, w, h, [&targets[0].view, &targets[1].view]),
            targets,
            textures: Vec::new(),
            luts: Vec::new(),
            atlas,
            staging: [Staging::new(device, staging), Staging::new(device, staging)],
            next_slot: 0,
            software: software::Shortcuts::default(),
            gpu,
        })
    }

    /// Forgets everything an effect loaded — textures, LUTs, fonts and their glyphs, and the
    /// bind groups made over them — and any frame still being read back, keeping the device,
    /// the targets, the pipelines and the staging buffers. The next effect loads onto it as onto
    /// a new renderer of the same size, with no pipeline to compile (on a software rasteriser
    /// that is most of a new renderer's cost: ~100 ms of CPU at 1280x720).
    pub fn recycle(&mut self) -> Result<()> {
        for s in &mut self.staging {
            s.finish(&self.gpu.device)?;
        }
        self.textures.clear();
        self.luts.clear();
        self.software = software::Shortcuts::default();
        self.atlas.clear();
        self.background.forget();
        self.lut.forget();
        self.segment.forget();
        self.sprites.forget();
        Ok(())
    }

    /// The device this renderer draws with.
    pub fn gpu(&self) -> &Gpu {
        &self.gpu
    }

    /// Output width and height.
    pub fn size(&self) -> [u32; 2] {
        self.size
    }

    /// Upload an RGBA image (straight alpha).
    pub fn upload_rgba(
        &mut self,
        name: &str,
        width: u32,
        height: u32,
        rgba: &[u8],
    ) -> Result<TextureId> {
        self.upload_frames(name, width, height, &[rgba])
    }

    /// Upload an animation's frames (all the same size) as one texture array.
    pub fn upload_frames(
        &mut self,
        name: &str,
        width: u32,
        height: u32,
        frames: &[&[u8]],
    ) -> Result<TextureId> {
        let t = GpuTexture::upload(&self.gpu, name, width, height, frames)?;
        self.textures.push(t);
        Ok(TextureId(self.textures.len() as u32 - 1))
    }

    /// Decode an image file's bytes (PNG/JPEG/WebP/GIF first frame) and upload it.
    pub fn upload_image(&mut self, name: &str, bytes: &[u8]) -> Result<TextureId> {
        let img = image::load_from_memory(bytes)
            .map_err(|source| RenderError::Image {
                name: name.to_owned(),
                source,
            })?
            .to_rgba8();
        self.upload_rgba(name, img.width(), img.height(), img.as_raw())
    }

    /// Replace a single-layer texture's pixels (e.g. the next camera frame); same size only.
    pub fn update_texture(&mut self, id: TextureId, rgba: &[u8]) -> Result<()> {
        let texture = texture_mut(&mut self.textures, id)?;
        if self.software.defers(id) {
            texture.check_layer0(rgba)?;
            self.software.defer(id, rgba);
            return Ok(());
        }
        texture.write_layer0(&self.gpu, rgba)?;
        self.software.written(id);
        Ok(())
    }

    /// Upload a colour LUT.
    pub fn load_lut(&mut self, lut: &LutData) -> LutId {
        if self.gpu.is_software() {
            self.software.add_lut(self.luts.len(), lut);
        }
        self.luts.push(GpuLut::upload(&self.gpu, lut));
        LutId(self.luts.len() as u32 - 1)
    }

    /// Load a TTF/OTF font from its bytes.
    pub fn load_font(&mut self, name: &str, bytes: Vec<u8>) -> Result<FontId> {
        self.atlas.add_font(name, bytes)
    }

    /// The rectangle `block` would cover, in output pixels.
    pub fn measure_text(&mut self, block: &TextBlock) -> Result<effect_schema::tracking::Rect> {
        TextLayer::measure(&self.atlas, block)
    }

    /// Render `frame` and read it back (blocking).
    pub fn render(&mut self, frame: &Frame, format: PixelFormat) -> Result<FrameData> {
        // Drain the ring first so frames come back in order.
        for s in &mut self.staging {
            s.finish(&self.gpu.device)?;
        }
        let slot = self.submit(frame, format)?;
        self.staging[slot]
            .finish(&self.gpu.device)?
            .ok_or_else(|| RenderError::Readback("no frame was pending".into()))
    }

    /// Render `frame` without reading it back and wait for the GPU (monitors, benchmarks).
    /// Returns the frame's hot-zones.
    pub fn draw_only(&mut self, frame: &Frame) -> Result<Vec<effect_schema::hotzone::HotZone>> {
        let mut encoder = self
            .gpu
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("frame"),
            });
        let (_, hotzones) = self.encode(&mut encoder, frame)?;
        self.gpu.queue.submit([encoder.finish()]);
        self.gpu.wait_idle()?;
        Ok(hotzones)
    }

    /// Render `frame` and start its readback without waiting; returns the *previous* frame's
    /// pixels (one frame of latency), so the GPU works on this frame while the CPU copies the
    /// last one. Call [`Renderer::flush`] after the last frame.
    pub fn render_pipelined(
        &mut self,
        frame: &Frame,
        format: PixelFormat,
    ) -> Result<Option<FrameData>> {
        let slot = self.submit(frame, format)?;
        self.staging[1 - slot].finish(&self.gpu.device)
    }

    /// The last pending frame of [`Renderer::render_pipelined`], if any.
    pub fn flush(&mut self) -> Result<Option<FrameData>> {
        let slot = 1 - self.next_slot;
        self.staging[slot].finish(&self.gpu.device)
    }

    /// Record and submit one frame into the next staging slot; returns the slot.
    fn submit(&mut self, frame: &Frame, format: PixelFormat) -> Result<usize> {
        let slot = self.next_slot;
        if self.staging[slot].is_busy() {
            self.staging[slot].finish(&self.gpu.device)?;
        }
        let mut encoder = self
            .gpu
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("frame"),
            });
        let (current, hotzones) = self.encode(&mut encoder, frame)?;
        let buffer = &self.staging[slot].buffer;
        let planes = match format {
            PixelFormat::Rgba => vec![readback::copy_plane(
                &mut encoder,
                &self.targets[current].texture,
                4,
                buffer,
                0,
            )],
            PixelFormat::Nv12 => {
                self.nv12.encode(&mut encoder, current);
                let y = readback::copy_plane(&mut encoder, &self.nv12.y, 1, buffer, 0);
                let uv = readback::copy_plane(&mut encoder, &self.nv12.uv, 2, buffer, y.end());
                vec![y, uv]
            }
        };
        let submission = self.gpu.queue.submit([encoder.finish()]);
        let meta = FrameMeta {
            index: frame.index,
            format,
            width: self.size[0],
            height: self.size[1],
            hotzones,
        };
        self.staging[slot].start(meta, planes, submission);
        self.next_slot = 1 - slot;
        Ok(slot)
    }
}

/// The uploaded texture `id`.
fn texture_mut(textures: &mut [GpuTexture], id: TextureId) -> Result<&mut GpuTexture> {
    textures
        .get_mut(id.0 as usize)
        .ok_or(RenderError::UnknownResource {
            what: "texture",
            id: id.0,
        })
}

fn texture(textures: &[GpuTexture], id: TextureId) -> Result<&GpuTexture> {
    textures
        .get(id.0 as usize)
        .ok_or(RenderError::UnknownResource {
            what: "texture",
            id: id.0,
        })
}

#[cfg(test)]
mod tests;
