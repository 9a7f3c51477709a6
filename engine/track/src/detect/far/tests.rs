use super::*;

fn det(x: f32, y: f32, w: f32, score: f32) -> FaceDetection {
    FaceDetection {
        score,
        x,
        y,
        w,
        h: w,
        keypoints: [(x + w / 2.0, y + w / 2.0); 6],
    }
}

#[test]
fn a_720p_frame_takes_six_overlapping_tiles_for_40_px_faces() {
    let t = tiles(1280, 720, 40.0);
    assert_eq!(t.len(), 6, "{t:?}");
    let side = t[0].w;
    // A 40 px face is MIN_INPUT_FACE pixels of the detector's input.
    assert!(
        (40.0 * INPUT / side - MIN_INPUT_FACE).abs() < 0.01,
        "{side}"
    );
    for r in &t {
        assert!(
            r.cx - side / 2.0 >= 0.0 && r.cx + side / 2.0 <= 1281.0,
            "{r:?}"
        );
        assert!(
            r.cy - side / 2.0 >= 0.0 && r.cy + side / 2.0 <= 721.0,
            "{r:?}"
        );
    }
    // Neighbours overlap by more than the smallest face the whole frame finds (~93 px).
    let whole_min = MIN_INPUT_FACE / INPUT * 1280.0;
    let step_x = t[1].cx - t[0].cx;
    assert!(side - step_x > whole_min, "overlap {}", side - step_x);
    // Every pixel is in a tile.
    for (x, y) in [(0.0, 0.0), (640.0, 360.0), (1279.0, 719.0), (420.0, 700.0)] {
        assert!(
            t.iter()
                .any(|r| (x - r.cx).abs() <= side / 2.0 + 1.0
                    && (y - r.cy).abs() <= side / 2.0 + 1.0),
            "{x},{y}"
        );
    }
}

#[test]
fn small_frames_need_no_tiles_and_huge_ones_get_bigger_tiles() {
    assert!(tiles(480, 360, 40.0).is_empty());
    assert!(tiles(0, 0, 40.0).is_empty());
    let t = tiles(7680, 4320, 40.0);
    assert!(!t.is_empty() && t.len() <= MAX_TILES, "{}", t.len());
    assert_eq!(
        tiles(1280, 720, 20.0).len(),
        MAX_TILES.min(tiles(1280, 720, 20.0).len())
    );
    assert!(tiles(1280, 720, 20.0).len() > 6);
    // A square group photo: 1024x1024 → 2x2 tiles.
    assert_eq!(tiles(1024, 1024, 40.0).len(), 4);
}

#[test]
fn merging_keeps_the_best_of_each_face() {
    let merged = merge(vec![
        det(100.0, 100.0, 40.0, 0.7),
        det(104.0, 102.0, 40.0, 0.9),
        det(300.0, 100.0, 40.0, 0.65),
    ]);
    assert_eq!(merged.len(), 2, "{merged:?}");
    assert!((merged[0].score - 0.9).abs() < 1e-6 && (merged[1].x - 300.0).abs() < 1e-6);
    assert!(merge(Vec::new()).is_empty());
}

#[test]
fn short_range_boxes_come_first_but_a_loose_one_hides_no_small_face() {
    // Short range's box for a face, and a loose one around two small faces.
    let mut kept = vec![det(600.0, 100.0, 200.0, 0.8), det(100.0, 100.0, 180.0, 0.6)];
    add(
        &mut kept,
        vec![
            // The same face as the first, scored higher by the full-range detector.
            det(610.0, 105.0, 190.0, 0.95),
            // The two small faces inside the loose box.
            det(110.0, 150.0, 60.0, 0.9),
            det(200.0, 150.0, 60.0, 0.9),
        ],
    );
    assert_eq!(kept.len(), 4, "{kept:?}");
    assert!(
        (kept[0].x - 600.0).abs() < 1e-6,
        "short range's box is kept"
    );
}

#[test]
fn a_face_at_a_tile_edge_inside_the_frame_is_cut() {
    let tile = Roi {
        cx: 300.0,
        cy: 300.0,
        w: 400.0,
        h: 400.0,
        rotation: 0.0,
    };
    let frame = (1280.0, 720.0);
    assert!(!cut(&det(250.0, 250.0, 40.0, 0.9), &tile, frame));
    assert!(
        cut(&det(480.0, 250.0, 40.0, 0.9), &tile, frame),
        "right edge"
    );
    assert!(cut(&det(250.0, 102.0, 40.0, 0.9), &tile, frame), "top edge");
    // A tile on the frame's corner: its top and left sides are the frame's.
    let corner = Roi {
        cx: 200.5,
        cy: 200.5,
        ..tile
    };
    assert!(!cut(&det(0.0, 0.0, 40.0, 0.9), &corner, frame));
}

/// The full-range detector on each portrait, its face scaled to `k` pixels of the 192x192
/// input: the sizes it finds (printed: found box / score).
#[test]
fn the_full_range_detector_sees_faces_from_12_to_128_px() {
    let models = Models::discover();
    let Ok(mut full) = FaceDetector::with_range(&models, Range::Full, 1) else {
        println!("skipped: the full-range face detector is not installed (lantern models fetch)");
        return;
    };
    let mut near = FaceDetector::new(&models, 1).expect("short range loads");
    let Ok(media) = crate::photos::media_dir() else {
        println!("skipped: no test photos");
        return;
    };
    let mut ms = Vec::new();
    for name in crate::photos::FACE_PHOTOS {
        let img = crate::load_rgba(&media.join(name)).expect("photo");
        let found = near.detect(&FrameView::from_rgba(&img).expect("frame"));
        let d0 = found.expect("detect")[0].clone();
        let mut line = format!("{name:45} face {:.0} px:", d0.w);
        for k in [8.0_f32, 10.0, 12.0, 16.0, 24.0, 48.0, 96.0, 128.0] {
            let s = k / d0.w;
            let size = |n: u32| ((n as f32 * s).round() as u32).max(1);
            let small = image::imageops::resize(
                &img,
                size(img.width()),
                size(img.height()),
                image::imageops::FilterType::Triangle,
            );
            let mut canvas =
                image::RgbaImage::from_pixel(192, 192, image::Rgba([110, 110, 110, 255]));
            let (fx, fy) = ((d0.x + d0.w / 2.0) * s, (d0.y + d0.h / 2.0) * s);
            image::imageops::overlay(&mut canvas, &small, (96.0 - fx) as i64, (96.0 - fy) as i64);
            let t0 = std::time::Instant::now();
            let f = full
                .detect(&FrameView::from_rgba(&canvas).expect("frame"))
                .expect("runs");
            ms.push(t0.elapsed().as_secs_f32() * 1e3);
            let hit = f.iter().find(|x| {
                (x.x + x.w / 2.0 - 96.0).abs() < k.max(8.0)
                    && (x.y + x.h / 2.0 - 96.0).abs() < k.max(8.0)
            });
            line += &hit.map_or(format!(" {k}:-"), |h| {
                format!(" {k}:{:.0}/{:.2}", h.w, h.score)
            });
            if (12.0..=96.0).contains(&k) {
                assert!(hit.is_some(), "{name}: a {k} px face is missed");
            }
        }
        println!("{line}");
    }
    ms.sort_by(f32::total_cmp);
    println!(
        "full-range detector: {:.1} ms a run (median)",
        ms[ms.len() / 2]
    );
}
