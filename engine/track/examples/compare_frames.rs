//! For `bench/mediapipe_compare.py`: writes every test photo fitted to 1280x720 as PNG into the
//! folder given, and prints our still-image tracking of each as one JSON line (with the mesh).
//! One landmark pass per detection, as MediaPipe's static mode (our `TrackerConfig::still`
//! refines faces: `refine_faces` is turned off here); `--refine`: a second pass on each crop;
//! `--lite-hands`: the lite palm and hand models; `--float`: no int8 models.
use lantern_track::{FrameView, Models, Tracker, TrackerConfig, photos};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: compare_frames <out dir>")?,
    );
    std::fs::create_dir_all(&out)?;
    let dir = photos::media_dir()?;
    let mut paths = photos::images_in(&dir)?;
    paths.extend(photos::images_in(&dir.join("hagrid"))?);
    let refine = std::env::args().any(|a| a == "--refine");
    let config = TrackerConfig {
        refine,
        refine_faces: refine,
        lite_hands: std::env::args().any(|a| a == "--lite-hands"),
        int8: !std::env::args().any(|a| a == "--float"),
        ..TrackerConfig::still()
    };
    let mut tracker = Tracker::new(&Models::discover(), config)?;
    for p in paths {
        let img = photos::fit(&lantern_track::load_rgba(&p)?, 1280, 720);
        let name = format!(
            "{}.png",
            p.file_stem().and_then(|s| s.to_str()).unwrap_or("frame")
        );
        img.save(out.join(&name))?;
        let t = tracker.track(&FrameView::from_rgba(&img)?, None)?;
        println!(
            "{{\"file\":{:?},\"tracking\":{}}}",
            name,
            photos::json_line(&t)?
        );
    }
    Ok(())
}
