//! The generated files: JSON Schemas (schemars) and TypeScript declarations (ts-rs).
//!
//! These functions return the exact text committed in the repository. The drift test
//! (`tests/generated.rs`) compares them with the files and, with `UPDATE_SNAPSHOTS=1`, rewrites
//! them. Paths are relative to the repository root.

use ts_rs::{Config, TS};

use crate::{capability, format, hotzone, tracking, vocab};

/// The effect format's schema, committed as `effect-schema/effect.schema.json`.
pub const EFFECT_SCHEMA_PATH: &str = "effect-schema/effect.schema.json";
/// The tracking frame's schema (one line of a tracking tape).
pub const TRACKING_SCHEMA_PATH: &str = "effect-schema/schemas/tracking-frame.schema.json";
/// The SEI hot-zone payload's schema.
pub const SEI_SCHEMA_PATH: &str = "effect-schema/schemas/sei-payload.schema.json";
/// The TypeScript declarations for the Studio and players.
pub const TYPESCRIPT_PATH: &str = "ui/src/generated/effect.ts";

fn pretty<T: schemars::JsonSchema>() -> String {
    let schema = schemars::schema_for!(T);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Every generated file: (path relative to the repository root, content).
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        (EFFECT_SCHEMA_PATH, pretty::<format::Effect>()),
        (TRACKING_SCHEMA_PATH, pretty::<tracking::TrackingFrame>()),
        (SEI_SCHEMA_PATH, pretty::<hotzone::SeiPayload>()),
        (TYPESCRIPT_PATH, typescript()),
    ]
}

macro_rules! declare {
    ($cfg:expr, $out:expr, $($ty:ty),* $(,)?) => {
        $(
            if let Some(docs) = <$ty as TS>::docs() {
                $out.push_str(&docs);
            }
            $out.push_str("export ");
            $out.push_str(&<$ty as TS>::decl($cfg));
            $out.push_str("\n\n");
        )*
    };
}

/// All shared types as one TypeScript module.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types in effect-schema/ by `effect_schema::generate`.\n\
         // Do not edit: run `UPDATE_SNAPSHOTS=1 cargo test -p lantern-effect-schema --test generated`.\n\n",
    );
    declare!(
        &cfg,
        out,
        serde_json::Value,
        // vocab
        vocab::FaceAnchor,
        vocab::HandLandmark,
        vocab::Handedness,
        vocab::Gesture,
        vocab::Phase,
        vocab::FaceEventKind,
        // tracking
        tracking::Point2,
        tracking::Point3,
        tracking::Rect,
        tracking::HeadPose,
        tracking::Expressions,
        tracking::FaceEvent,
        tracking::Face,
        tracking::Hand,
        tracking::GestureEvent,
        tracking::TrackingFrame,
        // hot-zones
        hotzone::HotZone,
        hotzone::SeiPayload,
        // the effect format
        format::Effect,
        format::Meta,
        format::Resolution,
        format::Budgets,
        format::Asset,
        format::ImageAsset,
        format::FileAsset,
        format::SequenceAsset,
        format::SequenceSource,
        format::Playback,
        format::Vec2,
        format::RelativeTo,
        format::Orientation,
        format::Placement,
        format::Overrides,
        format::PlacementOverride,
        format::HotZoneSpec,
        format::Layer,
        format::StickerLayer,
        format::FacePropLayer,
        format::HandSelect,
        format::HandPropLayer,
        format::Stroke,
        format::Shadow,
        format::TextLayer,
        format::Range,
        format::ParticlesLayer,
        format::Blend,
        format::OverLife,
        format::Trail,
        format::Explosion,
        format::Follow,
        format::ColorFilterLayer,
        format::BeautyLayer,
        format::BackgroundMode,
        format::BackgroundLayer,
        format::Trigger,
        format::Hysteresis,
        format::When,
        format::Action,
        format::Animation,
        format::AnimationPlayback,
        format::Tracks,
        format::Key<f32>,
        format::Ease,
        format::Spring,
        format::Music,
        capability::Capabilities,
    );
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
