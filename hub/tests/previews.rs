//! Preview renders: an upload is answered at once with its previews "rendering"; worker
//! processes render the effect on the reference photos (live tracking when the models are
//! installed) and the version's report fills in.

#![allow(
    clippy::unwrap_used,
    reason = "a test: a failure is the test's failure"
)]

mod common;

use std::time::{Duration, Instant};

use common::{ZIP, call, call_raw, example_zip, hub};

#[test]
fn previews_are_rendered_on_the_reference_photos_after_the_upload() {
    let media = lantern_engine::track::photos::media_dir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let hub = hub(data.path(), Some(&media));
    let designer = hub.token("designer", "dana");
    let start = Instant::now();
    let url = format!("{}/api/packages", hub.url());
    let (status, v) = call(
        "POST",
        &url,
        Some(&designer),
        Some((ZIP, example_zip("lucky-hat", "1.0.0"))),
    );
    assert_eq!(status, 201, "{v}");
    let answered = start.elapsed();
    let previews = v["report"]["previews"].as_array().unwrap().clone();
    assert!(!previews.is_empty(), "{v}");
    assert!(previews.iter().all(|p| p["status"] == "rendering"), "{v}");
    let version = format!("{}/api/packages/lucky-hat/1.0.0", hub.url());
    let mut done = serde_json::Value::Null;
    let finished = lantern_testing::HubServer::wait_until(Duration::from_mins(5), || {
        done = call("GET", &version, Some(&designer), None).1;
        done["report"]["previews"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["status"] != "rendering")
    });
    assert!(finished, "previews still rendering after 5 minutes: {done}");
    println!(
        "upload answered in {:.2} s; {} previews rendered {:.1} s after the upload",
        answered.as_secs_f64(),
        previews.len(),
        start.elapsed().as_secs_f64()
    );
    for (i, p) in done["report"]["previews"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert_eq!(p["status"], "ready", "preview {i}: {p}");
        let (status, png) = call_raw(
            "GET",
            &format!("{version}/previews/{i}"),
            Some(&designer),
            None,
        );
        assert_eq!(status, 200);
        let img = image::load_from_memory(&png).unwrap();
        assert_eq!(
            (img.width(), img.height()),
            (360, 640),
            "the effect's 1080x1920 at 640 px tall"
        );
    }
}
