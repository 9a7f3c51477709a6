//! Host controls while live (from a monitor window, a control panel, the Studio, a test): turn
//! the gameplay on or off, fire a command or a tap into the effect, show or hide a layer, switch
//! to another effect, stop. And the preview a monitor shows:
//! the newest outgoing frame, small, with its hot-zones and tracking.
//!
//! Controls go through a bounded channel (32): when the render stage is so late that it is
//! full, further controls are refused (`send` returns `false`) rather than queued. A switch or a
//! layer change is answered by the render stage (the frame it took effect on, or why not); its
//! sender waits for that answer, at most [`ANSWER_WAIT`].

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use effect_schema::Package;
use effect_schema::hotzone::{HotZone, SeiPayload};
use effect_schema::tracking::TrackingFrame;
use lantern_script::HostEvent;

use super::notices::{Notice, Notices};
use super::playing::PlayingSlot;
use super::zones::ZoneFeed;
use crate::driver::{WarmEffect, Warmer};
use crate::error::EngineError;

/// One host action.
#[derive(Debug)]
pub enum Control {
    /// Run (true) or pause (false) the effect's gameplay script; the effect keeps rendering.
    Gameplay(bool),
    /// An event for the effect's triggers and script (a host command or a tap).
    Event(HostEvent),
    /// Play this effect from the next frame on: opened, checked and warmed by the sender (away
    /// from the render stage), swapped between two frames on the same device, encoder and
    /// connection. If it cannot start (its textures), the running effect goes on; either way
    /// the answer goes to `reply`.
    Effect {
        effect: Box<WarmEffect>,
        /// The folder or zip it was opened from, when it was (for [`Controls::playing`]).
        path: Option<PathBuf>,
        reply: Option<Reply<Switched>>,
    },
    /// Show or hide a layer of the running effect from the next frame on.
    Layer {
        id: String,
        visible: bool,
        reply: Option<Reply<()>>,
    },
}

/// Where the render stage answers a control: the outcome, or why it was refused.
pub type Reply<T> = SyncSender<Result<T, String>>;

/// A switch done: the first frame the new effect is in.
#[derive(Clone, Debug, PartialEq)]
pub struct Switched {
    /// The effect's name (its `meta.name`).
    pub name: String,
    /// The folder or zip it was opened from (none for a package built in memory).
    pub path: Option<PathBuf>,
    /// The frame's index and presentation time in the stream.
    pub frame: u64,
    pub pts_ms: i64,
    /// How long the swap held the render stage.
    pub swap_ms: f64,
    /// Whether its tracking models differ from the previous effect's (made ready ahead: loaded,
    /// or kept loaded from an effect played earlier).
    pub models_loaded: bool,
    /// Its command triggers' names (see [`Playing::commands`](super::Playing::commands)).
    pub commands: Vec<String>,
}

/// Why a control did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    #[error("the push's render stage is busy: try again")]
    Busy,
    #[error("the push has stopped")]
    Stopped,
    #[error("the render stage did not answer within {0:?}")]
    NoAnswer(Duration),
    /// The package does not open or its script does not load (the message names the file).
    #[error("{0}")]
    Invalid(String),
    /// The render stage's reason (the running effect is untouched).
    #[error("{0}")]
    Refused(String),
    /// The new effect's tracking models did not load (the running effect is untouched).
    #[error("the effect's tracking models did not load: {0}")]
    Models(#[from] EngineError),
}

/// The handle hosts use; cheap to clone.
#[derive(Clone, Debug)]
pub struct Controls {
    tx: SyncSender<Control>,
    stop: Arc<AtomicBool>,
    /// Loads a new effect's models away from the render stage (set once it has started).
    pub(crate) warmer: Option<Warmer>,
    notices: Arc<Notices>,
    zones: Arc<ZoneFeed>,
    pub(super) playing: PlayingSlot,
    /// The output size (a switched-to script is checked against it).
    pub(super) output: (u32, u32),
}

/// Controls waiting at most this many at a time.
const CAPACITY: usize = 32;

/// The longest a control waits for the render stage's answer (a frame, unless a switch uploads
/// large textures on a slow machine).
const ANSWER_WAIT: Duration = Duration::from_secs(10);

pub(crate) fn channel(
    stop: Arc<AtomicBool>,
    (notices, zones): (Arc<Notices>, Arc<ZoneFeed>),
    playing: PlayingSlot,
    output: (u32, u32),
) -> (Controls, Receiver<Control>) {
    let (tx, rx) = sync_channel(CAPACITY);
    let controls = Controls {
        tx,
        stop,
        warmer: None,
        notices,
        zones,
        playing,
        output,
    };
    (controls, rx)
}

impl Controls {
    /// Sends `control` to the render stage; `false` when it was refused (queue full or stopped).
    pub fn send(&self, control: Control) -> bool {
        match self.tx.try_send(control) {
            Ok(()) => true,
            Err(TrySendError::Full(c)) => {
                tracing::warn!("host control dropped (the render stage is busy): {c:?}");
                false
            }
            Err(TrySendError::Disconnected(_)) => false,
        }
    }

    /// A host command for the script (`lantern.on("command", …)` / `host` triggers).
    pub fn command(&self, name: &str, args: serde_json::Value) -> bool {
        self.send(Control::Event(HostEvent::Command {
            name: name.to_owned(),
            args,
        }))
    }

    /// Switches to `package` between two frames (see [`Control::Effect`]): loads the models it
    /// needs here, on the caller's thread, then waits for the render stage to swap it in.
    pub fn switch_effect(&self, package: Package) -> Result<Switched, ControlError> {
        self.switch(package, None)
    }

    pub(super) fn switch(
        &self,
        package: Package,
        path: Option<PathBuf>,
    ) -> Result<Switched, ControlError> {
        let effect = match &self.warmer {
            Some(w) => w.warm(package)?,
            None => WarmEffect::cold(package),
        };
        self.ask(|reply| Control::Effect {
            effect: Box::new(effect),
            path,
            reply: Some(reply),
        })
    }

    /// Shows or hides layer `id` of the running effect; an unknown id is refused.
    pub fn set_layer_visible(&self, id: &str, visible: bool) -> Result<(), ControlError> {
        self.ask(|reply| Control::Layer {
            id: id.to_owned(),
            visible,
            reply: Some(reply),
        })
    }

    /// Sends the control `make` builds around a reply channel and waits for the answer.
    fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Control) -> Result<T, ControlError> {
        if self.is_stopping() {
            return Err(ControlError::Stopped);
        }
        let (reply, answer) = sync_channel(1);
        match self.tx.try_send(make(reply)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(ControlError::Busy),
            Err(TrySendError::Disconnected(_)) => return Err(ControlError::Stopped),
        }
        match answer.recv_timeout(ANSWER_WAIT) {
            Ok(Ok(t)) => Ok(t),
            Ok(Err(why)) => Err(ControlError::Refused(why)),
            Err(RecvTimeoutError::Timeout) => Err(ControlError::NoAnswer(ANSWER_WAIT)),
            Err(RecvTimeoutError::Disconnected) => Err(ControlError::Stopped),
        }
    }

    /// What the effect did since the last call (triggers fired, console lines), oldest first;
    /// for one watcher (the control server forwards them to its clients).
    pub fn take_notices(&self) -> Vec<Notice> {
        self.notices.take()
    }

    /// Each outgoing frame's SEI data (pts and hot-zones) since the last call, oldest first; for
    /// one reader (a live room's link). The first call starts keeping them.
    pub fn take_zone_frames(&self) -> Vec<SeiPayload> {
        self.zones.take()
    }

    /// Ends the push: the pipeline drains and the output is closed cleanly.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    pub fn is_stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Answers a control (its sender may have stopped waiting: then nobody hears it).
pub(crate) fn answer<T>(reply: Option<Reply<T>>, outcome: Result<T, String>) {
    if let Some(reply) = reply {
        let _ = reply.try_send(outcome);
    }
}

/// The newest outgoing frame, for a monitor.
#[derive(Clone, Debug, Default)]
pub struct Preview {
    pub index: u64,
    pub pts_ms: i64,
    /// RGBA, `width` × `height` (a downscaled copy of the output).
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    /// The output size the zones and tracking refer to.
    pub output: [u32; 2],
    pub zones: Vec<HotZone>,
    /// This frame's tracking, in output pixels.
    pub tracking: Option<TrackingFrame>,
    /// Whether the gameplay script runs.
    pub gameplay: bool,
}

/// Where the render stage leaves the preview.
pub type PreviewSlot = Arc<Mutex<Option<Preview>>>;

/// Takes the newest preview (if a new one arrived since the last call).
pub fn take_preview(slot: &PreviewSlot) -> Option<Preview> {
    slot.lock().unwrap_or_else(PoisonError::into_inner).take()
}

/// A small RGBA picture from an NV12 frame (nearest sample, BT.709 limited range): the monitor
/// shows it without a GPU round trip.
#[allow(
    clippy::many_single_char_names,
    reason = "pixel maths reads best with x, y, r, g, b"
)]
pub fn nv12_preview(nv12: &[u8], width: u32, height: u32, max_width: u32) -> (u32, u32, Vec<u8>) {
    let step = width.div_ceil(max_width.max(1)).max(1);
    let (pw, ph) = (width / step, height / step);
    let (w, h) = (width as usize, height as usize);
    let mut out = Vec::with_capacity(pw as usize * ph as usize * 4);
    if nv12.len() < w * h + w * h.div_ceil(2) {
        return (0, 0, out);
    }
    for py in 0..ph as usize {
        let y = py * step as usize;
        for px in 0..pw as usize {
            let x = px * step as usize;
            let luma = f32::from(nv12[y * w + x]) - 16.0;
            let c = w * h + (y / 2) * w + (x / 2) * 2;
            let (cb, cr) = (f32::from(nv12[c]) - 128.0, f32::from(nv12[c + 1]) - 128.0);
            let l = 1.164 * luma;
            let r = l + 1.793 * cr;
            let g = l - 0.213 * cb - 0.533 * cr;
            let b = l + 2.112 * cb;
            let q = |v: f32| v.clamp(0.0, 255.0) as u8;
            out.extend_from_slice(&[q(r), q(g), q(b), 255]);
        }
    }
    (pw, ph, out)
}

/// A small copy of an RGBA frame (nearest sample), at most `max_width` wide.
pub fn rgba_preview(rgba: &[u8], width: u32, height: u32, max_width: u32) -> (u32, u32, Vec<u8>) {
    let step = width.div_ceil(max_width.max(1)).max(1) as usize;
    let (w, h) = (width as usize, height as usize);
    let (pw, ph) = (w / step, h / step);
    if rgba.len() < w * h * 4 {
        return (0, 0, Vec::new());
    }
    let mut out = Vec::with_capacity(pw * ph * 4);
    for y in (0..ph).map(|py| py * step) {
        let row = &rgba[y * w * 4..(y + 1) * w * 4];
        out.extend(
            row.chunks_exact(4 * step)
                .take(pw)
                .flat_map(|px| [px[0], px[1], px[2], 255]),
        );
    }
    (pw as u32, ph as u32, out)
}

pub(crate) fn store_preview(slot: &PreviewSlot, preview: Preview) {
    *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(preview);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_of_grey_nv12_is_grey() {
        let (w, h) = (8, 4);
        let mut nv12 = vec![126u8; w * h];
        nv12.extend(std::iter::repeat_n(128u8, w * h / 2));
        let (pw, ph, rgba) = nv12_preview(&nv12, w as u32, h as u32, 4);
        assert_eq!((pw, ph), (4, 2));
        assert_eq!(rgba.len(), 4 * 2 * 4);
        assert!((i32::from(rgba[0]) - 128).abs() <= 1, "{rgba:?}");
    }

    #[test]
    fn an_rgba_preview_samples_every_step_th_pixel() {
        let (w, h) = (8u32, 4u32);
        let rgba: Vec<u8> = (0..w * h).flat_map(|i| [i as u8, 0, 0, 9]).collect();
        let (pw, ph, small) = rgba_preview(&rgba, w, h, 4);
        assert_eq!((pw, ph), (4, 2));
        assert_eq!(small.len(), 4 * 2 * 4);
        // Row 0 takes pixels 0, 2, 4, 6; row 1 is source row 2 (pixels 16, 18, …); opaque.
        assert_eq!(&small[..8], &[0, 0, 0, 255, 2, 0, 0, 255]);
        assert_eq!(small[16], 16);
    }

    #[test]
    fn controls_are_bounded() {
        let stop = Arc::new(AtomicBool::new(false));
        let (c, rx) = channel(
            Arc::clone(&stop),
            (Arc::default(), Arc::default()),
            PlayingSlot::default(),
            (64, 36),
        );
        for _ in 0..CAPACITY {
            assert!(c.send(Control::Gameplay(false)));
        }
        assert!(!c.send(Control::Gameplay(true)));
        assert_eq!(rx.try_iter().count(), CAPACITY);
        c.stop();
        assert!(stop.load(Ordering::Relaxed) && c.is_stopping());
    }
}
