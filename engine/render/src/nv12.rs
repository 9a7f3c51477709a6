//! GPU colour conversion for the encoder: the composited RGBA frame becomes NV12 (a full-size Y
//! plane followed by a half-size interleaved CbCr plane), BT.709 limited range, in two small
//! render passes, so the CPU only copies bytes (swscale would spend ~3 ms per 720p frame).

use crate::pipeline;

/// `nv12.wgsl` behind the shared full-screen vertex stage.
pub(crate) const WGSL: &str = concat!(
    include_str!("layers/fullscreen.wgsl"),
    include_str!("nv12.wgsl")
);

/// The NV12 planes for one output size, and the passes that fill them from either target.
pub(crate) struct Nv12Converter {
    y_pipeline: wgpu::RenderPipeline,
    uv_pipeline: wgpu::RenderPipeline,
    /// One bind group per renderer target the frame can end on.
    binds: [wgpu::BindGroup; 2],
    pub(crate) y: wgpu::Texture,
    pub(crate) uv: wgpu::Texture,
    views: [wgpu::TextureView; 2],
}

fn plane(
    device: &wgpu::Device,
    label: &str,
    w: u32,
    h: u32,
    format: wgpu::TextureFormat,
) -> wgpu::Texture {
    device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    })
}

impl Nv12Converter {
    /// `width` and `height` must be even (checked by the renderer); `sources` are the
    /// renderer's two targets.
    pub(crate) fn new(
        device: &wgpu::Device,
        width: u32,
        height: u32,
        sources: [&wgpu::TextureView; 2],
    ) -> Self {
        let layout = pipeline::layout(
            device,
            "nv12",
            &[pipeline::texture_entry(0, wgpu::TextureViewDimension::D2)],
        );
        let make = |entry, format| {
            pipeline::fullscreen_pipeline(device, "nv12", WGSL, &layout, entry, format)
        };
        let (r8, rg8) = (wgpu::TextureFormat::R8Unorm, wgpu::TextureFormat::Rg8Unorm);
        let y = plane(device, "nv12 y", width, height, r8);
        let uv = plane(device, "nv12 uv", width / 2, height / 2, rg8);
        let bind = |src| {
            pipeline::bind_group(
                device,
                "nv12",
                &layout,
                [wgpu::BindingResource::TextureView(src)],
            )
        };
        Self {
            y_pipeline: make("fs_y", r8),
            uv_pipeline: make("fs_uv", rg8),
            binds: sources.map(bind),
            views: [&y, &uv].map(|p| p.create_view(&wgpu::TextureViewDescriptor::default())),
            y,
            uv,
        }
    }

    /// Record the two conversion passes reading target `src_index`.
    pub(crate) fn encode(&self, encoder: &mut wgpu::CommandEncoder, src_index: usize) {
        let bind = &self.binds[src_index];
        let pipelines = [&self.y_pipeline, &self.uv_pipeline];
        for (pipe, view) in pipelines.into_iter().zip(&self.views) {
            pipeline::fullscreen_pass(encoder, "nv12", view, None, pipe, bind);
        }
    }
}

/// CPU reference conversion of one RGBA frame (tests and fallbacks): same maths as the shader.
pub fn rgba_to_nv12(rgba: &[u8], width: u32, height: u32) -> Vec<u8> {
    let (w, h) = (width as usize, height as usize);
    let mut out = vec![0u8; w * h * 3 / 2];
    let px = |x: usize, y: usize| {
        let i = (y * w + x) * 4;
        [rgba[i], rgba[i + 1], rgba[i + 2]].map(|v| f32::from(v) / 255.0)
    };
    let luma = |c: [f32; 3]| 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    for y in 0..h {
        for x in 0..w {
            out[y * w + x] = (16.0 + 219.0 * luma(px(x, y))).round() as u8;
        }
    }
    for y in 0..h / 2 {
        for x in 0..w / 2 {
            let mut c = [0.0f32; 3];
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let p = px(2 * x + dx, 2 * y + dy);
                for k in 0..3 {
                    c[k] += p[k] * 0.25;
                }
            }
            let l = luma(c);
            let i = w * h + y * w + 2 * x;
            out[i] = (128.0 + 224.0 * (c[2] - l) / 1.8556)
                .round()
                .clamp(0.0, 255.0) as u8;
            out[i + 1] = (128.0 + 224.0 * (c[0] - l) / 1.5748)
                .round()
                .clamp(0.0, 255.0) as u8;
        }
    }
    out
}
