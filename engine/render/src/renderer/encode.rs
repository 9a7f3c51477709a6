//! Recording one frame: each draw command is prepared (its uniforms and instances written with
//! the queue) and drawn into the frame's encoder, in order, onto the two ping-pong targets.

use effect_schema::hotzone::HotZone;

use super::{Renderer, texture};
use crate::error::{RenderError, Result};
use crate::frame::{DrawCommand, LutId, Segment, SegmentMode, Sprite};
use crate::layers::FilterIo;
use crate::layers::background::Grade;
use crate::layers::segment::SegmentInputs;
use crate::pipeline;

impl Renderer {
    /// Record all draw commands; returns the index of the target holding the result and the
    /// frame's hot-zones.
    pub(super) fn encode(
        &mut self,
        encoder: &mut wgpu::CommandEncoder,
        frame: &crate::Frame,
    ) -> Result<(usize, Vec<HotZone>)> {
        self.begin_frame();
        let graded_on_cpu =
            self.software
                .prepare(&self.gpu, frame, &mut self.textures, self.size)?;
        let mut cur = 0usize;
        let mut hotzones = Vec::new();
        // The frame starts transparent black, so a frame without a background is well defined;
        // a background covers every pixel itself (one full-frame pass fewer).
        if !matches!(frame.commands.first(), Some(DrawCommand::Background { .. })) {
            let transparent = Some(wgpu::Color::TRANSPARENT);
            drop(pipeline::pass(
                encoder,
                "clear",
                &self.targets[cur].view,
                transparent,
            ));
        }
        let mut commands = frame.commands.iter().peekable();
        while let Some(command) = commands.next() {
            // A colour filter right after the background grades it in the same pass.
            if let DrawCommand::Background { texture: id, fit } = command
                && let Some(DrawCommand::ColorFilter { lut, intensity }) = commands.peek()
            {
                commands.next();
                if graded_on_cpu == Some(*id) {
                    self.copy_background(encoder, *id, cur)?;
                    continue;
                }
                let grade = Grade {
                    lut: (*lut, lookup_lut(&self.luts, *lut)?),
                    intensity: *intensity,
                };
                let texture = (*id, texture(&self.textures, *id)?);
                let gpu = (&self.gpu.device, &self.gpu.queue);
                let out = (self.size, &self.targets[cur].view);
                self.background
                    .draw_graded(gpu, encoder, (texture, *fit), &grade, out);
                continue;
            }
            if self.record(encoder, command, cur, &mut hotzones)? {
                cur = 1 - cur;
            }
        }
        Ok((cur, hotzones))
    }

    /// An opaque texture of the output's size drawn as the background: a copy, no pass.
    fn copy_background(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        id: crate::TextureId,
        cur: usize,
    ) -> Result<()> {
        let t = texture(&self.textures, id)?;
        let [width, height] = self.size;
        encoder.copy_texture_to_texture(
            t.texture.as_image_copy(),
            self.targets[cur].texture.as_image_copy(),
            wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
        );
        Ok(())
    }

    /// Every layer's first draw of the frame takes its first slot again.
    fn begin_frame(&mut self) {
        self.background.begin_frame();
        self.lut.begin_frame();
        self.beauty.begin_frame();
        self.segment.begin_frame();
        self.sprites.begin_frame();
        self.text.begin_frame();
    }

    /// Record one command onto target `cur`; returns whether it wrote the other target (the
    /// filters), which then holds the frame.
    fn record(
        &mut self,
        encoder: &mut wgpu::CommandEncoder,
        command: &DrawCommand,
        cur: usize,
        hotzones: &mut Vec<HotZone>,
    ) -> Result<bool> {
        let (device, queue) = (&self.gpu.device, &self.gpu.queue);
        let target = &self.targets[cur].view;
        let io = FilterIo {
            src_index: cur,
            src: target,
            dst: &self.targets[1 - cur].view,
            size: self.size,
        };
        match command {
            DrawCommand::Clear(c) => {
                let [r, g, b, a] = c.map(f64::from);
                let color = Some(wgpu::Color { r, g, b, a });
                drop(pipeline::pass(encoder, "clear", target, color));
                Ok(false)
            }
            DrawCommand::Background { texture: id, fit } => {
                let t = texture(&self.textures, *id)?;
                if t.opaque && [t.width, t.height] == self.size {
                    self.copy_background(encoder, *id, cur)?;
                    return Ok(false);
                }
                let slot = self
                    .background
                    .prepare(device, queue, (*id, t), *fit, self.size);
                self.background.draw(encoder, slot, target);
                Ok(false)
            }
            DrawCommand::ColorFilter { lut, intensity } => {
                let l = lookup_lut(&self.luts, *lut)?;
                let slot = self.lut.prepare(device, queue, (*lut, l), *intensity, &io);
                self.lut.draw(encoder, slot, &io);
                Ok(true)
            }
            DrawCommand::Beauty(b) => {
                if b.faces.is_empty() {
                    return Ok(false);
                }
                let slot = self.beauty.prepare(device, queue, b, &io);
                self.beauty.draw(encoder, slot, &io);
                Ok(true)
            }
            DrawCommand::Segment(s) => {
                let inputs = segment_inputs(&self.textures, s)?;
                let slot = self.segment.prepare(device, queue, s, &inputs, &io);
                self.segment.draw(encoder, slot, &io);
                Ok(true)
            }
            DrawCommand::Sprites(list) => {
                let resolved = list
                    .iter()
                    .map(|s| Ok((s, texture(&self.textures, s.texture)?)))
                    .collect::<Result<Vec<_>>>()?;
                hotzones.extend(list.iter().filter_map(|s| sprite_hotzone(s, self.size)));
                if let Some(draw) = self.sprites.prepare(device, queue, &resolved) {
                    self.sprites.draw(encoder, &draw, target);
                }
                Ok(false)
            }
            DrawCommand::Text(block) => {
                if let Some(draw) = self.text.prepare(device, queue, &mut self.atlas, block)? {
                    self.text.draw(encoder, &draw, target);
                }
                Ok(false)
            }
        }
    }
}

fn sprite_hotzone(s: &Sprite, size: [u32; 2]) -> Option<HotZone> {
    crate::layers::sprite::hotzone(s, size[0], size[1])
}

fn lookup_lut(
    luts: &[crate::layers::lut::GpuLut],
    id: LutId,
) -> Result<&crate::layers::lut::GpuLut> {
    luts.get(id.0 as usize).ok_or(RenderError::UnknownResource {
        what: "lut",
        id: id.0,
    })
}

/// The mask and replacement textures of a segmentation command.
fn segment_inputs<'a>(
    textures: &'a [crate::texture::GpuTexture],
    s: &Segment,
) -> Result<SegmentInputs<'a>> {
    let mask = (s.mask, texture(textures, s.mask)?);
    let replacement = match s.mode {
        SegmentMode::Replace { texture: id, .. } => (id, texture(textures, id)?),
        _ => mask,
    };
    Ok(SegmentInputs { mask, replacement })
}
