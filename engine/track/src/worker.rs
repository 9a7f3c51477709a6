//! Tracking off the video thread: a named worker thread that never makes the caller wait.
//!
//! [`TrackerWorker::submit`] hands a frame to the worker through a channel that holds one
//! frame; when the worker is still busy with the previous one the new frame is dropped (the
//! caller learns it from the return value) instead of queueing up. [`TrackerWorker::latest`]
//! returns the newest finished result at any time, so a late tracker means slightly older
//! tracking, never a stalled pipeline. With segmentation on, [`TrackerWorker::latest_mask`]
//! returns the person mask of that same frame.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use effect_schema::tracking::TrackingFrame;

use crate::error::TrackError;
use crate::frame::FrameView;
use crate::segment::PersonMask;
use crate::tracker::Tracker;

/// A frame sent to the worker: RGBA pixels and the frame's time in seconds.
type Job = (image::RgbaImage, Option<f64>);

/// The newest result (or the error of the newest frame), and the person mask that goes with it.
#[derive(Debug, Default)]
struct Slot {
    frame: Option<Result<TrackingFrame, String>>,
    mask: Option<Arc<PersonMask>>,
}

type Latest = Arc<Mutex<Slot>>;

/// A tracker running on its own thread.
#[derive(Debug)]
pub struct TrackerWorker {
    jobs: Option<SyncSender<Job>>,
    latest: Latest,
    thread: Option<JoinHandle<()>>,
}

fn work(mut tracker: Tracker, jobs: &Receiver<Job>, latest: &Latest) {
    while let Ok((img, t)) = jobs.recv() {
        let result = FrameView::from_rgba(&img)
            .and_then(|view| tracker.track(&view, t))
            .map_err(|e| e.to_string());
        let mask = tracker.shared_mask();
        *latest.lock().unwrap_or_else(PoisonError::into_inner) = Slot {
            frame: Some(result),
            mask,
        };
    }
}

impl TrackerWorker {
    /// Moves `tracker` onto a thread named `lantern-track`.
    pub fn spawn(tracker: Tracker) -> Result<Self, TrackError> {
        let (tx, rx) = sync_channel::<Job>(1);
        let latest: Latest = Arc::new(Mutex::new(Slot::default()));
        let shared = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("lantern-track".to_owned())
            .spawn(move || work(tracker, &rx, &shared))
            .map_err(|e| TrackError::Frame(format!("could not start the tracking thread: {e}")))?;
        Ok(Self {
            jobs: Some(tx),
            latest,
            thread: Some(thread),
        })
    }

    /// Offers a frame; `false` when the worker is busy and the frame was dropped.
    pub fn submit(&self, frame: image::RgbaImage, time_s: Option<f64>) -> bool {
        match self.jobs.as_ref().map(|tx| tx.try_send((frame, time_s))) {
            Some(Ok(())) => true,
            Some(Err(TrySendError::Full(_) | TrySendError::Disconnected(_))) | None => false,
        }
    }

    /// The newest result (`None` before the first frame is done).
    pub fn latest(&self) -> Option<Result<TrackingFrame, String>> {
        self.latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .frame
            .clone()
    }

    /// The newest result and its person mask together (one lock, so they are of the same frame).
    #[allow(clippy::type_complexity)]
    pub fn latest_with_mask(
        &self,
    ) -> Option<(Result<TrackingFrame, String>, Option<Arc<PersonMask>>)> {
        let slot = self.latest.lock().unwrap_or_else(PoisonError::into_inner);
        slot.frame.clone().map(|f| (f, slot.mask.clone()))
    }

    /// The person mask of the newest result (`None` when segmentation is off or before the
    /// first frame is done).
    pub fn latest_mask(&self) -> Option<Arc<PersonMask>> {
        self.latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .mask
            .clone()
    }
}

impl Drop for TrackerWorker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Models, TrackerConfig};

    #[test]
    fn frames_flow_through_and_a_busy_worker_drops_instead_of_queueing() {
        let tracker = Tracker::new(
            &Models::discover(),
            TrackerConfig {
                hands: false,
                segmentation: true,
                ..TrackerConfig::default()
            },
        )
        .unwrap();
        let worker = TrackerWorker::spawn(tracker).unwrap();
        let img = image::RgbaImage::from_pixel(320, 240, image::Rgba([40, 40, 40, 255]));
        let mut accepted = 0;
        for i in 0..50 {
            if worker.submit(img.clone(), Some(f64::from(i) / 30.0)) {
                accepted += 1;
            }
        }
        assert!((1..=50).contains(&accepted));
        // Wait for a result without a timing assertion: poll until one is there.
        let result = loop {
            if let Some(r) = worker.latest() {
                break r;
            }
            std::thread::yield_now();
        };
        let frame = result.unwrap();
        assert!(frame.faces.is_empty());
        assert_eq!((frame.width, frame.height), (320, 240));
        let mask = worker.latest_mask().unwrap();
        assert_eq!((mask.width, mask.height), (320, 240));
        assert_eq!(mask.data.len(), 320 * 240);
    }
}
