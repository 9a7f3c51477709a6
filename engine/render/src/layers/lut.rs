//! Colour filter layer: a 3D LUT (from `.cube` or a PNG, see [`crate::LutData`]) applied to
//! everything drawn so far, mixed with the original by an intensity.

use crate::frame::LutId;
use crate::layers::FilterIo;
use crate::layers::fullscreen::FullscreenPass;
use crate::lut_file::LutData;

/// A LUT uploaded as a 3D texture.
pub(crate) struct GpuLut {
    pub(crate) view: wgpu::TextureView,
    pub(crate) size: u32,
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

/// `lut.wgsl` behind the shared full-screen vertex stage and the grade.
pub(crate) const WGSL: &str = concat!(
    include_str!("fullscreen.wgsl"),
    include_str!("grade.wgsl"),
    include_str!("lut.wgsl")
);

pub(crate) struct LutLayer {
    /// Intensity and LUT size; the bind group is kept per (target read, LUT).
    pass: FullscreenPass<(usize, LutId)>,
}

impl LutLayer {
    /// Forgets the bind groups made over textures that are going away.
    pub(crate) fn forget(&mut self) {
        self.pass.forget();
    }

    pub(crate) fn new(device: &wgpu::Device, sampler: &wgpu::Sampler) -> Self {
        let extra = [wgpu::TextureViewDimension::D3];
        let uniforms = size_of::<[f32; 4]>();
        Self {
            pass: FullscreenPass::new(device, ("lut", WGSL), &extra, sampler, uniforms),
        }
    }

    pub(crate) fn begin_frame(&mut self) {
        self.pass.begin_frame();
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
        let views = || (io.src.clone(), vec![lut.view.clone()]);
        let key = (io.src_index, id);
        self.pass
            .prepare(device, queue, bytemuck::cast_slice(&params), key, views)
    }

    pub(crate) fn draw(&self, encoder: &mut wgpu::CommandEncoder, slot: usize, io: &FilterIo<'_>) {
        self.pass.draw(encoder, slot, io.dst, None);
    }
}
