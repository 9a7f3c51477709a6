//! Sprite layer: stickers, face props and hand props as instanced textured quads, plus the
//! hot-zone rectangles of the sprites marked interactive.
//!
//! The transform (anchor, size, clockwise rotation, yaw squash) becomes an origin and two axis
//! vectors on the CPU; consecutive sprites sharing a texture are drawn in one instanced call, so
//! the draw order is exactly the command order. Additive sprites use the same pipeline: the
//! shader writes their alpha as 0, and premultiplied blending (`src + dst·(1 - src.a)`) then
//! adds their colour to what is under them, so normal and additive sprites batch together.

use effect_schema::hotzone::HotZone;
use effect_schema::tracking::{Point2, Rect};

use crate::frame::{Blend, Sprite, SpriteTransform};
use crate::layers::slots::InstanceSlots;
use crate::pipeline::{self, PREMULTIPLIED, PipelineSpec, TARGET_FORMAT};
use crate::texture::{GpuTexture, TextureId};

/// The layer's WGSL.
pub(crate) const WGSL: &str = include_str!("sprite.wgsl");

#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct Instance {
    origin: [f32; 2],
    axis_x: [f32; 2],
    axis_y: [f32; 2],
    tint: [f32; 4],
    layer: u32,
    /// 1 for additive sprites: their alpha is not written, so the premultiplied blend adds.
    additive: f32,
}

/// The quad of a transform: its top-left corner and the vectors along its width and height.
pub(crate) fn quad(t: &SpriteTransform) -> ([f32; 2], [f32; 2], [f32; 2]) {
    let squash = t.yaw.map_or(1.0, |y| y.to_radians().cos().abs().max(0.05));
    let (w, h) = (t.size[0] * squash, t.size[1]);
    let (s, c) = t.rotation.to_radians().sin_cos();
    // Clockwise on screen (y down) is the usual rotation matrix.
    let ax = [c * w, s * w];
    let ay = [-s * h, c * h];
    let origin = [
        t.position.x - t.anchor[0] * ax[0] - t.anchor[1] * ay[0],
        t.position.y - t.anchor[0] * ax[1] - t.anchor[1] * ay[1],
    ];
    (origin, ax, ay)
}

/// The screen-space bounding box of a transform, clipped to the `width` x `height` frame.
pub fn screen_rect(t: &SpriteTransform, width: u32, height: u32) -> Option<Rect> {
    let (o, ax, ay) = quad(t);
    let xs = [o[0], o[0] + ax[0], o[0] + ay[0], o[0] + ax[0] + ay[0]];
    let ys = [o[1], o[1] + ax[1], o[1] + ay[1], o[1] + ax[1] + ay[1]];
    let fold = |v: [f32; 4], f: fn(f32, f32) -> f32| v.into_iter().reduce(f).unwrap_or(0.0);
    let x0 = fold(xs, f32::min).max(0.0);
    let y0 = fold(ys, f32::min).max(0.0);
    let x1 = fold(xs, f32::max).min(width as f32);
    let y1 = fold(ys, f32::max).min(height as f32);
    (x1 > x0 && y1 > y0).then_some(Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    })
}

/// The hot-zone of an interactive, visible sprite.
pub fn hotzone(sprite: &Sprite, width: u32, height: u32) -> Option<HotZone> {
    let tag = sprite.interactive.as_ref()?;
    if sprite.transform.opacity <= 0.0 {
        return None;
    }
    Some(HotZone {
        id: tag.id.clone(),
        kind: tag.kind.clone(),
        rect: screen_rect(&sprite.transform, width, height)?,
        payload: tag.payload.clone(),
    })
}

/// Whether `p` is inside the rotated quad (for hit tests finer than the hot-zone box).
pub fn contains(t: &SpriteTransform, p: Point2) -> bool {
    let (o, ax, ay) = quad(t);
    let d = [p.x - o[0], p.y - o[1]];
    let u = (d[0] * ax[0] + d[1] * ax[1]) / (ax[0] * ax[0] + ax[1] * ax[1]).max(1e-6);
    let v = (d[0] * ay[0] + d[1] * ay[1]) / (ay[0] * ay[0] + ay[1] * ay[1]).max(1e-6);
    (0.0..=1.0).contains(&u) && (0.0..=1.0).contains(&v)
}

/// One prepared sprite draw: its instance slot and the runs of instances sharing a texture.
pub(crate) struct SpriteDraw {
    slot: usize,
    runs: Vec<(std::ops::Range<u32>, TextureId)>,
}

pub(crate) struct SpriteLayer {
    pipeline: wgpu::RenderPipeline,
    /// The output size and the sampler: fixed for the renderer's life.
    view_bind: wgpu::BindGroup,
    texture_layout: wgpu::BindGroupLayout,
    /// One bind group per texture drawn, by texture id, made the first time it is drawn.
    textures: Vec<Option<wgpu::BindGroup>>,
    instances: InstanceSlots,
}

impl SpriteLayer {
    /// Forgets the bind groups made over textures that are going away.
    pub(crate) fn forget(&mut self) {
        self.textures.clear();
    }

    pub(crate) fn new(device: &wgpu::Device, sampler: &wgpu::Sampler, size: [u32; 2]) -> Self {
        let view_layout = pipeline::layout(
            device,
            "sprite view",
            &[pipeline::uniform_entry(0), pipeline::sampler_entry(1)],
        );
        let texture_layout = pipeline::layout(
            device,
            "sprite texture",
            &[pipeline::texture_entry(
                0,
                wgpu::TextureViewDimension::D2Array,
            )],
        );
        let attrs = wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2, 2 => Float32x2, 3 => Float32x4, 4 => Uint32, 5 => Float32];
        let pipeline = pipeline::render_pipeline(
            device,
            &PipelineSpec {
                label: "sprite",
                source: WGSL,
                layouts: &[&view_layout, &texture_layout],
                buffers: &[wgpu::VertexBufferLayout {
                    array_stride: size_of::<Instance>() as u64,
                    step_mode: wgpu::VertexStepMode::Instance,
                    attributes: &attrs,
                }],
                format: TARGET_FORMAT,
                blend: Some(PREMULTIPLIED),
                fragment_entry: "fs",
            },
        );
        let view = [size[0] as f32, size[1] as f32, 0.0, 0.0];
        let view = pipeline::uniform_buffer(device, "sprite view", bytemuck::cast_slice(&view));
        let view_bind = pipeline::bind_group(
            device,
            "sprite view",
            &view_layout,
            [
                view.as_entire_binding(),
                wgpu::BindingResource::Sampler(sampler),
            ],
        );
        Self {
            pipeline,
            view_bind,
            texture_layout,
            textures: Vec::new(),
            instances: InstanceSlots::new("sprites"),
        }
    }

    pub(crate) fn begin_frame(&mut self) {
        self.instances.begin_frame();
    }

    /// Write the instances of `sprites` (already resolved to their textures); `None` when there
    /// is nothing to draw.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        sprites: &[(&Sprite, &GpuTexture)],
    ) -> Option<SpriteDraw> {
        if sprites.is_empty() {
            return None;
        }
        let instances: Vec<Instance> = sprites.iter().map(|(s, tex)| instance(s, tex)).collect();
        let slot = self
            .instances
            .prepare(device, queue, bytemuck::cast_slice(&instances));
        // Runs of consecutive sprites on the same texture share one draw call.
        let mut runs = Vec::new();
        let mut start = 0;
        for i in 1..=sprites.len() {
            let (first, texture) = (sprites[start].0.texture, sprites[start].1);
            if i < sprites.len() && sprites[i].0.texture == first {
                continue;
            }
            self.texture_bind(device, first, texture);
            runs.push((start as u32..i as u32, first));
            start = i;
        }
        Some(SpriteDraw { slot, runs })
    }

    /// Make the bind group of texture `id` if this is its first draw.
    fn texture_bind(&mut self, device: &wgpu::Device, id: TextureId, texture: &GpuTexture) {
        let i = id.0 as usize;
        if self.textures.len() <= i {
            self.textures.resize(i + 1, None);
        }
        if self.textures[i].is_none() {
            self.textures[i] = Some(pipeline::bind_group(
                device,
                "sprite texture",
                &self.texture_layout,
                [wgpu::BindingResource::TextureView(&texture.array_view)],
            ));
        }
    }

    pub(crate) fn draw(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        prepared: &SpriteDraw,
        target: &wgpu::TextureView,
    ) {
        let mut pass = pipeline::pass(encoder, "sprites", target, None);
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &self.view_bind, &[]);
        pass.set_vertex_buffer(0, self.instances.buffer(prepared.slot).slice(..));
        for (range, id) in &prepared.runs {
            if let Some(Some(bind)) = self.textures.get(id.0 as usize) {
                pass.set_bind_group(1, bind, &[]);
                pass.draw(0..6, range.clone());
            }
        }
    }
}

fn instance(s: &Sprite, texture: &GpuTexture) -> Instance {
    let (origin, axis_x, axis_y) = quad(&s.transform);
    let o = s.transform.opacity.clamp(0.0, 1.0);
    Instance {
        origin,
        axis_x,
        axis_y,
        tint: [s.tint[0], s.tint[1], s.tint[2], s.tint[3] * o],
        layer: s.layer.min(texture.layers - 1),
        additive: match s.blend {
            Blend::Normal => 0.0,
            Blend::Additive => 1.0,
        },
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values are exact in binary floating point
mod tests {
    use super::*;

    fn t(rotation: f32, yaw: Option<f32>) -> SpriteTransform {
        SpriteTransform {
            position: Point2 { x: 100.0, y: 50.0 },
            size: [40.0, 20.0],
            anchor: [0.5, 1.0],
            rotation,
            opacity: 1.0,
            yaw,
        }
    }

    #[test]
    fn anchor_and_rotation() {
        let r = screen_rect(&t(0.0, None), 640, 360).unwrap();
        assert_eq!((r.x, r.y, r.w, r.h), (80.0, 30.0, 40.0, 20.0));
        // 90° clockwise about the bottom-centre anchor: the sprite now extends to the right.
        let r = screen_rect(&t(90.0, None), 640, 360).unwrap();
        assert!(
            (r.x - 100.0).abs() < 1e-3 && (r.w - 20.0).abs() < 1e-3 && (r.h - 40.0).abs() < 1e-3,
            "{r:?}"
        );
        assert!(contains(&t(90.0, None), Point2 { x: 110.0, y: 50.0 }));
        assert!(!contains(&t(90.0, None), Point2 { x: 90.0, y: 50.0 }));
        // Yaw squash narrows the width.
        let r = screen_rect(&t(0.0, Some(60.0)), 640, 360).unwrap();
        assert!((r.w - 20.0).abs() < 1e-3);
    }

    #[test]
    fn hotzones_clip_and_skip_hidden() {
        let mut s = Sprite::new(TextureId(0), t(0.0, None));
        assert!(hotzone(&s, 640, 360).is_none());
        s.interactive = Some(crate::frame::Interactive {
            id: "packet".into(),
            kind: "redPacket".into(),
            payload: serde_json::json!({"amount": 8}),
        });
        s.transform.position = Point2 { x: 630.0, y: 50.0 };
        let z = hotzone(&s, 640, 360).unwrap();
        assert_eq!((z.rect.x, z.rect.w), (610.0, 30.0));
        s.transform.position = Point2 { x: 900.0, y: 50.0 };
        assert!(hotzone(&s, 640, 360).is_none());
        s.transform.position = Point2 { x: 100.0, y: 50.0 };
        s.transform.opacity = 0.0;
        assert!(hotzone(&s, 640, 360).is_none());
    }
}
