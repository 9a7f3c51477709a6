//! `lantern render`: an effect over an image or a video, offline and deterministic.
//!
//! `--output x.png` writes the last frame; `--output x.mp4` (or .mkv/.flv) encodes every frame
//! with the hot-zone SEI. An MP4, MOV or MKV also carries an AAC track with the effect's sound
//! (its music and the sounds its triggers and script start, each from its frame's first sample;
//! silence where there is none). Tracking comes from `--tracking tape.jsonl` (reproducible), else
//! from the live tracker when the effect needs it (`--no-tracking` turns it off).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use lantern_engine::audio::{OfflineTrack, SoundBank, SoundCue};
use lantern_engine::media::{AudioConfig, Encoder, EncoderConfig, Target, VideoFrame};
use lantern_engine::offline;
use lantern_engine::render::{FrameData, PixelFormat};
use lantern_engine::schema::Package;
use lantern_engine::schema::hotzone::{SEI_VERSION, SeiPayload};
use lantern_engine::{Driver, DriverOptions, PlayerOptions, TrackingSpec};

use super::args::parse_size;

#[derive(clap::Args)]
pub struct Args {
    /// The effect package (a folder with effect.json, or a .zip).
    #[arg(long, short)]
    pub effect: PathBuf,
    /// A PNG/JPEG/WebP image or a video file to put the effect on.
    #[arg(long, short)]
    pub input: PathBuf,
    /// A .png (the last frame) or a video file (.mp4, .mkv, .flv: every frame).
    #[arg(long, short)]
    pub output: PathBuf,
    /// Frames to render (default: 1 for an image, the whole video otherwise).
    #[arg(long)]
    pub frames: Option<u64>,
    /// Output size, e.g. 1280x720 or 720x1280 (default: the input's size, rounded to even).
    #[arg(long, value_parser = parse_size)]
    pub size: Option<(u32, u32)>,
    /// Replay a tracking tape (`lantern track --json` output) instead of running the models.
    #[arg(long)]
    pub tracking: Option<PathBuf>,
    /// Do not track at all.
    #[arg(long, conflicts_with = "tracking")]
    pub no_tracking: bool,
    /// Frames per second of the effect clock (and of a video output).
    #[arg(long, default_value_t = 30)]
    pub fps: u32,
    /// Do not run the effect's script.
    #[arg(long)]
    pub no_script: bool,
    /// Also write each frame's hot-zones as JSON lines here.
    #[arg(long)]
    pub hotzones: Option<PathBuf>,
}

fn is_png(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"))
}

/// Containers written with the effect's sound (FLV stays video only, as `lantern probe` reads).
fn has_sound(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["mp4", "m4v", "mov", "mkv"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut package = Package::open(&args.effect)?;
    let sound = if has_sound(&args.output) {
        Some(Arc::new(SoundBank::load(&mut package)?))
    } else {
        None
    };
    let mut source = offline::open_source(&args.input, args.fps)?;
    let (w, h) = args.size.unwrap_or_else(|| {
        let (w, h) = source.size();
        (w & !1, h & !1)
    });
    let options = PlayerOptions {
        width: w,
        height: h,
        fps: args.fps as f32,
        scripts: !args.no_script,
        ..PlayerOptions::default()
    };
    let tracking = match (&args.tracking, args.no_tracking) {
        (Some(tape), _) => TrackingSpec::Tape(tape.clone()),
        (None, true) => TrackingSpec::Off,
        (None, false) => TrackingSpec::Models,
    };
    let options = DriverOptions::new(options, tracking, source.is_still());
    let mut driver = Driver::new(package, options)?;
    let mut zones = match &args.hotzones {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    let mut out = Output::new(&args.output, (w, h), args.fps, sound)?;
    let mut last: Option<FrameData> = None;
    let mut failure: Option<anyhow::Error> = None;
    let frames = offline::render_with_sound(
        &mut driver,
        &mut source,
        args.frames,
        PixelFormat::Rgba,
        |frame, cues| {
            let step = (|| -> anyhow::Result<()> {
                if let Some(z) = zones.as_mut() {
                    serde_json::to_writer(&mut *z, &frame.hotzones)?;
                    z.write_all(b"\n")?;
                }
                out.frame(frame, cues)?;
                progress(frame.index + 1, args.frames);
                Ok(())
            })();
            if let Err(e) = step {
                failure.get_or_insert(e);
            }
            last = Some(frame.clone());
            Ok(())
        },
    )?;
    if let Some(e) = failure {
        return Err(e);
    }
    for line in driver.player_mut().drain_logs() {
        tracing::info!(target: "script", "{:?} {}", line.level, line.message);
    }
    match out {
        Output::Png(path) => {
            let frame = last.context("no frame was rendered (is the video empty?)")?;
            let img = image::RgbaImage::from_raw(frame.width, frame.height, frame.bytes)
                .context("the renderer returned a short frame")?;
            img.save(&path)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        Output::Video { enc, .. } => {
            enc.finish()?;
        }
    }
    progress_done();
    tracing::info!(
        "rendered {frames} frame(s) at {w}x{h} to {}",
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

enum Output {
    Png(PathBuf),
    Video {
        enc: Box<Encoder>,
        fps: u32,
        /// The effect's sound, when the container carries it.
        sound: Option<OfflineTrack>,
    },
}

impl Output {
    fn new(
        path: &Path,
        (w, h): (u32, u32),
        fps: u32,
        sound: Option<Arc<SoundBank>>,
    ) -> anyhow::Result<Self> {
        if is_png(path) {
            return Ok(Self::Png(path.to_owned()));
        }
        let mut cfg = EncoderConfig::video_only(w, h, fps);
        if sound.is_some() {
            cfg.audio = Some(AudioConfig::default());
        }
        let enc = Encoder::open(&Target::File(path.to_owned()), &cfg).with_context(|| {
            format!(
                "opening {} for writing (use .png, .mp4, .mkv or .flv)",
                path.display()
            )
        })?;
        Ok(Self::Video {
            enc: Box::new(enc),
            fps,
            sound: sound.map(|bank| OfflineTrack::new(bank, f64::from(fps))),
        })
    }

    fn frame(&mut self, frame: &FrameData, cues: &[SoundCue]) -> anyhow::Result<()> {
        let Self::Video { enc, fps, sound } = self else {
            return Ok(());
        };
        let pts = (frame.index * 1000 / u64::from((*fps).max(1))) as i64;
        let sei = SeiPayload {
            v: SEI_VERSION,
            pts,
            wall: 0,
            w: frame.width,
            h: frame.height,
            zones: frame.hotzones.clone(),
        };
        let video = VideoFrame::rgba(frame.width, frame.height, &frame.bytes);
        enc.push_video(&video, pts, Some(&sei), &[])?;
        if let Some(track) = sound {
            enc.push_audio(&track.frame(frame.index, cues))?;
        }
        Ok(())
    }
}

/// A one-line progress report on stderr, redrawn every 10 frames.
fn progress(done: u64, total: Option<u64>) {
    if !done.is_multiple_of(10) {
        return;
    }
    let mut err = std::io::stderr().lock();
    let _ = match total {
        Some(t) if t > 1 => {
            let bar = (done * 30 / t.max(1)).min(30) as usize;
            write!(
                err,
                "\r[{}{}] {done}/{t} frames",
                "#".repeat(bar),
                ".".repeat(30 - bar)
            )
        }
        _ => write!(err, "\r{done} frames"),
    };
    let _ = err.flush();
}

fn progress_done() {
    let _ = writeln!(std::io::stderr());
}
