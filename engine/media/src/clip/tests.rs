//! Whole-file decoding: the four formats effects use, and hostile files refused fast by name.
//! Fixtures are made at test time with the `ffmpeg` command (lavfi sources).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::*;

/// Runs `ffmpeg` with `args` (lavfi in, `out` in `dir`); the file's bytes.
fn ffmpeg(dir: &Path, out: &str, args: &[&str]) -> Vec<u8> {
    let path = dir.join(out);
    let status = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y"])
        .args(args)
        .arg(&path)
        .status()
        .expect("ffmpeg runs (scripts/setup.sh installs it)");
    assert!(status.success(), "ffmpeg {args:?}");
    std::fs::read(path).unwrap()
}

/// A 1.5 s 440 Hz tone at 44.1 kHz stereo, encoded with `codec`.
fn tone(dir: &Path, out: &str, codec: &str) -> Vec<u8> {
    ffmpeg(
        dir,
        out,
        &[
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=1.5:sample_rate=44100",
            "-ac",
            "2",
            "-c:a",
            codec,
        ],
    )
}

/// A WAV header (8 kHz mono 8-bit) whose data chunk declares `declared` bytes, followed by
/// `present` bytes of silence.
fn wav(declared: u32, present: usize) -> Vec<u8> {
    let mut b = b"RIFF".to_vec();
    b.extend((36u32.wrapping_add(declared)).to_le_bytes());
    b.extend(b"WAVEfmt ");
    b.extend(16u32.to_le_bytes());
    b.extend(1u16.to_le_bytes()); // PCM
    b.extend(1u16.to_le_bytes()); // mono
    b.extend(8000u32.to_le_bytes());
    b.extend(8000u32.to_le_bytes()); // bytes per second
    b.extend(1u16.to_le_bytes());
    b.extend(8u16.to_le_bytes());
    b.extend(b"data");
    b.extend(declared.to_le_bytes());
    b.extend(std::iter::repeat_n(128u8, present));
    b
}

fn message(err: &MediaError) -> String {
    err.to_string()
}

#[test]
fn wav_ogg_mp3_and_m4a_decode_to_48k_stereo_of_their_length() {
    let dir = tempfile::tempdir().unwrap();
    for (name, codec) in [
        ("a.wav", "pcm_s16le"),
        ("a.ogg", "libvorbis"),
        ("a.mp3", "libmp3lame"),
        ("a.m4a", "aac"),
    ] {
        let bytes = tone(dir.path(), name, codec);
        let t0 = Instant::now();
        let clip = decode_clip(name, bytes, 10.0).unwrap_or_else(|e| panic!("{name}: {e}"));
        let took = t0.elapsed();
        // Encoders add priming and padding: within 60 ms of 1.5 s.
        assert!(
            (clip.seconds() - 1.5).abs() < 0.06,
            "{name}: {} s",
            clip.seconds()
        );
        let peak = clip.samples.iter().fold(0f32, |m, s| m.max(s.abs()));
        // lavfi's sine is at 1/8, and the CLI's mono to stereo takes 3 dB off: 0.088.
        assert!((peak - 0.088).abs() < 0.01, "{name}: peak {peak}");
        // Left and right are the same tone.
        let mid = (clip.samples.len() / 2) & !1;
        assert!((clip.samples[mid] - clip.samples[mid + 1]).abs() < 1e-3);
        println!("{name}: {} decoded in {took:?}", clip.codec);
    }
}

#[test]
fn an_empty_file_is_refused_by_name() {
    let err = decode_clip("sounds/empty.ogg", Vec::new(), 10.0).unwrap_err();
    assert!(message(&err).contains("sounds/empty.ogg"), "{err}");
    assert!(message(&err).contains("empty"), "{err}");
}

#[test]
fn a_png_renamed_ogg_is_refused_as_not_audio() {
    let mut png = Vec::new();
    image::RgbaImage::new(8, 8)
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let err = decode_clip("sounds/picture.ogg", png, 10.0).unwrap_err();
    let text = message(&err);
    assert!(text.starts_with("sounds/picture.ogg: "), "{text}");
    assert!(text.contains("WAV, OGG/Vorbis, MP3 or AAC"), "{text}");
}

#[test]
fn a_wav_header_declaring_ten_hours_is_refused_from_the_header() {
    let bytes = wav(10 * 3600 * 8000, 4000);
    let t0 = Instant::now();
    let err = decode_clip("sounds/ten-hours.wav", bytes, 120.0).unwrap_err();
    assert!(
        t0.elapsed() < Duration::from_millis(500),
        "{:?}",
        t0.elapsed()
    );
    let MediaError::ClipTooLong {
        seconds, declared, ..
    } = &err
    else {
        panic!("{err}");
    };
    assert!(*declared && (*seconds - 36000.0).abs() < 1.0, "{err}");
    assert!(
        message(&err).contains("header says it lasts 36000.0 s"),
        "{err}"
    );
}

#[test]
fn a_truncated_file_is_refused_as_truncated() {
    let dir = tempfile::tempdir().unwrap();
    // A WAV whose data stops halfway through what its header declares.
    let err = decode_clip("half.wav", wav(16000, 8000), 10.0).unwrap_err();
    assert!(message(&err).contains("truncated"), "{err}");
    // An MP3 cut in half (its Xing header gives the whole length).
    let mp3 = tone(dir.path(), "a.mp3", "libmp3lame");
    let err = decode_clip("half.mp3", mp3[..mp3.len() / 2].to_vec(), 10.0).unwrap_err();
    assert!(message(&err).contains("truncated"), "{err}");
    // An Ogg cut in half.
    let ogg = tone(dir.path(), "a.ogg", "libvorbis");
    let err = decode_clip("half.ogg", ogg[..ogg.len() / 2].to_vec(), 10.0).unwrap_err();
    assert!(message(&err).contains("truncated"), "{err}");
    // An M4A cut in half has lost its index (moov at the end): not readable.
    let m4a = tone(dir.path(), "a.m4a", "aac");
    let err = decode_clip("half.m4a", m4a[..m4a.len() / 2].to_vec(), 10.0).unwrap_err();
    assert!(message(&err).starts_with("half.m4a: "), "{err}");
    // Just a header.
    let err = decode_clip("head.wav", wav(16000, 0)[..30].to_vec(), 10.0).unwrap_err();
    assert!(message(&err).starts_with("head.wav: "), "{err}");
}

/// The Ogg page CRC (polynomial 0x04c11db7, not reflected, over the page with its CRC zeroed).
fn ogg_crc(page: &[u8]) -> u32 {
    let mut crc = 0u32;
    for &b in page {
        crc ^= u32::from(b) << 24;
        for _ in 0..8 {
            crc = if crc & 0x8000_0000 != 0 {
                (crc << 1) ^ 0x04c1_1db7
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// Rewrites every Ogg page's granule position to at most `cap` (the CRCs fixed): the file then
/// declares `cap` samples whatever it holds.
fn cap_granules(ogg: &mut [u8], cap: i64) {
    let mut at = 0;
    while at + 27 <= ogg.len() {
        assert_eq!(&ogg[at..at + 4], b"OggS");
        let segments = usize::from(ogg[at + 26]);
        let size = 27
            + segments
            + ogg[at + 27..at + 27 + segments]
                .iter()
                .map(|&s| usize::from(s))
                .sum::<usize>();
        let granule = i64::from_le_bytes(ogg[at + 6..at + 14].try_into().unwrap());
        if granule > cap {
            ogg[at + 6..at + 14].copy_from_slice(&cap.to_le_bytes());
            ogg[at + 22..at + 26].fill(0);
            let crc = ogg_crc(&ogg[at..at + size]);
            ogg[at + 22..at + 26].copy_from_slice(&crc.to_le_bytes());
        }
        at += size;
    }
}

#[test]
fn a_header_that_lies_short_stops_decoding_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut ogg = ffmpeg(
        dir.path(),
        "long.ogg",
        &[
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=300:duration=20:sample_rate=48000",
            "-ac",
            "2",
            "-c:a",
            "libvorbis",
        ],
    );
    cap_granules(&mut ogg, 24_000); // says 0.5 s
    let err = decode_clip("sounds/lying.ogg", ogg, 2.0).unwrap_err();
    let MediaError::ClipTooLong {
        seconds,
        limit,
        declared,
        ..
    } = &err
    else {
        panic!("{err}");
    };
    assert!(!declared, "{err}");
    // Stopped within a packet of the limit, not at 20 s.
    assert!(
        *seconds > 2.0 && *seconds < 2.2 && (*limit - 2.0).abs() < 1e-6,
        "{err}"
    );
    assert!(message(&err).contains("decodes to more than"), "{err}");
}

#[test]
fn a_ten_hour_silence_is_refused_in_well_under_a_second() {
    let dir = tempfile::tempdir().unwrap();
    // 60 s of compressed silence whose pages say it lasts 10 hours (a tiny file; encoding a
    // real 10 hours takes a minute).
    let mut ogg = ffmpeg(
        dir.path(),
        "silence.ogg",
        &[
            "-f",
            "lavfi",
            "-i",
            "anullsrc=r=48000:cl=stereo",
            "-t",
            "60",
            "-c:a",
            "libvorbis",
        ],
    );
    let len = ogg.len();
    let last = (0..len - 4)
        .rev()
        .find(|&i| &ogg[i..i + 4] == b"OggS")
        .unwrap();
    let ten_hours = 10 * 3600 * 48_000i64;
    let segments = usize::from(ogg[last + 26]);
    ogg[last + 6..last + 14].copy_from_slice(&ten_hours.to_le_bytes());
    ogg[last + 22..last + 26].fill(0);
    let crc = ogg_crc(
        &ogg[last..last
            + 27
            + segments
            + ogg[last + 27..last + 27 + segments]
                .iter()
                .map(|&s| usize::from(s))
                .sum::<usize>()],
    );
    ogg[last + 22..last + 26].copy_from_slice(&crc.to_le_bytes());
    let t0 = Instant::now();
    let err = decode_clip("sounds/silence.ogg", ogg, 120.0).unwrap_err();
    let took = t0.elapsed();
    assert!(took < Duration::from_millis(300), "{took:?}");
    assert!(
        matches!(err, MediaError::ClipTooLong { declared: true, .. }),
        "{err}"
    );
    println!("{err} ({len} bytes, refused in {took:?})");
}

#[test]
fn wav_headers_are_read_for_their_declared_length() {
    assert_eq!(wav_declared_seconds(&wav(16000, 0)), Some(2.0));
    assert_eq!(wav_declared_seconds(&wav(0, 100)), None);
    assert_eq!(wav_declared_seconds(&wav(u32::MAX, 100)), None);
    assert_eq!(wav_declared_seconds(b"OggS...."), None);
}
