//! The monitor's egui app: each UI frame it polls the pipeline (a new preview frame, a report
//! when one is due, whether it has ended), handles stop requests (the Stop button, closing the
//! window, the host process's Ctrl-C), then lays out the status line, the library (when there
//! is one), the side panel (host controls and stats) and the frame view, where a click on a
//! hot-zone taps it.
//!
//! Lifecycle: live → stopping (draining; controls disabled) → ended (status shows `done` or the
//! error) → the window closes: at once when the host asked to stop, after `linger` when the
//! pipeline ended by itself, so the reason can be read.

use std::time::{Duration, Instant};

use eframe::egui::{self, Color32, RichText, ViewportCommand};
use lantern_engine::push::Report;

use crate::controls::{HostControls, Status};
use crate::frame_view::FrameView;
use crate::library_panel::LibraryPanel;
use crate::pipeline::{EndSummary, Pipeline};
use crate::stats_panel::{self, WindowCost};
use crate::{MonitorOptions, human};

/// The monitor window's state; borrows the pipeline it watches.
pub struct MonitorApp<'p> {
    pipeline: &'p mut Pipeline,
    options: MonitorOptions<'p>,
    view: FrameView,
    host: HostControls,
    library: LibraryPanel,
    report: Option<Report>,
    next_report: Instant,
    cost: WindowCost,
    /// The host asked to stop (button, window close, signal).
    stop_requested: bool,
    ended: Option<(EndSummary, Instant)>,
    close_sent: bool,
}

impl std::fmt::Debug for MonitorApp<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MonitorApp")
            .field("pipeline", &self.pipeline)
            .field("stop_requested", &self.stop_requested)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

impl<'p> MonitorApp<'p> {
    pub fn new(pipeline: &'p mut Pipeline, options: MonitorOptions<'p>) -> Self {
        Self {
            host: HostControls::new(options.gameplay),
            library: LibraryPanel::new(options.library.clone()),
            next_report: Instant::now() + options.stats_every,
            pipeline,
            options,
            view: FrameView::default(),
            report: None,
            cost: WindowCost::default(),
            stop_requested: false,
            ended: None,
            close_sent: false,
        }
    }

    /// The pipeline has ended and the window has asked to close.
    pub fn wants_close(&self) -> bool {
        self.close_sent
    }

    /// The host asked to stop (Stop, window closed, `should_stop`).
    pub fn stop_requested(&self) -> bool {
        self.stop_requested
    }

    /// How the pipeline ended, once it has.
    pub fn ended(&self) -> Option<&EndSummary> {
        self.ended.as_ref().map(|(s, _)| s)
    }

    /// The newest frame shown.
    pub fn view(&self) -> &FrameView {
        &self.view
    }

    /// The effect library.
    pub fn library(&self) -> &LibraryPanel {
        &self.library
    }

    /// The outcome of the host's last control (a command, a tap).
    pub fn host_status(&self) -> Option<&Status> {
        self.host.status.as_ref()
    }

    /// The window's own cost so far.
    pub fn cost(&self) -> &WindowCost {
        &self.cost
    }

    /// One UI frame: poll the pipeline, then draw.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let started = Instant::now();
        self.pipeline.mark_opened();
        self.poll(ui.ctx());
        egui::Panel::top("status").show(ui, |ui| self.status_line(ui));
        let live = self.ended.is_none() && !self.pipeline.is_stopping();
        if self.library.has_library() {
            egui::Panel::left("library")
                .default_size(240.0)
                .min_size(180.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        let controls = self.pipeline.controls().clone();
                        self.library.show(ui, &controls, live);
                    });
                });
        }
        egui::Panel::right("side")
            .default_size(340.0)
            .min_size(280.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let controls = self.pipeline.controls().clone();
                    if self.host.show(ui, &controls, live) {
                        self.request_stop("Stop button");
                    }
                    ui.separator();
                    stats_panel::show(ui, self.report.as_ref(), &self.cost);
                });
            });
        let tapped = egui::CentralPanel::default_margins()
            .show(ui, |ui| self.view.show(ui, self.host.show_tracking))
            .inner;
        if let Some(zone) = tapped.filter(|_| live) {
            self.host.tap(self.pipeline.controls(), zone);
        }
        self.cost.frame(started.elapsed());
        ui.ctx()
            .request_repaint_after(self.options.repaint_every.unwrap_or(crate::GPU_REPAINT));
    }

    fn request_stop(&mut self, why: &str) {
        if !self.stop_requested {
            tracing::info!("stopping ({why}): draining the pipeline");
        }
        self.stop_requested = true;
        self.pipeline.stop();
    }

    fn poll(&mut self, ctx: &egui::Context) {
        if self.options.should_stop.as_ref().is_some_and(|f| f()) && self.ended.is_none() {
            self.request_stop("signal");
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.ended.is_none() {
            // Closing the window = Stop; it closes once the pipeline has drained.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.request_stop("window closed");
        }
        if let Some(preview) = self.pipeline.take_preview() {
            self.view.update(ctx, preview);
        }
        let now = Instant::now();
        if self.ended.is_none() && now >= self.next_report {
            if let Some(report) = self.pipeline.report() {
                if let Some(f) = self.options.on_report.as_mut() {
                    f(&report);
                }
                self.report = Some(report);
            }
            self.next_report = now + self.options.stats_every;
        }
        if self.ended.is_none()
            && let Some(summary) = self.pipeline.poll_end()
        {
            if summary.ok {
                tracing::info!("pipeline ended: {}", summary.message);
            }
            self.ended = Some((summary.clone(), now));
            if let Some(last) = self.pipeline.last_report() {
                self.report = Some(last.clone());
            }
        }
        if let Some((_, at)) = &self.ended
            && !self.close_sent
            && (self.stop_requested || at.elapsed() >= self.options.linger)
        {
            tracing::info!("{}", self.cost.summary());
            ctx.send_viewport_cmd(ViewportCommand::Close);
            self.close_sent = true;
        }
    }

    fn status_line(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let (badge, color, text) = match &self.ended {
                Some((s, _)) if s.ok => ("ENDED", Color32::GRAY, s.message.clone()),
                Some((s, _)) => ("FAILED", Color32::from_rgb(255, 90, 70), s.message.clone()),
                None if self.pipeline.is_stopping() => (
                    "STOPPING",
                    Color32::from_rgb(255, 190, 60),
                    "draining the pipeline and closing the stream…".to_owned(),
                ),
                None => (
                    "LIVE",
                    Color32::from_rgb(230, 40, 40),
                    format!(
                        "frame {} · {} · {} preview frames",
                        self.view.index,
                        human(Duration::from_millis(self.view.pts_ms.max(0) as u64)),
                        self.view.frames
                    ),
                ),
            };
            ui.label(RichText::new(badge).strong().color(color));
            ui.label(text);
            if let Some(g) = self.view.gameplay {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(if g {
                        "script: running"
                    } else {
                        "script: paused"
                    });
                });
            }
        });
    }
}

impl eframe::App for MonitorApp<'_> {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
