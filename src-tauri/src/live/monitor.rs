//! The push's thread ("lantern-live"): starts the pipeline, then watches it until it ends —
//! status events when the link changes, stats every second, and the newest outgoing frame as a
//! preview message whenever the webview has drawn the previous ones.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::SyncSender;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lantern_engine::push::{Link, Preview, Push, PushConfig, Report, take_preview};

use super::{EventSink, LiveEvent, LiveState, LiveStats, Shared, errors::push_error, lock};
use crate::error::IpcError;
use crate::preview::{
    FrameInfo, FrameSink, LastSecond, MAX_IN_FLIGHT, TrackingState, TrackingStatus, encode,
};

/// How often the pipeline is looked at (frames, link, stop).
const TICK: Duration = Duration::from_millis(15);
/// Stats go out this often.
const STATS_EVERY: Duration = Duration::from_secs(1);
/// With no acknowledgement for this long, one is taken as lost (as the preview does).
const ACK_PATIENCE: Duration = Duration::from_secs(2);

/// Everything the thread needs.
pub struct Run {
    pub shared: Arc<Shared>,
    pub events: Box<dyn EventSink>,
    pub frames: Box<dyn FrameSink>,
    pub url: String,
    pub clicked: Instant,
}

fn unix_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

impl Run {
    fn status(&self, state: LiveState, message: Option<String>, attempt: Option<u32>) -> bool {
        self.events.send(LiveEvent::Status {
            state,
            url: self.url.clone(),
            message,
            attempt,
        })
    }

    /// Starts the push, reports whether it went live, and watches it to the end.
    pub fn run(self, cfg: PushConfig, ready: &SyncSender<Result<(), IpcError>>) {
        self.status(LiveState::Connecting, None, None);
        let server = self.url.clone();
        let mut push = match Push::start(cfg) {
            Ok(p) => p,
            Err(e) => {
                let err = push_error(&e, &server);
                tracing::warn!("going live failed: {err}");
                self.status(LiveState::Failed, Some(err.message.clone()), None);
                let _ = ready.send(Err(err));
                return;
            }
        };
        *lock(&self.shared.controls) = Some(push.controls());
        tracing::info!("live: {server} (tracking: {})", push.info().live_tracking);
        self.status(LiveState::Live, None, None);
        let _ = ready.send(Ok(()));
        let live_tracking = push.info().live_tracking;
        let mut watch = Watch {
            run: &self,
            live_tracking,
            seq: 0,
            sent: LastSecond::default(),
            waiting_since: None,
            link: Link::Live,
            first_packet_ms: None,
            render_ms: 0.0,
            track_ms: 0.0,
        };
        let slot = push.preview();
        let mut next_stats = Instant::now() + STATS_EVERY;
        let mut stopping = false;
        while !push.wait_timeout(TICK) {
            if self.shared.stop.load(Ordering::Relaxed) && !stopping {
                tracing::info!("stopping the push: draining the pipeline");
                push.stop();
                stopping = true;
            }
            watch.link_changes(&push);
            if watch.first_packet_ms.is_none()
                && push.stats().counters.sent.load(Ordering::Relaxed) > 0
            {
                watch.first_packet_ms = Some(self.clicked.elapsed().as_secs_f64() * 1000.0);
            }
            if let Some(slot) = &slot
                && watch.may_send()
                && let Some(frame) = take_preview(slot)
                && !watch.frame(&frame)
            {
                // The webview is gone: nobody can stop this stream any more.
                push.stop();
                stopping = true;
            }
            if Instant::now() >= next_stats {
                next_stats += STATS_EVERY;
                if !watch.stats(&push.report()) && !stopping {
                    push.stop();
                    stopping = true;
                }
            }
        }
        let last = push.report();
        watch.stats(&last);
        match push.wait() {
            Ok(()) => {
                tracing::info!(
                    "the push ended: {} frames sent, {} dropped",
                    last.frames_sent,
                    last.dropped.total()
                );
                self.status(LiveState::Ended, None, None);
            }
            Err(e) => {
                let err = push_error(&e, &server);
                tracing::warn!("the push stopped: {err}");
                self.status(LiveState::Failed, Some(err.message), None);
            }
        }
    }
}

/// What the watching loop keeps between ticks.
struct Watch<'a> {
    run: &'a Run,
    live_tracking: bool,
    seq: u64,
    /// Preview frames sent in the last second.
    sent: LastSecond,
    waiting_since: Option<Instant>,
    link: Link,
    first_packet_ms: Option<f64>,
    render_ms: f32,
    track_ms: f32,
}

impl Watch<'_> {
    /// A status event when the link state changed (`live`, `reconnecting (attempt n)`).
    fn link_changes(&mut self, push: &Push) {
        let link = push.stats().link();
        if link == self.link {
            return;
        }
        match link {
            Link::Live => {
                self.run.status(LiveState::Live, None, None);
            }
            Link::Reconnecting { attempt } => {
                self.run.status(
                    LiveState::Reconnecting,
                    Some(format!("the connection dropped: {link}")),
                    Some(attempt),
                );
            }
            Link::Connecting => {}
        }
        self.link = link;
    }

    /// Whether the webview has drawn enough of the frames sent to take another.
    fn may_send(&mut self) -> bool {
        let acked = self.run.shared.acked.load(Ordering::Relaxed);
        if self.seq.saturating_sub(acked) < MAX_IN_FLIGHT {
            self.waiting_since = None;
            return true;
        }
        let now = Instant::now();
        let since = *self.waiting_since.get_or_insert(now);
        if now.duration_since(since) > ACK_PATIENCE {
            self.run
                .shared
                .acked
                .fetch_max(self.seq + 1 - MAX_IN_FLIGHT, Ordering::Relaxed);
            self.waiting_since = None;
            return true;
        }
        false
    }

    /// Sends one outgoing frame as a preview message; `false` when nobody listens.
    fn frame(&mut self, p: &Preview) -> bool {
        if p.width == 0 || p.height == 0 {
            return true;
        }
        let fps = self.sent.tick();
        self.seq += 1;
        let [ow, _] = p.output;
        let info = FrameInfo {
            session: self.run.shared.id,
            seq: self.seq,
            index: p.index,
            width: p.width,
            height: p.height,
            shrink: (ow / p.width).max(1),
            fps,
            render_ms: self.render_ms,
            captured_at_ms: unix_ms(),
            tracking: TrackingStatus {
                state: if self.live_tracking {
                    TrackingState::Running
                } else {
                    TrackingState::Off
                },
                track_ms: self.track_ms,
                ..TrackingStatus::default()
            },
            zones: p.zones.clone(),
            overlay: p.tracking.as_ref().map(crate::preview::overlay),
            ..FrameInfo::default()
        };
        self.run.frames.send(encode(&info, &p.rgba))
    }

    /// A stats event; `false` when nobody listens.
    fn stats(&mut self, r: &Report) -> bool {
        if let Some(render) = r.ms.get("render") {
            self.render_ms = render.p50;
        }
        if let Some(track) = r.ms.get("track") {
            self.track_ms = track.p50;
        }
        self.run.events.send(LiveEvent::Stats {
            stats: LiveStats {
                uptime_s: r.uptime_s,
                fps_out: r.fps_out,
                fps_in: r.fps_in,
                kbps: r.kbps,
                frames_sent: r.frames_sent,
                dropped: r.dropped.total(),
                reconnects: r.reconnects,
                render_ms: self.render_ms,
                first_packet_ms: self.first_packet_ms,
                preview_fps: self.sent.rate(),
                cpu_percent: r.cpu_percent,
            },
        })
    }
}
