//! One physical event, one `begin`. The Studio preview's loop draws with the newest tracking, faster
//! than the tracker: one tracker result stands for several drawn frames. A held mouth opening must
//! still reach the script as one `expression` begin, and fire a `begin` trigger once.

#![allow(clippy::unwrap_used)] // a failure is the test failing

use std::collections::BTreeSet;

use lantern_engine::driver::{
    Driver, DriverOptions, Frame, InputSpec, Source, SourceOptions, Wait,
};
use lantern_engine::render::PixelFormat;
use lantern_engine::schema::Limits;
use lantern_engine::schema::package::PackageParts;
use lantern_engine::{PlayerOptions, TrackingSpec};

/// Counts the script's mouth-open begins in its log.
const SCRIPT: &str = "let begins = 0;
lantern.on('expression', (e) => {
  if (e.kind === 'mouthOpen' && e.phase === 'begin') console.log('mouthOpen begin ' + ++begins);
});
";

const EFFECT: &str = r#"{
  "formatVersion": 1,
  "meta": { "name": "one begin", "author": "tests", "version": "1.0.0" },
  "assets": [{ "type": "script", "id": "main", "path": "main.js" }],
  "script": "main",
  "triggers": [{
    "id": "opened",
    "when": { "on": "face", "event": "mouthOpen", "phase": "begin" },
    "actions": [{ "do": "scriptEvent", "name": "opened" }]
  }]
}"#;

#[test]
fn one_mouth_opening_is_one_begin_for_the_script_and_the_triggers() {
    let package = PackageParts::new()
        .named("one begin")
        .file("effect.json", EFFECT.as_bytes().to_vec())
        .file("main.js", SCRIPT.as_bytes().to_vec())
        .open(&Limits::default())
        .unwrap();
    let (width, height) = (320, 180);
    let player = PlayerOptions {
        width,
        height,
        fps: 30.0,
        ..PlayerOptions::default()
    };
    // A camera-like source (not a still): every frame is offered to the tracker.
    let options = DriverOptions::new(player, TrackingSpec::Models, false);
    let mut driver = Driver::new(package, options).unwrap();
    let photo = lantern_engine::track::photos::media_dir()
        .unwrap()
        .join("ikep_pexels_wink_mouth_open_Test2.jpg");
    let source_options = SourceOptions {
        output: (width, height),
        fps: 30,
        cover: true,
        looping: true,
    };
    let mut source = Source::open(&InputSpec::file(&photo), &source_options).unwrap();
    let (mut results, mut drawn, mut fired) = (BTreeSet::new(), 0, 0);
    let mut log = Vec::new();
    // Until the tracker has answered a dozen times (enough for the expression to begin), each
    // of its results drawn several times.
    while results.len() < 12 && drawn < 2000 {
        let index = drawn;
        let pixels = source.frame_at(index, (index * 1000 / 30) as i64).unwrap();
        let frame = Frame {
            index,
            time_s: index as f64 / 30.0,
            pixels,
        };
        let out = driver
            .frame(&frame, &[], Wait::Newest, PixelFormat::Rgba)
            .unwrap();
        if !out.tracking.faces.is_empty() {
            results.insert(out.tracking.frame);
        }
        let report = driver.player().scene().report();
        fired += report.fired.iter().filter(|id| *id == "opened").count();
        log.extend(
            driver
                .player_mut()
                .drain_logs()
                .into_iter()
                .map(|l| l.message),
        );
        drawn += 1;
    }
    // In a debug build the tracker takes several drawn frames per result; the figure says how
    // many (a test build fast enough to track every frame would show nothing here).
    println!(
        "{drawn} frames drawn over {} tracker results; log: {log:?}",
        results.len()
    );
    let begins = log.iter().filter(|m| m.contains("mouthOpen begin")).count();
    assert_eq!(begins, 1, "{log:?}");
    assert_eq!(fired, 1);
}
