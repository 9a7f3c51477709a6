//! Colour filter layer: a 3D LUT (from `.cube` or a PNG, see [`crate::LutData`]) applied to
//! everything drawn so far, mixed with the original by an intensity.

use crate::layers::FilterIo;
use crate::lut_file::LutData;
use crate::pipeline::{self, PipelineSpec, TARGET_FORMAT};

/// A LUT uploaded as a 3D texture.
pub(crate) struct GpuLut {
    view: wgpu::TextureView,
    size: u32,
}

impl GpuLut {
    pub(crate) fn upload(gpu: &crate::Gpu, lut: &LutData) -> Self {
        let size = wgpu::Extent3d {
            width: lut.size,
            height: lut.size,
            depth_or_array_layers: lut.size,
        };
        let texture = gpu.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("lut"),
            size,
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D3,
            format: wgpu::TextureFormat::Rgba8Unorm,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        });
        gpu.queue.write_texture(
            texture.as_image_copy(),
            &lut.rgba,
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(lut.size * 4),
                rows_per_image: Some(lut.size),
            },
            size,
        );
        Self {
            view: texture.create_view(&wgpu::TextureViewDescriptor::default()),
            size: lut.size,
        }
    }
}

pub(crate) struct LutLayer {
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
}

impl LutLayer {
    pub(crate) fn new(device: &wgpu::Device) -> Self {
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("lut"),
            entries: &[
                pipeline::texture_entry(0, wgpu::TextureViewDimension::D2),
                pipeline::sampler_entry(1),
                pipeline::uniform_entry(2),
                pipeline::texture_entry(3, wgpu::TextureViewDimension::D3),
            ],
        });
        let pipeline = pipeline::render_pipeline(
            device,
            &PipelineSpec {
                label: "lut",
                source: include_str!("../shaders/lut.wgsl"),
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
        lut: &GpuLut,
        intensity: f32,
        io: &FilterIo<'_>,
    ) {
        let params = [intensity, lut.size as f32, 0.0, 0.0];
        let params = pipeline::uniform_buffer(device, "lut params", bytemuck::cast_slice(&params));
        let bind = pipeline::bind_group(
            device,
            "lut",
            &self.layout,
            [
                wgpu::BindingResource::TextureView(io.src),
                wgpu::BindingResource::Sampler(sampler),
                params.as_entire_binding(),
                wgpu::BindingResource::TextureView(&lut.view),
            ],
        );
        let mut pass = pipeline::pass(encoder, "lut", io.dst, None);
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &bind, &[]);
        pass.draw(0..3, 0..1);
    }
}
