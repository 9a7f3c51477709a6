//! The send stage (thread `send`): packets → FLV → the connection, and the reconnect state
//! machine ([`super::reconnect`]) when the connection dies.
//!
//! In front of it is a [`PacketQueue`] of about two seconds of packets. When the network is too
//! slow and the queue fills, the queued video is dropped (counted) and the queue refuses video
//! until the next keyframe, which it asks the encoder for — H.264 cannot skip single frames, so
//! it drops whole groups of pictures, like OBS. When a write fails the stage drops the
//! connection, keeps draining the queue (the pipeline goes on capturing, rendering and
//! encoding; nothing piles up) and retries on the backoff schedule. A new connection starts with
//! a forced keyframe and its own clock (timestamps restart near 0, as OBS does).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use lantern_media::{EncodedPacket, MediaError, Muxer, StreamKind, StreamParams, Target};

use super::Shared;
use super::error::PushError;
use super::queue::{FrameQueue, Pop};
use super::reconnect::{Backoff, Link, LinkState, Reconnector};
use super::stats::Stage;

/// A packet and, for video, when its frame's capture tick was due (for the latency figure).
#[derive(Debug)]
pub struct Outgoing {
    pub packet: EncodedPacket,
    pub due: Option<Instant>,
}

impl Outgoing {
    fn is_video(&self) -> bool {
        self.packet.kind == StreamKind::Video
    }
}

/// The bounded, keyframe-aware queue in front of the send stage.
pub struct PacketQueue {
    queue: FrameQueue<Outgoing>,
    /// Video is refused until a keyframe comes (after an overflow). Only the producer (the
    /// encode stage) reads and writes it.
    waiting_key: AtomicBool,
    keyframe: Arc<AtomicBool>,
}

impl PacketQueue {
    /// `capacity` packets; `keyframe` is set to ask the encoder for a keyframe.
    pub fn new(capacity: usize, keyframe: Arc<AtomicBool>) -> Self {
        Self {
            queue: FrameQueue::new(capacity),
            waiting_key: AtomicBool::new(false),
            keyframe,
        }
    }

    /// Queues `o`, dropping a whole group of pictures when full. `false` once closed.
    pub fn push(&self, o: Outgoing) -> bool {
        let (video, key) = (o.is_video(), o.packet.key);
        if video && self.waiting_key.load(Ordering::Relaxed) {
            if !key {
                self.queue.count_dropped(1);
                return !self.queue.is_closed();
            }
            self.waiting_key.store(false, Ordering::Relaxed);
        }
        self.queue.push_or(o, |items, _| {
            let lost = items.iter().filter(|o| o.is_video()).count() as u64;
            items.clear();
            if video && key {
                return Some(lost);
            }
            self.waiting_key.store(true, Ordering::Relaxed);
            self.keyframe.store(true, Ordering::Relaxed);
            tracing::warn!(
                "the network is too slow: dropped {lost} frames, waiting for a keyframe"
            );
            // A non-key video packet cannot be decoded without what was dropped.
            if video {
                self.queue.count_dropped(lost + 1);
                None
            } else {
                Some(lost)
            }
        })
    }

    /// The next packet, waiting up to `timeout`.
    pub fn pop(&self, timeout: Duration) -> Pop<Outgoing> {
        self.queue.pop(timeout)
    }

    pub fn close(&self) {
        self.queue.close();
    }

    pub fn abandon(&self) {
        self.queue.abandon();
    }

    /// Video frames this queue dropped.
    pub fn dropped(&self) -> u64 {
        self.queue.dropped()
    }
}

/// The send stage's state.
pub struct SendStage {
    muxer: Option<Muxer>,
    target: Target,
    params: StreamParams,
    link: Reconnector,
    /// Drop packets until a video keyframe (each connection starts with one).
    awaiting_key: bool,
    first_connection: bool,
    /// pts of the keyframe this connection started with (earlier audio is dropped).
    start_ms: i64,
    last_error: String,
}

impl SendStage {
    /// Takes over the first connection, made before the pipeline started.
    pub fn new(muxer: Muxer, params: StreamParams, backoff: Backoff) -> Self {
        Self {
            target: muxer.target().clone(),
            muxer: Some(muxer),
            params,
            link: Reconnector::new(backoff, Instant::now()),
            awaiting_key: true,
            first_connection: true,
            start_ms: 0,
            last_error: String::new(),
        }
    }

    /// Sends until the encode stage closes the queue (then ends the stream cleanly).
    pub fn run(mut self, shared: &Shared) -> Result<(), PushError> {
        shared.stats.set_link(Link::Live);
        loop {
            let now = Instant::now();
            if let Some(wait) = self.link.wait(now) {
                match shared.to_send.pop(wait.min(Duration::from_millis(100))) {
                    Pop::Item(o) if o.is_video() => count(&shared.stats.counters.dropped_send),
                    Pop::Item(_) | Pop::Empty => {}
                    Pop::Closed => return Ok(()),
                }
                if self.link.due(Instant::now()) {
                    self.attempt(shared)?;
                }
                continue;
            }
            match shared.to_send.pop(Duration::from_millis(200)) {
                Pop::Item(o) => self.write(o, shared),
                Pop::Empty => {}
                Pop::Closed => break,
            }
        }
        if let Some(m) = self.muxer.take()
            && let Err(e) = m.finish()
        {
            tracing::warn!("closing the stream: {e}");
        }
        Ok(())
    }

    fn write(&mut self, o: Outgoing, shared: &Shared) {
        let video = o.is_video();
        if self.awaiting_key {
            if !(video && o.packet.key) {
                if video {
                    count(&shared.stats.counters.dropped_send);
                }
                return;
            }
            self.awaiting_key = false;
            self.start_ms = if self.first_connection {
                0
            } else {
                o.packet.pts_ms
            };
            if let Some(m) = self.muxer.as_mut() {
                m.set_offset_ms(self.start_ms);
            }
        } else if !video && o.packet.pts_ms < self.start_ms {
            return;
        }
        let Some(muxer) = self.muxer.as_mut() else {
            return;
        };
        let size = o.packet.size() as u64;
        let t0 = Instant::now();
        match muxer.write(o.packet) {
            Ok(()) => {
                let stats = &shared.stats;
                stats.counters.bytes_sent.fetch_add(size, Ordering::Relaxed);
                if video {
                    stats
                        .counters
                        .video_bytes
                        .fetch_add(size, Ordering::Relaxed);
                    stats.time(Stage::Send, t0.elapsed());
                    count(&stats.counters.sent);
                    if let Some(due) = o.due {
                        stats.time(Stage::Latency, due.elapsed());
                    }
                }
            }
            Err(e) => self.lost(&e, shared),
        }
    }

    fn lost(&mut self, err: &MediaError, shared: &Shared) {
        // Dropping the muxer closes the socket (bounded by the 5 s write timeout).
        self.muxer = None;
        self.last_error = error_chain(err);
        self.link.lost(Instant::now());
        let delay = self.link.backoff().delay(1);
        tracing::warn!(
            "{}; reconnecting in {:.1} s (attempt 1{})",
            self.last_error,
            delay.as_secs_f64(),
            self.of_max()
        );
        shared.stats.set_link(Link::Reconnecting { attempt: 1 });
    }

    fn of_max(&self) -> String {
        match self.link.backoff().max_attempts {
            0 => String::new(),
            n => format!(" of {n}"),
        }
    }

    /// One reconnect attempt; `Err` when the attempts ran out.
    fn attempt(&mut self, shared: &Shared) -> Result<(), PushError> {
        let LinkState::Waiting { attempt, .. } = self.link.state() else {
            return Ok(());
        };
        tracing::info!(
            "reconnecting to {} (attempt {attempt}{})",
            self.target.url(),
            self.of_max()
        );
        match Muxer::open(&self.target, &self.params, 0) {
            Ok(m) => {
                let down = self.link.connected(Instant::now());
                tracing::info!(
                    "reconnected to {} after {:.1} s; resuming with a keyframe",
                    self.target.url(),
                    down.as_secs_f64()
                );
                self.muxer = Some(m);
                self.awaiting_key = true;
                self.first_connection = false;
                shared.keyframe.store(true, Ordering::Relaxed);
                count(&shared.stats.counters.reconnects);
                shared.stats.set_link(Link::Live);
                Ok(())
            }
            Err(e) => {
                self.last_error = error_chain(&e);
                match self.link.attempt_failed(Instant::now()) {
                    LinkState::GaveUp => Err(PushError::GaveUp {
                        url: self.target.url(),
                        attempts: attempt,
                        last: self.last_error.clone(),
                    }),
                    LinkState::Waiting {
                        attempt: next, at, ..
                    } => {
                        tracing::warn!(
                            "attempt {attempt} failed ({}); next attempt ({next}{}) in {:.1} s",
                            self.last_error,
                            self.of_max(),
                            at.saturating_duration_since(Instant::now()).as_secs_f64()
                        );
                        shared.stats.set_link(Link::Reconnecting { attempt: next });
                        Ok(())
                    }
                    LinkState::Live { .. } => Ok(()),
                }
            }
        }
    }
}

fn count(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// An error and its causes on one line.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut s = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        s.push_str(": ");
        s.push_str(&e.to_string());
        source = e.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use lantern_media::{AudioConfig, EncoderConfig, PacketEncoder, source::TestPattern};

    /// Real packets: `n` video frames of the test pattern (GOP 10) and their audio.
    fn packets(n: u64) -> Vec<EncodedPacket> {
        let cfg = EncoderConfig {
            width: 64,
            height: 64,
            gop: 10,
            video_kbps: 200,
            audio: Some(AudioConfig::default()),
            ..EncoderConfig::default()
        };
        let mut enc = PacketEncoder::open(&cfg, true).unwrap();
        let pattern = TestPattern::new(64, 64, 30);
        let mut out = Vec::new();
        for i in 0..n {
            let f = pattern.frame(i);
            enc.encode_video(&f.view(), f.pts_ms, None, &[], &mut out)
                .unwrap();
            enc.encode_audio(&vec![0.0; 3200], &mut out).unwrap();
        }
        out
    }

    #[test]
    fn overflow_drops_the_group_and_asks_for_a_keyframe() {
        let keyframe = Arc::new(AtomicBool::new(false));
        let q = PacketQueue::new(8, Arc::clone(&keyframe));
        let all = packets(15);
        let videos = all.iter().filter(|p| p.kind == StreamKind::Video).count();
        assert!(videos >= 12, "{videos}");
        for p in all {
            assert!(q.push(Outgoing {
                packet: p,
                due: None
            }));
        }
        assert!(keyframe.load(Ordering::Relaxed), "a keyframe was requested");
        assert!(q.dropped() > 0);
        // What is left starts at a keyframe or is audio: never a video frame without its
        // reference.
        let mut left = Vec::new();
        while let Pop::Item(o) = q.pop(Duration::ZERO) {
            left.push(o);
        }
        let first_video = left.iter().find(|o| o.is_video());
        assert!(first_video.is_none_or(|o| o.packet.key), "{left:?}");
        q.close();
        assert!(!q.push(Outgoing {
            packet: packets(1).remove(0),
            due: None
        }));
    }
}
