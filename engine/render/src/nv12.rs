//! GPU colour conversion for the encoder: the composited RGBA frame becomes NV12 (a full-size Y
//! plane followed by a half-size interleaved CbCr plane), BT.709 limited range, in two small
//! render passes, so the CPU only copies bytes (swscale would spend ~3 ms per 720p frame).

use crate::pipeline::{self, PipelineSpec};

/// The NV12 planes for one output size.
pub(crate) struct Nv12Converter {
    y_pipeline: wgpu::RenderPipeline,
    uv_pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
    pub(crate) y: wgpu::Texture,
    pub(crate) uv: wgpu::Texture,
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
    /// `width` and `height` must be even (checked by the renderer).
    pub(crate) fn new(device: &wgpu::Device, width: u32, height: u32) -> Self {
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("nv12"),
            entries: &[pipeline::texture_entry(0, wgpu::TextureViewDimension::D2)],
        });
        let make = |entry, format| {
            pipeline::render_pipeline(
                device,
                &PipelineSpec {
                    label: "nv12",
                    source: include_str!("shaders/nv12.wgsl"),
                    layouts: &[&layout],
                    buffers: &[],
                    format,
                    blend: None,
                    fragment_entry: entry,
                },
            )
        };
        Self {
            y_pipeline: make("fs_y", wgpu::TextureFormat::R8Unorm),
            uv_pipeline: make("fs_uv", wgpu::TextureFormat::Rg8Unorm),
            y: plane(
                device,
                "nv12 y",
                width,
                height,
                wgpu::TextureFormat::R8Unorm,
            ),
            uv: plane(
                device,
                "nv12 uv",
                width / 2,
                height / 2,
                wgpu::TextureFormat::Rg8Unorm,
            ),
            layout,
        }
    }

    /// Record the two conversion passes reading `src`.
    pub(crate) fn encode(
        &self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        src: &wgpu::TextureView,
    ) {
        let bind = pipeline::bind_group(
            device,
            "nv12",
            &self.layout,
            [wgpu::BindingResource::TextureView(src)],
        );
        for (pipeline, plane) in [(&self.y_pipeline, &self.y), (&self.uv_pipeline, &self.uv)] {
            let view = plane.create_view(&wgpu::TextureViewDescriptor::default());
            let mut pass = pipeline::pass(encoder, "nv12", &view, None);
            pass.set_pipeline(pipeline);
            pass.set_bind_group(0, &bind, &[]);
            pass.draw(0..3, 0..1);
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
