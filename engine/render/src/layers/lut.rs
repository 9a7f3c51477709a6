//! Colour filter layer: a 3D LUT (from `.cube` or a PNG, see [`crate::LutData`]) applied to
//! everything drawn so far, mixed with the original by an intensity.

use crate::frame::LutId;
use crate::layers::FilterIo;
use crate::layers::slots::UniformSlots;
use crate::lut_file::LutData;
use crate::pipeline::{self, TARGET_FORMAT};

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

/// `lut.wgsl` behind the shared full-screen vertex stage.
pub(crate) const WGSL: &str = concat!(include_str!("fullscreen.wgsl"), include_str!("lut.wgsl"));

pub(crate) struct LutLayer {
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    /// Intensity and LUT size; the bind group is kept per (target read, LUT).
    slots: UniformSlots<(usize, LutId)>,
}

impl LutLayer {
    pub(crate) fn new(device: &wgpu::Device, sampler: &wgpu::Sampler) -> Self {
        let layout = pipeline::layout(
            device,
            "lut",
            &[
                pipeline::texture_entry(0, wgpu::TextureViewDimension::D2),
                pipeline::sampler_entry(1),
                pipeline::uniform_entry(2),
                pipeline::texture_entry(3, wgpu::TextureViewDimension::D3),
            ],
        );
        let pipeline =
            pipeline::fullscreen_pipeline(device, "lut", WGSL, &layout, "fs", TARGET_FORMAT);
        Self {
            pipeline,
            layout,
            sampler: sampler.clone(),
            slots: UniformSlots::new("lut params", size_of::<[f32; 4]>()),
        }
    }

    pub(crate) fn begin_frame(&mut self) {
        self.slots.begin_frame();
    }

    /// Write `lut` (loaded as `id`) at `intensity` for a pass reading `io`; returns the slot.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        (id, lut): (LutId, &GpuLut),
        intensity: f32,
        io: &FilterIo<'_>,
    ) -> usize {
        let params = [intensity, lut.size as f32, 0.0, 0.0];
        let (layout, sampler) = (&self.layout, &self.sampler);
        let key = (io.src_index, id);
        self.slots.prepare(
            device,
            queue,
            bytemuck::cast_slice(&params),
            key,
            |params| {
                pipeline::bind_group(
                    device,
                    "lut",
                    layout,
                    [
                        wgpu::BindingResource::TextureView(io.src),
                        wgpu::BindingResource::Sampler(sampler),
                        params.as_entire_binding(),
                        wgpu::BindingResource::TextureView(&lut.view),
                    ],
                )
            },
        )
    }

    pub(crate) fn draw(&self, encoder: &mut wgpu::CommandEncoder, slot: usize, io: &FilterIo<'_>) {
        let bind = self.slots.bind_group(slot);
        pipeline::fullscreen_pass(encoder, "lut", io.dst, None, &self.pipeline, bind);
    }
}
