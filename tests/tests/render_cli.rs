//! `lantern render` end to end: PNG and video outputs, the hot-zone log, and bad input that must
//! end in a one-line error naming the problem — never a panic.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use lantern_integration_tests::{lantern, repo_root};

fn media(name: &str) -> String {
    lantern_engine::track::photos::media_dir()
        .unwrap()
        .join(name)
        .display()
        .to_string()
}

#[test]
fn renders_a_png_and_a_video_with_hot_zones() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo_root().join("examples/lucky-hat");
    let tape = example.join("tapes/screenshot.jsonl");
    let photo = media("keijiro_pexels-dinielle-de-veyra-4195444.jpg");
    let png = dir.path().join("out.png");
    let zones = dir.path().join("zones.jsonl");
    let (ok, _, err) = lantern(&[
        "render",
        "--effect",
        example.to_str().unwrap(),
        "--input",
        &photo,
        "--tracking",
        tape.to_str().unwrap(),
        "--size",
        "640x360",
        "--frames",
        "3",
        "--output",
        png.to_str().unwrap(),
        "--hotzones",
        zones.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let img = image::open(&png).unwrap();
    assert_eq!((img.width(), img.height()), (640, 360));
    let lines: Vec<String> = std::fs::read_to_string(&zones)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[2].contains("\"banner\""), "{}", lines[2]);

    let mp4 = dir.path().join("out.mp4");
    let (ok, _, err) = lantern(&[
        "render",
        "--effect",
        example.to_str().unwrap(),
        "--input",
        &photo,
        "--no-tracking",
        "--size",
        "320x180",
        "--frames",
        "12",
        "--output",
        mp4.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let probe = std::process::Command::new("ffprobe")
        .args(["-v", "error", "-count_frames", "-select_streams", "v:0"])
        .args([
            "-show_entries",
            "stream=codec_name,width,height,nb_read_frames",
        ])
        .args(["-of", "csv=p=0"])
        .arg(&mp4)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&probe.stdout);
    assert_eq!(out.trim(), "h264,320,180,12", "ffprobe: {out}");
    // The SEI hot-zones are in the file: the reference parser reads them back.
    let (ok, out, err) = lantern(&["probe", mp4.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(
        out.lines().filter(|l| l.contains("\"banner\"")).count(),
        12,
        "{out}"
    );
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.png");
    let example = repo_root().join("examples/lucky-hat");
    let run = |effect: &str, input: &str, extra: &[&str]| {
        let mut args = vec![
            "render",
            "--effect",
            effect,
            "--input",
            input,
            "--output",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let (ok, _, err) = lantern(&args);
        assert!(!ok, "should fail: {args:?}");
        assert!(!err.contains("panicked"), "{err}");
        err
    };
    let err = run(example.to_str().unwrap(), "/nonexistent/photo.jpg", &[]);
    assert!(err.contains("/nonexistent/photo.jpg"), "{err}");
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(broken.join("effect.json"), "{ not json").unwrap();
    let photo = media("skimage_astronaut.png");
    let err = run(broken.to_str().unwrap(), &photo, &[]);
    assert!(err.contains("effect.json"), "{err}");
    let err = run(example.to_str().unwrap(), &photo, &["--size", "641x360"]);
    assert!(err.contains("even"), "{err}");
    let bad_tape = dir.path().join("t.jsonl");
    std::fs::write(&bad_tape, "{\"frame\": 0}\nnot a frame\n").unwrap();
    let err = run(
        example.to_str().unwrap(),
        &photo,
        &["--tracking", bad_tape.to_str().unwrap()],
    );
    assert!(
        err.contains("t.jsonl:1") || err.contains("t.jsonl:2"),
        "{err}"
    );
}
