//! The monitor app driven without a window by `egui_kittest`, on a real push: the test pattern
//! through a tiny effect whose script answers a host command by spawning a sprite with a
//! hot-zone, into an `.flv` file (helpers in `common`). Widgets are found by their labels and clicked or typed into;
//! what the pipeline did is read back from its own preview frames (the script's gameplay state,
//! the hot-zones) and from the file it wrote. No timing assertions: loops wait for an outcome
//! with a generous bound.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failed step fails the test loudly"
)]

mod common;

use std::time::Duration;

use common::{first_frame, harness, start, step_until, type_into};
use eframe::egui;
use egui_kittest::kittest::Queryable as _;
use lantern_engine::media::Target;
use lantern_engine::push::{AudioSpec, InputSpec, Push, PushConfig, TrackingSpec};
use lantern_monitor::{MonitorApp, MonitorOptions, Pipeline};

#[test]
fn stop_button_drains_the_push_and_closes_the_window() {
    let tmp = tempfile::tempdir().unwrap();
    let (push, out) = start(tmp.path(), None);
    let mut pipeline = Pipeline::new(push);
    {
        let mut h = harness(&mut pipeline);
        first_frame(&mut h);
        h.get_by_label("Stop").click();
        h.step();
        h.step();
        assert!(
            h.query_by_label("STOPPING").is_some() || h.query_by_label("ENDED").is_some(),
            "{:#?}",
            h.root()
        );
        step_until(&mut h, "the pipeline to end", MonitorApp::wants_close);
        let ended = h.state().ended().unwrap();
        assert!(ended.ok, "{}", ended.message);
        h.step();
        assert!(h.query_by_label("ENDED").is_some());
    }
    let ended = pipeline.finish();
    ended.result.unwrap();
    assert!(ended.last.frames_sent > 0);
    assert_eq!(lantern_testing::video_frames(&out), ended.last.frames_sent);
}

#[test]
fn gameplay_toggle_and_a_command_reach_the_script() {
    let tmp = tempfile::tempdir().unwrap();
    let effect = common::marker_effect(tmp.path(), "marker", "Monitor test");
    let (push, _) = start(tmp.path(), Some(effect));
    let mut pipeline = Pipeline::new(push);
    let mut h = harness(&mut pipeline);
    first_frame(&mut h);
    assert!(h.query_by_label("script: running").is_some());

    // A command with JSON args: the script spawns a sprite whose hot-zone has the id we sent.
    type_into(&mut h, "Command", "mark");
    type_into(&mut h, "Args (JSON)", r#"{"id": "from-monitor"}"#);
    h.get_by_label("Send").click();
    h.step();
    assert!(h.query_by_label("sent mark").is_some());
    step_until(&mut h, "the command's hot-zone", |app| {
        app.view()
            .zones
            .iter()
            .any(|z| z.id == "from-monitor" && z.kind == "mark")
    });

    // Bad JSON is an inline error, not a panic (the field now ends in a stray `{oops`).
    type_into(&mut h, "Args (JSON)", "{oops");
    h.get_by_label("Send").click();
    h.step();
    assert!(h.query_by_label_contains("args are not JSON").is_some());

    // Pausing the gameplay: the render stage confirms it in the frames it sends.
    h.get_by_label("Gameplay running").click();
    h.step();
    assert!(h.query_by_label("gameplay paused").is_some());
    step_until(&mut h, "a frame rendered with the script paused", |app| {
        app.view().gameplay == Some(false)
    });
    h.step();
    assert!(h.query_by_label("script: paused").is_some());

    h.get_by_label("Stop").click();
    step_until(&mut h, "the pipeline to end", MonitorApp::wants_close);
    drop(h);
    pipeline.finish().result.unwrap();
}

#[test]
fn closing_the_window_stops_the_push_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (push, out) = start(tmp.path(), None);
    let mut pipeline = Pipeline::new(push);
    {
        let mut h = harness(&mut pipeline);
        first_frame(&mut h);
        // What the window system sends when the host closes the window.
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        h.step();
        assert!(h.state().stop_requested());
        step_until(&mut h, "the pipeline to end", MonitorApp::wants_close);
        assert!(h.state().ended().unwrap().ok);
    }
    let ended = pipeline.finish();
    ended.result.unwrap();
    assert_eq!(lantern_testing::video_frames(&out), ended.last.frames_sent);
}

#[test]
fn a_push_that_ends_by_itself_is_shown_then_the_window_closes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("short.flv");
    let mut cfg = PushConfig::new(InputSpec::Pattern, Target::File(out));
    (cfg.width, cfg.height, cfg.fps, cfg.gop) = (320, 180, 15, 15);
    cfg.audio = AudioSpec::Silence;
    cfg.tracking = TrackingSpec::Off;
    cfg.preview = true;
    cfg.duration = Some(Duration::from_secs(1));
    let mut pipeline = Pipeline::new(Push::start(cfg).unwrap());
    {
        let options = MonitorOptions {
            linger: Duration::ZERO,
            ..MonitorOptions::default()
        };
        let mut h = common::harness_with(&mut pipeline, options);
        step_until(&mut h, "the pipeline to end", MonitorApp::wants_close);
        assert!(h.state().ended().unwrap().ok);
        h.step();
        assert!(
            h.query_by_label_contains("done: ").is_some(),
            "{:#?}",
            h.root()
        );
    }
    let ended = pipeline.finish();
    ended.result.unwrap();
    // 15 ticks at 15 fps; on a loaded machine a late stage may drop one (counted).
    assert_eq!(ended.last.frames_sent + ended.last.dropped.total(), 15);
}
