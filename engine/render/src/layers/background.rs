//! Background layer: draws a full-frame image (the camera frame) fitted to the output, opaque.

use crate::adapt::{Fit, FrameMap};
use crate::pipeline::{self, PipelineSpec, TARGET_FORMAT};
use crate::texture::GpuTexture;

pub(crate) struct BackgroundLayer {
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
}

impl BackgroundLayer {
    pub(crate) fn new(device: &wgpu::Device) -> Self {
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("background"),
            entries: &[
                pipeline::texture_entry(0, wgpu::TextureViewDimension::D2),
                pipeline::sampler_entry(1),
                pipeline::uniform_entry(2),
            ],
        });
        let pipeline = pipeline::render_pipeline(
            device,
            &PipelineSpec {
                label: "background",
                source: include_str!("../shaders/background.wgsl"),
                layouts: &[&layout],
                buffers: &[],
                format: TARGET_FORMAT,
                blend: None,
                fragment_entry: "fs",
            },
        );
        Self { pipeline, layout }
    }

    pub(crate) fn draw(
        &self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        sampler: &wgpu::Sampler,
        texture: &GpuTexture,
        fit: Fit,
        target: (&wgpu::TextureView, [u32; 2]),
    ) {
        let src = [texture.width, texture.height];
        let xform = FrameMap::new(src, target.1, fit).uv_transform(src, target.1);
        let params =
            pipeline::uniform_buffer(device, "background params", bytemuck::cast_slice(&xform));
        let view = texture.layer_view(0);
        let bind = pipeline::bind_group(
            device,
            "background",
            &self.layout,
            [
                wgpu::BindingResource::TextureView(&view),
                wgpu::BindingResource::Sampler(sampler),
                params.as_entire_binding(),
            ],
        );
        let mut pass = pipeline::pass(encoder, "background", target.0, Some(wgpu::Color::BLACK));
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &bind, &[]);
        pass.draw(0..3, 0..1);
    }
}
