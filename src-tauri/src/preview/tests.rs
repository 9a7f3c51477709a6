//! The preview thread for real: lavapipe renders, the tracker runs the ONNX models on the shared
//! test photos, and frames arrive through a queue standing in for the webview's channel.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::time::Duration;

use serde_json::{Value, json};

use super::*;
use crate::error::ErrorCode;
use crate::project::document::from_value;
use crate::project::test_support::{file, png_red, project};

/// Longer than any frame could take; a test never waits forever.
pub(super) const PATIENCE: Duration = Duration::from_mins(2);

struct QueueSink(SyncSender<Vec<u8>>);

impl FrameSink for QueueSink {
    fn send(&self, message: Vec<u8>) -> bool {
        self.0.send(message).is_ok()
    }
}

fn media(name: &str) -> PathBuf {
    lantern_engine::track::photos::media_dir()
        .expect("the shared test photos ($LANTERN_MEDIA or shared/media)")
        .join(name)
}

fn face_photo() -> PreviewSource {
    PreviewSource::Photo {
        path: media("keijiro_pexels-tim-douglas-6567248.jpg"),
    }
}

pub(super) fn options(width: u32, height: u32, overlay: bool) -> PreviewOptions {
    PreviewOptions {
        width,
        height,
        fps: 30.0,
        overlay,
        shrink: 1,
    }
}

pub(super) fn start(
    dir: &Path,
    effect: &Value,
    source: PreviewSource,
    o: PreviewOptions,
) -> Result<(Preview, Receiver<Vec<u8>>), IpcError> {
    let (tx, rx) = sync_channel(8);
    let p = Preview::start(
        dir.to_owned(),
        from_value(effect)?,
        source,
        o,
        Box::new(QueueSink(tx)),
    )?;
    Ok((p, rx))
}

/// An effect with nothing in it over the face photo, 32x32.
fn start_empty(dir: &Path) -> (Preview, Receiver<Vec<u8>>) {
    start(
        dir,
        &starter(json!([]), json!([])),
        face_photo(),
        options(32, 32, false),
    )
    .unwrap()
}

/// The next frame's header and pixels; acknowledges it like the webview does after drawing.
pub(super) fn next(preview: &Preview, rx: &Receiver<Vec<u8>>) -> (Value, Vec<u8>) {
    let bytes = rx.recv_timeout(PATIENCE).expect("a frame in time");
    let (info, pixels) = decode(&bytes).expect("a preview message");
    let pixels = pixels.to_vec();
    preview.ack(info["seq"].as_u64().unwrap());
    (info, pixels)
}

/// Frames until `done` says so (at most `limit`); returns the matching header.
pub(super) fn until(
    preview: &Preview,
    rx: &Receiver<Vec<u8>>,
    limit: usize,
    mut done: impl FnMut(&Value, &[u8]) -> bool,
) -> (Value, Vec<u8>) {
    for _ in 0..limit {
        let (info, pixels) = next(preview, rx);
        if done(&info, &pixels) {
            return (info, pixels);
        }
    }
    panic!("no such frame in {limit} frames");
}

pub(super) fn starter(layers: Value, assets: Value) -> Value {
    let mut e = serde_json::to_value(crate::project::document::starter("Test")).unwrap();
    e["layers"] = layers;
    e["assets"] = assets;
    e
}

/// A full-frame sticker of a solid red image.
fn red_sticker() -> (Value, Value) {
    (
        json!([{ "type": "sticker", "id": "red", "asset": "redImage",
                 "placement": { "relativeTo": "frame", "position": { "x": 0.5, "y": 0.5 }, "width": 3.0 } }]),
        json!([{ "type": "image", "id": "redImage", "path": "images/red.png" }]),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn photo_frames_arrive_with_tracking_the_overlay_and_hot_zones() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lucky-hat");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/lucky-hat"),
        &dir,
    );
    let effect: Value =
        serde_json::from_slice(&std::fs::read(dir.join("effect.json")).unwrap()).unwrap();
    // Rendered at 320x180, sent at half size; coordinates stay in output pixels.
    let o = PreviewOptions {
        shrink: 2,
        ..options(320, 180, true)
    };
    let (preview, rx) = start(&dir, &effect, face_photo(), o).unwrap();
    let (first, pixels) = next(&preview, &rx);
    assert_eq!(
        (
            first["width"].as_u64(),
            first["height"].as_u64(),
            first["shrink"].as_u64()
        ),
        (Some(160), Some(90), Some(2))
    );
    assert_eq!(pixels.len(), 160 * 90 * 4);
    assert_eq!(first["seq"], 1);
    assert_eq!(
        first["session"],
        preview.id(),
        "acknowledgements can name their preview"
    );
    let (info, _) = until(&preview, &rx, 3000, |i, _| {
        i["tracking"]["state"] == "running"
            && i["overlay"]["faces"]
                .as_array()
                .is_some_and(|f| !f.is_empty())
    });
    assert_eq!(
        info["overlay"]["faces"][0]["points"]
            .as_array()
            .unwrap()
            .len(),
        468 * 2
    );
    let anchors = info["overlay"]["faces"][0]["anchors"].as_array().unwrap();
    assert!(
        anchors.iter().any(|a| a["name"] == "forehead"),
        "{anchors:?}"
    );
    let zones = info["zones"].as_array().unwrap();
    assert!(
        zones.iter().any(|z| z["id"] == "hatProp"),
        "the hat is a hot-zone: {zones:?}"
    );
    // The overlay can be turned off.
    preview.set_overlay(false);
    until(&preview, &rx, 10, |i, _| i.get("overlay").is_none());
}

#[test]
fn a_reload_rebuilds_from_the_edited_document_and_a_bad_one_keeps_the_old_playing() {
    let (_tmp, dir) = project();
    file(&dir, "images/red.png", &png_red(8, 8, 250));
    let (preview, rx) = start(
        &dir,
        &starter(json!([]), json!([])),
        face_photo(),
        options(64, 64, false),
    )
    .unwrap();
    let red = |p: &[u8]| p[..4] == [250, 0, 0, 255];
    let (_, pixels) = next(&preview, &rx);
    assert!(!red(&pixels), "the photo first");

    let (layers, assets) = red_sticker();
    preview.reload(from_value(&starter(layers, assets.clone())).unwrap());
    until(&preview, &rx, 300, |i, p| {
        red(p) && i.get("problem").is_none()
    });

    let missing = json!([{ "type": "sticker", "id": "red", "asset": "nothing",
        "placement": { "relativeTo": "frame", "position": { "x": 0.5, "y": 0.5 }, "width": 1.0 } }]);
    preview.reload(from_value(&starter(missing, assets)).unwrap());
    let (info, pixels) = until(&preview, &rx, 300, |i, _| i.get("problem").is_some());
    let problem = info["problem"].as_str().unwrap();
    assert!(
        problem.contains("/layers/0") && problem.contains("nothing"),
        "{problem}"
    );
    assert!(red(&pixels), "the previous document keeps playing");
}

#[test]
fn a_script_hot_reloads_and_a_syntax_error_keeps_the_old_one_running() {
    let (_tmp, dir) = project();
    let js = "lantern.on('update', ({ frame }) => { if (frame % 3 === 0) console.log('version one'); });\n";
    file(&dir, "scripts/main.js", js.as_bytes());
    let mut effect = starter(
        json!([]),
        json!([{ "type": "script", "id": "main", "path": "scripts/main.js" }]),
    );
    effect["script"] = json!("main");
    let (preview, rx) = start(&dir, &effect, face_photo(), options(64, 64, false)).unwrap();
    let logs = |i: &Value| i["logs"].as_array().cloned().unwrap_or_default();
    let says = |i: &Value, what: &str| {
        logs(i)
            .iter()
            .any(|l| l["message"].as_str().unwrap_or("").contains(what))
    };
    until(&preview, &rx, 300, |i, _| says(i, "version one"));

    let sources = |text: &str| Sources::from([("scripts/main.js".to_owned(), text.to_owned())]);
    preview.reload_script(sources(&js.replace("version one", "version two")));
    until(&preview, &rx, 300, |i, _| says(i, "version two"));

    preview.reload_script(sources("lantern.on('update', () => { oops( ;\n"));
    let (info, _) = until(&preview, &rx, 300, |i, _| {
        logs(i).iter().any(|l| l["level"] == "error")
    });
    let error = logs(&info)
        .into_iter()
        .find(|l| l["level"] == "error")
        .unwrap();
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("previous script keeps running"),
        "{error}"
    );
    until(&preview, &rx, 300, |i, _| says(i, "version two"));
}

/// A real video file: `seconds` of FFmpeg's test pattern (a frame counter on it) at 20 fps.
pub(super) fn test_clip(dir: &Path, seconds: f32) -> PathBuf {
    let video = dir.join("clip.mp4");
    let made = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!("testsrc=size=96x64:rate=20:duration={seconds}"))
        .args(["-pix_fmt", "yuv420p", "-c:v", "libx264"])
        .arg(&video)
        .status()
        .expect("run ffmpeg (installed by scripts/setup.sh)");
    assert!(made.success());
    video
}

/// An empty effect over `video`.
pub(super) fn start_over_clip(
    dir: &Path,
    video: PathBuf,
    o: PreviewOptions,
) -> (Preview, Receiver<Vec<u8>>) {
    start(
        dir,
        &starter(json!([]), json!([])),
        PreviewSource::Video { path: video },
        o,
    )
    .unwrap()
}

#[test]
fn a_video_file_plays_and_loops() {
    let (tmp, dir) = project();
    // Half a second, 10 frames.
    let video = test_clip(tmp.path(), 0.5);
    let (preview, rx) = start_over_clip(&dir, video, options(64, 64, false));
    // More frames than the file has: it loops; the picture changes as it plays.
    let (_, first) = next(&preview, &rx);
    let mut changed = false;
    for _ in 0..25 {
        let (info, pixels) = next(&preview, &rx);
        assert_eq!(info["width"], 64);
        changed |= pixels != first;
    }
    assert!(changed, "the video moves");
}

#[test]
fn the_preview_stops_when_dropped_and_when_nobody_listens() {
    let (_tmp, dir) = project();
    let (preview, rx) = start_empty(&dir);
    next(&preview, &rx);
    drop(preview);
    // The thread ended and dropped its sink: the queue drains, then disconnects.
    while rx.recv_timeout(PATIENCE).is_ok() {}

    let (preview, rx) = start_empty(&dir);
    next(&preview, &rx);
    drop(rx);
    preview.ack(u64::MAX);
    for _ in 0..1200 {
        if !preview.is_running() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the preview kept running with nobody listening");
}

#[test]
fn a_webview_that_does_not_draw_gets_at_most_two_frames_ahead() {
    let (_tmp, dir) = project();
    let (preview, rx) = start_empty(&dir);
    for _ in 0..MAX_IN_FLIGHT {
        rx.recv_timeout(PATIENCE).unwrap();
    }
    // Well under the patience for lost acknowledgements: nothing more comes.
    assert_eq!(
        rx.recv_timeout(session::ACK_PATIENCE / 4).err(),
        Some(RecvTimeoutError::Timeout)
    );
    preview.ack(MAX_IN_FLIGHT);
    let (info, _) = decode(&rx.recv_timeout(PATIENCE).unwrap())
        .map(|(i, p)| (i, p.len()))
        .unwrap();
    assert_eq!(info["seq"], MAX_IN_FLIGHT + 1);
    assert!(
        info["skipped"].as_u64().unwrap() > 0,
        "frames that fell due meanwhile were skipped: {info}"
    );
    // Acknowledgements that never come (lost messages) slow the preview, never stop it.
    for seq in MAX_IN_FLIGHT + 2..=MAX_IN_FLIGHT * 2 + 1 {
        let (info, _) = decode(&rx.recv_timeout(PATIENCE).unwrap())
            .map(|(i, p)| (i, p.len()))
            .unwrap();
        assert_eq!(info["seq"], seq);
    }
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let (_tmp, dir) = project();
    let doc = || starter(json!([]), json!([]));
    let fail = |effect: Value, source: PreviewSource, o: PreviewOptions| {
        start(&dir, &effect, source, o).err().expect("an error")
    };
    let corrupt = file(&dir, "../corrupt.png", b"\x89PNG\r\n\x1a\nnot really a png");
    let e = fail(
        doc(),
        PreviewSource::Photo {
            path: corrupt.clone(),
        },
        options(64, 64, false),
    );
    assert_eq!(e.code, ErrorCode::Source, "{e}");
    assert!(e.message.contains("corrupt.png"), "{e}");

    let e = fail(
        doc(),
        PreviewSource::Photo {
            path: dir.join("nope.jpg"),
        },
        options(64, 64, false),
    );
    assert_eq!(e.code, ErrorCode::Source, "{e}");
    let e = fail(
        doc(),
        PreviewSource::Video { path: corrupt },
        options(64, 64, false),
    );
    assert_eq!(e.code, ErrorCode::Source, "{e}");

    if lantern_engine::media::source::camera::list_cameras()
        .unwrap()
        .is_empty()
    {
        let e = fail(
            doc(),
            PreviewSource::Camera { device: "0".into() },
            options(64, 64, false),
        );
        assert_eq!(e.code, ErrorCode::Source);
        assert!(e.message.contains("no camera found"), "{e}");
    }
    let e = fail(doc(), face_photo(), options(63, 64, false));
    assert_eq!(e.code, ErrorCode::Preview, "{e}");

    let missing = json!([{ "type": "sticker", "id": "s", "asset": "ghost",
        "placement": { "relativeTo": "frame", "position": { "x": 0.5, "y": 0.5 }, "width": 1.0 } }]);
    let e = fail(
        starter(missing, json!([])),
        face_photo(),
        options(64, 64, false),
    );
    assert_eq!(e.code, ErrorCode::Invalid, "{e}");
    assert!(e.message.contains("ghost"), "{e}");
}

#[test]
fn a_background_layer_replaces_what_is_not_the_person_in_the_preview() {
    let (_tmp, dir) = project();
    file(&dir, "images/red.png", &png_red(8, 8, 250));
    let effect = starter(
        json!([{ "type": "background", "id": "bg", "mode": { "replace": { "asset": "redImage" } } }]),
        json!([{ "type": "image", "id": "redImage", "path": "images/red.png" }]),
    );
    let (preview, rx) = start(&dir, &effect, face_photo(), options(128, 128, false)).unwrap();
    let px = |p: &[u8], x: usize, y: usize| {
        let i = (y * 128 + x) * 4;
        [p[i], p[i + 1], p[i + 2]]
    };
    let is_red = |c: [u8; 3]| c[0] > 200 && c[1] < 40 && c[2] < 40;
    // Once the tracker's mask arrives: a top corner (background) is the red image, the middle
    // of the portrait (the person) is still the photo.
    let (_, pixels) = until(&preview, &rx, 3000, |i, p| {
        i["tracking"]["state"] == "running" && is_red(px(p, 2, 2))
    });
    assert!(
        !is_red(px(&pixels, 64, 64)),
        "the person is kept: {:?}",
        px(&pixels, 64, 64)
    );
    // The photo's one mask keeps applying on the frames after it.
    for _ in 0..5 {
        let (_, pixels) = next(&preview, &rx);
        assert!(is_red(px(&pixels, 2, 2)), "{:?}", px(&pixels, 2, 2));
    }
}
