//! The preview's video transport, screenshots and recordings, for real: a video file made by
//! FFmpeg, lavapipe rendering, files read back with `image` and ffprobe.

use std::path::Path;

use serde_json::Value;

use super::tests::{PATIENCE, next, options, start_over_clip, test_clip, until};
use super::*;
use crate::project::test_support::project;

fn clip(info: &Value) -> &Value {
    info.get("clip")
        .expect("a video frame's header has the clip's state")
}

fn position(info: &Value) -> f64 {
    clip(info)["positionMs"].as_f64().unwrap()
}

#[test]
fn the_video_transport_pauses_seeks_and_stops_at_the_end_without_looping() {
    let (tmp, dir) = project();
    let video = test_clip(tmp.path(), 2.0);
    let (preview, rx) = start_over_clip(&dir, video, options(64, 64, false));
    let (first, _) = next(&preview, &rx);
    let length = clip(&first)["durationMs"].as_f64().unwrap();
    assert!((1900.0..=2100.0).contains(&length), "length {length}");
    assert_eq!(clip(&first)["playing"], true);
    assert_eq!(clip(&first)["looping"], true);

    // Paused: the picture and the position hold while frames keep coming.
    preview.transport(TransportRequest {
        playing: Some(false),
        ..TransportRequest::default()
    });
    let (held, held_pixels) = until(&preview, &rx, 30, |i, _| clip(i)["playing"] == false);
    for _ in 0..5 {
        let (info, pixels) = next(&preview, &rx);
        assert_eq!(clip(&info)["positionMs"], clip(&held)["positionMs"]);
        assert!(pixels == held_pixels, "a paused clip holds its picture");
    }

    // Scrubbed while paused: the picture at 1.5 s, still paused.
    preview.transport(TransportRequest {
        seek_ms: Some(1500.0),
        ..TransportRequest::default()
    });
    let (at, _) = until(&preview, &rx, 30, |i, _| position(i) >= 1400.0);
    assert!(position(&at) <= 1500.0 && clip(&at)["playing"] == false);

    // Played without looping: it stops at its end, then Play starts it over.
    preview.transport(TransportRequest {
        playing: Some(true),
        looping: Some(false),
        ..TransportRequest::default()
    });
    let (end, _) = until(&preview, &rx, 200, |i, _| clip(i)["playing"] == false);
    assert!(
        position(&end) >= length - 100.0,
        "stopped at {} ms",
        position(&end)
    );
    preview.transport(TransportRequest {
        playing: Some(true),
        ..TransportRequest::default()
    });
    let (again, _) = until(&preview, &rx, 30, |i, _| clip(i)["playing"] == true);
    assert!(
        position(&again) < 1000.0,
        "started over: at {} ms",
        position(&again)
    );
}

fn probe_video(path: &Path) -> String {
    let out = std::process::Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-count_frames"])
        .args([
            "-show_entries",
            "stream=codec_name,width,height,nb_read_frames",
        ])
        .args(["-of", "csv=p=0"])
        .arg(path)
        .output()
        .expect("run ffprobe (installed by scripts/setup.sh)");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn screenshots_and_recordings_are_written_at_the_full_output_size() {
    let (tmp, dir) = project();
    let video = test_clip(tmp.path(), 1.0);
    let mut o = options(64, 48, false);
    o.shrink = 2;
    let (preview, rx) = start_over_clip(&dir, video, o);
    let (first, _) = next(&preview, &rx);
    assert_eq!(
        (first["width"].as_u64(), first["height"].as_u64()),
        (Some(32), Some(24))
    );

    // Answered on another thread while this one keeps drawing (acknowledging) frames.
    let shot = tmp.path().join("shot.png");
    let answer = preview.capture(Capture::Snapshot(shot.clone())).unwrap();
    next(&preview, &rx);
    let captured = answer.recv_timeout(PATIENCE).unwrap().unwrap();
    assert_eq!((captured.width, captured.height), (64, 48));
    assert_eq!(image::image_dimensions(&shot).unwrap(), (64, 48));

    let movie = tmp.path().join("take.mp4");
    let started = preview
        .capture(Capture::StartRecording(movie.clone()))
        .unwrap();
    next(&preview, &rx);
    started.recv_timeout(PATIENCE).unwrap().unwrap();
    let (recording, _) = until(&preview, &rx, 60, |i, _| {
        i["recording"]["seconds"].as_f64().is_some_and(|s| s >= 0.5)
    });
    assert_eq!(recording["recording"]["path"], movie.display().to_string());
    let stopped = preview.capture(Capture::StopRecording).unwrap();
    next(&preview, &rx);
    let done = stopped.recv_timeout(PATIENCE).unwrap().unwrap();
    assert!(done.frames >= 5, "{done:?}");
    let (after, _) = next(&preview, &rx);
    assert!(after.get("recording").is_none());
    let probed = probe_video(&movie);
    assert!(probed.starts_with("h264,64,48,"), "{probed}");
    assert_eq!(probed.rsplit(',').next().unwrap(), done.frames.to_string());
}

#[test]
fn a_capture_with_a_bad_destination_is_refused_before_anything_renders() {
    let bad = [
        Capture::Snapshot("/tmp/shot.jpg".into()),
        Capture::StartRecording("/tmp/take.gif".into()),
        Capture::Snapshot("/no/such/folder/shot.png".into()),
    ];
    let messages: Vec<String> = bad
        .iter()
        .map(|c| capture::check_destination(c).unwrap_err().message)
        .collect();
    assert!(messages[0].contains(".png"), "{}", messages[0]);
    assert!(messages[1].contains(".mp4"), "{}", messages[1]);
    assert!(messages[2].contains("no such folder"), "{}", messages[2]);
}
