//! Trackers kept loaded after their effect went off air, so that switching back to an effect
//! costs no model load (loading face and hand models is hundreds of milliseconds of CPU, which
//! a live push on two cores pays in dropped frames).
//!
//! A retiring [`crate::TrackerWorker`] puts its tracker here once its last frame is done (on its
//! own thread); the next switch that needs the same [`TrackerConfig`] takes it back. The shelf
//! holds a few trackers at most (the oldest goes first), so memory stays bounded however many
//! effects a host goes through. Trackers are reset when shelved: a tracker taken back starts
//! from no faces and no hands, as a new one would.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use crate::config::TrackerConfig;
use crate::tracker::Tracker;

/// Trackers kept by default: the effects a host switches among are usually two or three.
pub const SHELF_CAPACITY: usize = 2;

/// Loaded trackers waiting to be used again; cheap to clone (shared).
#[derive(Clone)]
pub struct Shelf {
    trackers: Arc<Mutex<VecDeque<Tracker>>>,
    capacity: usize,
}

impl std::fmt::Debug for Shelf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shelf")
            .field("trackers", &self.len())
            .field("capacity", &self.capacity)
            .finish()
    }
}

impl Default for Shelf {
    fn default() -> Self {
        Self::new(SHELF_CAPACITY)
    }
}

impl Shelf {
    /// A shelf keeping at most `capacity` trackers (0: none, every switch loads).
    pub fn new(capacity: usize) -> Self {
        Self {
            trackers: Arc::default(),
            capacity,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Tracker>> {
        self.trackers.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps `tracker` (reset) for a later switch; the oldest kept goes when the shelf is full.
    pub fn put(&self, mut tracker: Tracker) {
        if self.capacity == 0 {
            return;
        }
        tracker.reset();
        let evicted = {
            let mut shelf = self.lock();
            shelf.retain(|t| t.config() != tracker.config());
            shelf.push_back(tracker);
            let over = shelf.len().saturating_sub(self.capacity);
            shelf.drain(..over).collect::<Vec<_>>()
        };
        // Freed outside the lock (a tracker's models take a moment to free).
        drop(evicted);
    }

    /// A kept tracker for `config`, if there is one.
    pub fn take(&self, config: &TrackerConfig) -> Option<Tracker> {
        let mut shelf = self.lock();
        let at = shelf.iter().position(|t| t.config() == config)?;
        shelf.remove(at)
    }

    /// Trackers kept now.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Models;

    fn tracker(max_faces: usize) -> Tracker {
        let config = TrackerConfig {
            hands: false,
            max_faces,
            ..TrackerConfig::default()
        };
        Tracker::new(&Models::discover(), config)
            .expect("the face models (scripts/fetch-models.sh)")
    }

    #[test]
    fn the_shelf_keeps_the_newest_trackers_by_configuration() {
        let shelf = Shelf::new(2);
        let (one, two, three) = (tracker(1), tracker(2), tracker(3));
        let configs = [
            one.config().clone(),
            two.config().clone(),
            three.config().clone(),
        ];
        shelf.put(one);
        shelf.put(two);
        shelf.put(three);
        assert_eq!(shelf.len(), 2, "the oldest went");
        assert!(shelf.take(&configs[0]).is_none());
        let back = shelf.take(&configs[2]).expect("kept");
        assert_eq!(back.config(), &configs[2]);
        assert_eq!(shelf.len(), 1);
        // The same configuration twice is kept once.
        shelf.put(back);
        shelf.put(tracker(3));
        assert_eq!(shelf.len(), 2);
        assert!(Shelf::new(0).take(&configs[1]).is_none());
    }
}
