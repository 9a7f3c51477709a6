//! Beauty layer: skin smoothing and brightening inside face ellipses (see `beauty.wgsl`).

use crate::frame::Beauty;
use crate::layers::FilterIo;
use crate::layers::fullscreen::FullscreenPass;

/// `beauty.wgsl` behind the shared full-screen vertex stage.
pub(crate) const WGSL: &str = concat!(include_str!("fullscreen.wgsl"), include_str!("beauty.wgsl"));

#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct Params {
    faces: [[f32; 4]; 4],
    rots: [f32; 4],
    amount: [f32; 4],
    size: [f32; 4],
}

pub(crate) struct BeautyLayer {
    /// The faces and amounts; the bind group is kept per target read.
    pass: FullscreenPass<usize>,
}

impl BeautyLayer {
    pub(crate) fn new(device: &wgpu::Device, sampler: &wgpu::Sampler) -> Self {
        let uniforms = size_of::<Params>();
        Self {
            pass: FullscreenPass::new(device, ("beauty", WGSL), &[], sampler, uniforms),
        }
    }

    pub(crate) fn begin_frame(&mut self) {
        self.pass.begin_frame();
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

    /// Write `beauty` for a pass reading `io`; returns the draw's slot.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        beauty: &Beauty,
        io: &FilterIo<'_>,
    ) -> usize {
        let params = Self::params(beauty, io.size);
        let views = || (io.src.clone(), Vec::new());
        self.pass.prepare(
            device,
            queue,
            bytemuck::bytes_of(&params),
            io.src_index,
            views,
        )
    }

    pub(crate) fn draw(&self, encoder: &mut wgpu::CommandEncoder, slot: usize, io: &FilterIo<'_>) {
        self.pass.draw(encoder, slot, io.dst, None);
    }
}
