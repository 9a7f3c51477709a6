//! The full-screen pass the background and the filters are made of: one pipeline of the shared
//! vertex stage (`fullscreen.wgsl`) and the layer's fragment shader `fs`, one bind group of
//! `input texture, sampler, uniforms, extra textures…` (bindings 0, 1, 2, 3…), and the layer's
//! uniform slots.

use crate::layers::slots::UniformSlots;
use crate::pipeline::{self, TARGET_FORMAT};

pub(crate) struct FullscreenPass<K> {
    label: &'static str,
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    slots: UniformSlots<K>,
}

impl<K: PartialEq> FullscreenPass<K> {
    /// Forgets the bind groups made over the inputs drawn so far ([`UniformSlots::forget`]).
    pub(crate) fn forget(&mut self) {
        self.slots.forget();
    }

    /// `source` is the composed WGSL, `extra` the dimensions of the textures bound after the
    /// uniforms, `uniform_size` the bytes of one draw's uniforms.
    pub(crate) fn new(
        device: &wgpu::Device,
        (label, source): (&'static str, &str),
        extra: &[wgpu::TextureViewDimension],
        sampler: &wgpu::Sampler,
        uniform_size: usize,
    ) -> Self {
        let mut entries = vec![
            pipeline::texture_entry(0, wgpu::TextureViewDimension::D2),
            pipeline::sampler_entry(1),
            pipeline::uniform_entry(2),
        ];
        entries.extend(
            (3..)
                .zip(extra)
                .map(|(binding, &dim)| pipeline::texture_entry(binding, dim)),
        );
        let layout = pipeline::layout(device, label, &entries);
        let pipeline =
            pipeline::fullscreen_pipeline(device, label, source, &layout, "fs", TARGET_FORMAT);
        Self {
            label,
            pipeline,
            layout,
            sampler: sampler.clone(),
            slots: UniformSlots::new(label, uniform_size),
        }
    }

    /// Start a frame: its first draw takes the first uniform slot again.
    pub(crate) fn begin_frame(&mut self) {
        self.slots.begin_frame();
    }

    /// Write this draw's `uniforms`; when the inputs (`key`) differ from the slot's, rebuild its
    /// bind group over `views()`: the input texture, then the extra textures. Returns the slot.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        uniforms: &[u8],
        key: K,
        views: impl FnOnce() -> (wgpu::TextureView, Vec<wgpu::TextureView>),
    ) -> usize {
        let (label, layout, sampler) = (self.label, &self.layout, &self.sampler);
        self.slots.prepare(device, queue, uniforms, key, |params| {
            let (input, extra) = views();
            let fixed = [
                wgpu::BindingResource::TextureView(&input),
                wgpu::BindingResource::Sampler(sampler),
                params.as_entire_binding(),
            ];
            let extra = extra.iter().map(wgpu::BindingResource::TextureView);
            pipeline::bind_group(device, label, layout, fixed.into_iter().chain(extra))
        })
    }

    /// Record the draw of `slot` into `target` (loaded, or cleared to `clear` first).
    pub(crate) fn draw(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        slot: usize,
        target: &wgpu::TextureView,
        clear: Option<wgpu::Color>,
    ) {
        let bind = self.slots.bind_group(slot);
        pipeline::fullscreen_pass(encoder, self.label, target, clear, &self.pipeline, bind);
    }
}
