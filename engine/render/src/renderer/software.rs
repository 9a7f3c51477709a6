//! Shortcuts for software rasterisers (lavapipe), where every full-frame pass costs 6–8 ms of
//! CPU at 1280x720 whatever its shader does, and a 3D LUT lookup about twice that.
//!
//! A frame that starts with the camera frame graded by a colour filter (the case `encode` fuses
//! into one pass on a GPU) has the grade done on the CPU as the frame is uploaded
//! ([`crate::cpu_grade`]), and its background becomes a texture copy. For that, the camera
//! texture's update waits for the frame that draws it: after a frame graded texture `id`, the
//! next [`Renderer::update_texture`](super::Renderer::update_texture) of `id` is kept
//! ([`Shortcuts::defer`]) and written, graded, by [`Shortcuts::prepare`] when the next frame is
//! recorded. The first frame of an effect goes the GPU's way.

use crate::Gpu;
use crate::cpu_grade::CpuLut;
use crate::error::Result;
use crate::frame::{DrawCommand, Frame, LutId};
use crate::lut_file::LutData;
use crate::texture::{GpuTexture, TextureId};

#[derive(Default)]
pub(super) struct Shortcuts {
    /// CPU copies of the LUTs, by `LutId` (loaded on software devices only).
    luts: Vec<Option<CpuLut>>,
    /// The texture the last frame graded on the CPU: its next update waits for the frame.
    graded: Option<TextureId>,
    /// That update's pixels.
    pending: Option<(TextureId, Vec<u8>)>,
    /// The last pending buffer, kept to be filled again.
    spare: Vec<u8>,
}

impl Shortcuts {
    /// Keep a CPU copy of the LUT loaded as `index` (up to `cpu_grade::MAX_CPU_LUT` levels).
    pub(super) fn add_lut(&mut self, index: usize, lut: &LutData) {
        if self.luts.len() <= index {
            self.luts.resize_with(index + 1, || None);
        }
        self.luts[index] = CpuLut::new(lut);
    }

    /// Whether an update of `id` waits for the next frame.
    pub(super) fn defers(&self, id: TextureId) -> bool {
        self.graded == Some(id)
    }

    /// Keep `rgba` (already checked against the texture's size) for the next frame.
    pub(super) fn defer(&mut self, id: TextureId, rgba: &[u8]) {
        let mut buffer = match self.pending.take() {
            Some((_, buffer)) => buffer,
            None => std::mem::take(&mut self.spare),
        };
        buffer.clear();
        buffer.extend_from_slice(rgba);
        self.pending = Some((id, buffer));
    }

    /// Before `frame` is recorded: write the pending pixels, graded when the frame starts with
    /// that texture, at the output's size, graded by a colour filter. Returns the texture graded
    /// here (its background is then a copy, and its filter done).
    pub(super) fn prepare(
        &mut self,
        gpu: &Gpu,
        frame: &Frame,
        textures: &mut [GpuTexture],
        size: [u32; 2],
    ) -> Result<Option<TextureId>> {
        let plan = self.plan(frame, textures, size);
        self.graded = plan.map(|(id, ..)| id);
        let Some((id, mut pixels)) = self.pending.take() else {
            return Ok(None);
        };
        let lut = plan
            .filter(|(graded, ..)| *graded == id)
            .and_then(|(_, lut, intensity)| Some((self.cpu_lut(lut)?, intensity)));
        let graded = lut.is_some();
        if let Some((lut, intensity)) = lut {
            lut.grade(&mut pixels, intensity);
        }
        let written = match textures.get_mut(id.0 as usize) {
            Some(texture) => texture.write_layer0(gpu, &pixels),
            None => Ok(()), // The texture went away with its effect; nothing draws it.
        };
        self.spare = pixels;
        written?;
        Ok(graded.then_some(id))
    }

    /// The frame's first two commands when they are a background at the output's size and a
    /// colour filter with a CPU copy of its LUT.
    fn plan(
        &self,
        frame: &Frame,
        textures: &[GpuTexture],
        size: [u32; 2],
    ) -> Option<(TextureId, LutId, f32)> {
        let mut commands = frame.commands.iter();
        let (
            Some(DrawCommand::Background { texture: id, .. }),
            Some(DrawCommand::ColorFilter { lut, intensity }),
        ) = (commands.next(), commands.next())
        else {
            return None;
        };
        let texture = textures.get(id.0 as usize)?;
        self.cpu_lut(*lut)?;
        ([texture.width, texture.height] == size).then_some((*id, *lut, *intensity))
    }

    fn cpu_lut(&self, id: LutId) -> Option<&CpuLut> {
        self.luts.get(id.0 as usize)?.as_ref()
    }
}
