//! `lantern push`: go live. Source → tracking → effect → H.264 (SEI hot-zones, ROI) + AAC →
//! RTMP, on the engine's push pipeline (`lantern_engine::push`). This file turns flags into a
//! `PushConfig`, starts the pipeline, prints stats every few seconds (and as JSON lines with
//! `--stats-json`), and stops cleanly on Ctrl-C/SIGTERM or after `--duration`. With `--monitor`
//! the host watches and steers it in a window (`lantern_monitor`) on the main thread; with
//! `--control` scripts and bots steer it over WebSocket (`lantern_control`, `lantern ctl`).

mod hub;
#[allow(unsafe_code, reason = "installing a signal handler through libc")]
mod signal;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use lantern_engine::media::Target;
use lantern_engine::push::{
    AudioSpec, Backoff, InputSpec, Push, PushConfig, PushError, Report, TrackingSpec,
};

use lantern_control::messages::Event;
use lantern_control::{ControlServer, RoomLink, ServerOptions};
use lantern_monitor::library::Source;

use super::args::parse_size;

#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    lantern push --effect examples/lucky-hat --input camera --url rtmp://live.example.com/app --key abc123\n  \
    lantern push --input clip.mp4 --url rtmp://127.0.0.1:1935/live --key test --duration 10\n  \
    lantern push --input pattern --url out.flv --duration 5\n  \
    lantern push --effect examples/face-bird --input camera --url out.flv --monitor")]
pub struct Args {
    /// The effect package (folder or .zip), or `hub:NAME@VERSION` from a Lantern Hub (see
    /// --hub); without it the plain picture is pushed.
    #[arg(long)]
    pub effect: Option<PathBuf>,
    #[command(flatten)]
    pub hub: hub::HubArgs,
    /// `camera[:index|name]`, a video file (looped), an image, or `pattern`.
    #[arg(long, short, default_value = "pattern")]
    pub input: String,
    /// The server URL as OBS takes it (`rtmp://host[:port]/app`), or a file (.flv/.mp4).
    #[arg(long)]
    pub url: String,
    /// The stream key (appended to the URL).
    #[arg(long, default_value = "")]
    pub key: String,
    /// Output size, WIDTHxHEIGHT (even numbers).
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Output frames per second.
    #[arg(long, default_value_t = 30)]
    pub fps: u32,
    /// Stop after this many seconds (default: run until Ctrl-C).
    #[arg(long)]
    pub duration: Option<f64>,
    /// x264 preset (ultrafast … veryslow).
    #[arg(long, default_value = "veryfast")]
    pub preset: String,
    /// Video bitrate in kbit/s.
    #[arg(long, default_value_t = 2500)]
    pub bitrate: u32,
    /// Keyframe interval in frames (default: 2 s).
    #[arg(long)]
    pub gop: Option<u32>,
    /// `auto` (the input file's audio, else silence), `silence`, `mic`, or an audio/video file.
    #[arg(long, default_value = "auto")]
    pub audio: String,
    /// AAC bitrate in kbit/s.
    #[arg(long, default_value_t = 128)]
    pub audio_bitrate: u32,
    /// Encode face boxes as regions of interest (default: on when the effect tracks faces).
    #[arg(long, overrides_with = "no_roi")]
    pub roi: bool,
    /// Never use ROI encoding.
    #[arg(long)]
    pub no_roi: bool,
    /// ROI quality offset, -1..1 (negative spends more bits on faces).
    #[arg(long, default_value_t = -0.3, allow_hyphen_values = true)]
    pub roi_offset: f32,
    /// Replay a tracking tape (.jsonl from `lantern track --json`) instead of running models.
    #[arg(long, conflicts_with = "no_tracking")]
    pub tracking: Option<PathBuf>,
    /// Run no tracking at all.
    #[arg(long)]
    pub no_tracking: bool,
    /// Start with the effect's gameplay script paused.
    #[arg(long)]
    pub no_gameplay: bool,
    /// Write each stats report as a JSON line to this file (`-` for stdout).
    #[arg(long)]
    pub stats_json: Option<PathBuf>,
    /// Seconds between stats reports (default 5; 1 with --monitor, whose panel shows each).
    #[arg(long)]
    pub stats_every: Option<f64>,
    /// Open a monitor window: the outgoing frame with its hot-zones and tracking, the stats,
    /// and host controls (gameplay on/off, commands for the script, Stop). Needs a display.
    #[arg(long)]
    pub monitor: bool,
    /// The monitor window's repaints per second (default 30 on a GPU, 5 on a software
    /// rasteriser such as lavapipe, where each repaint costs CPU the push needs).
    #[arg(long, requires = "monitor")]
    pub monitor_fps: Option<f64>,
    /// The monitor's effect library: a folder of packages (sub-folders with an effect.json, or
    /// .zip files), or a Lantern Hub's address (`http://…`: its approved packages, verified and
    /// cached) to switch to with a click (default: the hub of a `hub:` effect, else the folder
    /// holding --effect).
    #[arg(long, requires = "monitor", value_name = "DIR|HUB-URL")]
    pub library: Option<String>,
    /// Accept remote control on this address (WebSocket, see docs/control.md), e.g.
    /// `127.0.0.1:4455`; any address beyond loopback needs a token.
    #[arg(long)]
    pub control: Option<std::net::SocketAddr>,
    /// The token control clients must present (or the LANTERN_CONTROL_TOKEN variable).
    #[arg(long, env = "LANTERN_CONTROL_TOKEN", hide_env_values = true)]
    pub control_token: Option<String>,
    /// Join a live room on a Lantern Hub (its push address, `ws://HUB/api/rooms/ID/push`):
    /// viewers' taps are checked against this stream's hot-zones, and likes, gifts and chat
    /// reach the effect (docs/rooms.md). Reconnects on its own; the push never waits for it.
    #[arg(long, requires = "room_token", value_name = "URL")]
    pub room: Option<String>,
    /// The room's token (or the LANTERN_ROOM_TOKEN variable).
    #[arg(long, env = "LANTERN_ROOM_TOKEN", hide_env_values = true)]
    pub room_token: Option<String>,
    /// Reconnect attempts after a lost connection before giving up (0: forever).
    #[arg(long, default_value_t = 25)]
    pub max_reconnects: u32,
    /// Seconds before the first reconnect attempt (then ×1.5 each time).
    #[arg(long, default_value_t = 2.0)]
    pub reconnect_delay: f64,
    /// Longest wait between reconnect attempts, seconds.
    #[arg(long, default_value_t = 60.0)]
    pub reconnect_max_delay: f64,
}

fn seconds(flag: &str, v: f64) -> anyhow::Result<Duration> {
    anyhow::ensure!(
        v.is_finite() && v > 0.0 && v < 1e9,
        "{flag}: {v} is not a positive number of seconds"
    );
    Ok(Duration::from_secs_f64(v))
}

fn config(args: &Args) -> anyhow::Result<PushConfig> {
    let target = if args.url.contains("://") {
        Target::rtmp(&args.url, &args.key)?
    } else {
        anyhow::ensure!(
            args.key.is_empty(),
            "--key is for rtmp:// URLs; {} is a file",
            args.url
        );
        Target::File(PathBuf::from(&args.url))
    };
    let mut cfg = PushConfig::new(InputSpec::parse(&args.input)?, target);
    cfg.effect = hub::resolve(args.effect.as_deref(), &args.hub)?;
    (cfg.width, cfg.height) = args.size;
    cfg.fps = args.fps;
    cfg.duration = args
        .duration
        .map(|d| seconds("--duration", d))
        .transpose()?;
    cfg.preset.clone_from(&args.preset);
    cfg.video_kbps = args.bitrate;
    cfg.gop = args.gop.unwrap_or(args.fps.saturating_mul(2).max(1));
    cfg.audio = AudioSpec::parse(&args.audio)?;
    cfg.audio_kbps = args.audio_bitrate;
    cfg.roi = if args.no_roi {
        Some(false)
    } else if args.roi {
        Some(true)
    } else {
        None
    };
    cfg.roi_offset = args.roi_offset;
    cfg.tracking = match (&args.tracking, args.no_tracking) {
        (Some(tape), _) => TrackingSpec::Tape(tape.clone()),
        (None, true) => TrackingSpec::Off,
        (None, false) => TrackingSpec::Models,
    };
    cfg.backoff = Backoff {
        first: seconds("--reconnect-delay", args.reconnect_delay)?,
        max: seconds("--reconnect-max-delay", args.reconnect_max_delay)?,
        max_attempts: args.max_reconnects,
        ..Backoff::default()
    };
    cfg.gameplay = !args.no_gameplay;
    cfg.preview = args.monitor;
    Ok(cfg)
}

/// Where JSON stats go.
fn stats_sink(path: Option<&PathBuf>) -> anyhow::Result<Option<Box<dyn Write>>> {
    Ok(match path {
        None => None,
        Some(p) if p.as_os_str() == "-" => Some(Box::new(std::io::stdout())),
        Some(p) => Some(Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("--stats-json {}", p.display()))?,
        ))),
    })
}

/// Where each stats report goes: the log, the JSON lines, the control clients.
struct Reporter {
    sink: Option<Box<dyn Write>>,
    control: Option<ControlServer>,
    link: Option<String>,
}

impl Reporter {
    fn emit(&mut self, report: &Report, last: bool) -> anyhow::Result<()> {
        tracing::info!("{}", report.line());
        let mut json = serde_json::to_value(report)?;
        json["final"] = last.into();
        if let Some(out) = self.sink.as_mut() {
            writeln!(out, "{json}")?;
            out.flush()?;
        }
        if let Some(server) = &self.control {
            let link = json["link"].as_str().map(str::to_owned);
            if link.is_some() && link != self.link {
                self.link.clone_from(&link);
                server.publish(&Event::Link {
                    state: link.unwrap_or_default(),
                });
            }
            server.publish(&Event::Stats(json));
        }
        Ok(())
    }
}

/// The control server's options, when asked for one (checked before going live).
fn control_options(args: &Args) -> anyhow::Result<Option<ServerOptions>> {
    let Some(addr) = args.control else {
        return Ok(None);
    };
    let mut options = ServerOptions::new(addr);
    options.token.clone_from(&args.control_token);
    options.check()?;
    Ok(Some(options))
}

/// The control server beside `push`.
fn control(push: &Push, options: Option<ServerOptions>) -> anyhow::Result<Option<ControlServer>> {
    let Some(options) = options else {
        return Ok(None);
    };
    Ok(Some(ControlServer::start(options, push.controls())?))
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let cfg = config(args)?;
    let every = seconds(
        "--stats-every",
        args.stats_every
            .unwrap_or(if args.monitor { 1.0 } else { 5.0 }),
    )?;
    if args.monitor && !lantern_monitor::has_display() {
        // Before going live: nothing to stop.
        return Err(lantern_monitor::MonitorError::NoDisplay.into());
    }
    let sink = stats_sink(args.stats_json.as_ref())?;
    let describe = format!(
        "{} → {} at {}x{}@{}",
        args.input,
        args.effect
            .as_ref()
            .map_or_else(|| "no effect".to_owned(), |p| p.display().to_string()),
        cfg.width,
        cfg.height,
        cfg.fps
    );
    let gameplay = cfg.gameplay;
    let control_options = control_options(args)?;
    signal::install();
    let fps = cfg.fps;
    // Before going live: a room address that cannot work fails at once.
    if let Some(url) = &args.room {
        lantern_control::room::push_url(url)?;
    }
    let push = Push::start(cfg)?;
    // Kept until the push ends (dropping it closes the room's socket).
    let _room = match (&args.room, &args.room_token) {
        (Some(url), Some(token)) => Some(RoomLink::start(url, token, push.controls(), fps)?),
        _ => None,
    };
    let mut reporter = Reporter {
        sink,
        control: control(&push, control_options)?,
        link: None,
    };
    let info = push.info().clone();
    tracing::info!(
        "pushing {describe} to {} (tracking: {}, ROI: {})",
        info.url,
        if info.live_tracking {
            "live"
        } else {
            "off/tape"
        },
        if info.roi { "on" } else { "off" }
    );
    let (last, result) = if args.monitor {
        let options = lantern_monitor::MonitorOptions {
            subtitle: info.url.clone(),
            stats_every: every,
            repaint_every: args
                .monitor_fps
                .map(|fps| seconds("--monitor-fps", 1.0 / fps))
                .transpose()?,
            gameplay,
            library: library(args)?,
            ..lantern_monitor::MonitorOptions::default()
        };
        monitor(push, options, &mut reporter)?
    } else {
        watch(push, every, &mut reporter)?
    };
    reporter.emit(&last, true)?;
    result?;
    tracing::info!(
        "done: {} frames sent, {} dropped (capture {}, render {}, encode {}, send {}), {} reconnects",
        last.frames_sent,
        last.dropped.total(),
        last.dropped.capture,
        last.dropped.render,
        last.dropped.encode,
        last.dropped.send,
        last.reconnects
    );
    Ok(ExitCode::SUCCESS)
}

type Outcome = (Report, Result<(), PushError>);

/// Without a window: reports every `every` until the pipeline ends (or Ctrl-C stops it).
fn watch(mut push: Push, every: Duration, reporter: &mut Reporter) -> anyhow::Result<Outcome> {
    let mut next = Instant::now() + every;
    let mut stopping = false;
    while !push.wait_timeout(Duration::from_millis(100)) {
        if signal::requested() && !stopping {
            tracing::info!("stopping: draining the pipeline (press Ctrl-C again to quit at once)");
            push.stop();
            stopping = true;
        }
        if Instant::now() >= next {
            reporter.emit(&push.report(), false)?;
            next += every;
        }
    }
    let last = push.report();
    Ok((last, push.wait()))
}

/// With the monitor window (on this, the main thread): its panel takes the reports, which are
/// logged and written as JSON as without it; Ctrl-C stops as without it.
/// The library: `--library` (a folder or a hub's address), else the hub of a `hub:` effect, else
/// the folder holding the effect.
fn library(args: &Args) -> anyhow::Result<Option<Source>> {
    if let Some(lib) = &args.library {
        return if lib.starts_with("http://") || lib.starts_with("https://") {
            Ok(Some(Source::Hub(Box::new(hub::source(lib, &args.hub)?))))
        } else {
            Ok(Some(Source::Folder(PathBuf::from(lib))))
        };
    }
    let Some(effect) = args.effect.as_ref() else {
        return Ok(None);
    };
    if hub::is_hub_ref(effect) {
        return Ok(Some(Source::Hub(Box::new(hub::source(
            &args.hub.hub,
            &args.hub,
        )?))));
    }
    let effect = std::path::absolute(effect)?;
    Ok(effect.parent().map(|p| Source::Folder(p.to_owned())))
}

fn monitor(
    push: Push,
    options: lantern_monitor::MonitorOptions<'_>,
    reporter: &mut Reporter,
) -> anyhow::Result<Outcome> {
    let mut write_error = None;
    let options = lantern_monitor::MonitorOptions {
        on_report: Some(Box::new(|r: &Report| {
            if write_error.is_none()
                && let Err(e) = reporter.emit(r, false)
            {
                write_error = Some(e);
            }
        })),
        should_stop: Some(Box::new(signal::requested)),
        ..options
    };
    let ended = lantern_monitor::run(push, options)?;
    if let Some(e) = write_error {
        return Err(e);
    }
    Ok((ended.last, ended.result))
}
