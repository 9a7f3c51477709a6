//! Text layer: a block of text from a TTF/OTF font, with fill, stroke and drop shadow, laid out
//! horizontally or vertically (CJK couplets). Glyphs come from [`crate::glyphs`]' atlas; the
//! shadow, stroke and fill are three runs of the same instanced glyph quads, drawn in that order.

use effect_schema::tracking::{Point2, Rect};

use crate::error::Result;
use crate::glyphs::{FontId, GlyphAtlas, Layout, PAD};
use crate::layers::slots::InstanceSlots;
use crate::pipeline::{self, PREMULTIPLIED, PipelineSpec, TARGET_FORMAT};

/// The layer's WGSL.
pub(crate) const WGSL: &str = include_str!("text.wgsl");

/// Line direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextLayout {
    /// Lines left to right, stacked top to bottom.
    #[default]
    Horizontal,
    /// Characters top to bottom, columns (`\n`-separated) right to left.
    Vertical,
}

/// An outline around the glyphs; `width` in pixels (up to 8).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub color: [f32; 4],
    pub width: f32,
}

/// A drop shadow: the (stroked, if any) glyphs offset by `offset` pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shadow {
    pub color: [f32; 4],
    pub offset: [f32; 2],
}

/// A block of text.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    pub font: FontId,
    pub text: String,
    /// Font size in pixels (em height).
    pub size: f32,
    /// Where the block's anchor goes, in output pixels.
    pub position: Point2,
    /// The point of the block placed at `position`, in 0..1 of its size.
    pub anchor: [f32; 2],
    pub layout: TextLayout,
    /// Line (or column) pitch as a multiple of the natural one.
    pub line_spacing: f32,
    pub fill: [f32; 4],
    pub stroke: Option<Stroke>,
    pub shadow: Option<Shadow>,
    pub opacity: f32,
}

impl TextBlock {
    /// White, unstroked, horizontal text centred on `position`.
    pub fn new(font: FontId, text: impl Into<String>, size: f32, position: Point2) -> Self {
        Self {
            font,
            text: text.into(),
            size,
            position,
            anchor: [0.5, 0.5],
            layout: TextLayout::Horizontal,
            line_spacing: 1.0,
            fill: [1.0; 4],
            stroke: None,
            shadow: None,
            opacity: 1.0,
        }
    }
}

#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct Instance {
    rect: [f32; 4],
    uv: [f32; 4],
    color: [f32; 4],
}

pub(crate) struct TextLayer {
    pipeline: wgpu::RenderPipeline,
    /// The output size, the sampler and the glyph atlas: fixed for the renderer's life.
    bind: wgpu::BindGroup,
    instances: InstanceSlots,
}

/// One prepared text draw: its instance slot and how many glyph quads it holds.
pub(crate) struct TextDraw {
    slot: usize,
    count: u32,
}

impl TextLayer {
    pub(crate) fn new(
        device: &wgpu::Device,
        sampler: &wgpu::Sampler,
        size: [u32; 2],
        atlas: &GlyphAtlas,
    ) -> Self {
        let layout = pipeline::layout(
            device,
            "text",
            &[
                pipeline::uniform_entry(0),
                pipeline::sampler_entry(1),
                pipeline::texture_entry(2, wgpu::TextureViewDimension::D2),
            ],
        );
        let attrs = wgpu::vertex_attr_array![0 => Float32x4, 1 => Float32x4, 2 => Float32x4];
        let pipeline = pipeline::render_pipeline(
            device,
            &PipelineSpec {
                label: "text",
                source: WGSL,
                layouts: &[&layout],
                buffers: &[wgpu::VertexBufferLayout {
                    array_stride: size_of::<Instance>() as u64,
                    step_mode: wgpu::VertexStepMode::Instance,
                    attributes: &attrs,
                }],
                format: TARGET_FORMAT,
                blend: Some(PREMULTIPLIED),
                fragment_entry: "fs",
            },
        );
        let view = [size[0] as f32, size[1] as f32, 0.0, 0.0];
        let view = pipeline::uniform_buffer(device, "text view", bytemuck::cast_slice(&view));
        let bind = pipeline::bind_group(
            device,
            "text",
            &layout,
            [
                view.as_entire_binding(),
                wgpu::BindingResource::Sampler(sampler),
                wgpu::BindingResource::TextureView(&atlas.view),
            ],
        );
        Self {
            pipeline,
            bind,
            instances: InstanceSlots::new("text"),
        }
    }

    pub(crate) fn begin_frame(&mut self) {
        self.instances.begin_frame();
    }

    /// Where `block` goes: its layout and its bounding rectangle in output pixels.
    fn layout(atlas: &GlyphAtlas, block: &TextBlock) -> Result<(Layout, Rect)> {
        let layout = atlas.layout(
            (block.font, &block.text),
            block.size,
            block.layout == TextLayout::Vertical,
            block.line_spacing,
        )?;
        let [w, h] = layout.size;
        let bounds = Rect {
            x: (block.position.x - block.anchor[0] * w).round(),
            y: (block.position.y - block.anchor[1] * h).round(),
            w,
            h,
        };
        Ok((layout, bounds))
    }

    /// The glyph quads of `block`: its shadow and stroke (the glyphs dilated by the stroke's
    /// width), then its fill.
    fn instances(
        atlas: &mut GlyphAtlas,
        queue: &wgpu::Queue,
        block: &TextBlock,
    ) -> Result<Vec<Instance>> {
        let (layout, bounds) = Self::layout(atlas, block)?;
        let o = block.opacity.clamp(0.0, 1.0);
        let fade = |c: [f32; 4]| [c[0], c[1], c[2], c[3] * o];
        let stroke = block.stroke.map_or(0.0, |s| s.width.clamp(0.0, PAD as f32));
        let mut runs: Vec<([f32; 2], [f32; 4], f32)> = Vec::new();
        if let Some(s) = block.shadow {
            runs.push((s.offset, fade(s.color), stroke));
        }
        if let Some(s) = block.stroke {
            runs.push(([0.0; 2], fade(s.color), stroke));
        }
        runs.push(([0.0; 2], fade(block.fill), 0.0));
        let mut out = Vec::new();
        for (offset, color, dilate) in runs {
            let glyphs = atlas.place(queue, &layout, dilate)?;
            out.extend(glyphs.iter().map(|g| Instance {
                rect: [
                    bounds.x + g.rect[0] + offset[0],
                    bounds.y + g.rect[1] + offset[1],
                    g.rect[2],
                    g.rect[3],
                ],
                uv: g.uv,
                color,
            }));
        }
        Ok(out)
    }

    /// Measure `block` without drawing it (for layout and hot-zones).
    pub(crate) fn measure(atlas: &GlyphAtlas, block: &TextBlock) -> Result<Rect> {
        Self::layout(atlas, block).map(|(_, r)| r)
    }

    /// Lay out `block` (adding new glyphs to the atlas) and write its glyph quads; `None` when
    /// it draws nothing.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        atlas: &mut GlyphAtlas,
        block: &TextBlock,
    ) -> Result<Option<TextDraw>> {
        let instances = Self::instances(atlas, queue, block)?;
        if instances.is_empty() {
            return Ok(None);
        }
        let slot = self
            .instances
            .prepare(device, queue, bytemuck::cast_slice(&instances));
        Ok(Some(TextDraw {
            slot,
            count: instances.len() as u32,
        }))
    }

    pub(crate) fn draw(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        prepared: &TextDraw,
        target: &wgpu::TextureView,
    ) {
        let mut pass = pipeline::pass(encoder, "text", target, None);
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &self.bind, &[]);
        pass.set_vertex_buffer(0, self.instances.buffer(prepared.slot).slice(..));
        pass.draw(0..6, 0..prepared.count);
    }
}
