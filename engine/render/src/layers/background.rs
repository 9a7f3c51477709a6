//! Background layer: draws a full-frame image (the camera frame) fitted to the output, opaque.

use crate::adapt::{Fit, FrameMap};
use crate::layers::fullscreen::FullscreenPass;
use crate::texture::{GpuTexture, TextureId};

/// `background.wgsl` behind the shared full-screen vertex stage.
pub(crate) const WGSL: &str = concat!(
    include_str!("fullscreen.wgsl"),
    include_str!("background.wgsl")
);

pub(crate) struct BackgroundLayer {
    /// The uv transform; the bind group is kept per texture drawn.
    pass: FullscreenPass<TextureId>,
}

impl BackgroundLayer {
    /// Forgets the bind groups made over textures that are going away.
    pub(crate) fn forget(&mut self) {
        self.pass.forget();
    }

    pub(crate) fn new(device: &wgpu::Device, sampler: &wgpu::Sampler) -> Self {
        let uniforms = size_of::<[f32; 4]>();
        Self {
            pass: FullscreenPass::new(device, ("background", WGSL), &[], sampler, uniforms),
        }
    }

    pub(crate) fn begin_frame(&mut self) {
        self.pass.begin_frame();
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
}
