//! What the monitor's tests share: a tiny effect with a script, a real push of the test pattern
//! into an `.flv` file, the app in an `egui_kittest` harness, and bounded waits.

#![allow(dead_code, reason = "each test binary uses a part")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lantern_engine::media::Target;
use lantern_engine::push::{AudioSpec, InputSpec, Push, PushConfig, TrackingSpec};
use lantern_monitor::{MonitorApp, MonitorOptions, Pipeline};

/// Longest wait for the pipeline to react (it reacts within a few frames; this only bounds a
/// broken build so the test fails instead of hanging).
pub const PATIENCE: Duration = Duration::from_mins(1);

/// A package `<dir>/<folder>` named `name` whose script shows a sprite with a hot-zone `<folder>`
/// (kind `start`) from its first frame, spawns one named by a `mark` command's `id`, and answers
/// a tap on zone Z by spawning `tapped-Z`.
pub fn marker_effect(dir: &Path, folder: &str, name: &str) -> PathBuf {
    let pkg = dir.join(folder);
    std::fs::create_dir_all(&pkg).unwrap();
    let coin =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/lucky-hat/images/coin.png");
    std::fs::copy(coin, pkg.join("dot.png")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/lucky-hat/thumbnail.png"),
        pkg.join("thumbnail.png"),
    )
    .unwrap();
    let effect = serde_json::json!({"formatVersion": 1,
        "meta": {"name": name, "author": "Lantern tests", "version": "1.0.0",
                 "thumbnail": "thumbnail.png"},
        "assets": [{"type": "image", "id": "dot", "path": "dot.png"},
                   {"type": "script", "id": "main", "path": "main.js"}],
        "layers": [], "triggers": [], "script": "main"});
    std::fs::write(pkg.join("effect.json"), effect.to_string()).unwrap();
    std::fs::write(
        pkg.join("main.js"),
        format!(
            "lantern.spawnSprite('dot', '{folder}', {{ x: 40, y: 40 }}, {{ kind: 'start' }});\n\
             lantern.on('command', (c) => {{\n  if (c.name === 'mark') lantern.spawnSprite('dot', c.args.id, {{ x: 160, y: 90 }}, {{ kind: 'mark' }});\n}});\n\
             lantern.on('tap', (t) => lantern.spawnSprite('dot', 'tapped-' + t.zoneId, {{ x: 260, y: 40 }}, {{ kind: 'tapped' }}));\n"
        ),
    )
    .unwrap();
    pkg
}

/// A push of the test pattern at 320x180, 15 fps, with `effect`, into `<dir>/out.flv`.
pub fn start(dir: &Path, effect: Option<PathBuf>) -> (Push, PathBuf) {
    let out = dir.join("out.flv");
    let mut cfg = PushConfig::new(InputSpec::Pattern, Target::File(out.clone()));
    cfg.effect = effect;
    (cfg.width, cfg.height, cfg.fps) = (320, 180, 15);
    cfg.gop = 15;
    cfg.audio = AudioSpec::Silence;
    cfg.tracking = TrackingSpec::Off;
    cfg.preview = true;
    (Push::start(cfg).unwrap(), out)
}

/// The app over `pipeline` with `options` (stats every 200 ms unless they say otherwise).
pub fn harness_with<'a>(
    pipeline: &'a mut Pipeline,
    options: MonitorOptions<'a>,
) -> Harness<'a, MonitorApp<'a>> {
    Harness::builder()
        .with_size([1100.0, 640.0])
        .build_ui_state(
            |ui, app: &mut MonitorApp<'_>| app.show(ui),
            MonitorApp::new(pipeline, options),
        )
}

pub fn harness(pipeline: &mut Pipeline) -> Harness<'_, MonitorApp<'_>> {
    let options = MonitorOptions {
        stats_every: Duration::from_millis(200),
        ..MonitorOptions::default()
    };
    harness_with(pipeline, options)
}

/// Steps the UI until `done` holds (bounded by [`PATIENCE`]).
pub fn step_until<'a>(
    h: &mut Harness<'_, MonitorApp<'a>>,
    what: &str,
    done: impl Fn(&MonitorApp<'a>) -> bool,
) {
    let until = Instant::now() + PATIENCE;
    while !done(h.state()) {
        assert!(Instant::now() < until, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
}

pub fn first_frame(h: &mut Harness<'_, MonitorApp<'_>>) {
    step_until(h, "the first preview frame", |app| app.view().frames > 0);
}

/// Whether the newest frame shows a zone `id`.
pub fn shows_zone(app: &MonitorApp<'_>, id: &str) -> bool {
    app.view().zones.iter().any(|z| z.id == id)
}

/// Focuses the text field labelled `label` and types `text` at its end.
pub fn type_into(h: &mut Harness<'_, MonitorApp<'_>>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.step();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.step();
    let value = h.get_by_role_and_label(Role::TextInput, label).value();
    assert!(
        value.as_deref().is_some_and(|v| v.ends_with(text)),
        "{label}: {value:?}"
    );
}

/// A primary-button click at `pos` (pressed and released over two steps).
pub fn click_at(h: &mut Harness<'_, MonitorApp<'_>>, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
        h.step();
    }
}
