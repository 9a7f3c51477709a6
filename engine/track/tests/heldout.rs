//! Held-out group photos (not in `shared/`): the six demo photos of the npm package
//! `@vladmandic/face-api` 1.7.15 (see `common/heldout.rs`), 3–5 people each. Each is tracked
//! as it is (1920 px wide) and shrunk into a 1280x720 frame so its faces are 40–80 px wide.
//! Skips, saying why, when the photos or the full-range model cannot be had.

mod common;

use common::heldout::{PACKAGE, PHOTOS, group_photos};
use common::track_still;
use lantern_track::{Models, Tracker, TrackerConfig};

fn group_tracker(far_faces: bool) -> Tracker {
    let cfg = TrackerConfig {
        hands: false,
        max_faces: 8,
        far_faces,
        ..TrackerConfig::still()
    };
    Tracker::new(&Models::discover(), cfg).expect("tracker loads")
}

fn ready() -> Option<std::path::PathBuf> {
    if let Err(e) = Models::discover().path("mp_face_detection_full_range.onnx") {
        println!("skipped: {}", e.to_string().lines().next().unwrap_or(""));
        return None;
    }
    group_photos()
}

#[test]
fn every_face_of_the_held_out_group_photos_is_found() {
    let Some(dir) = ready() else { return };
    let (mut t, mut near) = (group_tracker(true), group_tracker(false));
    for (name, _, people) in PHOTOS {
        let img = lantern_track::load_rgba(&dir.join(name)).expect("photo loads");
        let found = track_still(&mut t, &img);
        let times = t.last_times().face;
        let by_near = track_still(&mut near, &img).faces.len();
        println!(
            "{PACKAGE} {name}: {} of {people} faces (short range alone {by_near}), widths {} px, \
             far scan {:.1} ms / {} regions",
            found.faces.len(),
            widths(&found),
            times.far,
            times.far_regions
        );
        assert_eq!(found.faces.len(), people, "{name}");
    }
}

#[test]
fn the_held_out_groups_shrunk_into_a_720p_frame_are_found() {
    let Some(dir) = ready() else { return };
    let (mut t, mut near) = (group_tracker(true), group_tracker(false));
    let (mut total, mut found_all, mut near_all) = (0, 0, 0);
    for (name, _, people) in PHOTOS {
        let img = lantern_track::load_rgba(&dir.join(name)).expect("photo loads");
        for scale in [0.6_f32, 0.4] {
            // 1920-px photo fitted to 1280x720, then shrunk: faces ~40–110 px wide.
            let frame = lantern_track::photos::fit_scaled(&img, 1280, 720, scale);
            let found = track_still(&mut t, &frame);
            let by_near = track_still(&mut near, &frame).faces.len();
            println!(
                "{name} at {scale}: {} of {people} (short range alone {by_near}), widths {} px, \
                 far scan {:.1} ms",
                found.faces.len(),
                widths(&found),
                t.last_times().face.far
            );
            assert!(
                found.faces.len() <= people,
                "{name} at {scale}: a face where there is none"
            );
            total += people;
            found_all += found.faces.len();
            near_all += by_near;
        }
    }
    println!("shrunk groups: {found_all} of {total} faces found (short range alone {near_all})");
    assert!(found_all * 10 >= total * 9, "{found_all} of {total}");
}

/// The found faces' box widths, for the printout.
fn widths(found: &effect_schema::tracking::TrackingFrame) -> String {
    let widths: Vec<String> = found
        .faces
        .iter()
        .map(|f| format!("{:.0}", f.bbox.w))
        .collect();
    widths.join(" ")
}
