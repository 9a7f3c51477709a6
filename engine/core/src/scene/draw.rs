//! The draw list: each layer, bottom to top, as render commands in output pixels, then the
//! sprites the script spawned on top. Interactive layers carry their hot-zone so the renderer
//! reports their on-screen rectangles with the pixels.

use effect_schema::format::{
    BackgroundLayer, BackgroundMode, BeautyLayer, Effect, FacePropLayer, HandPropLayer, Layer,
    ParticlesLayer, TextLayer,
};
use effect_schema::hotzone::HotZone;
use effect_schema::tracking::{Face, Point2, TrackingFrame};
use lantern_render::adapt::Fit;
use lantern_render::{
    Beauty, DrawCommand, FaceRegion, Interactive, Renderer, Segment, SegmentMode, Sprite,
    SpriteTransform, TextBlock, TextLayout,
};

use super::animate::Pose;
use super::assets::{Assets, Visual};
use super::faces::FaceView;
use super::particles::{self, EmitterPlace};
use super::place::{self, Output};
use super::state::{LayerState, SpriteState};
use crate::error::Result;

/// Everything the draw pass reads.
pub struct DrawInput<'a> {
    pub effect: &'a Effect,
    pub states: &'a [LayerState],
    pub sprites: &'a [SpriteState],
    pub assets: &'a Assets,
    pub output: Output,
    /// This frame's tracking in output pixels.
    pub tracking: &'a TrackingFrame,
    /// Faces to draw props on, with their fade (includes faces fading out).
    pub faces: &'a [FaceView],
    pub now: f64,
    pub seed: u64,
    /// This frame's person mask, for background layers.
    pub mask: Option<lantern_render::TextureId>,
}

/// The commands after the background, and hot-zones the renderer does not compute (text).
pub struct Drawn {
    pub commands: Vec<DrawCommand>,
    pub extra_zones: Vec<HotZone>,
}

fn interactive(layer: &Layer, state: &LayerState, id: String) -> Option<Interactive> {
    let spec = match &state.hot_zone {
        Some(set) => set.clone(),
        None => layer.hot_zone().map(|h| lantern_script::HotZoneSpec {
            kind: h.kind.clone(),
            payload: h.payload.clone(),
        }),
    }?;
    Some(Interactive {
        id,
        kind: spec.kind,
        payload: spec.payload,
    })
}

fn sprite(visual: &Visual, transform: SpriteTransform, seconds: f64) -> Sprite {
    let mut s = Sprite::new(visual.texture, transform);
    s.layer = visual.sequence.map_or(0, |q| q.layer_at(seconds));
    s
}

/// One sprite per tracked face or hand (`None`: the prop could not be placed on it), with ids
/// `layer`, `layer.1`, `layer.2`, … for their hot-zones.
fn prop_sprites(
    layer: &Layer,
    (state, pose): (&LayerState, &Pose),
    visual: &Visual,
    seconds: f64,
    placed: impl Iterator<Item = Option<(SpriteTransform, f32)>>,
) -> Vec<Sprite> {
    placed
        .enumerate()
        .filter_map(|(n, p)| {
            let (mut t, alpha) = p?;
            t.opacity = state.opacity * pose.opacity * alpha;
            let mut s = sprite(visual, t, seconds);
            s.tint = pose.tint;
            let id = if n == 0 {
                layer.id().to_owned()
            } else {
                format!("{}.{n}", layer.id())
            };
            s.interactive = interactive(layer, state, id);
            Some(s)
        })
        .collect()
}

/// A frame-placed transform with an animation's pose on top: `unit` is the size of the
/// placement's reference rectangle, the pose's offsets are fractions of it.
fn posed(mut t: SpriteTransform, pose: &Pose, unit: [f32; 2]) -> SpriteTransform {
    t.position.x += pose.offset.x * unit[0];
    t.position.y += pose.offset.y * unit[1];
    t.size = [t.size[0] * pose.scale, t.size[1] * pose.scale];
    t.rotation += pose.rotation;
    t
}

/// An emitter's particles moved, faded and tinted by the layer's pose.
fn posed_particles(command: DrawCommand, pose: &Pose, unit: [f32; 2]) -> DrawCommand {
    let DrawCommand::Sprites(mut sprites) = command else {
        return command;
    };
    if *pose != Pose::REST {
        for s in &mut sprites {
            s.transform.position.x += pose.offset.x * unit[0];
            s.transform.position.y += pose.offset.y * unit[1];
            s.transform.opacity *= pose.opacity;
            s.tint = pose.tinted(s.tint);
        }
    }
    DrawCommand::Sprites(sprites)
}

/// A layer with its live state and this frame's pose.
struct Posed<'a> {
    layer: &'a Layer,
    state: &'a LayerState,
    pose: Pose,
}

/// A frame placement with the script's transform, if it set one (scale multiplies the size).
fn with_script(mut t: SpriteTransform, state: &LayerState) -> SpriteTransform {
    if let Some(s) = state.transform {
        t.position = Point2 { x: s.x, y: s.y };
        t.size = [t.size[0] * s.scale_x, t.size[1] * s.scale_y];
        t.rotation = s.rotation;
    }
    t
}

/// Builds the draw list for one frame.
pub fn draw(input: &DrawInput<'_>, renderer: &mut Renderer) -> Result<Drawn> {
    let mut out = Drawn {
        commands: Vec::new(),
        extra_zones: Vec::new(),
    };
    let mut particle_budget = input.effect.meta.budgets.max_particles as usize;
    for (layer, state) in input.effect.layers.iter().zip(input.states) {
        let pose = Pose::at(&input.effect.animations, state.clip.as_ref(), input.now);
        let opacity = state.opacity * pose.opacity;
        if !state.visible || opacity <= 0.0 {
            continue;
        }
        let seconds = state.clock.at(input.now);
        let command = match layer {
            Layer::Sticker(l) => input.assets.visuals.get(&l.asset).map(|v| {
                let t = with_script(input.output.place(&l.placement, v.aspect()), state);
                let mut t = posed(t, &pose, input.output.unit(&l.placement));
                t.opacity = opacity;
                let mut s = sprite(v, t, seconds);
                s.tint = pose.tint;
                s.interactive = interactive(layer, state, l.id.clone());
                DrawCommand::Sprites(vec![s])
            }),
            Layer::FaceProp(l) => face_props(layer, l, state, input, seconds, &pose),
            Layer::HandProp(l) => hand_props(layer, l, state, input, seconds, &pose),
            Layer::Text(l) => {
                let posed = Posed { layer, state, pose };
                text(&posed, l, input, renderer, &mut out.extra_zones)?
            }
            Layer::Particles(l) => particle_sprites(l, state, input, &mut particle_budget)
                .map(|c| posed_particles(c, &pose, input.output.unit(&l.placement))),
            Layer::ColorFilter(l) => {
                input
                    .assets
                    .luts
                    .get(&l.lut)
                    .map(|lut| DrawCommand::ColorFilter {
                        lut: *lut,
                        intensity: (l.intensity * opacity).clamp(0.0, 1.0),
                    })
            }
            Layer::Beauty(l) => beauty(l, opacity, input),
            Layer::Background(l) => background(l, input),
        };
        out.commands.extend(command);
    }
    out.commands.extend(script_sprites(input));
    Ok(out)
}

fn sprites_command(sprites: Vec<Sprite>) -> Option<DrawCommand> {
    (!sprites.is_empty()).then_some(DrawCommand::Sprites(sprites))
}

fn face_props(
    layer: &Layer,
    l: &FacePropLayer,
    state: &LayerState,
    input: &DrawInput<'_>,
    seconds: f64,
    pose: &Pose,
) -> Option<DrawCommand> {
    let v = input.assets.visuals.get(&l.asset)?;
    let max_faces = input.effect.meta.budgets.max_faces.max(1) as usize;
    let chosen: Vec<&FaceView> = match l.face {
        Some(i) => input.faces.get(i as usize).into_iter().collect(),
        None => input.faces.iter().take(max_faces).collect(),
    };
    let placed = chosen
        .iter()
        .map(|f| place::face_prop(l, &f.face, v.aspect(), pose).map(|t| (t, f.alpha)));
    sprites_command(prop_sprites(layer, (state, pose), v, seconds, placed))
}

fn hand_props(
    layer: &Layer,
    l: &HandPropLayer,
    state: &LayerState,
    input: &DrawInput<'_>,
    seconds: f64,
    pose: &Pose,
) -> Option<DrawCommand> {
    let v = input.assets.visuals.get(&l.asset)?;
    let placed = input
        .tracking
        .hands
        .iter()
        .filter(|h| place::hand_selected(h, l.hand))
        .map(|h| place::hand_prop(l, h, v.aspect(), pose).map(|t| (t, 1.0)));
    sprites_command(prop_sprites(layer, (state, pose), v, seconds, placed))
}

/// A text layer's block; an interactive one's hot-zone goes to `zones` (the renderer does not
/// measure text zones itself).
fn text(
    posed: &Posed<'_>,
    l: &TextLayer,
    input: &DrawInput<'_>,
    renderer: &mut Renderer,
    zones: &mut Vec<HotZone>,
) -> Result<Option<DrawCommand>> {
    let Some(block) = text_block(l, posed, input, renderer)? else {
        return Ok(None);
    };
    if let Some(i) = interactive(posed.layer, posed.state, l.id.clone()) {
        let rect = renderer.measure_text(&block)?;
        zones.push(HotZone {
            id: i.id,
            kind: i.kind,
            rect,
            payload: i.payload,
        });
    }
    Ok(Some(DrawCommand::Text(block)))
}

/// The live particles of an emitter (closed form: seed, burst, index, age), within what is left
/// of the effect's particle budget (trail copies count): sprites of the layer's asset (an
/// explosion's children: of its own asset, if it names one), tinted by each particle's colour,
/// blended as the layer says, sequences playing over each particle's age.
fn particle_sprites(
    l: &ParticlesLayer,
    state: &LayerState,
    input: &DrawInput<'_>,
    budget: &mut usize,
) -> Option<DrawCommand> {
    let v = input.assets.visuals.get(&l.sprite)?;
    let child = l
        .explode
        .as_ref()
        .and_then(|e| e.sprite.as_ref())
        .and_then(|s| input.assets.visuals.get(s))
        .unwrap_or(v);
    let blend = match l.blend {
        effect_schema::format::Blend::Normal => lantern_render::Blend::Normal,
        effect_schema::format::Blend::Additive => lantern_render::Blend::Additive,
    };
    let t = with_script(input.output.place(&l.placement, 0.0), state);
    let place = EmitterPlace {
        origin: t.position,
        width: t.size[0],
        frame: [input.output.width as f32, input.output.height as f32],
    };
    let seed = input.seed ^ fnv(&l.id);
    let live = particles::simulate(l, state, &place, seed, input.now, *budget);
    *budget = budget.saturating_sub(live.len());
    let sprites: Vec<Sprite> = live
        .iter()
        .map(|p| {
            let v = if p.child { child } else { v };
            let t = SpriteTransform {
                position: p.position,
                size: [p.size, p.size * v.aspect()],
                anchor: [0.5, 0.5],
                rotation: p.rotation,
                opacity: p.opacity * state.opacity,
                yaw: None,
            };
            let mut s = sprite(v, t, f64::from(p.age));
            s.tint = p.tint;
            s.blend = blend;
            s
        })
        .collect();
    sprites_command(sprites)
}

fn beauty(l: &BeautyLayer, opacity: f32, input: &DrawInput<'_>) -> Option<DrawCommand> {
    let faces: Vec<FaceRegion> = input
        .tracking
        .faces
        .iter()
        .take(Beauty::MAX_FACES)
        .map(|f: &Face| FaceRegion::from_bbox(f.bbox, f.pose.roll, 0.15))
        .collect();
    (!faces.is_empty()).then_some(DrawCommand::Beauty(Beauty {
        faces,
        smoothing: l.smoothing * opacity,
        brighten: l.brightening * opacity,
    }))
}

/// Blur or replace what is not the person (skipped without this frame's person mask).
fn background(l: &BackgroundLayer, input: &DrawInput<'_>) -> Option<DrawCommand> {
    let mask = input.mask?;
    let mode = match &l.mode {
        BackgroundMode::Blur { strength } => SegmentMode::Blur {
            radius: strength.clamp(0.0, 1.0) * 0.03 * input.output.height as f32,
        },
        BackgroundMode::Replace { asset } => SegmentMode::Replace {
            texture: input.assets.visuals.get(asset)?.texture,
            fit: Fit::Cover,
        },
    };
    Some(DrawCommand::Segment(Segment {
        mask,
        fit: Fit::Cover,
        mode,
    }))
}

/// The sprites the script spawned, on top of every layer.
fn script_sprites<'a>(input: &'a DrawInput<'_>) -> impl Iterator<Item = DrawCommand> + 'a {
    input
        .sprites
        .iter()
        .filter(|s| s.visible && s.opacity > 0.0)
        .filter_map(|s| {
            let v = input.assets.visuals.get(&s.asset)?;
            let t = SpriteTransform {
                position: Point2 {
                    x: s.transform.x,
                    y: s.transform.y,
                },
                size: [
                    v.size[0] as f32 * s.transform.scale_x,
                    v.size[1] as f32 * s.transform.scale_y,
                ],
                anchor: [0.5, 0.5],
                rotation: s.transform.rotation,
                opacity: s.opacity,
                yaw: None,
            };
            let mut sp = sprite(v, t, s.clock.at(input.now));
            sp.interactive = s.hot_zone.as_ref().map(|h| Interactive {
                id: s.id.clone(),
                kind: h.kind.clone(),
                payload: h.payload.clone(),
            });
            Some(DrawCommand::Sprites(vec![sp]))
        })
}

/// A text layer as a text block, shrunk to fit its placement's width.
fn text_block(
    l: &TextLayer,
    &Posed { state, pose, .. }: &Posed<'_>,
    input: &DrawInput<'_>,
    renderer: &mut Renderer,
) -> Result<Option<TextBlock>> {
    let Some(font) = input.assets.fonts.get(&l.font) else {
        return Ok(None);
    };
    let text = state.text.clone().unwrap_or_else(|| l.template.clone());
    if text.trim().is_empty() {
        return Ok(None);
    }
    let resolved = l.placement.resolve(effect_schema::format::Orientation::of(
        input.output.width,
        input.output.height,
    ));
    let reference = input.output.reference(resolved.relative_to);
    let unit = [reference.w, reference.h];
    let t = posed(
        with_script(input.output.place(&l.placement, 0.0), state),
        &pose,
        unit,
    );
    let scale = state.transform.map_or(1.0, |s| s.scale_x) * pose.scale;
    let size = (l.size * reference.h * scale).clamp(1.0, lantern_render::MAX_TEXT_PX);
    let mut block = TextBlock::new(*font, text, size, t.position);
    block.anchor = t.anchor;
    block.layout = if l.vertical {
        TextLayout::Vertical
    } else {
        TextLayout::Horizontal
    };
    block.fill = pose.tinted(color(&l.fill));
    block.stroke = l.stroke.as_ref().map(|s| lantern_render::Stroke {
        color: pose.tinted(color(&s.color)),
        width: (s.width * size).min(8.0),
    });
    block.shadow = l.shadow.as_ref().map(|s| lantern_render::Shadow {
        color: pose.tinted(color(&s.color)),
        offset: [s.offset.x * size, s.offset.y * size],
    });
    block.opacity = state.opacity * pose.opacity;
    let max_w = t.size[0];
    if max_w > 0.0 {
        let rect = renderer.measure_text(&block)?;
        if rect.w > max_w {
            let k = max_w / rect.w;
            block.size = (block.size * k).max(1.0);
            if let Some(s) = block.stroke.as_mut() {
                s.width *= k;
            }
            if let Some(s) = block.shadow.as_mut() {
                s.offset = [s.offset[0] * k, s.offset[1] * k];
            }
        }
    }
    if pose.reveal < 1.0 {
        return revealed(block, pose.reveal, renderer);
    }
    Ok(Some(block))
}

/// The first `share` of a block's characters, laid out where they are in the whole text (a
/// typewriter reveal: what is shown does not move as more appears).
fn revealed(
    mut block: TextBlock,
    share: f32,
    renderer: &mut Renderer,
) -> Result<Option<TextBlock>> {
    let count = block.text.chars().count();
    let shown = (share * count as f32).floor() as usize;
    if shown == 0 {
        return Ok(None);
    }
    let whole = renderer.measure_text(&block)?;
    block.text = block.text.chars().take(shown).collect();
    match block.layout {
        TextLayout::Horizontal => {
            block.anchor[0] = 0.0;
            block.position.x = whole.x;
        }
        TextLayout::Vertical => {
            block.anchor[1] = 0.0;
            block.position.y = whole.y;
        }
    }
    Ok(Some(block))
}

/// `#rrggbb` or `#rrggbbaa` as straight RGBA (validation guarantees the form; white otherwise).
pub fn color(hex: &str) -> [f32; 4] {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .map_or(1.0, |b| f32::from(b) / 255.0)
    };
    let a = if h.len() == 8 { byte(6) } else { 1.0 };
    [byte(0), byte(2), byte(4), a]
}

/// A stable 64-bit hash of a layer id (particle seeds).
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
