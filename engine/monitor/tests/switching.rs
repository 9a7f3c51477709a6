//! Live actions from the picture and the library, on a real push (test pattern, 320x180, into an
//! `.flv` file) driven through `egui_kittest`: a click on a hot-zone taps it (the effect's script
//! answers the tap with a new zone), and a click on a library tile switches the effect (the
//! next frames carry its zones; the tile of the effect on air is marked). Packages that do not
//! open are listed with the reason and cannot be picked.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failed step fails the test loudly"
)]

mod common;

use common::{click_at, first_frame, harness, marker_effect, shows_zone, start, step_until};
use egui_kittest::kittest::Queryable as _;
use lantern_monitor::{MonitorApp, MonitorOptions, Pipeline, Status};

#[test]
fn a_click_on_a_hot_zone_taps_it() {
    let tmp = tempfile::tempdir().unwrap();
    let effect = marker_effect(tmp.path(), "marker", "Monitor test");
    let (push, _) = start(tmp.path(), Some(effect));
    let mut pipeline = Pipeline::new(push);
    let mut h = harness(&mut pipeline);
    first_frame(&mut h);
    step_until(&mut h, "the effect's own zone", |app| {
        shows_zone(app, "marker")
    });
    let zone = h.state().view().zones[0].clone();
    let (x, y) = (
        zone.rect.x + zone.rect.w / 2.0,
        zone.rect.y + zone.rect.h / 2.0,
    );
    let at = h.state().view().screen_from_output(x, y).unwrap();
    click_at(&mut h, at);
    assert_eq!(
        h.state().host_status(),
        Some(&Status::Ok("tapped marker".to_owned()))
    );
    step_until(&mut h, "the script's answer to the tap", |app| {
        shows_zone(app, "tapped-marker")
    });
    // A click beside every zone taps nothing.
    let beside = h.state().view().screen_from_output(300.0, 170.0).unwrap();
    click_at(&mut h, beside);
    assert_eq!(
        h.state().host_status(),
        Some(&Status::Ok("tapped marker".to_owned()))
    );

    h.get_by_label("Stop").click();
    step_until(&mut h, "the pipeline to end", MonitorApp::wants_close);
    drop(h);
    pipeline.finish().result.unwrap();
}

#[test]
fn a_click_in_the_library_switches_the_effect() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let one = marker_effect(&library, "one", "First");
    marker_effect(&library, "two", "Second");
    std::fs::write(library.join("junk.zip"), b"not a zip at all").unwrap();
    let (push, _) = start(tmp.path(), Some(one));
    let mut pipeline = Pipeline::new(push);
    let options = MonitorOptions {
        library: Some(lantern_monitor::library::Source::Folder(library.clone())),
        ..MonitorOptions::default()
    };
    let mut h = common::harness_with(&mut pipeline, options);
    first_frame(&mut h);
    step_until(&mut h, "the library's packages", |app| {
        app.library().entries().len() == 3
    });
    h.step();
    let entries = h.state().library().entries();
    assert!(
        entries
            .iter()
            .all(|e| e.thumbnail.is_some() != e.error.is_some())
    );
    assert!(entries[0].error.as_deref().unwrap().contains("junk.zip"));
    assert!(
        h.query_by_label("First — on air").is_some(),
        "{:#?}",
        h.root()
    );

    h.get_by_label("Second").click();
    step_until(&mut h, "the switch's answer", |app| {
        !app.library().is_switching() && app.library().status.is_some()
    });
    let status = h.state().library().status.clone().unwrap();
    assert!(
        matches!(&status, Status::Ok(s) if s.starts_with("Second on air from frame")),
        "{status:?}"
    );
    step_until(&mut h, "the second effect's zone", |app| {
        shows_zone(app, "two") && !shows_zone(app, "one")
    });
    h.step();
    assert!(h.query_by_label("Second — on air").is_some());
    assert!(h.query_by_label("First").is_some());

    h.get_by_label("Stop").click();
    step_until(&mut h, "the pipeline to end", MonitorApp::wants_close);
    drop(h);
    let ended = pipeline.finish();
    ended.result.unwrap();
    assert!(ended.last.frames_sent > 0);
}
