//! Shortcuts for software rasterisers (lavapipe), where every full-frame pass costs 6–8 ms of
//! CPU at 1280x720 whatever its shader does, and a 3D LUT lookup about twice that.
//!
//! A frame that starts with the camera frame graded by a colour filter (the case `encode` fuses
//! into one pass on a GPU) has the grade done on the CPU as the frame is uploaded
//! ([`crate::cpu_grade`]), and its background becomes a texture copy. For that, the camera
//! texture's update waits for the frame that draws it: after a frame graded texture `id`, the
//! next [`Renderer::update_texture`](super::Renderer::update_texture) of `id` is kept
//! ([`Shortcuts::defer`]) and written, graded, by [`Shortcuts::prepare`] when the next frame is
//! recorded. The pixels as given are kept, so a frame drawn again without a new update, or with
//! another grade or none, gets them graded once, as it asks. The first frame of an effect goes
//! the GPU's way.

use crate::Gpu;
use crate::cpu_grade::CpuLut;
use crate::error::Result;
use crate::frame::{DrawCommand, Frame, LutId};
use crate::lut_file::LutData;
use crate::texture::{GpuTexture, TextureId};

/// A grade: the LUT and the intensity's bits.
type GradeKey = (LutId, u32);

#[derive(Default)]
pub(super) struct Shortcuts {
    /// CPU copies of the LUTs, by `LutId` (loaded on software devices only).
    luts: Vec<Option<CpuLut>>,
    /// The texture the last frame graded on the CPU: its updates wait for the next frame.
    graded: Option<TextureId>,
    /// The last update kept for a frame: the texture and its pixels as given.
    source: Option<(TextureId, Vec<u8>)>,
    /// `source` has not been written to its texture yet.
    fresh: bool,
    /// What the texture of `source` holds, once written: `source` graded so, or as it is.
    holds: Option<GradeKey>,
    /// The graded pixels, kept to be filled again.
    out: Vec<u8>,
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
        let mut buffer = self.source.take().map(|(_, b)| b).unwrap_or_default();
        buffer.clear();
        buffer.extend_from_slice(rgba);
        self.source = Some((id, buffer));
        self.fresh = true;
    }

    /// `id` was written as it is, not through [`Self::defer`]: what was kept for it is stale.
    pub(super) fn written(&mut self, id: TextureId) {
        if self.source.as_ref().is_some_and(|(kept, _)| *kept == id) {
            self.source = None;
        }
    }

    /// Before `frame` is recorded: make the kept texture hold what the frame needs — its pixels
    /// graded when the frame starts with that texture, at the output's size, graded by a colour
    /// filter; as they are otherwise — writing it only when that changed (a new update, another
    /// grade). Returns the texture holding graded pixels (its background is then a copy, and its
    /// filter done).
    pub(super) fn prepare(
        &mut self,
        gpu: &Gpu,
        frame: &Frame,
        textures: &mut [GpuTexture],
        size: [u32; 2],
    ) -> Result<Option<TextureId>> {
        let plan = self.plan(frame, textures, size);
        self.graded = plan.map(|(id, ..)| id);
        let Some((id, source)) = &self.source else {
            return Ok(None);
        };
        let id = *id;
        let want = plan
            .filter(|(graded, ..)| *graded == id)
            .map(|(_, lut, intensity)| (lut, intensity.to_bits()));
        let answer = want.map(|_| id);
        if !self.fresh && self.holds == want {
            return Ok(answer);
        }
        let Some(texture) = textures.get_mut(id.0 as usize) else {
            self.source = None; // Its effect is gone.
            return Ok(None);
        };
        let lut = want.and_then(|(lut, _)| self.luts.get(lut.0 as usize)?.as_ref());
        match (lut, want) {
            (Some(lut), Some((_, bits))) => {
                lut.grade(source, &mut self.out, f32::from_bits(bits));
                texture.write_layer0(gpu, &self.out)?;
            }
            _ => texture.write_layer0(gpu, source)?,
        }
        (self.fresh, self.holds) = (false, want);
        Ok(answer)
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
        self.luts.get(lut.0 as usize)?.as_ref()?;
        ([texture.width, texture.height] == size).then_some((*id, *lut, *intensity))
    }
}
