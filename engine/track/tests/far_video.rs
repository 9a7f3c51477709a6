//! Far faces and groups in video (issue #15): a far face is found within a few frames (the far
//! scan covers the whole frame and two tiles at a time), eight faces are tracked, and a face
//! close to the camera never pays for the scan. Prints the far scans' and each face's cost.
//!
//! Needs the full-range model (`lantern models fetch`): without it each test prints why and
//! skips.

mod common;

use common::FACE_PHOTOS;
use common::small::{
    Portrait, canvas, far_model, hits, matched, median, mosaic, paste, portrait, tracker,
};
use lantern_track::{FrameView, TrackerConfig};

#[test]
fn in_video_a_far_face_is_found_within_a_few_frames() {
    if !far_model() {
        return;
    }
    let mut t = tracker(TrackerConfig {
        hands: false,
        ..TrackerConfig::default()
    });
    let mut frame = canvas(1280, 720);
    // In the last of the six tiles (the whole frame sees it at 6 px of its input, barely).
    let truth = paste(&mut frame, &portrait(FACE_PHOTOS[2]), 40.0, (1000.0, 560.0));
    let view = FrameView::from_rgba(&frame).expect("frame");
    let mut first = None;
    let mut scans = Vec::new();
    for n in 0..40 {
        let out = t.track(&view, None).expect("track");
        let times = t.last_times().face;
        if times.far_regions > 0 {
            scans.push((times.far, times.far_regions));
        }
        if first.is_none() && !out.faces.is_empty() {
            assert!(hits(&out.faces[0].bbox, &truth), "{:?}", out.faces[0].bbox);
            first = Some(n);
        }
        if let Some(f) = first {
            assert_eq!(out.faces.len(), 1, "frame {n}: lost after frame {f}");
        }
    }
    let first = first.expect("the far face is found");
    println!("far face found on frame {first}; far scans (ms, regions): {scans:?}");
    assert!(first < 16, "found on frame {first}");
    assert!(scans.iter().all(|&(_, r)| r <= 3), "{scans:?}");
}

#[test]
fn a_face_close_up_in_video_never_pays_for_the_far_scan() {
    if !far_model() {
        return;
    }
    let mut t = tracker(TrackerConfig {
        hands: false,
        ..TrackerConfig::default()
    });
    let img = lantern_track::photos::fit(&common::photo(FACE_PHOTOS[1]), 1280, 720);
    let view = FrameView::from_rgba(&img).expect("frame");
    for n in 0..40 {
        let out = t.track(&view, None).expect("track");
        assert_eq!(out.faces.len(), 1, "frame {n}");
        assert_eq!(t.last_times().face.far_regions, 0, "frame {n}");
    }
}

/// Tracking eight faces in video: all found by the fourth detection frame (frame 45: the first
/// tracked face is small, so each detection frame after it scans the whole frame and two more
/// of the six tiles) and kept; prints what each face beyond the first costs (its mesh
/// and iris, every frame).
#[test]
fn eight_faces_are_tracked_in_video_and_each_costs_its_mesh() {
    if !far_model() {
        return;
    }
    let portraits: Vec<Portrait> = FACE_PHOTOS.iter().map(|n| portrait(n)).collect();
    let mut per_frame = Vec::new();
    for (cols, rows) in [(1, 1), (4, 2)] {
        let (frame, truths) = mosaic(&portraits, (1280, 720), (cols, rows), 110.0);
        let mut t = tracker(TrackerConfig {
            hands: false,
            max_faces: 8,
            ..TrackerConfig::default()
        });
        let view = FrameView::from_rgba(&frame).expect("frame");
        let mut ms = Vec::new();
        for n in 0..70 {
            let out = t.track(&view, None).expect("track");
            if n >= 46 {
                assert_eq!(matched(&out.faces, &truths), truths.len(), "frame {n}");
                let f = t.last_times().face;
                ms.push(f.mesh + f.iris);
            }
        }
        per_frame.push((truths.len(), median(ms)));
    }
    let ((n1, t1), (n8, t8)) = (per_frame[0], per_frame[1]);
    println!(
        "mesh + iris per frame: {t1:.1} ms for {n1} face, {t8:.1} ms for {n8}: {:.1} ms per extra face",
        (t8 - t1) / (n8 - n1) as f32
    );
}
