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
fn video_file_seeks_reports_its_position_and_ends_without_looping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.mp4");
    common::push_pattern(&Target::File(path.clone()));
    let mut src = VideoFile::open(&path, Some((320, 180))).unwrap();
    let length = src.duration_ms().expect("an MP4 knows its length");
    assert!((2900..=3200).contains(&length), "length {length} ms");
    src.seek(1500).unwrap();
    let f = src
        .advance_to(1500)
        .unwrap()
        .expect("the frame shown at 1.5 s");
    let at = src.position_ms();
    assert!(
        (1400..=1500).contains(&at),
        "after a seek to 1500 ms: at {at} ms"
    );
    assert!(f.pts_ms <= 1500);
    // Past the end without looping: the last frame, then nothing new, and the file says so.
    assert!(src.advance_to(60_000).unwrap().is_some());
    assert!(src.ended() && src.position_ms() >= length - 100);
    assert!(src.advance_to(70_000).unwrap().is_none());
    // Back to the start: it plays again, and looping turned on while playing wraps around.
    src.seek(0).unwrap();
    src.set_looping(true);
    assert!(!src.ended());
    src.advance_to(0).unwrap().expect("the first frame");
    assert_eq!(src.position_ms(), 0);
    src.advance_to(length + 500)
        .unwrap()
        .expect("a frame of the second loop");
    assert!(
        src.position_ms() < 1000,
        "wrapped around: at {} ms",
        src.position_ms()
    );
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
