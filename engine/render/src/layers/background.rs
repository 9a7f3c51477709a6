//! Background layer: draws a full-frame image (the camera frame) fitted to the output, opaque —
//! on its own, or graded by a colour filter's LUT in the same pass (`background_graded.wgsl`)
//! when the filter directly follows it, as in most effects that grade the camera.

use crate::adapt::{Fit, FrameMap};
use crate::frame::LutId;
use crate::layers::fullscreen::FullscreenPass;
use crate::layers::lut::GpuLut;
use crate::texture::{GpuTexture, TextureId};

/// `background.wgsl` behind the shared full-screen vertex stage.
pub(crate) const WGSL: &str = concat!(
    include_str!("fullscreen.wgsl"),
    include_str!("background.wgsl")
);

/// `background_graded.wgsl` behind the shared full-screen vertex stage.
pub(crate) const GRADED_WGSL: &str = concat!(
    include_str!("fullscreen.wgsl"),
    include_str!("grade.wgsl"),
    include_str!("background_graded.wgsl")
);

/// A colour filter applied in the background's pass: the LUT and its intensity.
pub(crate) struct Grade<'a> {
    pub lut: (LutId, &'a GpuLut),
    pub intensity: f32,
}

pub(crate) struct BackgroundLayer {
    /// The uv transform; the bind group is kept per texture drawn.
    pass: FullscreenPass<TextureId>,
    /// The uv transform, intensity and LUT size; the bind group is kept per (texture, LUT).
    graded: FullscreenPass<(TextureId, LutId)>,
}

impl BackgroundLayer {
    /// Forgets the bind groups made over textures that are going away.
    pub(crate) fn forget(&mut self) {
        self.pass.forget();
        self.graded.forget();
    }

    pub(crate) fn new(device: &wgpu::Device, sampler: &wgpu::Sampler) -> Self {
        let uniforms = size_of::<[f32; 4]>();
        let lut = [wgpu::TextureViewDimension::D3];
        let label = ("background graded", GRADED_WGSL);
        Self {
            pass: FullscreenPass::new(device, ("background", WGSL), &[], sampler, uniforms),
            graded: FullscreenPass::new(device, label, &lut, sampler, 2 * uniforms),
        }
    }

    pub(crate) fn begin_frame(&mut self) {
        self.pass.begin_frame();
        self.graded.begin_frame();
    }

    /// Write the fit of `texture` (uploaded as `id`) onto a `size` output; returns the draw's slot.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        (id, texture): (TextureId, &GpuTexture),
        fit: Fit,
        size: [u32; 2],
    ) -> usize {
        let src = [texture.width, texture.height];
        let xform = FrameMap::new(src, size, fit).uv_transform(src, size);
        let views = || (texture.layer_view(0), Vec::new());
        self.pass
            .prepare(device, queue, bytemuck::cast_slice(&xform), id, views)
    }

    pub(crate) fn draw(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        slot: usize,
        target: &wgpu::TextureView,
    ) {
        let black = Some(wgpu::Color::BLACK);
        self.pass.draw(encoder, slot, target, black);
    }

    /// Draws `texture` fitted to a `size` output and graded by `grade`, in one pass.
    pub(crate) fn draw_graded(
        &mut self,
        (device, queue): (&wgpu::Device, &wgpu::Queue),
        encoder: &mut wgpu::CommandEncoder,
        ((id, texture), fit): ((TextureId, &GpuTexture), Fit),
        grade: &Grade<'_>,
        (size, target): ([u32; 2], &wgpu::TextureView),
    ) {
        let src = [texture.width, texture.height];
        let xform = FrameMap::new(src, size, fit).uv_transform(src, size);
        let (lut_id, lut) = grade.lut;
        let params = [
            xform[0],
            xform[1],
            xform[2],
            xform[3],
            grade.intensity,
            lut.size as f32,
            0.0,
            0.0,
        ];
        let views = || (texture.layer_view(0), vec![lut.view.clone()]);
        let key = (id, lut_id);
        let slot = self
            .graded
            .prepare(device, queue, bytemuck::cast_slice(&params), key, views);
        self.graded
            .draw(encoder, slot, target, Some(wgpu::Color::BLACK));
    }
}
