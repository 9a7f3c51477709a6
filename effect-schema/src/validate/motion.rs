//! Checks on what moves and sounds: animations, particle curves and trails, music, sound actions.

use std::collections::BTreeSet;

use super::semantic::{Ctx, layer_missing};
use crate::diag::did_you_mean;
use crate::format::{
    Action, Animation, AssetKind, Ease, Explosion, Key, Layer, Music, OverLife, ParticlesLayer,
    Trail,
};

/// The longest clip, seconds.
const MAX_CLIP_SECONDS: f32 = 3600.0;

/// Every animation: its layer, a unique name, keys in order, values that layer can take.
pub(super) fn check_animations(cx: &mut Ctx<'_>) {
    let mut seen = BTreeSet::new();
    for (anim, &i) in cx.effect.animations.iter().zip(&cx.parsed.animation_index) {
        let p = format!("/animations/{i}");
        if !super::is_valid_id(&anim.name) {
            cx.err(
                format!("{p}/name"),
                format!(
                    "animation name \"{}\" must be 1-64 characters of letters, digits, _ and -",
                    anim.name
                ),
            );
        } else if !seen.insert((anim.layer.as_str(), anim.name.as_str())) {
            cx.err(
                format!("{p}/name"),
                format!(
                    "layer \"{}\" has two animations named \"{}\": names are unique per layer",
                    anim.layer, anim.name
                ),
            );
        }
        let Some(layer) = cx.layers.get(anim.layer.as_str()).copied() else {
            layer_missing(cx, format!("{p}/layer"), &anim.layer);
            continue;
        };
        check_tracks(cx, &p, anim, layer);
    }
}

fn check_tracks(cx: &mut Ctx<'_>, p: &str, anim: &Animation, layer: &Layer) {
    let t = &anim.tracks;
    if t.times().iter().all(|(_, times)| times.is_empty()) {
        cx.err(
            format!("{p}/tracks"),
            "an animation needs at least one key: add a track (position, scale, rotation, opacity, tint or reveal)".into(),
        );
    }
    for (name, times) in t.times() {
        key_times(
            cx,
            &format!("{p}/tracks/{name}"),
            &times,
            MAX_CLIP_SECONDS,
            "s",
        );
    }
    // What each track can change, by layer kind (opacity works on every layer).
    let sprite = matches!(
        layer,
        Layer::Sticker(_) | Layer::FaceProp(_) | Layer::HandProp(_)
    );
    let text = matches!(layer, Layer::Text(_));
    let particles = matches!(layer, Layer::Particles(_));
    let fits = [
        (
            "position",
            &t.position.is_empty(),
            sprite || text || particles,
            "stickers, props, text and particles",
        ),
        (
            "scale",
            &t.scale.is_empty(),
            sprite || text,
            "stickers, props and text",
        ),
        (
            "rotation",
            &t.rotation.is_empty(),
            sprite,
            "stickers and props",
        ),
        (
            "tint",
            &t.tint.is_empty(),
            sprite || text || particles,
            "stickers, props, text and particles",
        ),
        ("reveal", &t.reveal.is_empty(), text, "text layers"),
    ];
    for (track, empty, fits, can) in fits {
        if !*empty && !fits {
            cx.err(
                format!("{p}/tracks/{track}"),
                format!("a {} layer cannot animate {track}: {track} works on {can} (opacity works on every layer)", layer.kind()),
            );
        }
    }
    for (k, key) in t.scale.iter().enumerate() {
        if key.value < 0.0 {
            cx.err(
                format!("{p}/tracks/scale/{k}/value"),
                format!("scale cannot be negative, found {}", key.value),
            );
        }
    }
    unit_keys(cx, &format!("{p}/tracks/opacity"), "opacity", &t.opacity);
    unit_keys(cx, &format!("{p}/tracks/reveal"), "reveal", &t.reveal);
    color_keys(cx, &format!("{p}/tracks/tint"), &t.tint);
    eases(
        cx,
        &format!("{p}/tracks/position"),
        t.position.iter().map(|k| k.ease),
    );
    eases(
        cx,
        &format!("{p}/tracks/scale"),
        t.scale.iter().map(|k| k.ease),
    );
    eases(
        cx,
        &format!("{p}/tracks/rotation"),
        t.rotation.iter().map(|k| k.ease),
    );
    eases(
        cx,
        &format!("{p}/tracks/opacity"),
        t.opacity.iter().map(|k| k.ease),
    );
    eases(
        cx,
        &format!("{p}/tracks/tint"),
        t.tint.iter().map(|k| k.ease),
    );
    eases(
        cx,
        &format!("{p}/tracks/reveal"),
        t.reveal.iter().map(|k| k.ease),
    );
}

/// Times finite, from 0 to `max`, in order.
fn key_times(cx: &mut Ctx<'_>, p: &str, times: &[f32], max: f32, unit: &str) {
    let mut last = f32::NEG_INFINITY;
    for (k, &time) in times.iter().enumerate() {
        if !(0.0..=max).contains(&time) {
            cx.err(
                format!("{p}/{k}/time"),
                format!("key time must be between 0 and {max}{unit}, found {time}"),
            );
        } else if time < last {
            cx.err(
                format!("{p}/{k}/time"),
                format!(
                    "keys must be in time order: {time} comes after {last}; sort the keys by time"
                ),
            );
        }
        last = last.max(time);
    }
}

fn unit_keys(cx: &mut Ctx<'_>, p: &str, what: &str, keys: &[Key<f32>]) {
    for (k, key) in keys.iter().enumerate() {
        cx.unit(format!("{p}/{k}/value"), what, key.value);
    }
}

fn color_keys(cx: &mut Ctx<'_>, p: &str, keys: &[Key<String>]) {
    for (k, key) in keys.iter().enumerate() {
        cx.color(format!("{p}/{k}/value"), &key.value);
    }
}

fn eases(cx: &mut Ctx<'_>, p: &str, eases: impl Iterator<Item = Ease>) {
    for (k, ease) in eases.enumerate() {
        match ease {
            Ease::CubicBezier([x1, _, x2, _])
                if !(0.0..=1.0).contains(&x1) || !(0.0..=1.0).contains(&x2) =>
            {
                cx.err(
                    format!("{p}/{k}/ease/cubicBezier"),
                    format!("a cubic Bézier's x1 and x2 must be in 0..1 (time runs forward), found {x1} and {x2}"),
                );
            }
            Ease::Spring(s) if !(0.0..=0.9).contains(&s.bounce) => {
                cx.err(
                    format!("{p}/{k}/ease/spring/bounce"),
                    format!("a spring's bounce must be in 0..0.9, found {}", s.bounce),
                );
            }
            _ => {}
        }
    }
}

/// A particle layer's drag, colours, curves, trail, explosion and followed point.
pub(super) fn check_particles(cx: &mut Ctx<'_>, p: &str, l: &ParticlesLayer) {
    if !(0.0..=100.0).contains(&l.drag) {
        cx.err(
            format!("{p}/drag"),
            format!(
                "drag must be between 0 and 100 per second, found {}",
                l.drag
            ),
        );
    }
    for (k, c) in l.colors.iter().enumerate() {
        cx.color(format!("{p}/colors/{k}"), c);
    }
    over_life(cx, &format!("{p}/overLife"), &l.over_life);
    if let Some(t) = &l.trail {
        trail(cx, &format!("{p}/trail"), t);
    }
    if let Some(e) = &l.explode {
        explosion(cx, &format!("{p}/explode"), e);
    }
}

fn over_life(cx: &mut Ctx<'_>, p: &str, o: &OverLife) {
    let size: Vec<f32> = o.size.iter().map(|k| k.time).collect();
    let opacity: Vec<f32> = o.opacity.iter().map(|k| k.time).collect();
    let tint: Vec<f32> = o.tint.iter().map(|k| k.time).collect();
    key_times(cx, &format!("{p}/size"), &size, 1.0, "");
    key_times(cx, &format!("{p}/opacity"), &opacity, 1.0, "");
    key_times(cx, &format!("{p}/tint"), &tint, 1.0, "");
    for (k, key) in o.size.iter().enumerate() {
        if key.value < 0.0 {
            cx.err(
                format!("{p}/size/{k}/value"),
                format!("size cannot be negative, found {}", key.value),
            );
        }
    }
    unit_keys(cx, &format!("{p}/opacity"), "opacity", &o.opacity);
    color_keys(cx, &format!("{p}/tint"), &o.tint);
}

fn trail(cx: &mut Ctx<'_>, p: &str, t: &Trail) {
    if !(1..=16).contains(&t.count) {
        cx.err(
            format!("{p}/count"),
            format!("a trail has 1 to 16 copies, found {}", t.count),
        );
    }
    cx.positive(format!("{p}/spacing"), "spacing", t.spacing);
    cx.unit(format!("{p}/tail"), "tail", t.tail);
}

fn explosion(cx: &mut Ctx<'_>, p: &str, e: &Explosion) {
    if !(1..=500).contains(&e.count) {
        cx.err(
            format!("{p}/count"),
            format!(
                "a particle bursts into 1 to 500 children, found {}",
                e.count
            ),
        );
    }
    cx.range(&format!("{p}/speed"), "speed", e.speed, false);
    cx.range(&format!("{p}/lifetime"), "lifetime", e.lifetime, true);
    if e.lifetime.max <= 0.0 {
        cx.err(
            format!("{p}/lifetime/max"),
            "children need a lifetime above 0 s".into(),
        );
    }
    cx.range(&format!("{p}/size"), "size", e.size, true);
    if let Some(sprite) = &e.sprite {
        cx.asset_ref(
            format!("{p}/sprite"),
            sprite,
            &[AssetKind::Image, AssetKind::Sequence],
            "an explosion",
        );
    }
}

/// Background music: an audio asset, volumes in 0..1, fades not negative.
pub(super) fn check_music(cx: &mut Ctx<'_>, m: &Music) {
    cx.asset_ref(
        "/music/sound".into(),
        &m.sound,
        &[AssetKind::Audio],
        "\"music\"",
    );
    cx.unit("/music/volume".into(), "volume", m.volume);
    cx.unit("/music/duck".into(), "duck", m.duck);
    for (name, v) in [("fadeIn", m.fade_in), ("fadeOut", m.fade_out)] {
        if !(0.0..=600.0).contains(&v) {
            cx.err(
                format!("/music/{name}"),
                format!("{name} must be 0 to 600 seconds, found {v}"),
            );
        }
    }
}

/// The sound and animation actions' references; `false` when the action is not one of them.
pub(super) fn check_action(cx: &mut Ctx<'_>, p: &str, action: &Action) -> bool {
    match action {
        Action::PlaySound { sound, volume, .. } => {
            cx.asset_ref(
                format!("{p}/sound"),
                sound,
                &[AssetKind::Audio],
                "\"playSound\"",
            );
            cx.unit(format!("{p}/volume"), "volume", *volume);
        }
        Action::StopSound { sound } => {
            cx.asset_ref(
                format!("{p}/sound"),
                sound,
                &[AssetKind::Audio],
                "\"stopSound\"",
            );
        }
        Action::Animate { layer, animation } if cx.layers.contains_key(layer.as_str()) => {
            let names: Vec<&str> = cx
                .effect
                .animations
                .iter()
                .filter(|a| &a.layer == layer)
                .map(|a| a.name.as_str())
                .collect();
            if !names.contains(&animation.as_str()) {
                let message = if names.is_empty() {
                    format!(
                        "layer \"{layer}\" has no animations: add one to \"animations\" with \"layer\": \"{layer}\" and \"name\": \"{animation}\""
                    )
                } else {
                    format!(
                        "layer \"{layer}\" has no animation \"{animation}\"{}; its animations: {}",
                        did_you_mean(animation, names.iter().copied()),
                        names.join(", ")
                    )
                };
                cx.err(format!("{p}/animation"), message);
            }
        }
        _ => return false,
    }
    true
}
