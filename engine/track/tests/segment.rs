//! Person segmentation on the real photos: the face is person, the corners are background, a
//! frame with no one in it is empty, strides and pixel formats don't matter, bad input is an
//! error; the tracker runs it at its rate and smoothing steadies it across frames.

mod common;

use std::sync::Arc;

use common::{FACE_PHOTOS, photo};
use lantern_track::models::SearchDir;
use lantern_track::{
    FrameView, Models, PersonMask, PixelFormat, SegmentModel, Segmenter, SegmenterConfig, Tracker,
    TrackerConfig, photos,
};

fn still_segmenting_tracker() -> Tracker {
    let cfg = TrackerConfig {
        hands: false,
        segmentation: true,
        ..TrackerConfig::still()
    };
    Tracker::new(&Models::discover(), cfg).expect("tracker loads")
}

/// Shares of person in the four corner patches (a tenth of each side): TL, TR, BL, BR.
fn corners(m: &PersonMask) -> [f32; 4] {
    let (w, h) = (m.width / 10, m.height / 10);
    let (x1, y1) = (m.width - w, m.height - h);
    [(0, 0), (x1, 0), (0, y1), (x1, y1)].map(|(x, y)| m.coverage_in(x, y, w, h))
}

/// Tracks `img` and checks the mask covers the face box and leaves the top corners as
/// background (the bottom ones may be shoulders). Returns the face coverage.
fn check_photo(tracker: &mut Tracker, name: &str, img: &image::RgbaImage) -> f32 {
    let view = FrameView::from_rgba(img).expect("a valid frame");
    let frame = tracker.track(&view, None).expect("tracking runs");
    assert!(tracker.last_times().segmented, "{name}");
    let mask = tracker.mask().expect("a mask");
    assert_eq!(
        (mask.width, mask.height),
        (img.width(), img.height()),
        "{name}"
    );
    assert_eq!(mask.data.len(), (mask.width * mask.height) as usize);
    assert_eq!(frame.faces.len(), 1, "{name}");
    let bbox = frame.faces[0].bbox;
    let (left, top) = (bbox.x.max(0.0) as u32, bbox.y.max(0.0) as u32);
    let face = mask.coverage_in(left, top, bbox.w as u32, bbox.h as u32);
    let corner = corners(mask);
    let times = tracker.last_times().segment;
    println!(
        "{name} {}x{} ({}): face {face:.2}, corners {corner:.2?}, all {:.2}; {:.1}+{:.1}+{:.1} ms",
        mask.width,
        mask.height,
        if times.landscape {
            "landscape"
        } else {
            "square"
        },
        mask.coverage(),
        times.prepare,
        times.infer,
        times.upsample
    );
    assert!(
        face > 0.8,
        "{name}: only {face:.2} of the face box is person"
    );
    assert!(
        corner[0] < 0.2 && corner[1] < 0.2,
        "{name}: top corners {corner:?}"
    );
    face
}

#[test]
fn each_face_photo_is_person_on_the_face_and_background_in_the_corners() {
    let mut tracker = still_segmenting_tracker();
    for name in FACE_PHOTOS {
        check_photo(&mut tracker, name, &photo(name));
    }
}

#[test]
fn the_landscape_model_on_16_9_frames_covers_the_faces_too() {
    let mut tracker = still_segmenting_tracker();
    for name in FACE_PHOTOS {
        let img = photos::fit(&photo(name), 1280, 720);
        check_photo(&mut tracker, name, &img);
        assert!(tracker.last_times().segment.landscape, "{name}");
    }
}

#[test]
fn frames_without_a_person_give_an_empty_mask() {
    let mut seg = Segmenter::new(&Models::discover(), SegmenterConfig::default()).unwrap();
    let flat = image::RgbaImage::from_pixel(640, 480, image::Rgba([90, 120, 150, 255]));
    let gradient = image::RgbaImage::from_fn(1280, 720, |x, y| {
        image::Rgba([(x / 5) as u8, (y / 3) as u8, 128, 255])
    });
    for (name, img) in [("flat", flat), ("gradient", gradient)] {
        seg.reset();
        let m = seg.segment(&FrameView::from_rgba(&img).unwrap()).unwrap();
        println!("{name}: person {:.3}", m.coverage());
        assert!(m.coverage() < 0.05, "{name}: {}", m.coverage());
    }
}

#[test]
fn rgb_with_padded_rows_gives_the_same_mask_as_rgba() {
    let img = photo("keijiro_pexels-sam-lion-5709614.jpg");
    let (w, h) = (img.width(), img.height());
    let stride = w as usize * 3 + 7 * 3;
    let mut rgb = vec![0_u8; stride * h as usize];
    for (x, y, p) in img.enumerate_pixels() {
        let i = y as usize * stride + x as usize * 3;
        rgb[i..i + 3].copy_from_slice(&p.0[..3]);
    }
    let cfg = SegmenterConfig {
        smoothing: 0.0,
        ..SegmenterConfig::default()
    };
    let mut seg = Segmenter::new(&Models::discover(), cfg).unwrap();
    let a = seg.segment(&FrameView::from_rgba(&img).unwrap()).unwrap();
    let view = FrameView::new(&rgb, w, h, stride, PixelFormat::Rgb8).unwrap();
    let b = seg.segment(&view).unwrap();
    assert_eq!(a, b);
}

#[test]
fn tiny_odd_and_bad_frames_are_masks_or_errors_never_panics() {
    let mut seg = Segmenter::new(&Models::discover(), SegmenterConfig::default()).unwrap();
    for (w, h) in [(1, 1), (3, 1000), (2000, 2), (257, 145)] {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([200, 180, 160, 255]));
        let m = seg.segment(&FrameView::from_rgba(&img).unwrap()).unwrap();
        assert_eq!((m.width, m.height, m.data.len()), (w, h, (w * h) as usize));
    }
    let buf = vec![0_u8; 64];
    assert!(FrameView::new(&buf, 0, 4, 16, PixelFormat::Rgba8).is_err());
    assert!(FrameView::new(&buf, 4, 0, 16, PixelFormat::Rgba8).is_err());
    // Without the models: an error naming the file and the fix.
    let dir = tempfile::tempdir().unwrap();
    let empty = Models::with_dirs(vec![SearchDir {
        path: dir.path().to_owned(),
        origin: "test",
    }]);
    for model in [
        SegmentModel::Auto,
        SegmentModel::Square,
        SegmentModel::Landscape,
    ] {
        let cfg = SegmenterConfig {
            model,
            ..SegmenterConfig::default()
        };
        let err = Segmenter::new(&empty, cfg).unwrap_err().to_string();
        assert!(
            err.contains("mp_selfie_segmentation") && err.contains("LANTERN_MODELS"),
            "{err}"
        );
    }
}

#[test]
fn the_tracker_segments_at_its_rate_and_reuses_the_mask_in_between() {
    let cfg = TrackerConfig {
        faces: false,
        hands: false,
        segmentation: true,
        segment_every: 3,
        ..TrackerConfig::default()
    };
    let mut tracker = Tracker::new(&Models::discover(), cfg).unwrap();
    assert!(tracker.mask().is_none());
    let img = photos::fit(&photo("skimage_astronaut.png"), 640, 360);
    let view = FrameView::from_rgba(&img).unwrap();
    let mut ran = Vec::new();
    let mut masks: Vec<Arc<PersonMask>> = Vec::new();
    for _ in 0..7 {
        let t = tracker.track(&view, None).unwrap();
        assert!(t.faces.is_empty());
        ran.push(tracker.last_times().segmented);
        masks.push(tracker.shared_mask().unwrap());
    }
    assert_eq!(ran, [true, false, false, true, false, false, true]);
    assert!(Arc::ptr_eq(&masks[0], &masks[2]) && !Arc::ptr_eq(&masks[2], &masks[3]));
    // A new frame size is segmented at once.
    let small = photos::fit(&img, 320, 180);
    tracker
        .track(&FrameView::from_rgba(&small).unwrap(), None)
        .unwrap();
    assert!(tracker.last_times().segmented);
    assert_eq!(tracker.mask().map(|m| m.width), Some(320));
    // Segmentation off: no mask.
    let mut plain = Tracker::new(
        &Models::discover(),
        TrackerConfig {
            hands: false,
            ..TrackerConfig::default()
        },
    )
    .unwrap();
    plain.track(&view, None).unwrap();
    assert!(plain.mask().is_none() && !plain.last_times().segmented);
}

/// Mean absolute change (0..255) between two masks of the same size.
fn change(a: &PersonMask, b: &PersonMask) -> f32 {
    let sum: u64 = a
        .data
        .iter()
        .zip(&b.data)
        .map(|(&x, &y)| u64::from(x.abs_diff(y)))
        .sum();
    sum as f32 / a.data.len() as f32
}

#[test]
fn smoothing_steadies_the_mask_between_jittery_frames() {
    // The same portrait, shifted back and forth by 3 pixels with a little noise: a shaky camera.
    let base = photos::fit(&photo("ikep_pexels_smile_Test1.jpg"), 640, 360);
    let frames: Vec<image::RgbaImage> = (0..8_u32)
        .map(|i| {
            let dx = if i % 2 == 0 { 0 } else { 3 };
            image::RgbaImage::from_fn(640, 360, |x, y| {
                let mut p = *base.get_pixel(x.saturating_sub(dx), y);
                let n = ((x * 31 + y * 17 + i * 53) % 13) as u8;
                for c in &mut p.0[..3] {
                    *c = c.saturating_add(n);
                }
                p
            })
        })
        .collect();
    let mut flicker = [0.0_f32; 2];
    for (k, smoothing) in [0.0_f32, 0.8].into_iter().enumerate() {
        let cfg = SegmenterConfig {
            smoothing,
            ..SegmenterConfig::default()
        };
        let mut seg = Segmenter::new(&Models::discover(), cfg).unwrap();
        let masks: Vec<PersonMask> = frames
            .iter()
            .map(|f| seg.segment(&FrameView::from_rgba(f).unwrap()).unwrap())
            .collect();
        flicker[k] = masks
            .windows(2)
            .skip(2)
            .map(|w| change(&w[0], &w[1]))
            .sum::<f32>();
        // Smoothing never loses the person.
        let last = masks.last().unwrap();
        assert!(last.coverage() > 0.1, "{smoothing}: {}", last.coverage());
    }
    println!(
        "mask change over 5 frame pairs: raw {:.2}, smoothed {:.2}",
        flicker[0], flicker[1]
    );
    assert!(flicker[1] < flicker[0], "{flicker:?}");
}
