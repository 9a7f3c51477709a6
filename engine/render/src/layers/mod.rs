//! The layers, one per file, each with its own WGSL: `new` builds the pipeline once, `draw`
//! records one command into the frame's encoder.
//!
//! Full-frame *filters* (colour LUT, beauty, background segmentation) read what was drawn so far
//! and write the other of the renderer's two targets (ping-pong); *overlays* (sprites, text,
//! particles) blend onto the current target with premultiplied alpha.

pub mod background;
pub mod beauty;
pub mod lut;
pub mod particles;
pub mod segment;
pub mod sprite;
pub mod text;

/// What a filter layer reads and writes.
pub(crate) struct FilterIo<'a> {
    pub src: &'a wgpu::TextureView,
    pub dst: &'a wgpu::TextureView,
    pub size: [u32; 2],
}

/// Shared sampler set up once by the renderer.
pub(crate) struct Samplers {
    pub linear: wgpu::Sampler,
}

impl Samplers {
    pub(crate) fn new(device: &wgpu::Device) -> Self {
        Self {
            linear: device.create_sampler(&wgpu::SamplerDescriptor {
                label: Some("linear clamp"),
                address_mode_u: wgpu::AddressMode::ClampToEdge,
                address_mode_v: wgpu::AddressMode::ClampToEdge,
                address_mode_w: wgpu::AddressMode::ClampToEdge,
                mag_filter: wgpu::FilterMode::Linear,
                min_filter: wgpu::FilterMode::Linear,
                mipmap_filter: wgpu::MipmapFilterMode::Nearest,
                ..Default::default()
            }),
        }
    }
}
