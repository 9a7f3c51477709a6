//! The stats panel: the pipeline's last [`Report`] (taken every `stats_every`) as a table — fps
//! in/out, bitrate, frames dropped by stage, ms per stage (p50/p99), CPU share, link state and
//! reconnects — plus the window's own cost (UI frames per second, ms to build a UI frame).

use std::time::{Duration, Instant};

use eframe::egui::{self, Color32, Grid, RichText};
use lantern_engine::push::Report;

/// The window's own cost, measured over the last second.
#[derive(Debug)]
pub struct WindowCost {
    since: Instant,
    frames: u32,
    build: Duration,
    /// UI frames per second over the last full second.
    pub fps: f64,
    /// Mean ms to build one UI frame (layout and painting commands, not the GPU's part).
    pub build_ms: f64,
    /// Every UI frame since the window opened.
    pub total_frames: u64,
    /// Their total build time.
    pub total_build: Duration,
    pub opened: Instant,
}

impl Default for WindowCost {
    fn default() -> Self {
        Self {
            since: Instant::now(),
            frames: 0,
            build: Duration::ZERO,
            fps: 0.0,
            build_ms: 0.0,
            total_frames: 0,
            total_build: Duration::ZERO,
            opened: Instant::now(),
        }
    }
}

impl WindowCost {
    /// Counts one UI frame that took `build` to build.
    pub fn frame(&mut self, build: Duration) {
        self.frames += 1;
        self.build += build;
        self.total_frames += 1;
        self.total_build += build;
        let dt = self.since.elapsed();
        if dt >= Duration::from_secs(1) {
            self.fps = f64::from(self.frames) / dt.as_secs_f64();
            self.build_ms = self.build.as_secs_f64() * 1e3 / f64::from(self.frames.max(1));
            self.since = Instant::now();
            self.frames = 0;
            self.build = Duration::ZERO;
        }
    }

    /// One line for the log when the window closes.
    pub fn summary(&self) -> String {
        let secs = self.opened.elapsed().as_secs_f64().max(1e-3);
        let n = self.total_frames.max(1) as f64;
        format!(
            "monitor window: {} UI frames in {secs:.1} s ({:.1} fps), {:.2} ms per UI frame to build",
            self.total_frames,
            self.total_frames as f64 / secs,
            self.total_build.as_secs_f64() * 1e3 / n
        )
    }
}

/// Draws `report` (or a placeholder before the first one) and the window's cost.
pub fn show(ui: &mut egui::Ui, report: Option<&Report>, cost: &WindowCost) {
    ui.heading("Stats");
    let Some(r) = report else {
        ui.label("collecting the first figures…");
        return;
    };
    Grid::new("stats-grid")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            row(ui, "link", &r.link.to_string());
            row(ui, "uptime", &format!("{:.0} s", r.uptime_s));
            row(
                ui,
                "fps in / out",
                &format!("{:.1} / {:.1}", r.fps_in, r.fps_out),
            );
            row(
                ui,
                "bitrate",
                &format!("{:.0} kbit/s (video {:.0})", r.kbps, r.video_kbps),
            );
            row(ui, "frames sent", &r.frames_sent.to_string());
            let d = r.dropped;
            row(
                ui,
                "dropped",
                &format!(
                    "{} (capture {}, render {}, encode {}, send {})",
                    d.total(),
                    d.capture,
                    d.render,
                    d.encode,
                    d.send
                ),
            );
            row(ui, "track skipped", &r.track_skipped.to_string());
            row(ui, "ROI frames", &r.roi_frames.to_string());
            row(ui, "reconnects", &r.reconnects.to_string());
            let cpu = r
                .cpu_percent
                .map_or_else(|| "?".to_owned(), |c| format!("{c:.0}% of a core"));
            row(ui, "CPU", &cpu);
        });
    ui.add_space(6.0);
    ui.label(RichText::new("ms per stage (p50 / p99)").strong());
    Grid::new("stage-grid")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (stage, p) in &r.ms {
                row(ui, stage, &format!("{:.1} / {:.1}", p.p50, p.p99));
            }
        });
    if !r.cpu_threads.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("CPU by thread (% of a core)").strong());
        let threads: Vec<String> = r
            .cpu_threads
            .iter()
            .map(|(k, v)| format!("{k} {v:.0}"))
            .collect();
        ui.label(threads.join(" · "));
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "window: {:.0} fps, {:.1} ms per UI frame",
            cost.fps, cost.build_ms
        ))
        .color(Color32::GRAY),
    );
}

fn row(ui: &mut egui::Ui, key: &str, value: &str) {
    ui.label(key);
    ui.label(value);
    ui.end_row();
}
