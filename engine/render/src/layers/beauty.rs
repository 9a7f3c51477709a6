//! Beauty layer: skin smoothing and brightening inside face ellipses (see `beauty.wgsl`).

use crate::frame::Beauty;
use crate::layers::FilterIo;
use crate::pipeline::{self, PipelineSpec, TARGET_FORMAT};

#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct Params {
    faces: [[f32; 4]; 4],
    rots: [f32; 4],
    amount: [f32; 4],
    size: [f32; 4],
}

pub(crate) struct BeautyLayer {
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
}

impl BeautyLayer {
    pub(crate) fn new(device: &wgpu::Device) -> Self {
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("beauty"),
            entries: &[
                pipeline::texture_entry(0, wgpu::TextureViewDimension::D2),
                pipeline::sampler_entry(1),
                pipeline::uniform_entry(2),
            ],
        });
        let pipeline = pipeline::render_pipeline(
            device,
            &PipelineSpec {
                label: "beauty",
                source: include_str!("../shaders/beauty.wgsl"),
                layouts: &[&layout],
                buffers: &[],
                format: TARGET_FORMAT,
                blend: None,
                fragment_entry: "fs",
            },
        );
        Self { pipeline, layout }
    }

    fn params(beauty: &Beauty, size: [u32; 2]) -> Params {
        let mut p = Params {
            faces: [[0.0; 4]; 4],
            rots: [0.0; 4],
            amount: [beauty.smoothing, beauty.brighten, 0.0, 0.0],
            size: [size[0] as f32, size[1] as f32, 0.0, 0.0],
        };
        let mut radius: f32 = 0.0;
        for (i, f) in beauty.faces.iter().take(Beauty::MAX_FACES).enumerate() {
            p.faces[i] = [f.center.x, f.center.y, f.radii[0].abs(), f.radii[1].abs()];
            p.rots[i] = f.rotation.to_radians();
            p.amount[2] = (i + 1) as f32;
            radius = radius.max(f.radii[0].abs().min(f.radii[1].abs()));
        }
        // The filter reach follows the face size: about 4 % of the face half-width, 2..12 px.
        p.amount[3] = (radius * 0.04).clamp(2.0, 12.0);
        p
    }

    pub(crate) fn draw(
        &self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        sampler: &wgpu::Sampler,
        beauty: &Beauty,
        io: &FilterIo<'_>,
    ) {
        let params = Self::params(beauty, io.size);
        let params = pipeline::uniform_buffer(device, "beauty params", bytemuck::bytes_of(&params));
        let bind = pipeline::bind_group(
            device,
            "beauty",
            &self.layout,
            [
                wgpu::BindingResource::TextureView(io.src),
                wgpu::BindingResource::Sampler(sampler),
                params.as_entire_binding(),
            ],
        );
        let mut pass = pipeline::pass(encoder, "beauty", io.dst, None);
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &bind, &[]);
        pass.draw(0..3, 0..1);
    }
}
