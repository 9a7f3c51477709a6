//! The push monitor: a native window (egui on wgpu, via eframe) a host keeps open while live.
//!
//! ```text
//!  Push (engine threads) ──preview slot──► frame view: newest outgoing frame, letterboxed,
//!        │                                 hot-zones outlined with ids, tracking overlay (toggle)
//!        ├──report() every `stats_every`──► stats panel: fps, drops by stage, ms p50/p99,
//!        │                                 bitrate, CPU, link/reconnects (+ `on_report`)
//!        ◄──Controls────────────────────── host controls: gameplay on/off, command + JSON args,
//!                                          Stop (closing the window = Stop); a click on a
//!                                          hot-zone taps it; the library (a folder of
//!                                          packages with thumbnails): a click switches to one
//! ```
//!
//! [`run`] takes a started [`Push`] (with `PushConfig::preview` on) and must be called on the
//! main thread. The window polls the preview slot at its repaint rate and uploads a texture only
//! when a new frame arrived. Stop (the button, closing the window, or `should_stop`) asks the
//! pipeline to drain; the window says it is finishing and closes once every stage has ended.
//! When the pipeline ends by itself (duration reached, fatal error) the window shows why and
//! closes shortly after. Whatever happens — including a window that never opens — the push is
//! stopped and waited for before [`run`] returns, so no stage is left running.

mod app;
mod controls;
mod frame_view;
pub mod library;
pub mod library_hub;
mod library_panel;
mod overlay;
mod pipeline;
mod stats_panel;

use std::time::Duration;

use lantern_engine::push::{Push, PushError, Report};

pub use app::MonitorApp;
pub use controls::Status;
pub use pipeline::Pipeline;

/// The window title's prefix (tests find the window by it).
pub const TITLE: &str = "Lantern push monitor";

/// A callback given each report.
pub type OnReport<'a> = Box<dyn FnMut(&Report) + 'a>;
/// A callback asked, each UI frame, whether to stop.
pub type ShouldStop<'a> = Box<dyn Fn() -> bool + 'a>;

/// The repaint interval on a GPU (about 30 fps).
pub const GPU_REPAINT: Duration = Duration::from_millis(33);
/// The repaint interval on a software rasteriser (5 fps; input still repaints at once).
pub const SOFTWARE_REPAINT: Duration = Duration::from_millis(200);

/// How the monitor behaves; [`MonitorOptions::default`] suits the CLI.
pub struct MonitorOptions<'a> {
    /// Appended to [`TITLE`] (e.g. the target URL).
    pub subtitle: String,
    /// How often the stats panel takes a report from the pipeline.
    pub stats_every: Duration,
    /// How often the window repaints (and polls for a new frame); `None`: [`GPU_REPAINT`] on a
    /// GPU, [`SOFTWARE_REPAINT`] on a software rasteriser (lavapipe), where every repaint of
    /// the whole window costs tens of milliseconds of CPU that the push needs.
    pub repaint_every: Option<Duration>,
    /// How long the window stays open showing why the pipeline ended by itself.
    pub linger: Duration,
    /// The gameplay state the push started with.
    pub gameplay: bool,
    /// Packages to switch to with a click (the library panel): a folder or a hub; `None`: no
    /// panel.
    pub library: Option<library::Source>,
    /// Called with every report the panel takes (the CLI logs it and writes `--stats-json`).
    pub on_report: Option<OnReport<'a>>,
    /// Polled every UI frame; `true` stops the push (the CLI's Ctrl-C).
    pub should_stop: Option<ShouldStop<'a>>,
}

impl Default for MonitorOptions<'_> {
    fn default() -> Self {
        Self {
            subtitle: String::new(),
            stats_every: Duration::from_secs(1),
            repaint_every: None,
            linger: Duration::from_millis(1500),
            gameplay: true,
            library: None,
            on_report: None,
            should_stop: None,
        }
    }
}

impl std::fmt::Debug for MonitorOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MonitorOptions")
            .field("subtitle", &self.subtitle)
            .field("stats_every", &self.stats_every)
            .field("repaint_every", &self.repaint_every)
            .field("linger", &self.linger)
            .field("gameplay", &self.gameplay)
            .field("library", &self.library)
            .finish_non_exhaustive()
    }
}

/// How the push ended.
#[derive(Debug)]
pub struct Ended {
    /// The last interval's figures (totals since the start included).
    pub last: Report,
    /// The pipeline's own result: the first error that stopped it, if any.
    pub result: Result<(), PushError>,
}

/// The monitor could not run; the push has been stopped and waited for.
#[derive(Debug, thiserror::Error)]
pub enum MonitorError {
    #[error(
        "--monitor: no display (DISPLAY and WAYLAND_DISPLAY are unset): run without --monitor, or set DISPLAY (e.g. `xvfb-run -a lantern push --monitor …`)"
    )]
    NoDisplay,
    #[error(
        "--monitor: the window could not open ({0}): run without --monitor, or set DISPLAY to a working X server (e.g. `xvfb-run -a lantern push --monitor …`)"
    )]
    Window(String),
    #[error("--monitor: the push was not started with `preview` on (a bug: please report it)")]
    NoPreview,
}

/// Whether a window can be tried at all (an X11 or Wayland display is named).
pub fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// Shows the monitor for `push` until the pipeline has ended; returns how it ended.
///
/// Must run on the main thread (the windowing system's event loop lives there). On any error
/// the push is stopped and drained first.
pub fn run(push: Push, options: MonitorOptions<'_>) -> Result<Ended, MonitorError> {
    let mut pipeline = Pipeline::new(push);
    if pipeline.preview_slot().is_none() {
        pipeline.finish();
        return Err(MonitorError::NoPreview);
    }
    if !has_display() {
        pipeline.finish();
        return Err(MonitorError::NoDisplay);
    }
    let title = if options.subtitle.is_empty() {
        TITLE.to_owned()
    } else {
        format!("{TITLE} — {}", options.subtitle)
    };
    let native = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title(&title)
            .with_app_id("lantern-monitor")
            .with_inner_size([1120.0, 640.0])
            .with_min_inner_size([640.0, 400.0]),
        ..eframe::NativeOptions::default()
    };
    let opened = eframe::run_native(
        &title,
        native,
        Box::new(|cc| {
            let mut options = options;
            if options.repaint_every.is_none() {
                let adapter = cc
                    .wgpu_render_state
                    .as_ref()
                    .map(|rs| rs.adapter.get_info());
                let software = adapter
                    .as_ref()
                    .is_some_and(|a| a.device_type == eframe::wgpu::DeviceType::Cpu);
                if software {
                    tracing::info!(
                        "monitor: software GPU ({}): the window repaints every {} to leave the CPU to the push",
                        adapter.map(|a| a.name).unwrap_or_default(),
                        human(SOFTWARE_REPAINT)
                    );
                }
                options.repaint_every = Some(if software {
                    SOFTWARE_REPAINT
                } else {
                    GPU_REPAINT
                });
            }
            Ok(Box::new(MonitorApp::new(&mut pipeline, options)))
        }),
    );
    let shown = pipeline.opened();
    let ended = pipeline.finish();
    match opened {
        Ok(()) => Ok(ended),
        Err(e) if !shown => Err(MonitorError::Window(one_line(&e.to_string()))),
        Err(e) => {
            tracing::warn!("monitor window: {e}");
            Ok(ended)
        }
    }
}

/// The first line of a message, without the source location winit puts in its OS errors
/// (`os error at /…/mod.rs:788: Failed to open…` → `os error: Failed to open…`).
fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default().trim();
    if let Some(at) = line.find(" at /")
        && let Some(end) = line[at..].find(".rs:").and_then(|i| {
            let rest = &line[at + i + 4..];
            rest.find(':').map(|j| at + i + 4 + j)
        })
    {
        return format!("{}{}", &line[..at], &line[end..]);
    }
    line.to_owned()
}

/// A short duration for humans (`1.5 s`, `120 ms`).
pub(crate) fn human(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        format!("{} ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn window_errors_lose_their_source_location() {
        let e = "winit EventLoopError: os error at /root/.cargo/registry/src/x/winit-0.30.13/src/platform_impl/linux/mod.rs:788: Failed to open connection to X server\nmore";
        assert_eq!(
            super::one_line(e),
            "winit EventLoopError: os error: Failed to open connection to X server"
        );
        assert_eq!(super::one_line("plain"), "plain");
    }
}
