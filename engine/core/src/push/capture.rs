//! The capture stage (thread `capture`): the source, resampled onto the output clock.
//!
//! The clock ticks `fps` times a second from the moment the pipeline starts; at each tick the
//! stage hands the newest source picture for that instant to the render queue (a video file is
//! decoded ahead to the tick's time, so a 25 fps file pushed at 30 fps repeats frames and a
//! 60 fps file skips them; a camera is read once per tick; a still image or the test pattern
//! is ready at once). Frame `n` always has pts `n × 1000 / fps` ms. When the stage falls behind
//! the clock (a slow decoder), the missed ticks are skipped and counted as capture drops.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::Shared;
use super::config::PushConfig;
use super::error::PushError;
use super::stats::Stage;
use crate::driver::{Frame, Source, SourceOptions};

/// A frame on its way to the render stage.
#[derive(Clone, Debug)]
pub struct Captured {
    /// The output frame (index on the clock, the source picture).
    pub frame: Frame,
    pub pts_ms: i64,
    /// When the tick was due (for the pipeline latency figure).
    pub due: Instant,
}

/// Opens the push's source (on the capture thread: cameras are not `Send`), at its own size
/// and looping.
pub fn open(cfg: &PushConfig) -> Result<Source, PushError> {
    let options = SourceOptions {
        output: (cfg.width, cfg.height),
        fps: cfg.fps,
        cover: false,
        looping: true,
    };
    Ok(Source::open(&cfg.input, &options)?)
}

/// Runs the clock until the frame limit, a stop request, or the render stage going away.
pub fn run(mut source: Source, cfg: &PushConfig, shared: &Shared) -> Result<(), PushError> {
    let period = Duration::from_secs_f64(1.0 / f64::from(cfg.fps.max(1)));
    let limit = cfg.frame_limit();
    let start = Instant::now();
    let mut index: u64 = 0;
    while !shared.stop.load(Ordering::Relaxed) && limit.is_none_or(|l| index < l) {
        let due = start + period.mul_f64(index as f64);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let t0 = Instant::now();
        let pts_ms = cfg.pts_ms(index);
        let pixels = source.frame_at(index, pts_ms)?;
        shared.stats.time(Stage::Capture, t0.elapsed());
        let captured = Captured {
            frame: Frame {
                index,
                time_s: pts_ms as f64 / 1000.0,
                pixels,
            },
            pts_ms,
            due,
        };
        if !shared.to_render.push(captured) {
            break;
        }
        shared
            .stats
            .counters
            .captured
            .fetch_add(1, Ordering::Relaxed);
        index += 1;
        // Behind by more than a frame: skip the ticks that are already past.
        let behind = Instant::now().saturating_duration_since(start + period.mul_f64(index as f64));
        if behind > period {
            let skip = (behind.as_secs_f64() / period.as_secs_f64()) as u64;
            let skip = limit.map_or(skip, |l| skip.min(l.saturating_sub(index)));
            index += skip;
            shared
                .stats
                .counters
                .dropped_capture
                .fetch_add(skip, Ordering::Relaxed);
        }
    }
    Ok(())
}
