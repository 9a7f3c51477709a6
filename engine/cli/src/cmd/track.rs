//! `lantern track`: run the tracker on an image, a folder of frames or a video and print what it
//! sees.
//!
//! One image is tracked as a still (no smoothing, states fire at once); a folder is tracked as a
//! sequence of frames in name order, a video file frame by frame on its timestamps (smoothing,
//! ids, Begin/Stay/End; see `track/video.rs`). `--json` prints one
//! `TrackingFrame` per line (a tracking tape); `--overlay` draws the result and `--mask` writes
//! the person mask as a grayscale PNG (for a folder, each path is a folder and gets one PNG per
//! frame).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use lantern_engine::schema::tracking::TrackingFrame;
use lantern_engine::track::{
    FrameView, Models, Tracker, TrackerConfig, image, load_rgba, overlay, photos,
};

mod video;

#[derive(clap::Args)]
pub struct Args {
    /// An image, a folder of frames, or a video file (.mp4, .mov, .mkv, .webm, ...).
    #[arg(long, short)]
    pub input: Option<PathBuf>,
    /// The same, as a positional argument.
    #[arg(conflicts_with = "input")]
    pub path: Option<PathBuf>,
    /// Print one JSON `TrackingFrame` per line.
    #[arg(long)]
    pub json: bool,
    /// Write an overlay image (a folder of images for a folder input, a video for a video).
    #[arg(long)]
    pub overlay: Option<PathBuf>,
    /// At most this many frames of a video.
    #[arg(long)]
    pub frames: Option<u64>,
    /// Frame rate of a video overlay.
    #[arg(long, default_value_t = 30)]
    pub fps: u32,
    /// Run person segmentation and write the mask as a grayscale PNG, white = person (a folder
    /// of PNGs for a folder or video input).
    #[arg(long)]
    pub mask: Option<PathBuf>,
    /// Most faces to track.
    #[arg(long, default_value_t = 4)]
    pub max_faces: usize,
    /// Most hands to track.
    #[arg(long, default_value_t = 2)]
    pub max_hands: usize,
    /// Don't track hands.
    #[arg(long)]
    pub no_hands: bool,
    /// Don't track faces.
    #[arg(long)]
    pub no_faces: bool,
    /// Intra-op threads per model.
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Include the 468 mesh points in the JSON.
    #[arg(long)]
    pub landmarks: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let input = args
        .input
        .as_ref()
        .or(args.path.as_ref())
        .context("give an image, a folder or a video: `lantern track --input photo.jpg`")?;
    anyhow::ensure!(
        input.exists(),
        "{} does not exist: give an image, a folder of frames or a video file",
        input.display()
    );
    let is_video = input.is_file() && video::is_video(input);
    let frames: Vec<PathBuf> = if input.is_dir() {
        photos::images_in(input)?
    } else {
        vec![input.clone()]
    };
    let mut cfg = if input.is_dir() || is_video {
        TrackerConfig::default()
    } else {
        TrackerConfig::still()
    };
    cfg.max_faces = args.max_faces;
    cfg.max_hands = args.max_hands;
    cfg.hands = !args.no_hands;
    cfg.faces = !args.no_faces;
    cfg.threads = args.threads;
    cfg.segmentation = args.mask.is_some();
    let mut tracker = Tracker::new(&Models::discover(), cfg)?;
    if is_video {
        video::run(args, input, &mut tracker)?;
        return Ok(ExitCode::SUCCESS);
    }
    run_images(args, input, &frames, &mut tracker)
}

/// An image or a folder of frames.
fn run_images(
    args: &Args,
    input: &Path,
    frames: &[PathBuf],
    tracker: &mut Tracker,
) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        !frames.is_empty(),
        "{} holds no .png/.jpg/.webp frames",
        input.display()
    );
    for dir in [&args.overlay, &args.mask] {
        if let Some(dir) = dir.as_ref().filter(|_| frames.len() > 1) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
    }
    let target = |out: &Path, frame: &Path| {
        if frames.len() > 1 {
            out.join(frame.file_name().unwrap_or_default())
                .with_extension("png")
        } else {
            out.to_owned()
        }
    };
    for path in frames {
        let img = load_rgba(path)?;
        let view = FrameView::from_rgba(&img)?;
        let t = tracker.track(&view, None)?;
        if let Some(out) = &args.overlay {
            write_overlay(img.clone(), &t, &target(out, path))?;
        }
        if let (Some(out), Some(mask)) = (&args.mask, tracker.mask()) {
            mask.save_png(&target(out, path))?;
        }
        report(args, path, t, tracker)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints one frame's tracking: a JSON line, or a human summary.
fn report(args: &Args, path: &Path, mut t: TrackingFrame, tracker: &Tracker) -> anyhow::Result<()> {
    if !args.landmarks {
        for f in &mut t.faces {
            f.landmarks.clear();
        }
    }
    if args.json {
        println!("{}", photos::json_line(&t)?);
    } else {
        print_human(path, &t);
        if let Some(mask) = tracker.mask() {
            println!(
                "  person mask: {:.0}% of the frame",
                mask.coverage() * 100.0
            );
        }
    }
    Ok(())
}

fn write_overlay(mut img: image::RgbaImage, t: &TrackingFrame, path: &Path) -> anyhow::Result<()> {
    overlay::draw(&mut img, t);
    img.save(path)
        .with_context(|| format!("writing overlay {}", path.display()))
}

fn print_human(path: &Path, t: &TrackingFrame) {
    println!(
        "{} (frame {}, {}x{}): {} face(s), {} hand(s)",
        path.display(),
        t.frame,
        t.width,
        t.height,
        t.faces.len(),
        t.hands.len()
    );
    for f in &t.faces {
        let e = &f.expressions;
        println!(
            "  face {} score {:.2} box {:.0},{:.0} {:.0}x{:.0} scale {:.0}px pose yaw {:.0} pitch {:.0} roll {:.0}",
            f.id,
            f.score,
            f.bbox.x,
            f.bbox.y,
            f.bbox.w,
            f.bbox.h,
            f.scale,
            f.pose.yaw,
            f.pose.pitch,
            f.pose.roll
        );
        println!(
            "    mouthOpen {:.2} leftEyeOpen {:.2} rightEyeOpen {:.2} browRaise {:.2} smile {}",
            e.mouth_open,
            e.left_eye_open,
            e.right_eye_open,
            e.brow_raise,
            e.smile
                .map_or_else(|| "-".to_owned(), |s| format!("{s:.2}"))
        );
        let anchors: Vec<String> = f
            .anchors
            .iter()
            .map(|(a, p)| format!("{}({:.0},{:.0})", a.name(), p.x, p.y))
            .collect();
        println!("    anchors {}", anchors.join(" "));
        for ev in &f.events {
            println!("    event {:?} {:?}", ev.kind, ev.phase);
        }
    }
    for h in &t.hands {
        println!(
            "  hand {} {:?} score {:.2} box {:.0},{:.0} {:.0}x{:.0} gesture {}",
            h.id,
            h.handedness,
            h.score,
            h.bbox.x,
            h.bbox.y,
            h.bbox.w,
            h.bbox.h,
            h.gesture
                .map_or_else(|| "-".to_owned(), |g| format!("{g:?}"))
        );
    }
    for g in &t.gestures {
        println!(
            "  gesture {:?} {:?} hands {:?}",
            g.gesture, g.phase, g.hand_ids
        );
    }
}
