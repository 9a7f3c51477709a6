//! Each outgoing frame's hot-zones with its pts, exactly as its SEI carries them, for a live
//! room's link (the hub checks viewers' taps against them). Kept only once someone reads, in a
//! bounded queue: a reader that falls behind loses the oldest frames, never the push its memory.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use effect_schema::hotzone::SeiPayload;

/// Frames kept for a reader at most (10 s at 30 fps).
const CAPACITY: usize = 300;

#[derive(Debug, Default)]
pub struct ZoneFeed {
    frames: Mutex<VecDeque<SeiPayload>>,
    reading: AtomicBool,
}

impl ZoneFeed {
    /// The encode stage's copy of a frame's SEI (a no-op until someone reads).
    pub(crate) fn offer(&self, sei: &SeiPayload) {
        if !self.reading.load(Ordering::Relaxed) {
            return;
        }
        let mut q = self.frames.lock().unwrap_or_else(PoisonError::into_inner);
        if q.len() == CAPACITY {
            q.pop_front();
        }
        q.push_back(sei.clone());
    }

    /// The frames since the last call, oldest first; the first call starts the feed.
    pub fn take(&self) -> Vec<SeiPayload> {
        self.reading.store(true, Ordering::Relaxed);
        let mut q = self.frames.lock().unwrap_or_else(PoisonError::into_inner);
        q.drain(..).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sei(pts: i64) -> SeiPayload {
        SeiPayload {
            v: 1,
            pts,
            wall: 0,
            w: 4,
            h: 4,
            zones: Vec::new(),
        }
    }

    #[test]
    fn frames_are_kept_only_for_a_reader_and_bounded() {
        let feed = ZoneFeed::default();
        feed.offer(&sei(0));
        assert!(feed.take().is_empty());
        for pts in 0..400 {
            feed.offer(&sei(pts));
        }
        let got = feed.take();
        assert_eq!(got.len(), CAPACITY);
        assert_eq!(got[0].pts, 100);
    }
}
