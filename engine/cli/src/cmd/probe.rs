//! `lantern probe`: the reference SEI reader. Opens an `rtmp://` stream or an .flv/.mp4 file,
//! walks each H.264 frame and prints one JSON line per video frame:
//! `{"frame":0,"pts_ms":0,"key":true,"sei":{"v":1,"pts":0,…,"zones":[…]}}` (`"sei":null` when a
//! frame carries no Lantern SEI). A summary goes to the log at the end.

use std::process::ExitCode;
use std::time::Duration;

use lantern_engine::media::probe::Probe;

#[derive(clap::Args)]
pub struct Args {
    /// An rtmp:// URL, or an .flv/.mp4 file.
    pub input: String,
    /// Stop after this many video frames.
    #[arg(long)]
    pub frames: Option<u64>,
    /// Stop after this many seconds (wall clock; for live streams).
    #[arg(long)]
    pub duration: Option<f64>,
    /// Seconds to wait for a connection or for data before giving up.
    #[arg(long, default_value_t = 10.0)]
    pub timeout: f64,
    /// Exit with status 2 when any frame lacks a valid Lantern SEI.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let secs = |s: f64, what: &str| {
        if s.is_finite() && s > 0.0 {
            Ok(Duration::from_secs_f64(s))
        } else {
            Err(anyhow::anyhow!(
                "--{what} must be a positive number of seconds, got {s}"
            ))
        }
    };
    let mut probe = Probe::open(&args.input, secs(args.timeout, "timeout")?)?;
    if let Some(d) = args.duration {
        probe.set_duration(secs(d, "duration")?);
    }
    let info = probe.info().clone();
    tracing::info!(
        "{}: {} {}x{}",
        args.input,
        info.codec,
        info.width,
        info.height
    );
    let (mut total, mut with_sei) = (0u64, 0u64);
    while args.frames.is_none_or(|n| total < n) {
        let Some(frame) = probe.next_frame()? else {
            break;
        };
        total += 1;
        if frame.sei.is_some() && frame.errors.is_empty() {
            with_sei += 1;
        }
        println!("{}", frame.to_json_line());
    }
    tracing::info!("{total} video frames, {with_sei} with a Lantern SEI");
    if args.strict && with_sei < total {
        tracing::error!("{} frame(s) without a valid Lantern SEI", total - with_sei);
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
