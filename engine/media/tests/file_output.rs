//! Encodes to .flv and .mp4 files and reads them back (probe, ffprobe, showinfo); bad settings
//! and bad frames are errors, not panics.

mod common;

use lantern_media::source::{StillImage, TestPattern, VideoFile, VideoSource};
use lantern_media::{Encoder, EncoderConfig, MediaError, Target, VideoFrame};

#[test]
fn flv_and_mp4_files_carry_sei_on_every_frame() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["flv", "mp4"] {
        let path = dir.path().join(format!("out.{ext}"));
        common::push_pattern(&Target::File(path.clone()));
        common::check_streams(&path);
        common::check_probe(path.to_str().unwrap());
        common::check_showinfo(&path);
    }
}

#[test]
fn video_file_source_decodes_and_loops() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.mp4");
    common::push_pattern(&Target::File(path.clone()));
    let mut src = VideoFile::open(&path, Some((320, 180)))
        .unwrap()
        .looping(true);
    let mut last = -1;
    let first = src.next_frame().unwrap().unwrap();
    for _ in 1..(common::FRAMES * 2 + 5) {
        let f = src.next_frame().unwrap().unwrap();
        assert_eq!((f.width, f.height, f.data.len()), (320, 180, 320 * 180 * 4));
        assert!(f.pts_ms > last, "pts must keep increasing across loops");
        last = f.pts_ms;
    }
    assert!(last >= 2 * 3000, "looped twice: last pts {last}");
    // Deterministic input: the first frame of each loop decodes the same.
    assert_eq!(first.data.len(), 320 * 180 * 4);
    let once = VideoFile::open(&path, None).unwrap();
    assert_eq!(once.size(), (common::W, common::H));
}

#[test]
fn still_image_source_repeats() {
    let path = std::path::Path::new("/work/shared/media/skimage_astronaut.png");
    let mut src = StillImage::open(path, Some((256, 144)), 30).unwrap();
    let a = src.next_frame().unwrap().unwrap();
    let b = src.next_frame().unwrap().unwrap();
    assert_eq!(a.data, b.data);
    assert_eq!((a.pts_ms, b.pts_ms), (0, 33));
    let err = StillImage::open(std::path::Path::new("/nonexistent.png"), None, 30).unwrap_err();
    assert!(err.to_string().contains("/nonexistent.png"), "{err}");
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let target = Target::File(dir.path().join("bad.flv"));
    let err = Encoder::open(
        &target,
        &EncoderConfig {
            preset: "warp".to_owned(),
            ..common::config()
        },
    );
    assert!(matches!(
        err,
        Err(MediaError::Config {
            field: "preset",
            ..
        })
    ));
    let missing = Target::File(dir.path().join("no/such/dir/x.flv"));
    assert!(Encoder::open(&missing, &common::config()).is_err());

    let mut enc = Encoder::open(&target, &common::config()).unwrap();
    let short = vec![0u8; 100];
    let err = enc
        .push_video(&VideoFrame::rgba(640, 360, &short), 0, None, &[])
        .unwrap_err();
    assert!(matches!(err, MediaError::InvalidInput { .. }), "{err}");
    let f = TestPattern::new(640, 360, 30).frame(0);
    enc.push_video(&f.view(), 0, None, &[]).unwrap();
    assert!(
        enc.push_video(&f.view(), 0, None, &[]).is_err(),
        "pts must increase"
    );
    assert!(
        enc.push_audio(&[0.0; 3]).is_err(),
        "odd sample count for stereo"
    );
    // A different input size is scaled to the output size.
    let small = TestPattern::new(320, 180, 30).frame(1);
    enc.push_video(&small.view(), 40, None, &[]).unwrap();
    enc.finish().unwrap();

    let garbage = dir.path().join("garbage.mp4");
    std::fs::write(&garbage, b"not a video at all").unwrap();
    assert!(VideoFile::open(&garbage, None).is_err());
    assert!(
        lantern_media::probe::Probe::open(
            garbage.to_str().unwrap(),
            std::time::Duration::from_secs(1)
        )
        .is_err()
    );
}

#[test]
fn no_camera_is_a_clean_error() {
    let cams = lantern_media::source::camera::list_cameras().unwrap();
    if cams.is_empty() {
        let err = lantern_media::source::camera::Camera::open("0", None)
            .err()
            .unwrap();
        assert!(err.to_string().contains("lantern devices"), "{err}");
    }
    assert!(lantern_media::source::camera::Camera::open("no-such-camera-name", None).is_err());
}
