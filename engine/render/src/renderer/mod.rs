//! The renderer: owns the targets, the layers' pipelines and the uploaded resources, and turns a
//! [`Frame`] into pixels.
//!
//! Per frame: the commands are recorded into one command encoder, in order, onto two ping-pong
//! RGBA targets (filters read one and write the other); then the result is converted (NV12) and
//! copied into a staging buffer, and the encoder is submitted once. Hot-zones are computed on the
//! CPU from the sprite transforms while recording, so they match the pixels exactly.

use crate::error::{RenderError, Result};
use crate::frame::{DrawCommand, Frame, LutId, SegmentMode};
use crate::glyphs::{FontId, GlyphAtlas};
use crate::gpu::Gpu;
use crate::layers::{
    FilterIo, Samplers,
    background::BackgroundLayer,
    beauty::BeautyLayer,
    lut::{GpuLut, LutLayer},
    particles::ParticleLayer,
    segment::SegmentLayer,
    sprite::SpriteLayer,
    text::TextBlock,
    text::TextLayer,
};
use crate::lut_file::LutData;
use crate::nv12::Nv12Converter;
use crate::readback::{self, FrameData, FrameMeta, PixelFormat, Staging};
use crate::texture::{GpuTexture, TextureId};

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
    samplers: Samplers,
    textures: Vec<GpuTexture>,
    luts: Vec<GpuLut>,
    atlas: GlyphAtlas,
    background: BackgroundLayer,
    lut: LutLayer,
    beauty: BeautyLayer,
    segment: SegmentLayer,
    sprites: SpriteLayer,
    text: TextLayer,
    particles: ParticleLayer,
    nv12: Nv12Converter,
    staging: [Staging; 2],
    next_slot: usize,
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
                    | wgpu::TextureUsages::COPY_SRC,
                view_formats: &[],
            });
            let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
            Target { texture, view }
        };
        let staging = readback::staging_size(w, h);
        Ok(Self {
            size: [w, h],
            targets: [target("target a"), target("target b")],
            samplers: Samplers::new(device),
            textures: Vec::new(),
            luts: Vec::new(),
            atlas: GlyphAtlas::new(device),
            background: BackgroundLayer::new(device),
            lut: LutLayer::new(device),
            beauty: BeautyLayer::new(device),
            segment: SegmentLayer::new(device),
            sprites: SpriteLayer::new(device),
            text: TextLayer::new(device),
            particles: ParticleLayer::new(device),
            nv12: Nv12Converter::new(device, w, h),
            staging: [Staging::new(device, staging), Staging::new(device, staging)],
            next_slot: 0,
            gpu,
        })
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
        self.texture(id)?.write_layer0(&self.gpu, rgba)
    }

    /// Upload a colour LUT.
    pub fn load_lut(&mut self, lut: &LutData) -> LutId {
        self.luts.push(GpuLut::upload(&self.gpu, lut));
        LutId(self.luts.len() as u32 - 1)
    }

    /// Load a TTF/OTF font from its bytes.
    pub fn load_font(&mut self, name: &str, bytes: Vec<u8>) -> Result<FontId> {
        self.atlas.add_font(name, bytes)
    }

    /// The rectangle `block` would cover, in output pixels.
    pub fn measure_text(&mut self, block: &TextBlock) -> Result<effect_schema::tracking::Rect> {
        TextLayer::measure(&mut self.atlas, &self.gpu.queue, block)
    }

    fn texture(&self, id: TextureId) -> Result<&GpuTexture> {
        self.textures
            .get(id.0 as usize)
            .ok_or(RenderError::UnknownResource {
                what: "texture",
                id: id.0,
            })
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
                self.nv12
                    .encode(&self.gpu.device, &mut encoder, &self.targets[current].view);
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

    /// Record all draw commands; returns the index of the target holding the result.
    fn encode(
        &mut self,
        encoder: &mut wgpu::CommandEncoder,
        frame: &Frame,
    ) -> Result<(usize, Vec<effect_schema::hotzone::HotZone>)> {
        let device = &self.gpu.device;
        let sampler = &self.samplers.linear;
        let size = self.size;
        let mut cur = 0usize;
        let mut hotzones = Vec::new();
        // The frame starts transparent black, so a frame without a background is well defined.
        drop(crate::pipeline::pass(
            encoder,
            "clear",
            &self.targets[cur].view,
            Some(wgpu::Color::TRANSPARENT),
        ));
        for command in &frame.commands {
            let target = (&self.targets[cur].view, size);
            let io = FilterIo {
                src: &self.targets[cur].view,
                dst: &self.targets[1 - cur].view,
                size,
            };
            match command {
                DrawCommand::Clear(c) => {
                    let color = wgpu::Color {
                        r: f64::from(c[0]),
                        g: f64::from(c[1]),
                        b: f64::from(c[2]),
                        a: f64::from(c[3]),
                    };
                    drop(crate::pipeline::pass(
                        encoder,
                        "clear",
                        target.0,
                        Some(color),
                    ));
                }
                DrawCommand::Background { texture, fit } => {
                    let t = self.textures.get(texture.0 as usize).ok_or(
                        RenderError::UnknownResource {
                            what: "texture",
                            id: texture.0,
                        },
                    )?;
                    self.background
                        .draw(device, encoder, sampler, t, *fit, target);
                }
                DrawCommand::ColorFilter { lut, intensity } => {
                    let l = self
                        .luts
                        .get(lut.0 as usize)
                        .ok_or(RenderError::UnknownResource {
                            what: "lut",
                            id: lut.0,
                        })?;
                    self.lut.draw(device, encoder, sampler, l, *intensity, &io);
                    cur = 1 - cur;
                }
                DrawCommand::Beauty(b) => {
                    if b.faces.is_empty() {
                        continue;
                    }
                    self.beauty.draw(device, encoder, sampler, b, &io);
                    cur = 1 - cur;
                }
                DrawCommand::Segment(s) => {
                    let get = |id: TextureId| {
                        self.textures
                            .get(id.0 as usize)
                            .ok_or(RenderError::UnknownResource {
                                what: "texture",
                                id: id.0,
                            })
                    };
                    let mask = get(s.mask)?;
                    let repl = match s.mode {
                        SegmentMode::Replace { texture, .. } => get(texture)?,
                        _ => mask,
                    };
                    self.segment
                        .draw(device, encoder, sampler, s, mask, repl, &io);
                    cur = 1 - cur;
                }
                DrawCommand::Sprites(list) => {
                    let mut resolved = Vec::with_capacity(list.len());
                    for s in list {
                        let t = self.textures.get(s.texture.0 as usize).ok_or(
                            RenderError::UnknownResource {
                                what: "texture",
                                id: s.texture.0,
                            },
                        )?;
                        resolved.push((s, t));
                        hotzones.extend(crate::layers::sprite::hotzone(s, size[0], size[1]));
                    }
                    self.sprites
                        .draw(device, encoder, sampler, &resolved, target);
                }
                DrawCommand::Text(block) => {
                    self.text.draw(
                        device,
                        &self.gpu.queue,
                        encoder,
                        sampler,
                        &mut self.atlas,
                        block,
                        target,
                    )?;
                }
                DrawCommand::Particles(emitter) => {
                    self.particles.draw(device, encoder, emitter, target);
                }
            }
        }
        Ok((cur, hotzones))
    }
}

#[cfg(test)]
mod tests;
