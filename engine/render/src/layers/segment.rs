//! Segmentation layer: background replace / blur / colour behind the person mask
//! (see `segment.wgsl`). The mask and replacement image are fitted like the camera frame.

use crate::adapt::FrameMap;
use crate::frame::{Segment, SegmentMode};
use crate::layers::FilterIo;
use crate::layers::fullscreen::FullscreenPass;
use crate::texture::{GpuTexture, TextureId};

/// `segment.wgsl` behind the shared full-screen vertex stage.
pub(crate) const WGSL: &str = concat!(
    include_str!("fullscreen.wgsl"),
    include_str!("segment.wgsl")
);

#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct Params {
    mask_xform: [f32; 4],
    repl_xform: [f32; 4],
    color: [f32; 4],
    mode: [f32; 4],
}

/// The textures a segmentation pass reads besides the frame: the mask and the replacement
/// image of [`SegmentMode::Replace`] (the mask again otherwise: unused), each with its id.
pub(crate) struct SegmentInputs<'a> {
    pub mask: (TextureId, &'a GpuTexture),
    pub replacement: (TextureId, &'a GpuTexture),
}

pub(crate) struct SegmentLayer {
    /// The fits, mode and colour; the bind group is kept per (target read, mask, replacement).
    pass: FullscreenPass<(usize, TextureId, TextureId)>,
}

impl SegmentLayer {
    /// Forgets the bind groups made over textures that are going away.
    pub(crate) fn forget(&mut self) {
        self.pass.forget();
    }

    pub(crate) fn new(device: &wgpu::Device, sampler: &wgpu::Sampler) -> Self {
        let extra = [wgpu::TextureViewDimension::D2; 2];
        let uniforms = size_of::<Params>();
        Self {
            pass: FullscreenPass::new(device, ("segment", WGSL), &extra, sampler, uniforms),
        }
    }

    pub(crate) fn begin_frame(&mut self) {
        self.pass.begin_frame();
    }

    fn params(segment: &Segment, inputs: &SegmentInputs<'_>, size: [u32; 2]) -> Params {
        let xform = |t: &GpuTexture, fit| {
            let src = [t.width, t.height];
            FrameMap::new(src, size, fit).uv_transform(src, size)
        };
        let (w, h) = (size[0] as f32, size[1] as f32);
        let mask_xform = xform(inputs.mask.1, segment.fit);
        match segment.mode {
            SegmentMode::Replace { fit, .. } => Params {
                mask_xform,
                repl_xform: xform(inputs.replacement.1, fit),
                color: [0.0; 4],
                mode: [0.0, 0.0, w, h],
            },
            SegmentMode::Blur { radius } => Params {
                mask_xform,
                repl_xform: [1.0, 1.0, 0.0, 0.0],
                color: [0.0; 4],
                mode: [1.0, radius.clamp(0.0, 256.0), w, h],
            },
            SegmentMode::Color(color) => Params {
                mask_xform,
                repl_xform: [1.0, 1.0, 0.0, 0.0],
                color,
                mode: [2.0, 0.0, w, h],
            },
        }
    }

    /// Write `segment` for a pass reading `io`; returns the draw's slot.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        segment: &Segment,
        inputs: &SegmentInputs<'_>,
        io: &FilterIo<'_>,
    ) -> usize {
        let params = Self::params(segment, inputs, io.size);
        let key = (io.src_index, inputs.mask.0, inputs.replacement.0);
        let views = || {
            let extra = [inputs.mask.1, inputs.replacement.1].map(|t| t.layer_view(0));
            (io.src.clone(), extra.into())
        };
        self.pass
            .prepare(device, queue, bytemuck::bytes_of(&params), key, views)
    }

    pub(crate) fn draw(&self, encoder: &mut wgpu::CommandEncoder, slot: usize, io: &FilterIo<'_>) {
        self.pass.draw(encoder, slot, io.dst, None);
    }
}
