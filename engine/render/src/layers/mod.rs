//! The layers, one per file, each with its WGSL beside it. A layer owns its GPU state: `new`
//! builds the pipeline and whatever does not change per frame (uniform buffers, bind groups over
//! fixed inputs); `prepare` writes this draw's uniforms and instances with the queue and rebuilds
//! a bind group only when an input texture changed (see [`slots`]); `draw` records the pass.
//!
//! Full-frame passes (the background and the *filters*: colour LUT, beauty, background
//! segmentation) draw one full-screen triangle whose vertex stage, `fullscreen.wgsl`, is composed
//! in front of their own WGSL. Filters read what was drawn so far and write the other of the
//! renderer's two targets (ping-pong); *overlays* (sprites, text) blend onto the current target
//! with premultiplied alpha.

pub mod background;
pub mod beauty;
pub(crate) mod fullscreen;
pub mod lut;
pub mod segment;
pub(crate) mod slots;
pub mod sprite;
pub mod text;

/// The vertex stage every full-frame pass shares.
pub(crate) const FULLSCREEN_WGSL: &str = include_str!("fullscreen.wgsl");
/// The colour grade the LUT filter and the graded background share (`grade`).
pub(crate) const GRADE_WGSL: &str = include_str!("grade.wgsl");

/// What a filter layer reads and writes: one of the renderer's two targets and the other.
pub(crate) struct FilterIo<'a> {
    /// Which target is read (0 or 1): bind groups over it are kept per target.
    pub src_index: usize,
    pub src: &'a wgpu::TextureView,
    pub dst: &'a wgpu::TextureView,
    pub size: [u32; 2],
}

/// The linear clamp-to-edge sampler every layer samples with (one per renderer).
pub(crate) fn linear_sampler(device: &wgpu::Device) -> wgpu::Sampler {
    device.create_sampler(&wgpu::SamplerDescriptor {
        label: Some("linear clamp"),
        address_mode_u: wgpu::AddressMode::ClampToEdge,
        address_mode_v: wgpu::AddressMode::ClampToEdge,
        address_mode_w: wgpu::AddressMode::ClampToEdge,
        mag_filter: wgpu::FilterMode::Linear,
        min_filter: wgpu::FilterMode::Linear,
        mipmap_filter: wgpu::MipmapFilterMode::Nearest,
        ..Default::default()
    })
}
