//! Background layer: draws a full-frame image (the camera frame) fitted to the output, opaque.

use crate::adapt::{Fit, FrameMap};
use crate::layers::slots::UniformSlots;
use crate::pipeline::{self, TARGET_FORMAT};
use crate::texture::{GpuTexture, TextureId};

/// `background.wgsl` behind the shared full-screen vertex stage.
pub(crate) const WGSL: &str = concat!(
    include_str!("fullscreen.wgsl"),
    include_str!("background.wgsl")
);

pub(crate) struct BackgroundLayer {
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    /// The uv transform; the bind group is kept per texture drawn.
    slots: UniformSlots<TextureId>,
}

impl BackgroundLayer {
    pub(crate) fn new(device: &wgpu::Device, sampler: &wgpu::Sampler) -> Self {
        let layout = pipeline::layout(
            device,
            "background",
            &[
                pipeline::texture_entry(0, wgpu::TextureViewDimension::D2),
                pipeline::sampler_entry(1),
                pipeline::uniform_entry(2),
            ],
        );
        let pipeline =
            pipeline::fullscreen_pipeline(device, "background", WGSL, &layout, "fs", TARGET_FORMAT);
        Self {
            pipeline,
            layout,
            sampler: sampler.clone(),
            slots: UniformSlots::new("background params", size_of::<[f32; 4]>()),
        }
    }

    pub(crate) fn begin_frame(&mut self) {
        self.slots.begin_frame();
    }

    /// Write the fit of `texture` (uploaded as `id`) onto a `size` output; returns the draw's slot.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        id: TextureId,
        texture: &GpuTexture,
        fit: Fit,
        size: [u32; 2],
    ) -> usize {
        let src = [texture.width, texture.height];
        let xform = FrameMap::new(src, size, fit).uv_transform(src, size);
        let (layout, sampler) = (&self.layout, &self.sampler);
        self.slots
            .prepare(device, queue, bytemuck::cast_slice(&xform), id, |params| {
                pipeline::bind_group(
                    device,
                    "background",
                    layout,
                    [
                        wgpu::BindingResource::TextureView(&texture.layer_view(0)),
                        wgpu::BindingResource::Sampler(sampler),
                        params.as_entire_binding(),
                    ],
                )
            })
    }

    pub(crate) fn draw(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        slot: usize,
        target: &wgpu::TextureView,
    ) {
        let bind = self.slots.bind_group(slot);
        let black = Some(wgpu::Color::BLACK);
        pipeline::fullscreen_pass(encoder, "background", target, black, &self.pipeline, bind);
    }
}
