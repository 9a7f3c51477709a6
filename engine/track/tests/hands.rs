//! Hands and gestures on the HaGRID tiles and the open palm photo.

mod common;

use common::{photo, still_tracker, track_still};
use effect_schema::vocab::{Gesture, Handedness, Phase};

/// HaGRID's names → Lantern's gestures. `None`: HaGRID gestures Lantern has no name for, which
/// must not be reported as some other gesture.
const MAPPING: [(&str, Option<Gesture>); 16] = [
    ("call", Some(Gesture::Call)),
    ("dislike", Some(Gesture::ThumbsDown)),
    ("fist", Some(Gesture::Fist)),
    ("four", None),
    ("heart", Some(Gesture::Heart)),
    ("heart2", Some(Gesture::Heart)),
    ("like", Some(Gesture::ThumbsUp)),
    ("mute", None),
    ("ok", Some(Gesture::Ok)),
    ("one", Some(Gesture::Pointing)),
    ("palm", Some(Gesture::OpenPalm)),
    ("peace", Some(Gesture::Victory)),
    ("rock", Some(Gesture::Rock)),
    ("stop", Some(Gesture::OpenPalm)),
    ("three", None),
    ("two_up", None),
];

#[test]
fn every_hagrid_tile_is_its_gesture() {
    let mut tracker = still_tracker();
    let mut failures = Vec::new();
    for (name, want) in MAPPING {
        let t = track_still(&mut tracker, &photo(&format!("hagrid/{name}.png")));
        let begun: Vec<(Gesture, Vec<u32>)> = t
            .gestures
            .iter()
            .filter(|g| g.phase == Phase::Begin)
            .map(|g| (g.gesture, g.hand_ids.clone()))
            .collect();
        println!(
            "{name}: {} hands {:?} begun {begun:?}",
            t.hands.len(),
            t.hands
                .iter()
                .map(|h| (h.handedness, h.gesture))
                .collect::<Vec<_>>()
        );
        let ok = match want {
            Some(g) if g.is_two_handed() => {
                t.hands.len() == 2 && begun.len() == 1 && begun[0].0 == g && begun[0].1.len() == 2
            }
            Some(g) => !t.hands.is_empty() && begun.len() == 1 && begun[0].0 == g,
            None => !t.hands.is_empty() && begun.is_empty(),
        };
        if !ok {
            failures.push(format!(
                "{name}: want {want:?}, begun {begun:?}, {} hands",
                t.hands.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn handedness_is_the_persons_for_an_unmirrored_image() {
    // MediaPipe labels these "Right" and "Left" assuming a mirrored image; the tiles are not.
    let mut tracker = still_tracker();
    for (name, want) in [
        ("palm", Handedness::Left),
        ("like", Handedness::Right),
        ("call", Handedness::Right),
        ("one", Handedness::Left),
    ] {
        let t = track_still(&mut tracker, &photo(&format!("hagrid/{name}.png")));
        assert_eq!(t.hands.len(), 1, "{name}");
        assert_eq!(t.hands[0].handedness, want, "{name}");
    }
}

#[test]
fn the_open_palm_photo_is_one_open_palm() {
    let mut tracker = still_tracker();
    let t = track_still(&mut tracker, &photo("pinto_open_palm_hand.png"));
    assert_eq!(t.hands.len(), 1, "{:?}", t.hands);
    assert_eq!(t.hands[0].gesture, Some(Gesture::OpenPalm));
    assert_eq!(t.hands[0].landmarks.len(), 21);
}

/// The int8 hand landmark model (`TrackerConfig::int8`, on by default) against float, on every
/// HaGRID tile: the same hands, landmarks a pixel or two apart.
#[test]
fn int8_hand_landmarks_follow_the_float_model() {
    let models = lantern_track::Models::discover();
    let float_cfg = lantern_track::TrackerConfig {
        int8: false,
        ..lantern_track::TrackerConfig::still()
    };
    let mut float = lantern_track::Tracker::new(&models, float_cfg).unwrap();
    let mut int8 = still_tracker();
    let mut means = Vec::new();
    for (name, _) in MAPPING {
        let img = photo(&format!("hagrid/{name}.png"));
        let (a, b) = (track_still(&mut float, &img), track_still(&mut int8, &img));
        assert_eq!(a.hands.len(), b.hands.len(), "{name}: the same hands");
        for h in &a.hands {
            let w = h.landmarks[0];
            let other = b
                .hands
                .iter()
                .min_by(|p, q| {
                    let d = |o: &effect_schema::tracking::Hand| {
                        (o.landmarks[0].x - w.x).hypot(o.landmarks[0].y - w.y)
                    };
                    d(p).total_cmp(&d(q))
                })
                .unwrap();
            let mean = h
                .landmarks
                .iter()
                .zip(&other.landmarks)
                .map(|(p, q)| (p.x - q.x).hypot(p.y - q.y))
                .sum::<f32>()
                / h.landmarks.len() as f32;
            println!("{name}: int8 landmarks {mean:.2} px from float");
            assert!(mean < 2.5, "{name}: int8 landmarks {mean:.2} px from float");
            means.push(mean);
        }
    }
    let overall = means.iter().sum::<f32>() / means.len() as f32;
    println!(
        "int8 vs float: mean {overall:.2} px over {} hands",
        means.len()
    );
    assert!(overall < 1.2, "int8 vs float: mean {overall:.2} px");
}

/// The two-hand tiles filling the height of a 1280x720 frame (as `lantern bench track` and
/// `bench/mediapipe_compare.py` show them): still both hands and a two-hand heart. A palm
/// detector fed bilinear samples of the whole frame sees the first heart as one palm.
/// (Pasted smaller into a grey frame, 300–560 px tall, the palm detector finds at most one hand
/// of a heart, as MediaPipe's does: an arm cut by the tile's edge is not a hand it knows.)
#[test]
fn a_two_hand_heart_is_found_in_a_wide_frame() {
    let mut tracker = still_tracker();
    for name in ["heart", "heart2"] {
        let tile = photo(&format!("hagrid/{name}.png"));
        let t = track_still(&mut tracker, &lantern_track::photos::fit(&tile, 1280, 720));
        let heart = t
            .gestures
            .iter()
            .find(|g| g.gesture == Gesture::Heart && g.phase == Phase::Begin);
        assert!(
            t.hands.len() == 2 && heart.is_some_and(|g| g.hand_ids.len() == 2),
            "{name}: {} hands, gestures {:?}",
            t.hands.len(),
            t.gestures
        );
    }
}

/// `tile` fitted into a grey 1280x720 frame at `height` px tall (the tiles are about square,
/// so they fit by height), the frame then turned `degrees` about its centre.
fn placed(tile: &image::RgbaImage, height: u32, degrees: f32) -> image::RgbaImage {
    let flat = lantern_track::photos::fit_scaled(tile, 1280, 720, height as f32 / 720.0);
    common::turned(&flat, degrees)
}

fn begun(t: &effect_schema::tracking::TrackingFrame) -> Vec<Gesture> {
    t.gestures
        .iter()
        .filter(|g| g.phase == Phase::Begin)
        .map(|g| g.gesture)
        .collect()
}

/// Hands too small for the whole-frame palm scan (a ~290 px tile, the hand ~150 px tall in
/// 1280x720) are found by the closer look (`TrackerConfig::far_hands`).
#[test]
fn small_hands_are_found_by_looking_closer() {
    let mut tracker = still_tracker();
    for (name, want) in [
        ("ok", Gesture::Ok),
        ("one", Gesture::Pointing),
        ("peace", Gesture::Victory),
    ] {
        let t = track_still(
            &mut tracker,
            &placed(&photo(&format!("hagrid/{name}.png")), 288, 0.0),
        );
        assert!(begun(&t).contains(&want), "{name}: {:?}", t.gestures);
    }
}

/// A heart's second hand shows no palm; it is found as the first hand mirrored about the line
/// from its thumb tip to its index tip, also with the frame turned.
#[test]
fn a_turned_two_hand_heart_is_still_a_heart() {
    let mut tracker = still_tracker();
    let tile = photo("hagrid/heart2.png");
    for degrees in [-30.0, 30.0, 45.0] {
        let t = track_still(&mut tracker, &placed(&tile, 720, degrees));
        assert!(
            t.hands.len() == 2 && begun(&t).contains(&Gesture::Heart),
            "turned {degrees}°: {} hands, {:?}",
            t.hands.len(),
            t.gestures
        );
    }
}

/// With `hand_every: 2` (an effect whose hands only feed gestures) each hand runs its landmarks
/// on every other frame and holds them in between: the same hand, the same id and the same
/// gesture on every frame, and half the landmark runs.
#[test]
fn hands_at_half_rate_hold_their_landmarks_in_between() {
    let frame = lantern_track::photos::fit(&photo("hagrid/peace.png"), 1280, 720);
    let view = lantern_track::FrameView::from_rgba(&frame).unwrap();
    let run = |hand_every: u32| {
        let cfg = lantern_track::TrackerConfig {
            faces: false,
            hand_every,
            ..lantern_track::TrackerConfig::default()
        };
        let mut tracker = lantern_track::Tracker::new(&lantern_track::Models::discover(), cfg)
            .expect("the hand models");
        let (mut runs, mut ids, mut gestures) = (0, std::collections::BTreeSet::new(), 0);
        for i in 0..30 {
            let t = tracker.track(&view, Some(f64::from(i) / 30.0)).unwrap();
            assert_eq!(t.hands.len(), 1, "frame {i}");
            ids.insert(t.hands[0].id);
            gestures += usize::from(t.hands[0].gesture == Some(Gesture::Victory));
            runs += usize::from(tracker.last_times().hand.landmarks > 0.0);
        }
        (runs, ids.len(), gestures)
    };
    let (full, ids, gestures) = run(1);
    assert_eq!((full, ids), (30, 1));
    let (half, half_ids, half_gestures) = run(2);
    // Half the frames, plus the detection frames (every 10th) that look for a second hand.
    assert!((15..=19).contains(&half), "{half} landmark frames of 30");
    assert_eq!(half_ids, 1);
    assert_eq!(half_gestures, gestures, "the gesture holds as long");
}
