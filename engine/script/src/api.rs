//! The script API, described once.
//!
//! [`typescript`] renders this description (plus the tracking types from `effect-schema`, via
//! ts-rs) into `lantern.d.ts`. The test `tests/typings.rs` fails when the committed file differs
//! from the rendering (regenerate with `UPDATE_SNAPSHOTS=1`) and when the names the runtime
//! really registers ([`crate::ScriptRuntime::api_surface`]) differ from this description — so
//! adding a function to `prelude.js` without describing it here (or the reverse) fails CI.

use std::fmt::Write as _;

use effect_schema::tracking::{
    Expressions, Face, FaceEvent, GestureEvent, Hand, HeadPose, Point2, Point3, Rect, TrackingFrame,
};
use effect_schema::vocab::{FaceAnchor, FaceEventKind, Gesture, Handedness, Phase};
use ts_rs::{Config, TS};

/// One member of an API object: its name, its TypeScript declaration and its documentation.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub name: &'static str,
    /// The declaration as it appears in the interface, e.g. `getLayer(id: string): Layer | null`.
    pub ts: &'static str,
    pub doc: &'static str,
}

const fn m(name: &'static str, ts: &'static str, doc: &'static str) -> Member {
    Member { name, ts, doc }
}

/// The global `lantern` object.
pub const LANTERN: &[Member] = &[
    m(
        "audio",
        "readonly audio: LanternAudio",
        "The effect's sounds: `lantern.audio.play('coin', { volume: 0.8 })`.",
    ),
    m(
        "getLayer",
        "getLayer(id: string): Layer | null",
        "The layer or live sprite with this id, or `null` if the scene has none.",
    ),
    m(
        "layers",
        "layers(): Layer[]",
        "Every layer and live sprite, sorted by id.",
    ),
    m(
        "spawnSprite",
        "spawnSprite(asset: string, id: string, transform?: Partial<Transform>, hotZone?: HotZoneSpec | null): Layer",
        "Creates a sprite from a package image asset with a unique id; optionally a hot-zone viewers can tap. Throws if the id exists or too many sprites are alive.",
    ),
    m(
        "destroySprite",
        "destroySprite(id: string): void",
        "Removes a sprite created by `spawnSprite`.",
    ),
    m(
        "on",
        "on<E extends keyof LanternEvents>(event: E, handler: (event: LanternEvents[E]) => void): void",
        "Registers a handler. Handlers run in registration order.",
    ),
    m(
        "off",
        "off<E extends keyof LanternEvents>(event: E, handler: (event: LanternEvents[E]) => void): void",
        "Removes a handler registered with `on`.",
    ),
    m(
        "random",
        "random(): number",
        "A uniform number in [0, 1) from the package seed and the frame index: replays give the same numbers. `Math.random` is the same generator.",
    ),
    m(
        "frame",
        "readonly frame: number",
        "The current frame index.",
    ),
    m(
        "dt",
        "readonly dt: number",
        "Seconds since the previous frame (the deterministic step).",
    ),
    m(
        "time",
        "readonly time: number",
        "Seconds since the effect started, on the deterministic clock (`Date.now()` is this in ms).",
    ),
    m(
        "tracking",
        "readonly tracking: TrackingFrame | null",
        "This frame's tracking, in output-frame pixels (the same space as layer and sprite positions; `width`/`height` are the output size). The engine always provides it (empty `faces`/`hands` when nothing is tracked); `null` only outside the engine. A fresh copy each frame.",
    ),
];

/// A `Layer` handle. Getters read the scene snapshot (including this frame's own writes);
/// setters record scene commands.
pub const LAYER: &[Member] = &[
    m("id", "readonly id: string", "The layer or sprite id."),
    m(
        "exists",
        "readonly exists: boolean",
        "Whether the layer is still in the scene (a destroyed sprite is not).",
    ),
    m("x", "x: number", "Position of the pivot, frame pixels."),
    m(
        "y",
        "y: number",
        "Position of the pivot, frame pixels (y down).",
    ),
    m(
        "scaleX",
        "scaleX: number",
        "Horizontal scale (1 = asset size).",
    ),
    m("scaleY", "scaleY: number", "Vertical scale."),
    m(
        "rotation",
        "rotation: number",
        "Rotation in degrees, clockwise.",
    ),
    m(
        "opacity",
        "opacity: number",
        "0 (transparent) to 1 (opaque); clamped.",
    ),
    m("visible", "visible: boolean", "Whether the layer is drawn."),
    m(
        "text",
        "text: string | null",
        "The text of a text layer (`null` for other layers).",
    ),
    m(
        "transform",
        "transform: Transform",
        "The whole transform; assigning a partial object changes only the given fields.",
    ),
    m(
        "hotZone",
        "hotZone: HotZoneSpec | null",
        "The hot-zone viewers can tap, or `null`.",
    ),
    m(
        "setPosition",
        "setPosition(x: number, y: number): this",
        "Moves the pivot to (x, y).",
    ),
    m(
        "moveBy",
        "moveBy(dx: number, dy: number): this",
        "Moves the pivot by (dx, dy).",
    ),
    m(
        "setScale",
        "setScale(sx: number, sy?: number): this",
        "Sets the scale (uniform when `sy` is omitted).",
    ),
    m(
        "play",
        "play(options?: { from?: number; loop?: boolean }): this",
        "Plays a sequence layer, optionally from a frame and looping.",
    ),
    m("stop", "stop(): this", "Stops a sequence layer."),
    m(
        "seek",
        "seek(frame: number): this",
        "Shows a frame of a sequence layer.",
    ),
    m(
        "burst",
        "burst(count: number, at?: { x: number; y: number }): this",
        "Emits `count` particles from a particles layer, at a point or at the emitter.",
    ),
    m(
        "animate",
        "animate(name: string): this",
        "Plays one of this layer's keyframe animations (the entry of `animations` in effect.json with this layer and `name`) from its start, replacing the one it plays. An unknown name is reported in the console.",
    ),
    m(
        "stopAnimation",
        "stopAnimation(): this",
        "Stops this layer's animation: the layer is back to its own values.",
    ),
    m(
        "destroy",
        "destroy(): void",
        "Removes this sprite (only sprites created by `spawnSprite`).",
    ),
];

/// `lantern.audio`.
pub const AUDIO: &[Member] = &[
    m(
        "play",
        "play(id: string, options?: { volume?: number; loop?: boolean }): void",
        "Starts an `audio` asset from its beginning (restarting it if it plays) on this frame; `volume` 0..1 (default 1); `loop` repeats it until `stop`. An unknown id is reported in the console.",
    ),
    m(
        "stop",
        "stop(id: string): void",
        "Stops an `audio` asset started before.",
    ),
];

/// Events for `lantern.on`: name, argument type, documentation.
pub const EVENTS: &[Member] = &[
    m(
        "start",
        "{}",
        "Once, on the first frame after (re)loading, before `update`.",
    ),
    m(
        "update",
        "{ dt: number; frame: number; time: number }",
        "Every frame, after the other events of the frame.",
    ),
    m(
        "faceFound",
        "{ faceId: number }",
        "A face id appeared in tracking.",
    ),
    m("faceLost", "{ faceId: number }", "A face id left tracking."),
    m(
        "expression",
        "{ faceId: number; kind: FaceEventKind; phase: Phase }",
        "An expression event of a face (mouth open, blink, smile, nod, …) with its phase.",
    ),
    m(
        "gesture",
        "GestureEvent",
        "A hand gesture began, stays or ended.",
    ),
    m(
        "tap",
        "{ zoneId: string; payload: unknown }",
        "A viewer or the Studio preview tapped a hot-zone.",
    ),
    m(
        "command",
        "{ name: string; args: unknown }",
        "A command from the push mode's control panel, or a live room's (`likes:100`, `gift:rocket`, `chat:666`, `taps:redPacket`).",
    ),
    m(
        "room",
        "RoomEvent",
        "What the live room did since the last update (at most every 500 ms; docs/rooms.md).",
    ),
    m(
        "stop",
        "{}",
        "The effect stops or the script is being replaced by a reload.",
    ),
];

fn doc(out: &mut String, indent: &str, text: &str) {
    let _ = writeln!(out, "{indent}/** {text} */");
}

fn tracking_types(out: &mut String) {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        Point2::decl(&cfg),
        Point3::decl(&cfg),
        Rect::decl(&cfg),
        HeadPose::decl(&cfg),
        Expressions::decl(&cfg),
        FaceEvent::decl(&cfg),
        Face::decl(&cfg),
        Hand::decl(&cfg),
        GestureEvent::decl(&cfg),
        TrackingFrame::decl(&cfg),
        FaceAnchor::decl(&cfg),
        FaceEventKind::decl(&cfg),
        Gesture::decl(&cfg),
        Handedness::decl(&cfg),
        Phase::decl(&cfg),
    ];
    for decl in decls {
        out.push_str("declare ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
}

/// A live room's update as scripts see it: `lantern_library::room::RoomUpdate` on the wire.
const ROOM_EVENT: &str = "\
/** A live room's update: likes, checked taps, gifts and chat keywords since the last one. */
interface RoomEvent {
  /** Increases by one with each update. */
  seq: number;
  /** Viewers in the room. */
  viewers: number;
  /** Likes since the last update, and since the room opened. */
  likes: number;
  likesTotal: number;
  /** Checked taps since the last update, by zone kind (`redPacket`). */
  taps: Record<string, number>;
  /** Zones viewers caught since the last update (an award was paid for each). */
  caught: { zone: string; kind: string; nick: string }[];
  /** Gifts since the last update, by gift id (`rocket`). */
  gifts: Record<string, number>;
  /** Chat lines since the last update containing each keyword the effect's `chat:…` command triggers name. */
  chat: Record<string, number>;
  /** Awards paid since the last update. */
  awards: number;
}

";

/// Renders `lantern.d.ts`.
pub fn typescript() -> String {
    let mut out = String::new();
    out.push_str(
        "// Generated by lantern-script (engine/script/src/api.rs). Do not edit by hand:\n\
         // run `UPDATE_SNAPSHOTS=1 cargo test -p lantern-script --test typings` to regenerate.\n\
         // Lantern gameplay scripts: ES modules run in a sandboxed QuickJS (no fs, network or process).\n\n",
    );
    tracking_types(&mut out);
    out.push_str(
        "/** A 2D placement in frame pixels; rotation in degrees, clockwise. */\n\
         interface Transform { x: number; y: number; scaleX: number; scaleY: number; rotation: number }\n\n\
         /** Marks a layer or sprite as a hot-zone viewers can tap. */\n\
         interface HotZoneSpec { kind: string; payload?: unknown }\n\n",
    );
    out.push_str(ROOM_EVENT);
    out.push_str(
        "/** Event name → the argument its handlers receive. */\ninterface LanternEvents {\n",
    );
    for e in EVENTS {
        doc(&mut out, "  ", e.doc);
        let _ = writeln!(out, "  {}: {};", e.name, e.ts);
    }
    out.push_str("}\n\n");
    out.push_str("/** A handle on a layer or sprite of the scene. */\ndeclare class Layer {\n  private constructor();\n");
    for member in LAYER {
        doc(&mut out, "  ", member.doc);
        let _ = writeln!(out, "  {};", member.ts);
    }
    out.push_str("}\n\n");
    out.push_str("/** The effect's sounds, mixed into the stream from the frame they start on. */\ninterface LanternAudio {\n");
    for member in AUDIO {
        doc(&mut out, "  ", member.doc);
        let _ = writeln!(out, "  {};", member.ts);
    }
    out.push_str("}\n\n");
    out.push_str("/** The scene, the clock and tracking. */\ninterface Lantern {\n");
    for member in LANTERN {
        doc(&mut out, "  ", member.doc);
        let _ = writeln!(out, "  {};", member.ts);
    }
    out.push_str("}\n\n");
    out.push_str(
        "declare const lantern: Lantern;\n\n\
         /** Routed to the host (Studio console, push-mode log) with level and file:line. */\n\
         declare const console: {\n  debug(...args: unknown[]): void;\n  log(...args: unknown[]): void;\n  info(...args: unknown[]): void;\n  warn(...args: unknown[]): void;\n  error(...args: unknown[]): void;\n};\n\n\
         /** Not available: throws. Import package files with ES `import` instead. */\ndeclare function require(name: string): never;\n\
         /** Not available: scripts have no network access. Throws. */\ndeclare function fetch(input: unknown, init?: unknown): never;\n",
    );
    out
}
