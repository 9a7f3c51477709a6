//! Shared helpers: the photos folder (a clear failure when it is missing) and tracking stills.
#![allow(dead_code)]

pub mod heldout;
pub mod small;

use std::path::PathBuf;

use effect_schema::tracking::TrackingFrame;
use lantern_track::{FrameView, Models, Tracker, TrackerConfig, load_rgba, photos};

pub fn media() -> PathBuf {
    photos::media_dir().unwrap_or_else(|e| panic!("the test photos are needed: {e}"))
}

pub fn photo(name: &str) -> image::RgbaImage {
    let p = media().join(name);
    assert!(
        p.is_file(),
        "test photo {} is missing (set LANTERN_MEDIA)",
        p.display()
    );
    load_rgba(&p).expect("test photo loads")
}

pub fn still_tracker() -> Tracker {
    Tracker::new(&Models::discover(), TrackerConfig::still()).expect("tracker loads")
}

pub fn track_still(tracker: &mut Tracker, img: &image::RgbaImage) -> TrackingFrame {
    let view = FrameView::from_rgba(img).expect("a valid frame");
    tracker.track(&view, None).expect("tracking runs")
}

#[allow(unused_imports)] // Each test binary uses some of them.
pub use lantern_track::photos::{FACE_PHOTOS, turned};
