//! The tracker on transformed test photos: a table of what it gets right, not a test.
//!
//! Each face photo and named HaGRID tile is fitted into a 1280x720 frame, then turned +30°,
//! −30°, +45°, shrunk to 40%, darkened, brightened, noised, blurred or mirrored, and tracked as a
//! still. A face photo is right when exactly one face is found with the expected mouth and eye
//! state (the wink: one eye closed, mouth open; the others: mouth closed); a tile is right when
//! its gesture begins. Prints one row per transformation and the misses.
//!
//! `cargo run --release -p lantern-track --example robustness`

use effect_schema::tracking::TrackingFrame;
use effect_schema::vocab::{Gesture, Phase};
use image::{RgbaImage, imageops};
use lantern_track::photos::{self, FACE_PHOTOS as FACES, turned};
use lantern_track::{FrameView, Models, Tracker, TrackerConfig, load_rgba};

const TILES: [(&str, Gesture); 12] = [
    ("call", Gesture::Call),
    ("dislike", Gesture::ThumbsDown),
    ("fist", Gesture::Fist),
    ("heart", Gesture::Heart),
    ("heart2", Gesture::Heart),
    ("like", Gesture::ThumbsUp),
    ("ok", Gesture::Ok),
    ("one", Gesture::Pointing),
    ("palm", Gesture::OpenPalm),
    ("peace", Gesture::Victory),
    ("rock", Gesture::Rock),
    ("stop", Gesture::OpenPalm),
];

/// The photo fitted into 1280x720, shrunk by `scale`.
fn fitted(photo: &RgbaImage, scale: f32) -> RgbaImage {
    photos::fit_scaled(photo, 1280, 720, scale)
}

fn mapped(frame: &RgbaImage, f: impl Fn(f32, u32) -> f32) -> RgbaImage {
    let mut out = frame.clone();
    for (i, p) in out.pixels_mut().enumerate() {
        for c in 0..3 {
            p[c] = f(f32::from(p[c]), i as u32 * 3 + c as u32).clamp(0.0, 255.0) as u8;
        }
    }
    out
}

/// A deterministic noise value in -1..1 for index `i`.
fn noise(i: u32) -> f32 {
    let mut x = i.wrapping_mul(0x9E37_79B9) ^ 0x85EB_CA6B;
    x ^= x >> 15;
    x = x.wrapping_mul(0x2C1B_3C6D);
    x ^= x >> 12;
    (x & 0xFFFF) as f32 / 32768.0 - 1.0
}

type Transform = (&'static str, fn(&RgbaImage) -> RgbaImage);

const TRANSFORMS: [Transform; 10] = [
    ("none", |p| fitted(p, 1.0)),
    ("turn+30", |p| turned(&fitted(p, 1.0), 30.0)),
    ("turn-30", |p| turned(&fitted(p, 1.0), -30.0)),
    ("turn+45", |p| turned(&fitted(p, 1.0), 45.0)),
    ("small40%", |p| fitted(p, 0.4)),
    ("dark", |p| mapped(&fitted(p, 1.0), |v, _| v * 0.55)),
    ("bright", |p| mapped(&fitted(p, 1.0), |v, _| v * 1.1 + 50.0)),
    ("noise", |p| {
        mapped(&fitted(p, 1.0), |v, i| v + 25.0 * noise(i))
    }),
    ("blur", |p| imageops::blur(&fitted(p, 1.0), 2.0)),
    ("mirror", |p| imageops::flip_horizontal(&fitted(p, 1.0))),
];

fn track(
    tracker: &mut Tracker,
    frame: &RgbaImage,
) -> Result<TrackingFrame, Box<dyn std::error::Error>> {
    Ok(tracker.track(&FrameView::from_rgba(frame)?, None)?)
}

/// `None` when right, else what was seen.
fn face_miss(name: &str, t: &TrackingFrame) -> Option<String> {
    let [face] = t.faces.as_slice() else {
        return Some(format!("{} faces", t.faces.len()));
    };
    let e = face.expressions;
    let right = if name.contains("wink") {
        e.left_eye_open.min(e.right_eye_open) < 0.3 && e.mouth_open > 0.5
    } else {
        e.mouth_open < 0.3 && e.left_eye_open.min(e.right_eye_open) > 0.5
    };
    (!right).then(|| {
        format!(
            "mouth {:.2} eyes {:.2}/{:.2}",
            e.mouth_open, e.left_eye_open, e.right_eye_open
        )
    })
}

fn gesture_miss(want: Gesture, t: &TrackingFrame) -> Option<String> {
    let begun: Vec<Gesture> = t
        .gestures
        .iter()
        .filter(|g| g.phase == Phase::Begin)
        .map(|g| g.gesture)
        .collect();
    (!begun.contains(&want)).then(|| format!("{} hands {begun:?}", t.hands.len()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = photos::media_dir()?;
    let mut tracker = Tracker::new(&Models::discover(), TrackerConfig::still())?;
    let faces: Vec<(&str, RgbaImage)> = FACES
        .iter()
        .map(|n| Ok((*n, load_rgba(&dir.join(n))?)))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let tiles: Vec<(&str, Gesture, RgbaImage)> = TILES
        .iter()
        .map(|(n, g)| Ok((*n, *g, load_rgba(&dir.join(format!("hagrid/{n}.png")))?)))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    println!("{:<10} {:>6} {:>6}  misses", "transform", "faces", "hands");
    let (mut right, mut total) = (0, 0);
    for (label, transform) in TRANSFORMS {
        let mut misses = Vec::new();
        let mut face_ok = 0;
        for (name, photo) in &faces {
            match face_miss(name, &track(&mut tracker, &transform(photo))?) {
                None => face_ok += 1,
                Some(m) => misses.push(format!("{}: {m}", &name[..name.len().min(14)])),
            }
        }
        let mut hand_ok = 0;
        for (name, want, photo) in &tiles {
            match gesture_miss(*want, &track(&mut tracker, &transform(photo))?) {
                None => hand_ok += 1,
                Some(m) => misses.push(format!("{name}: {m}")),
            }
        }
        right += face_ok + hand_ok;
        total += faces.len() + tiles.len();
        println!(
            "{label:<10} {:>6} {:>6}  {}",
            format!("{face_ok}/{}", faces.len()),
            format!("{hand_ok}/{}", tiles.len()),
            misses.join("; ")
        );
    }
    println!("right: {right} of {total}");
    Ok(())
}
