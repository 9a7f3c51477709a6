//! `lantern track` on a video file: one JSON tracking frame per video frame with a stable face
//! id, an overlay video, and clear errors for bad input.

mod push_common;

use lantern_integration_tests::lantern;
use push_common::{ffprobe, photo_clip};

#[test]
fn a_video_is_tracked_frame_by_frame_with_an_overlay_video() {
    let dir = tempfile::tempdir().unwrap();
    let clip = photo_clip(dir.path(), 1);
    let overlay = dir.path().join("overlay.mp4");
    let (ok, out, err) = lantern(&[
        "track",
        "--input",
        clip.to_str().unwrap(),
        "--json",
        "--frames",
        "20",
        "--overlay",
        overlay.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let frames: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(frames.len(), 20, "{out}");
    let ids: Vec<u64> = frames
        .iter()
        .map(|f| {
            let faces = f["faces"].as_array().expect("faces");
            assert_eq!(faces.len(), 1, "{f}");
            faces[0]["id"].as_u64().expect("id")
        })
        .collect();
    assert!(ids.iter().all(|&id| id == ids[0]), "ids {ids:?}");
    assert_eq!(frames[19]["frame"], 19);
    let probe = ffprobe(&overlay);
    let v = &probe["streams"][0];
    assert_eq!(v["codec_name"], "h264", "{probe}");
    assert_eq!(v["width"], 1280);
    assert_eq!(v["nb_read_frames"], "20", "{probe}");
}

#[test]
fn bad_inputs_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = lantern(&["track", "--input", "/nonexistent/clip.mp4"]);
    assert!(!ok);
    assert!(err.contains("does not exist"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let broken = dir.path().join("broken.mp4");
    std::fs::write(&broken, b"not a video").unwrap();
    let (ok, _, err) = lantern(&["track", "--input", broken.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("broken.mp4"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
