//! When the render stage renders a frame with live tracking: at once with its own tracking, or
//! one frame behind capture.
//!
//! **Same frame** (the tracker and the render fit in a frame period together): frame `n` goes
//! to the tracker and is rendered as soon as its result is there, so capture→written is the
//! tracking time plus the render time. **One behind** (they do not): frame `n` goes to the
//! tracker while frame `n-1` is rendered with its result, which has had a whole period; the
//! tracker then has the period to itself, at a period more latency. The stage follows its own
//! recent render time and the tracker's, with some hysteresis so it does not flap.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// Kept free in a period beyond tracking and rendering (encoder hand-off, jitter), in ms.
const MARGIN_MS: f32 = 3.0;
/// Extra margin to switch (back) to the same-frame pace, in ms.
const HYSTERESIS_MS: f32 = 3.0;
/// The tracker's time is taken with this margin, as the worker's own wait does.
const TRACK_MARGIN: f32 = 1.25;
/// Weight of the newest sample in the running means.
const EWMA: f32 = 0.1;

/// The pace decision and what it is made from.
#[derive(Debug)]
pub struct Pace {
    period_ms: f32,
    render_ms: f32,
    track_ms: f32,
    /// The tracker's last time in µs, written by its thread.
    last_track_us: Arc<AtomicU32>,
    same_frame: bool,
}

impl Pace {
    pub fn new(fps: u32) -> Self {
        Self {
            period_ms: 1000.0 / fps.max(1) as f32,
            render_ms: 0.0,
            track_ms: 0.0,
            last_track_us: Arc::default(),
            // Until there are times, one behind (the first frames load models and shaders).
            same_frame: false,
        }
    }

    /// Where the tracker's thread stores each frame's time.
    pub fn track_sink(&self) -> Arc<AtomicU32> {
        Arc::clone(&self.last_track_us)
    }

    /// A frame was rendered in `took` (tracking wait excluded).
    pub fn rendered(&mut self, took: Duration) {
        let ms = took.as_secs_f32() * 1e3;
        let track = self.last_track_us.load(Ordering::Relaxed) as f32 / 1e3;
        self.render_ms = mean(self.render_ms, ms);
        self.track_ms = mean(self.track_ms, track);
        let need = self.track_ms * TRACK_MARGIN + self.render_ms + MARGIN_MS;
        self.same_frame = if self.same_frame {
            need <= self.period_ms
        } else {
            need + HYSTERESIS_MS <= self.period_ms && track > 0.0
        };
    }

    /// Whether the next frame is rendered with its own tracking at once.
    pub fn same_frame(&self) -> bool {
        self.same_frame
    }

    /// How long a same-frame render may wait for its tracking: what the period leaves after
    /// rendering.
    pub fn wait(&self) -> Duration {
        let ms = (self.period_ms - self.render_ms - MARGIN_MS).max(0.0);
        Duration::from_secs_f32(ms / 1e3)
    }
}

/// A running mean that starts at the first sample.
fn mean(old: f32, new: f32) -> f32 {
    if old == 0.0 {
        new
    } else {
        old + (new - old) * EWMA
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settle(pace: &mut Pace, track_ms: u32, render_ms: u64) {
        for _ in 0..100 {
            pace.track_sink().store(track_ms * 1000, Ordering::Relaxed);
            pace.rendered(Duration::from_millis(render_ms));
        }
    }

    #[test]
    fn fast_tracking_renders_the_same_frame_and_slow_tracking_one_behind() {
        let mut pace = Pace::new(30);
        assert!(!pace.same_frame(), "no times yet");
        settle(&mut pace, 10, 12);
        assert!(pace.same_frame());
        let wait = pace.wait().as_secs_f32() * 1e3;
        assert!((wait - 18.3).abs() < 0.5, "{wait}");
        settle(&mut pace, 20, 12);
        assert!(!pace.same_frame());
    }

    #[test]
    fn the_switch_has_hysteresis() {
        let mut pace = Pace::new(30);
        // 14 * 1.25 + 10 + 3 = 30.5: fits, but not with the extra margin to switch.
        settle(&mut pace, 14, 10);
        assert!(!pace.same_frame());
        settle(&mut pace, 10, 10);
        assert!(pace.same_frame());
        settle(&mut pace, 14, 10);
        assert!(pace.same_frame(), "stays while it still fits");
    }
}
