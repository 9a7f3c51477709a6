//! Checks on the typed effect: ids, references, ranges, colours, budgets.

use std::collections::{BTreeMap, BTreeSet};

use super::Parsed;
use crate::diag::{Diagnostic, did_you_mean};
use crate::format::{
    Action, Asset, AssetKind, BackgroundMode, Effect, Layer, Placement, Range, SequenceSource, When,
};

/// The most faces an effect can ask the tracker to follow (`lantern_track::MAX_FACES`).
pub const MAX_FACES: u32 = 8;

/// Whether `id` is a valid id: 1–64 characters of `A-Z a-z 0-9 _ -`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

pub(super) struct Ctx<'a> {
    file: &'a str,
    pub(super) effect: &'a Effect,
    pub(super) parsed: &'a Parsed,
    assets: BTreeMap<&'a str, AssetKind>,
    pub(super) layers: BTreeMap<&'a str, &'a Layer>,
    out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub(super) fn err(&mut self, pointer: String, message: String) {
        self.out.push(Diagnostic::at(self.file, pointer, message));
    }

    pub(super) fn unit(&mut self, pointer: String, what: &str, v: f32) {
        if !(0.0..=1.0).contains(&v) {
            self.err(
                pointer,
                format!("{what} must be between 0 and 1, found {v}"),
            );
        }
    }

    pub(super) fn positive(&mut self, pointer: String, what: &str, v: f32) {
        if v.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            self.err(pointer, format!("{what} must be greater than 0, found {v}"));
        }
    }

    pub(super) fn range(&mut self, pointer: &str, what: &str, r: Range, non_negative: bool) {
        if r.min > r.max {
            self.err(
                pointer.to_owned(),
                format!("{what}: min ({}) is greater than max ({})", r.min, r.max),
            );
        }
        if non_negative && r.min < 0.0 {
            self.err(
                format!("{pointer}/min"),
                format!("{what} cannot be negative"),
            );
        }
    }

    pub(super) fn color(&mut self, pointer: String, c: &str) {
        let hex = c.strip_prefix('#').unwrap_or("");
        if !(matches!(hex.len(), 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit())) {
            self.err(
                pointer,
                format!("colour \"{c}\" is not #rrggbb or #rrggbbaa (e.g. \"#ffd54a\")"),
            );
        }
    }

    /// A reference to an asset of one of `kinds`.
    pub(super) fn asset_ref(&mut self, pointer: String, id: &str, kinds: &[AssetKind], user: &str) {
        let wanted = kinds
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(" or ");
        match self.assets.get(id) {
            Some(kind) if kinds.contains(kind) => {}
            Some(kind) => self.err(
                pointer,
                format!(
                    "asset \"{id}\" is a {}, but {user} needs {wanted} asset",
                    kind.name(),
                    wanted = article(&wanted)
                ),
            ),
            None if self.parsed.raw_ids.contains(id) => {} // reported where it failed to parse
            None => {
                let hint = did_you_mean(id, self.assets.keys().copied());
                self.err(
                    pointer,
                    format!("no asset with id \"{id}\"{hint}: add it to \"assets\" or fix the id"),
                );
            }
        }
    }

    fn placement(&mut self, pointer: &str, p: &Placement) {
        self.positive(format!("{pointer}/width"), "width", p.width);
        let Some(over) = &p.overrides else {
            return;
        };
        for (name, o) in [
            ("portrait", &over.portrait),
            ("landscape", &over.landscape),
            ("square", &over.square),
        ] {
            if let Some(w) = o.as_ref().and_then(|o| o.width) {
                self.positive(format!("{pointer}/overrides/{name}/width"), "width", w);
            }
        }
    }
}

fn article(words: &str) -> String {
    if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {words}")
    } else {
        format!("a {words}")
    }
}

const VISUAL: &[AssetKind] = &[AssetKind::Image, AssetKind::Sequence];

/// Check a parsed effect; returns every problem found.
pub fn check(file: &str, parsed: &Parsed) -> Vec<Diagnostic> {
    let Some(effect) = parsed.effect.as_ref() else {
        return Vec::new();
    };
    let mut cx = Ctx {
        file,
        effect,
        parsed,
        assets: BTreeMap::new(),
        layers: BTreeMap::new(),
        out: Vec::new(),
    };
    check_ids(&mut cx);
    if effect.meta.name.trim().is_empty() {
        cx.err("/meta/name".into(), "the effect needs a name".into());
    }
    let r = effect.meta.target_resolution;
    if r.width == 0 || r.height == 0 || r.width > 8192 || r.height > 8192 {
        cx.err(
            "/meta/targetResolution".into(),
            format!(
                "{}x{} is not a usable resolution (1..8192 each side)",
                r.width, r.height
            ),
        );
    }
    for (asset, &i) in effect.assets.iter().zip(&parsed.asset_index) {
        check_asset(&mut cx, &format!("/assets/{i}"), asset);
    }
    for (layer, &i) in effect.layers.iter().zip(&parsed.layer_index) {
        check_layer(&mut cx, &format!("/layers/{i}"), layer);
    }
    let faces = effect.meta.budgets.max_faces;
    if !(1..=MAX_FACES).contains(&faces) {
        cx.err(
            "/meta/budgets/maxFaces".into(),
            format!(
                "{faces} faces: Lantern tracks 1 to {MAX_FACES} (each face costs its landmarks every frame): set maxFaces between 1 and {MAX_FACES}"
            ),
        );
    }
    let particles = crate::package::particles(effect);
    if particles > u64::from(effect.meta.budgets.max_particles) {
        cx.err(
            "/layers".into(),
            format!(
                "the particle layers allow {particles} live particles together, over the budget of {} (/meta/budgets/maxParticles): lower their maxParticles",
                effect.meta.budgets.max_particles
            ),
        );
    }
    for (trigger, &i) in effect.triggers.iter().zip(&parsed.trigger_index) {
        check_trigger(&mut cx, &format!("/triggers/{i}"), trigger);
    }
    super::motion::check_animations(&mut cx);
    if let Some(music) = &effect.music {
        super::motion::check_music(&mut cx, music);
    }
    if let Some(script) = &effect.script {
        cx.asset_ref("/script".into(), script, &[AssetKind::Script], "\"script\"");
    }
    cx.out
}

fn check_ids(cx: &mut Ctx<'_>) {
    let effect = cx.effect;
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let groups: [(&str, Vec<&str>, &[usize]); 3] = [
        (
            "assets",
            effect.assets.iter().map(Asset::id).collect(),
            &cx.parsed.asset_index,
        ),
        (
            "layers",
            effect.layers.iter().map(Layer::id).collect(),
            &cx.parsed.layer_index,
        ),
        (
            "triggers",
            effect.triggers.iter().map(|t| t.id.as_str()).collect(),
            &cx.parsed.trigger_index,
        ),
    ];
    for (group, ids, index) in groups {
        for (id, &i) in ids.iter().zip(index) {
            let pointer = format!("/{group}/{i}/id");
            if !is_valid_id(id) {
                cx.err(
                    pointer,
                    format!("id \"{id}\" must be 1-64 characters of letters, digits, _ and -"),
                );
            } else if !seen.insert(id) {
                cx.err(pointer, format!("id \"{id}\" is used twice: ids must be unique across assets, layers and triggers"));
            }
        }
    }
    for asset in &effect.assets {
        cx.assets.insert(asset.id(), asset.kind());
    }
    for layer in &effect.layers {
        cx.layers.insert(layer.id(), layer);
    }
}

fn check_asset(cx: &mut Ctx<'_>, p: &str, asset: &Asset) {
    let Asset::Sequence(s) = asset else {
        return;
    };
    if !(s.fps > 0.0 && s.fps <= 120.0) {
        cx.err(
            format!("{p}/fps"),
            format!("fps must be in 0..120 (exclusive of 0), found {}", s.fps),
        );
    }
    match &s.source {
        SequenceSource::Frames { pattern, count, .. } => {
            if !pattern.contains('#') {
                cx.err(
                    format!("{p}/source/frames/pattern"),
                    format!("pattern \"{pattern}\" has no # run for the frame number (e.g. \"spark_##.png\")"),
                );
            }
            if *count == 0 {
                cx.err(
                    format!("{p}/source/frames/count"),
                    "count must be at least 1".into(),
                );
            }
        }
        SequenceSource::SpriteSheet {
            columns,
            rows,
            count,
            ..
        } => {
            if *count == 0 || u64::from(*columns) * u64::from(*rows) < u64::from(*count) {
                cx.err(
                    format!("{p}/source/spriteSheet"),
                    format!("a {columns}x{rows} sheet cannot hold {count} frames (need 1..=columns*rows)"),
                );
            }
        }
        SequenceSource::Gif { .. } | SequenceSource::Apng { .. } => {}
    }
}

fn check_layer(cx: &mut Ctx<'_>, p: &str, layer: &Layer) {
    match layer {
        Layer::Sticker(l) => {
            cx.asset_ref(format!("{p}/asset"), &l.asset, VISUAL, "a sticker");
            cx.placement(&format!("{p}/placement"), &l.placement);
            cx.unit(format!("{p}/opacity"), "opacity", l.opacity);
        }
        Layer::FaceProp(l) => {
            cx.asset_ref(format!("{p}/asset"), &l.asset, VISUAL, "a face prop");
            cx.positive(format!("{p}/scale"), "scale", l.scale);
            if let Some(face) = l.face
                && face >= cx.effect.meta.budgets.max_faces
            {
                cx.err(
                    format!("{p}/face"),
                    format!(
                        "face {face} is beyond the {} faces tracked (/meta/budgets/maxFaces): faces count from 0",
                        cx.effect.meta.budgets.max_faces
                    ),
                );
            }
        }
        Layer::HandProp(l) => {
            cx.asset_ref(format!("{p}/asset"), &l.asset, VISUAL, "a hand prop");
            cx.positive(format!("{p}/scale"), "scale", l.scale);
        }
        Layer::Text(l) => {
            cx.asset_ref(
                format!("{p}/font"),
                &l.font,
                &[AssetKind::Font],
                "a text layer",
            );
            cx.positive(format!("{p}/size"), "size", l.size);
            cx.color(format!("{p}/fill"), &l.fill);
            if let Some(s) = &l.stroke {
                cx.color(format!("{p}/stroke/color"), &s.color);
            }
            if let Some(s) = &l.shadow {
                cx.color(format!("{p}/shadow/color"), &s.color);
            }
            cx.placement(&format!("{p}/placement"), &l.placement);
        }
        Layer::Particles(l) => {
            cx.asset_ref(
                format!("{p}/sprite"),
                &l.sprite,
                VISUAL,
                "a particle emitter",
            );
            cx.placement(&format!("{p}/placement"), &l.placement);
            if l.max_particles == 0 {
                cx.err(
                    format!("{p}/maxParticles"),
                    "maxParticles must be at least 1".into(),
                );
            }
            if l.rate < 0.0 {
                cx.err(format!("{p}/rate"), "rate cannot be negative".into());
            }
            cx.range(&format!("{p}/lifetime"), "lifetime", l.lifetime, true);
            if l.lifetime.max <= 0.0 {
                cx.err(
                    format!("{p}/lifetime/max"),
                    "particles need a lifetime above 0 s".into(),
                );
            }
            cx.range(&format!("{p}/speed"), "speed", l.speed, false);
            cx.range(&format!("{p}/spin"), "spin", l.spin, false);
            cx.range(&format!("{p}/size"), "size", l.size, true);
            cx.unit(format!("{p}/fade"), "fade", l.fade);
            super::motion::check_particles(cx, p, l);
        }
        Layer::ColorFilter(l) => {
            cx.asset_ref(
                format!("{p}/lut"),
                &l.lut,
                &[AssetKind::Lut],
                "a colour filter",
            );
            cx.unit(format!("{p}/intensity"), "intensity", l.intensity);
        }
        Layer::Beauty(l) => {
            cx.unit(format!("{p}/smoothing"), "smoothing", l.smoothing);
            cx.unit(format!("{p}/brightening"), "brightening", l.brightening);
        }
        Layer::Background(l) => match &l.mode {
            BackgroundMode::Blur { strength } => {
                cx.unit(format!("{p}/mode/blur/strength"), "strength", *strength);
            }
            BackgroundMode::Replace { asset } => {
                cx.asset_ref(
                    format!("{p}/mode/replace/asset"),
                    asset,
                    VISUAL,
                    "a background",
                );
            }
        },
    }
}

fn check_trigger(cx: &mut Ctx<'_>, p: &str, trigger: &crate::format::Trigger) {
    if trigger.cooldown < 0.0 {
        cx.err(
            format!("{p}/cooldown"),
            "cooldown cannot be negative".into(),
        );
    }
    match &trigger.when {
        When::Timer { every, after } => {
            cx.positive(format!("{p}/when/every"), "every", *every);
            if *after < 0.0 {
                cx.err(format!("{p}/when/after"), "after cannot be negative".into());
            }
        }
        When::Tap { layer: Some(layer) } => match cx.layers.get(layer.as_str()) {
            Some(l) if l.hot_zone().is_none() => cx.err(
                format!("{p}/when/layer"),
                format!("layer \"{layer}\" is not interactive: give it a \"hotZone\" so taps can reach it"),
            ),
            Some(_) => {}
            None => layer_missing(cx, format!("{p}/when/layer"), layer),
        },
        When::Command { name } if name.is_empty() => {
            cx.err(format!("{p}/when/name"), "a command trigger needs a name".into());
        }
        When::Gesture { .. } | When::Face { .. } | When::Tap { layer: None } | When::Command { .. } => {}
    }
    if trigger.actions.is_empty() {
        cx.err(
            format!("{p}/actions"),
            "a trigger needs at least one action".into(),
        );
    }
    for (i, action) in trigger.actions.iter().enumerate() {
        let ap = format!("{p}/actions/{i}/layer");
        let checked = super::motion::check_action(cx, &format!("{p}/actions/{i}"), action);
        let Some(layer_id) = action.layer() else {
            continue;
        };
        let Some(layer) = cx.layers.get(layer_id).copied() else {
            layer_missing(cx, ap, layer_id);
            continue;
        };
        let fits = match action {
            Action::Play { .. } | Action::Stop { .. } | Action::Restart { .. } => {
                plays_sequence(cx, layer)
            }
            Action::Burst { .. } => matches!(layer, Layer::Particles(_)),
            Action::SetText { .. } => matches!(layer, Layer::Text(_)),
            Action::Show { .. }
            | Action::Hide { .. }
            | Action::StopAnimation { .. }
            | Action::ScriptEvent { .. } => true,
            Action::Animate { .. } | Action::PlaySound { .. } | Action::StopSound { .. } => checked,
        };
        if !fits {
            let needs = match action {
                Action::Burst { .. } => "a particles layer",
                Action::SetText { .. } => "a text layer",
                _ => "a layer showing a sequence asset",
            };
            cx.err(
                ap,
                format!(
                    "\"{}\" needs {needs}, but \"{layer_id}\" is a {} layer",
                    action.name(),
                    layer.kind()
                ),
            );
        }
    }
}

fn plays_sequence(cx: &Ctx<'_>, layer: &Layer) -> bool {
    let asset = match layer {
        Layer::Sticker(l) => &l.asset,
        Layer::FaceProp(l) => &l.asset,
        Layer::HandProp(l) => &l.asset,
        Layer::Particles(l) => &l.sprite,
        Layer::Background(l) => match &l.mode {
            BackgroundMode::Replace { asset } => asset,
            BackgroundMode::Blur { .. } => return false,
        },
        Layer::Text(_) | Layer::ColorFilter(_) | Layer::Beauty(_) => return false,
    };
    // An unknown asset is reported on the layer itself.
    !matches!(cx.assets.get(asset.as_str()), Some(k) if *k != AssetKind::Sequence)
}

pub(super) fn layer_missing(cx: &mut Ctx<'_>, pointer: String, id: &str) {
    if cx.parsed.raw_ids.contains(id) && !cx.assets.contains_key(id) {
        return; // the layer failed to parse; reported there
    }
    let hint = did_you_mean(id, cx.layers.keys().copied());
    cx.err(pointer, format!("no layer with id \"{id}\"{hint}"));
}
