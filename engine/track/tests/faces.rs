//! Faces on the real photos: one face each, boxed; expressions on the winking photo.

mod common;

use common::{FACE_PHOTOS, photo, still_tracker, track_still};
use effect_schema::vocab::FaceAnchor;

#[test]
fn one_face_per_face_photo_with_the_box_around_it() {
    let mut tracker = still_tracker();
    for name in FACE_PHOTOS {
        let img = photo(name);
        let t = track_still(&mut tracker, &img);
        assert_eq!(t.faces.len(), 1, "{name}: {} faces", t.faces.len());
        let face = &t.faces[0];
        let (iw, ih) = (img.width() as f32, img.height() as f32);
        let b = face.bbox;
        println!(
            "{name}: box {:.0},{:.0} {:.0}x{:.0} pose {:?} expr {:?}",
            b.x, b.y, b.w, b.h, face.pose, face.expressions
        );
        assert!(
            b.w > 0.1 * iw && b.h > 0.1 * ih && b.w < iw && b.h < ih,
            "{name}: box {b:?}"
        );
        assert!(
            b.x > -0.05 * iw && b.y > -0.05 * ih && b.x + b.w < 1.05 * iw && b.y + b.h < 1.05 * ih,
            "{name}: {b:?}"
        );
        assert_eq!(face.landmarks.len(), 468);
        assert_eq!(face.anchors.len(), FaceAnchor::ALL.len());
        for (anchor, p) in &face.anchors {
            let margin = 0.1 * b.w;
            assert!(
                p.x > b.x - margin
                    && p.x < b.x + b.w + margin
                    && p.y > b.y - margin
                    && p.y < b.y + b.h + margin,
                "{name}: anchor {anchor:?} {p:?} outside {b:?}"
            );
        }
        // Anatomy: eyes above the nose tip above the mouth above the chin; person's left eye on
        // the viewer's right.
        let y = |anchor| face.anchors[&anchor].y;
        assert!(
            y(FaceAnchor::LeftEye) < y(FaceAnchor::NoseTip)
                && y(FaceAnchor::NoseTip) < y(FaceAnchor::Mouth)
        );
        assert!(
            y(FaceAnchor::Mouth) < y(FaceAnchor::Chin)
                && y(FaceAnchor::Forehead) < y(FaceAnchor::BetweenEyes)
        );
        assert!(
            face.anchors[&FaceAnchor::LeftEye].x > face.anchors[&FaceAnchor::RightEye].x,
            "{name}"
        );
        assert!(
            face.scale > 0.2 * b.w && face.scale < b.w,
            "{name}: scale {}",
            face.scale
        );
        assert!(
            face.pose.yaw.abs() < 60.0
                && face.pose.pitch.abs() < 40.0
                && face.pose.roll.abs() < 40.0,
            "{name}: {:?}",
            face.pose
        );
    }
}

#[test]
fn the_wink_has_one_eye_closed_and_mouth_open_the_others_mouth_closed() {
    let mut tracker = still_tracker();
    for name in FACE_PHOTOS {
        let t = track_still(&mut tracker, &photo(name));
        let e = t.faces[0].expressions;
        if name.contains("wink") {
            let (lo, hi) = (
                e.left_eye_open.min(e.right_eye_open),
                e.left_eye_open.max(e.right_eye_open),
            );
            assert!(lo < 0.3 && hi > 0.6, "{name}: eyes {e:?}");
            assert!(e.mouth_open > 0.5, "{name}: mouth {e:?}");
        } else {
            assert!(e.mouth_open < 0.3, "{name}: mouth {e:?}");
            assert!(
                e.left_eye_open > 0.5 && e.right_eye_open > 0.5,
                "{name}: eyes {e:?}"
            );
        }
    }
}

#[test]
fn a_photo_without_a_face_has_none_and_without_hands_has_no_hand() {
    let mut tracker = still_tracker();
    // A hand tile has no face; the portraits have no hands.
    let t = track_still(&mut tracker, &photo("hagrid/fist.png"));
    assert!(t.faces.is_empty(), "{:?}", t.faces.len());
    for name in [
        "skimage_astronaut.png",
        "keijiro_pexels-dinielle-de-veyra-4195444.jpg",
    ] {
        let t = track_still(&mut tracker, &photo(name));
        assert!(t.hands.is_empty(), "{name}: {} hands", t.hands.len());
    }
}

#[test]
fn bad_frames_are_errors_not_panics() {
    let buf = vec![0_u8; 100];
    assert!(
        lantern_track::FrameView::new(&buf, 0, 0, 0, lantern_track::PixelFormat::Rgba8).is_err()
    );
    assert!(
        lantern_track::FrameView::new(&buf, 4, 4, 17, lantern_track::PixelFormat::Rgba8).is_err()
    );
    // A blank frame is fine and has nothing in it.
    let img = image::RgbaImage::from_pixel(64, 48, image::Rgba([20, 20, 20, 255]));
    let t = track_still(&mut still_tracker(), &img);
    assert!(t.faces.is_empty() && t.hands.is_empty());
}

#[test]
fn an_empty_scene_is_scanned_every_few_frames_and_a_face_is_then_kept() {
    use lantern_track::{FrameView, Models, Tracker, TrackerConfig};
    let cfg = TrackerConfig {
        hands: false,
        empty_detect_every: 3,
        ..TrackerConfig::default()
    };
    let mut tracker = Tracker::new(&Models::discover(), cfg).expect("tracker");
    let blank = image::RgbaImage::from_pixel(640, 360, image::Rgba([40, 40, 40, 255]));
    let scanned: Vec<bool> = (0..6)
        .map(|_| {
            tracker
                .track(&FrameView::from_rgba(&blank).expect("frame"), None)
                .expect("track");
            tracker.last_times().face_detect
        })
        .collect();
    assert_eq!(scanned, [true, false, false, true, false, false]);
    // Frame 6 scans and finds the face; the frames after it track without the detector.
    let face = photo("keijiro_pexels-dinielle-de-veyra-4195444.jpg");
    let view = FrameView::from_rgba(&face).expect("frame");
    for n in 6..9 {
        let t = tracker.track(&view, None).expect("track");
        assert_eq!(t.faces.len(), 1, "frame {n}");
        assert_eq!(tracker.last_times().face_detect, n == 6, "frame {n}");
    }
}

#[test]
fn a_far_face_is_found_by_the_far_detector() {
    // The portrait shrunk until its face is ~55 px wide in a 1280x720 frame: too small for
    // BlazeFace short range; the full-range far scan finds it (tests/far_faces.rs has more).
    if let Err(e) = lantern_track::Models::discover().path("mp_face_detection_full_range.onnx") {
        println!("skipped: {}", e.to_string().lines().next().unwrap_or(""));
        return;
    }
    let portrait = photo("keijiro_pexels-tim-douglas-6567248.jpg");
    let h = 180;
    let w = portrait.width() * h / portrait.height();
    let small = image::imageops::resize(&portrait, w, h, image::imageops::FilterType::Triangle);
    let mut frame = image::RgbaImage::from_pixel(1280, 720, image::Rgba([128, 128, 128, 255]));
    let (ox, oy) = (900, 400);
    image::imageops::overlay(&mut frame, &small, i64::from(ox), i64::from(oy));
    let t = track_still(&mut still_tracker(), &frame);
    assert_eq!(t.faces.len(), 1, "{:?}", t.faces.len());
    let b = t.faces[0].bbox;
    println!("far face: box {:.0},{:.0} {:.0}x{:.0}", b.x, b.y, b.w, b.h);
    let (cx, cy) = (b.x + b.w / 2.0, b.y + b.h / 2.0);
    assert!(
        cx > ox as f32 && cx < (ox + w) as f32 && cy > oy as f32 && cy < (oy + h) as f32,
        "{b:?} outside the photo at {ox},{oy} {w}x{h}"
    );
    assert!(b.w > 20.0 && b.w < w as f32, "{b:?}");
    // Without the far detector it is not found.
    let cfg = lantern_track::TrackerConfig {
        far_faces: false,
        ..lantern_track::TrackerConfig::still()
    };
    let mut near_only =
        lantern_track::Tracker::new(&lantern_track::Models::discover(), cfg).expect("tracker");
    assert!(track_still(&mut near_only, &frame).faces.is_empty());
}

/// The wink and a closed mouth, turned: the mesh's second pass (`TrackerConfig::refine_faces`,
/// on for stills) reads them as upright.
#[test]
fn turned_faces_keep_their_expressions() {
    let mut tracker = still_tracker();
    for name in [
        "ikep_pexels_wink_mouth_open_Test2.jpg",
        "keijiro_pexels-tim-douglas-6567248.jpg",
        "keijiro_pexels-dinielle-de-veyra-4195444.jpg",
    ] {
        let upright = lantern_track::photos::fit(&photo(name), 1280, 720);
        for degrees in [-30.0, 30.0, 45.0] {
            let t = track_still(&mut tracker, &common::turned(&upright, degrees));
            assert_eq!(t.faces.len(), 1, "{name} turned {degrees}°");
            let e = t.faces[0].expressions;
            let eyes = (
                e.left_eye_open.min(e.right_eye_open),
                e.left_eye_open.max(e.right_eye_open),
            );
            if name.contains("wink") {
                assert!(
                    e.mouth_open > 0.5 && eyes.0 < 0.3 && eyes.1 > 0.6,
                    "{name} turned {degrees}°: {e:?}"
                );
            } else {
                assert!(
                    e.mouth_open < 0.3 && eyes.0 > 0.5,
                    "{name} turned {degrees}°: {e:?}"
                );
            }
        }
    }
}

/// A face short range finds keeps MediaPipe's single mesh pass on a still whatever `max_faces`
/// is: the far scan that looks for more faces refines only the faces it found itself (when
/// every face's crop was refined, the mesh moved 5.6 px on average from MediaPipe's, 0.06 px
/// without; `bench/mediapipe_compare.py`).
#[test]
fn looking_for_more_faces_leaves_a_found_faces_mesh_alone() {
    let one_pass = lantern_track::TrackerConfig {
        refine_faces: false,
        hands: false,
        ..lantern_track::TrackerConfig::still()
    };
    let tracker = |max_faces| {
        lantern_track::Tracker::new(
            &lantern_track::Models::discover(),
            lantern_track::TrackerConfig {
                max_faces,
                ..one_pass.clone()
            },
        )
        .expect("tracker loads")
    };
    let (mut alone, mut group) = (tracker(1), tracker(4));
    for name in FACE_PHOTOS {
        let img = lantern_track::photos::fit(&photo(name), 1280, 720);
        let (a, g) = (track_still(&mut alone, &img), track_still(&mut group, &img));
        assert_eq!((a.faces.len(), g.faces.len()), (1, 1), "{name}");
        let moved = a.faces[0]
            .landmarks
            .iter()
            .zip(&g.faces[0].landmarks)
            .map(|(p, q)| ((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt())
            .fold(0.0_f32, f32::max);
        assert!(moved < 0.01, "{name}: the mesh moved {moved:.2} px");
    }
}
