//! A recording with sound: the cue given with a frame is heard from that frame's time.

use lantern_media::source::{AudioSource, FileAudio};

use super::*;

#[test]
fn a_recording_with_sound_hears_each_cue_from_its_frames_time() {
    let path = std::env::temp_dir().join(format!("lantern-record-{}.mp4", std::process::id()));
    let mut click = vec![0.0f32; 4800 * 2];
    click[..960].fill(0.5); // 10 ms at half scale, both channels
    let bank = Arc::new(SoundBank::from_clips([("click".to_owned(), click)], None));
    let mut rec = Recorder::start_with_sound(&path, 64, 64, 30, bank).unwrap();
    let grey = vec![128u8; 64 * 64 * 4];
    for n in 0..30i64 {
        let cues = if n == 10 {
            vec![SoundCue::Play {
                sound: "click".into(),
                volume: 1.0,
                looping: false,
            }]
        } else {
            Vec::new()
        };
        // A caller's clock that does not start at 0.
        rec.push_with_sounds(&grey, 64, 64, 5000 + n * 1000 / 30, &cues);
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let done = rec.finish().unwrap();
    assert_eq!((done.frames, done.dropped), (30, 0));
    let samples = FileAudio::open(&path, 48_000, 1)
        .unwrap()
        .read(48_000)
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let onset = samples.iter().position(|s| s.abs() > 0.1).unwrap();
    // Frame 10 is at 333 ms; AAC's own delay is trimmed by the MP4's edit list.
    let at = onset as f64 / 48.0;
    assert!((at - 333.0).abs() < 5.0, "heard at {at:.1} ms");
}
