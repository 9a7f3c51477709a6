//! The bounded queue between two stages of the push pipeline.
//!
//! A live pipeline must never wait on a late stage and never grow memory: when the queue is full,
//! [`FrameQueue::push`] drops the **oldest** frame (the one that would be shown latest anyway),
//! counts it, and keeps the newest. The consumer blocks in [`FrameQueue::pop`] with a timeout;
//! [`FrameQueue::close`] ends the stream once the queue is drained.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What [`FrameQueue::pop`] returned.
#[derive(Debug, PartialEq, Eq)]
pub enum Pop<T> {
    Item(T),
    /// Nothing arrived within the timeout.
    Empty,
    /// Closed and drained: the producer is done.
    Closed,
}

struct Inner<T> {
    items: VecDeque<T>,
    closed: bool,
}

/// A bounded drop-oldest queue with a drop counter.
pub struct FrameQueue<T> {
    inner: Mutex<Inner<T>>,
    ready: Condvar,
    capacity: usize,
    dropped: AtomicU64,
}

impl<T> std::fmt::Debug for FrameQueue<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameQueue")
            .field("capacity", &self.capacity)
            .field("dropped", &self.dropped())
            .finish_non_exhaustive()
    }
}

impl<T> FrameQueue<T> {
    /// A queue holding at most `capacity` (≥ 1) items.
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Mutex::new(Inner {
                items: VecDeque::with_capacity(capacity.max(1)),
                closed: false,
            }),
            ready: Condvar::new(),
            capacity: capacity.max(1),
            dropped: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<T>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds `item`; when full, the oldest item is dropped (and counted). Returns `false` when
    /// the queue is closed (the item is dropped too: the consumer has stopped).
    pub fn push(&self, item: T) -> bool {
        self.push_or(item, |items, _| {
            items.pop_front();
            Some(1)
        })
    }

    /// Adds `item`; when full, `overflow` makes room in the queued items and returns how many
    /// it dropped, or returns `None` to drop `item` instead. `false` when closed.
    pub fn push_or(
        &self,
        item: T,
        overflow: impl FnOnce(&mut VecDeque<T>, &T) -> Option<u64>,
    ) -> bool {
        let mut inner = self.lock();
        if inner.closed {
            return false;
        }
        if inner.items.len() >= self.capacity {
            match overflow(&mut inner.items, &item) {
                Some(n) => self.dropped.fetch_add(n, Ordering::Relaxed),
                None => return true,
            };
        }
        inner.items.push_back(item);
        drop(inner);
        self.ready.notify_one();
        true
    }

    /// Counts `n` more dropped items (dropped by the producer on the queue's behalf).
    pub fn count_dropped(&self, n: u64) {
        self.dropped.fetch_add(n, Ordering::Relaxed);
    }

    pub fn is_closed(&self) -> bool {
        self.lock().closed
    }

    /// The oldest item, waiting up to `timeout` for one.
    pub fn pop(&self, timeout: Duration) -> Pop<T> {
        let deadline = Instant::now() + timeout;
        let mut inner = self.lock();
        loop {
            if let Some(item) = inner.items.pop_front() {
                return Pop::Item(item);
            }
            if inner.closed {
                return Pop::Closed;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Pop::Empty;
            }
            inner = self
                .ready
                .wait_timeout(inner, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// No more items will come; the consumer sees [`Pop::Closed`] after the last one.
    pub fn close(&self) {
        self.lock().closed = true;
        self.ready.notify_all();
    }

    /// Closes the queue and throws away what is in it (the consumer failed or stopped).
    pub fn abandon(&self) {
        let mut inner = self.lock();
        inner.closed = true;
        inner.items.clear();
        drop(inner);
        self.ready.notify_all();
    }

    /// Items dropped because the queue was full.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Items waiting now.
    pub fn len(&self) -> usize {
        self.lock().items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_queue_drops_the_oldest_and_counts() {
        let q = FrameQueue::new(2);
        for i in 0..5 {
            assert!(q.push(i));
        }
        assert_eq!(q.dropped(), 3);
        assert_eq!(q.pop(Duration::ZERO), Pop::Item(3));
        assert_eq!(q.pop(Duration::ZERO), Pop::Item(4));
        assert_eq!(q.pop(Duration::from_millis(1)), Pop::Empty);
        q.push(9);
        q.close();
        assert!(!q.push(10));
        assert_eq!(q.pop(Duration::ZERO), Pop::Item(9));
        assert_eq!(q.pop(Duration::from_secs(5)), Pop::Closed);
    }

    #[test]
    fn a_waiting_consumer_wakes_on_push() {
        let q = std::sync::Arc::new(FrameQueue::new(1));
        let q2 = std::sync::Arc::clone(&q);
        let t = std::thread::Builder::new()
            .name("test-producer".to_owned())
            .spawn(move || {
                std::thread::sleep(Duration::from_millis(20));
                q2.push(7);
            })
            .unwrap();
        assert_eq!(q.pop(Duration::from_secs(30)), Pop::Item(7));
        t.join().unwrap();
    }
}
