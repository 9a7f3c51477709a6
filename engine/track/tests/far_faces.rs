//! Far faces and groups on stills (issue #15): MediaPipe's full-range face detector on the whole
//! frame and on tiles finds faces down to 40 px wide in 1280x720, and up to eight faces of a
//! group; nothing where there is no face. Prints the far scan's cost. (Video: far_video.rs.)
//!
//! Needs the full-range model (`lantern models fetch`): without it each test prints why and
//! skips.

mod common;

use common::small::{
    Portrait, canvas, far_model, hits, matched, median, mosaic, paste, portrait, tracker,
};
use common::{FACE_PHOTOS, track_still};
use lantern_track::{Models, Tracker, TrackerConfig};

#[test]
fn faces_40_and_50_px_wide_in_a_720p_frame_are_found() {
    if !far_model() {
        return;
    }
    let mut t = tracker(TrackerConfig {
        hands: false,
        ..TrackerConfig::still()
    });
    let mut near_only = tracker(TrackerConfig {
        hands: false,
        far_faces: false,
        ..TrackerConfig::still()
    });
    // The centre, corners, and where tiles meet (x ≈ 370 and 730, y ≈ 360).
    let spots = [
        (640.0, 360.0),
        (70.0, 60.0),
        (1210.0, 660.0),
        (370.0, 360.0),
        (730.0, 200.0),
    ];
    let (mut ms, mut regions) = (Vec::new(), 0);
    for (i, name) in FACE_PHOTOS.iter().enumerate() {
        let p = portrait(name);
        for width in [40_u16, 50] {
            for at in [spots[0], spots[1 + (i % 4)]] {
                let mut frame = canvas(1280, 720);
                let truth = paste(&mut frame, &p, f32::from(width), at);
                let found = track_still(&mut t, &frame);
                let times = t.last_times().face;
                ms.push(times.far);
                regions = regions.max(times.far_regions);
                let b = found.faces.first().map(|f| f.bbox);
                println!(
                    "{name} {width} px at {at:?}: {b:?} (far scan {:.1} ms)",
                    times.far
                );
                assert_eq!(found.faces.len(), 1, "{name}, {width} px at {at:?}");
                assert!(
                    b.is_some_and(|b| hits(&b, &truth)),
                    "{name}: {b:?} vs {truth:?}"
                );
                if width == 50 && at == spots[0] {
                    let near = track_still(&mut near_only, &frame);
                    assert!(near.faces.is_empty(), "{name}: short range alone finds it");
                }
            }
        }
    }
    println!(
        "far scan of a 1280x720 still (whole frame + tiles, {regions} regions): {:.1} ms median",
        median(ms)
    );
}

#[test]
fn groups_of_small_faces_are_found_up_to_eight() {
    if !far_model() {
        return;
    }
    let portraits: Vec<Portrait> = FACE_PHOTOS.iter().map(|n| portrait(n)).collect();
    let cfg = TrackerConfig {
        hands: false,
        max_faces: 8,
        ..TrackerConfig::still()
    };
    let mut t = tracker(cfg.clone());
    // Eight faces 50 px wide in 1280x720.
    let (frame, truths) = mosaic(&portraits, (1280, 720), (4, 2), 50.0);
    let found = track_still(&mut t, &frame);
    let times = t.last_times().face;
    println!(
        "8 faces of 50 px in 1280x720: {} found; far scan {:.1} ms ({} regions), mesh {:.1} ms",
        found.faces.len(),
        times.far,
        times.far_regions,
        times.mesh
    );
    assert_eq!(matched(&found.faces, &truths), 8);
    // Twenty faces 100 px wide in a 1024x1024 group photo: eight of them (the most).
    let (frame, truths) = mosaic(&portraits, (1024, 1024), (5, 4), 100.0);
    let found = track_still(&mut t, &frame);
    let near = track_still(
        &mut tracker(TrackerConfig {
            far_faces: false,
            ..cfg
        }),
        &frame,
    );
    println!(
        "20 faces of 100 px in 1024x1024: {} found ({} by short range alone); far scan {:.1} ms",
        found.faces.len(),
        near.faces.len(),
        t.last_times().face.far
    );
    assert_eq!(matched(&found.faces, &truths), 8);
}

#[test]
fn more_than_eight_faces_is_a_clear_error() {
    let err = Tracker::new(
        &Models::discover(),
        TrackerConfig {
            max_faces: 9,
            ..TrackerConfig::default()
        },
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        err.contains("max_faces is 9") && err.contains("1 to 8"),
        "{err}"
    );
}

#[test]
fn hand_photos_and_blank_frames_have_no_far_faces() {
    if !far_model() {
        return;
    }
    let mut t = tracker(TrackerConfig {
        hands: false,
        max_faces: 8,
        ..TrackerConfig::still()
    });
    let tiles = lantern_track::photos::images_in(&common::media().join("hagrid")).expect("tiles");
    let mut photos: Vec<_> = tiles
        .iter()
        .map(|p| lantern_track::load_rgba(p).expect("tile"))
        .collect();
    photos.push(common::photo("pinto_open_palm_hand.png"));
    for (i, img) in photos.iter().enumerate() {
        let name = tiles.get(i).map_or("pinto_open_palm_hand.png".into(), |p| {
            p.display().to_string()
        });
        // mute.png shows the lower half of a real face (the far scan finds it).
        if !name.ends_with("mute.png") {
            assert!(track_still(&mut t, img).faces.is_empty(), "{name}");
        }
    }
    let grey = canvas(1280, 720);
    let gradient = image::RgbaImage::from_fn(1280, 720, |x, y| {
        image::Rgba([(x / 5) as u8, (y / 3) as u8, ((x + y) / 8) as u8, 255])
    });
    for img in [grey, gradient] {
        assert!(track_still(&mut t, &img).faces.is_empty());
    }
}
