//! Going live for real: the engine's push pipeline (lavapipe, libx264, AAC) into an `.flv` file
//! and into a private nginx-rtmp on 127.0.0.1, checked with ffprobe and the SEI reader behind
//! `lantern probe`; and every way it can refuse to start, as readable `IpcError`s.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use lantern_engine::media::probe::Probe;
use lantern_testing::RtmpServer;
use serde_json::{Value, json};

use super::*;
use crate::preview::decode;
use crate::project::document::from_value;
use crate::project::test_support::{file, png_red, project};

/// Longer than anything here could take; a test never waits forever.
const PATIENCE: Duration = Duration::from_mins(2);

struct Queue<T>(SyncSender<T>);

impl EventSink for Queue<LiveEvent> {
    fn send(&self, event: LiveEvent) -> bool {
        // A full queue (nobody reading) drops the event: the test reads what it needs.
        let _ = self.0.try_send(event);
        true
    }
}

impl FrameSink for Queue<Vec<u8>> {
    fn send(&self, message: Vec<u8>) -> bool {
        let _ = self.0.try_send(message);
        true
    }
}

struct Started {
    live: Live,
    events: Receiver<LiveEvent>,
    frames: Receiver<Vec<u8>>,
}

fn go_live(
    dir: &Path,
    effect: &Value,
    source: Option<&PreviewSource>,
    url: &str,
    key: &str,
    options: &LiveOptions,
) -> Result<Started, IpcError> {
    let (etx, events) = sync_channel(1024);
    let (ftx, frames) = sync_channel(4);
    let target = LiveTarget {
        url: url.to_owned(),
        key: key.to_owned(),
    };
    let (live, ready) = Live::spawn(
        dir,
        &from_value(effect)?,
        source,
        &target,
        options,
        Box::new(Queue(etx)),
        Box::new(Queue(ftx)),
    )?;
    Live::wait(&ready)?;
    Ok(Started {
        live,
        events,
        frames,
    })
}

fn options(width: u32, height: u32) -> LiveOptions {
    LiveOptions {
        width,
        height,
        fps: 30,
        video_kbps: 1500,
        gameplay: true,
    }
}

fn face_photo() -> PreviewSource {
    PreviewSource::Photo {
        path: lantern_engine::track::photos::media_dir()
            .expect("the shared test photos ($LANTERN_MEDIA or shared/media)")
            .join("keijiro_pexels-tim-douglas-6567248.jpg"),
    }
}

/// A full-frame red sticker that is also a hot-zone.
fn red_effect(dir: &Path) -> Value {
    file(dir, "images/red.png", &png_red(8, 8, 200));
    let mut e = serde_json::to_value(crate::project::document::starter("Test")).unwrap();
    e["assets"] = json!([{ "type": "image", "id": "redImage", "path": "images/red.png" }]);
    e["layers"] = json!([{ "type": "sticker", "id": "red", "asset": "redImage",
        "placement": { "relativeTo": "frame", "position": { "x": 0.5, "y": 0.5 }, "width": 0.5 },
        "hotZone": { "kind": "banner", "payload": { "label": "Red" } } }]);
    e
}

/// Events until one matches (at most `limit` of them).
fn until_event(rx: &Receiver<LiveEvent>, mut done: impl FnMut(&LiveEvent) -> bool) -> LiveEvent {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Ok(e) = rx.recv_timeout(Duration::from_millis(200))
            && done(&e)
        {
            return e;
        }
    }
    panic!("no such event in time");
}

fn state_of(e: &LiveEvent) -> Option<LiveState> {
    match e {
        LiveEvent::Status { state, .. } => Some(*state),
        LiveEvent::Stats { .. } => None,
    }
}

/// The next preview frame of the push; acknowledges it like the webview does.
fn next_frame(s: &Started) -> (Value, Vec<u8>) {
    let bytes = s.frames.recv_timeout(PATIENCE).expect("a preview frame");
    let (info, pixels) = decode(&bytes).expect("an LPV1 message");
    s.live.ack(info["seq"].as_u64().unwrap());
    (info, pixels.to_vec())
}

fn ffprobe_codecs(path: &str) -> Vec<String> {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-show_streams", "-of", "json", path])
        .output()
        .expect("run ffprobe");
    assert!(
        out.status.success(),
        "ffprobe {path}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut codecs: Vec<String> = v["streams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["codec_name"].as_str().unwrap_or("").to_owned())
        .collect();
    codecs.sort();
    codecs
}

/// Every video frame's SEI, as `lantern probe` reads them.
fn sei_frames(path: &Path) -> Vec<lantern_engine::media::probe::ProbeFrame> {
    let mut probe = Probe::open(&path.display().to_string(), Duration::from_secs(10)).unwrap();
    let mut frames = Vec::new();
    while let Some(f) = probe.next_frame().unwrap() {
        frames.push(f);
    }
    frames
}

/// All the events left in the queue, as JSON text (to look for the key in).
fn drain_text(rx: &Receiver<LiveEvent>) -> String {
    rx.try_iter()
        .map(|e| serde_json::to_string(&e).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Goes live with `effect` into `<tmp>/out.flv` at 320x180.
fn live_to_file(
    tmp: &Path,
    dir: &Path,
    effect: &Value,
    source: Option<&PreviewSource>,
) -> (Started, PathBuf) {
    let out = tmp.join("out.flv");
    let s = go_live(
        dir,
        effect,
        source,
        &out.display().to_string(),
        "",
        &options(320, 180),
    );
    (s.unwrap(), out)
}

#[test]
fn pushes_the_edited_effect_into_a_file_with_sei_and_shows_its_frames() {
    let (tmp, dir) = project();
    let effect = red_effect(&dir);
    let (s, out) = live_to_file(tmp.path(), &dir, &effect, Some(&face_photo()));
    // The preview panel's frames are the push's: small, with the zones in output pixels.
    let (info, pixels) = next_frame(&s);
    assert_eq!(info["session"].as_u64(), Some(s.live.id()));
    let (w, h) = (
        info["width"].as_u64().unwrap(),
        info["height"].as_u64().unwrap(),
    );
    assert_eq!(pixels.len() as u64, w * h * 4);
    assert_eq!(info["zones"][0]["id"], "red", "{info}");
    let centre = ((h / 2 * w + w / 2) * 4) as usize;
    assert!(
        pixels[centre] > 150 && pixels[centre + 1] < 80,
        "the red sticker shows"
    );
    for _ in 0..20 {
        next_frame(&s);
    }
    let stats = until_event(&s.events, |e| matches!(e, LiveEvent::Stats { .. }));
    let LiveEvent::Stats { stats } = stats else {
        unreachable!()
    };
    assert!(
        stats.frames_sent > 0 && stats.first_packet_ms.is_some(),
        "{stats:?}"
    );
    s.live.stop();
    let ended = until_event(&s.events, |e| {
        matches!(state_of(e), Some(LiveState::Ended | LiveState::Failed))
    });
    assert_eq!(state_of(&ended), Some(LiveState::Ended), "{ended:?}");
    drop(s);
    assert_eq!(ffprobe_codecs(&out.display().to_string()), ["aac", "h264"]);
    let frames = sei_frames(&out);
    assert!(frames.len() >= 20, "{} frames", frames.len());
    assert!(
        frames.iter().all(|f| f.sei.is_some()),
        "every frame carries the SEI"
    );
    let zones = &frames[0].sei.as_ref().unwrap().zones;
    assert_eq!(zones[0].id, "red");
}

#[test]
fn goes_live_to_nginx_rtmp_with_the_key_masked_and_stops_cleanly() {
    let server = RtmpServer::start().expect("nginx with libnginx-mod-rtmp (scripts/setup.sh)");
    let key = "sk_live_9f8e7d6c";
    let (tmp, dir) = project();
    let effect = red_effect(&dir);
    let clicked = Instant::now();
    let s = go_live(
        &dir,
        &effect,
        Some(&face_photo()),
        &server.url(),
        key,
        &options(640, 360),
    )
    .unwrap();
    let live_after = clicked.elapsed();
    assert_eq!(s.live.url(), format!("{}/••••", server.url()));
    let mut first_packet = None;
    let mut fps = 0.0;
    let mut preview_fps = 0.0_f32;
    // About three seconds live, drawing the preview frames as the webview would.
    let until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < until {
        next_frame(&s);
        for e in s.events.try_iter() {
            if let LiveEvent::Stats { stats } = e {
                first_packet = first_packet.or(stats.first_packet_ms);
                fps = stats.fps_out;
                preview_fps = stats.preview_fps;
            }
        }
    }
    s.live.stop();
    let ended = until_event(&s.events, |e| {
        matches!(state_of(e), Some(LiveState::Ended | LiveState::Failed))
    });
    assert_eq!(state_of(&ended), Some(LiveState::Ended), "{ended:?}");
    let rest = drain_text(&s.events);
    drop(s);
    assert!(
        !rest.contains(key) && !format!("{ended:?}").contains(key),
        "the key leaked: {rest}"
    );
    let recording = server.wait_recording(key, Duration::from_secs(20)).unwrap();
    assert_eq!(
        ffprobe_codecs(&recording.display().to_string()),
        ["aac", "h264"]
    );
    let frames = sei_frames(&recording);
    assert!(frames.len() >= 30, "{} frames recorded", frames.len());
    assert!(frames.iter().all(|f| f.sei.is_some()));
    println!(
        "go live → RTMP at 640x360: live after {:.0} ms, first packet written {:.0} ms after the \
         click, {fps:.1} fps out, preview {preview_fps:.0} fps, {} frames recorded",
        live_after.as_secs_f64() * 1000.0,
        first_packet.unwrap_or(f64::NAN),
        frames.len()
    );
    drop(tmp);
}

#[test]
fn unreachable_servers_and_refused_streams_are_readable_errors() {
    let (_tmp, dir) = project();
    let effect = red_effect(&dir);
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("rtmp://127.0.0.1:{closed}/live");
    let err = go_live(&dir, &effect, None, &url, "secretkey123", &options(64, 64))
        .err()
        .expect("nothing listens there");
    assert_eq!(err.code, ErrorCode::Live);
    assert!(err.message.contains("cannot reach"), "{}", err.message);
    assert!(!err.message.contains("secretkey123"), "{}", err.message);
    // nginx answers, but has no such application: the stream is refused.
    let server = RtmpServer::start().expect("nginx with libnginx-mod-rtmp");
    let wrong_app = server.url().replace("/live", "/nosuchapp");
    let err = go_live(
        &dir,
        &effect,
        None,
        &wrong_app,
        "secretkey123",
        &options(64, 64),
    )
    .err()
    .expect("nginx refuses an unknown app");
    assert_eq!(err.code, ErrorCode::Live, "{}", err.message);
    assert!(!err.message.contains("secretkey123"), "{}", err.message);
    println!("refused: {}", err.message);
    for (url, key, says) in [
        ("http://example.com/live", "k", "not an RTMP URL"),
        ("", "k", "no server URL"),
        ("out.flv", "k", "a stream key only goes with a server"),
        ("out.txt", "", "neither an rtmp:// URL"),
    ] {
        let err = go_live(&dir, &effect, None, url, key, &options(64, 64))
            .err()
            .unwrap();
        assert_eq!(err.code, ErrorCode::Live);
        assert!(err.message.contains(says), "{url}: {}", err.message);
    }
    let mut bad = options(64, 64);
    bad.video_kbps = 5;
    let err = go_live(&dir, &effect, None, "x.flv", "", &bad)
        .err()
        .unwrap();
    assert!(err.message.contains("kbit/s"), "{}", err.message);
}

#[test]
fn an_invalid_document_does_not_go_live() {
    let (tmp, dir) = project();
    let mut effect = red_effect(&dir);
    effect["layers"][0]["asset"] = json!("missing");
    let out: PathBuf = tmp.path().join("never.flv");
    let err = go_live(
        &dir,
        &effect,
        None,
        &out.display().to_string(),
        "",
        &options(64, 64),
    )
    .err()
    .expect("a layer points at a missing asset");
    assert_eq!(err.code, ErrorCode::Invalid, "{}", err.message);
    assert!(
        err.message.contains("not going live") && err.message.contains("/layers/0"),
        "{}",
        err.message
    );
    assert!(!out.exists(), "nothing started");
    // A missing photo is the input's error, after the effect checked out.
    let err = go_live(
        &dir,
        &red_effect(&dir),
        Some(&PreviewSource::Photo {
            path: tmp.path().join("gone.jpg"),
        }),
        &out.display().to_string(),
        "",
        &options(64, 64),
    )
    .err()
    .unwrap();
    assert!(err.message.contains("gone.jpg"), "{err:?}");
}

#[test]
fn edits_while_live_reach_the_stream_without_a_reconnect_and_a_bad_one_is_refused() {
    let (tmp, dir) = project();
    let effect = red_effect(&dir);
    let (s, out) = live_to_file(tmp.path(), &dir, &effect, None);
    for _ in 0..10 {
        next_frame(&s);
    }
    // The layer renamed: its hot-zone takes the new name in the stream.
    let mut edited = effect.clone();
    edited["layers"][0]["id"] = json!("crimson");
    let package = edited_package(&dir, &from_value(&edited).unwrap(), "not applied").unwrap();
    s.live.switch_effect(package).unwrap();
    let mut waited = 0;
    while next_frame(&s).0["zones"][0]["id"] != "crimson" {
        waited += 1;
        assert!(waited < 60, "the edit never reached the stream");
    }
    // An edit naming a missing file is refused before it reaches the stream, which goes on.
    let mut broken = edited.clone();
    broken["assets"][0]["path"] = json!("images/missing.png");
    let refused = edited_package(
        &dir,
        &from_value(&broken).unwrap(),
        "not applied to the stream",
    )
    .unwrap_err();
    assert!(
        refused.message.starts_with("not applied to the stream"),
        "{}",
        refused.message
    );
    for _ in 0..10 {
        assert_eq!(next_frame(&s).0["zones"][0]["id"], "crimson");
    }
    s.live.stop();
    until_event(&s.events, |e| {
        matches!(state_of(e), Some(LiveState::Ended | LiveState::Failed))
    });
    drop(s);
    // One stream: the zones turn from the old name to the new one once, and every frame has them.
    let names: Vec<String> = sei_frames(&out)
        .iter()
        .map(|f| {
            f.sei.as_ref().expect("every frame carries the SEI").zones[0]
                .id
                .clone()
        })
        .collect();
    let first_new = names
        .iter()
        .position(|n| n == "crimson")
        .expect("the edit in the stream");
    assert!(first_new >= 10, "{names:?}");
    assert!(names[..first_new].iter().all(|n| n == "red"));
    assert!(names[first_new..].iter().all(|n| n == "crimson"));
}
