//! Segmentation layer: background replace / blur / colour behind the person mask
//! (see `segment.wgsl`). The mask and replacement image are fitted like the camera frame.

use crate::adapt::FrameMap;
use crate::frame::{Segment, SegmentMode};
use crate::layers::FilterIo;
use crate::pipeline::{self, PipelineSpec, TARGET_FORMAT};
use crate::texture::GpuTexture;

#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct Params {
    mask_xform: [f32; 4],
    repl_xform: [f32; 4],
    color: [f32; 4],
    mode: [f32; 4],
}

pub(crate) struct SegmentLayer {
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
}

impl SegmentLayer {
    pub(crate) fn new(device: &wgpu::Device) -> Self {
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("segment"),
            entries: &[
                pipeline::texture_entry(0, wgpu::TextureViewDimension::D2),
                pipeline::sampler_entry(1),
                pipeline::uniform_entry(2),
                pipeline::texture_entry(3, wgpu::TextureViewDimension::D2),
                pipeline::texture_entry(4, wgpu::TextureViewDimension::D2),
            ],
        });
        let pipeline = pipeline::render_pipeline(
            device,
            &PipelineSpec {
                label: "segment",
                source: include_str!("../shaders/segment.wgsl"),
                layouts: &[&layout],
                buffers: &[],
                format: TARGET_FORMAT,
                blend: None,
                fragment_entry: "fs",
            },
        );
        Self { pipeline, layout }
    }

    /// `replacement` is the texture of [`SegmentMode::Replace`] (any texture otherwise: unused).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn draw(
        &self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        sampler: &wgpu::Sampler,
        segment: &Segment,
        mask: &GpuTexture,
        replacement: &GpuTexture,
        io: &FilterIo<'_>,
    ) {
        let xform = |t: &GpuTexture, fit| {
            let src = [t.width, t.height];
            FrameMap::new(src, io.size, fit).uv_transform(src, io.size)
        };
        let (w, h) = (io.size[0] as f32, io.size[1] as f32);
        let params = match segment.mode {
            SegmentMode::Replace { fit, .. } => Params {
                mask_xform: xform(mask, segment.fit),
                repl_xform: xform(replacement, fit),
                color: [0.0; 4],
                mode: [0.0, 0.0, w, h],
            },
            SegmentMode::Blur { radius } => Params {
                mask_xform: xform(mask, segment.fit),
                repl_xform: [1.0, 1.0, 0.0, 0.0],
                color: [0.0; 4],
                mode: [1.0, radius.clamp(0.0, 256.0), w, h],
            },
            SegmentMode::Color(color) => Params {
                mask_xform: xform(mask, segment.fit),
                repl_xform: [1.0, 1.0, 0.0, 0.0],
                color,
                mode: [2.0, 0.0, w, h],
            },
        };
        let params =
            pipeline::uniform_buffer(device, "segment params", bytemuck::bytes_of(&params));
        let mask_view = mask.layer_view(0);
        let repl_view = replacement.layer_view(0);
        let bind = pipeline::bind_group(
            device,
            "segment",
            &self.layout,
            [
                wgpu::BindingResource::TextureView(io.src),
                wgpu::BindingResource::Sampler(sampler),
                params.as_entire_binding(),
                wgpu::BindingResource::TextureView(&mask_view),
                wgpu::BindingResource::TextureView(&repl_view),
            ],
        );
        let mut pass = pipeline::pass(encoder, "segment", io.dst, None);
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &bind, &[]);
        pass.draw(0..3, 0..1);
    }
}
