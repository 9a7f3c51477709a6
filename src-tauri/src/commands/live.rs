//! Go live: push the edited effect to an RTMP server (or a file) over the preview's source, and
//! control it while live. Status and stats arrive on the `onEvent` channel; the push's outgoing
//! frames replace the preview's on the `onFrame` channel (acknowledged with `preview_ack`).

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use tauri::ipc::{Channel, InvokeResponseBody};

use super::preview::{ChannelSink, PreviewState};
use crate::error::{ErrorCode, IpcError};
use crate::live::{EventSink, Live, LiveEvent, LiveOptions, LiveTarget, edited_package};
use crate::preview::PreviewSource;
use crate::project::document;

/// The running push, if any (one per Studio window).
#[derive(Default)]
pub struct LiveSlot(Mutex<Option<Live>>);

impl LiveSlot {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Live>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the push if one runs.
    pub fn with<T>(&self, f: impl FnOnce(&Live) -> T) -> Option<T> {
        let slot = self.slot();
        slot.as_ref().filter(|l| l.is_running()).map(f)
    }

    /// Stops the push (if any) and waits for the stream to close.
    pub fn stop(&self) {
        let live = self.slot().take();
        if let Some(l) = &live {
            l.stop();
        }
        drop(live);
    }
}

/// The webview's end of the status and stats events.
struct EventChannel(Channel<LiveEvent>);

impl EventSink for EventChannel {
    fn send(&self, event: LiveEvent) -> bool {
        self.0.send(event).is_ok()
    }
}

/// Go live with the edited document over `source` (the preview's; none = the test pattern). The
/// preview stops first (a camera cannot be opened twice); returns once live, or the reason not.
#[tauri::command(async)]
#[allow(
    clippy::too_many_arguments,
    reason = "one Tauri command, its IPC arguments"
)]
pub fn start_live(
    live: tauri::State<'_, LiveSlot>,
    preview: tauri::State<'_, PreviewState>,
    dir: PathBuf,
    effect: serde_json::Value,
    source: Option<PreviewSource>,
    target: LiveTarget,
    options: LiveOptions,
    on_event: Channel<LiveEvent>,
    on_frame: Channel<InvokeResponseBody>,
) -> Result<(), IpcError> {
    if live.with(|_| ()).is_some() {
        return Err(IpcError::new(
            ErrorCode::Live,
            "already live: stop the stream before going live again",
        ));
    }
    let effect = document::from_value(&effect)?;
    preview.stop();
    let (push, ready) = Live::spawn(
        &dir,
        &effect,
        source.as_ref(),
        &target,
        &options,
        Box::new(EventChannel(on_event)),
        Box::new(ChannelSink(on_frame)),
    )?;
    let id = push.id();
    // In the slot before it is live, so Stop works while it connects and acks find it.
    let old = live.slot().replace(push);
    drop(old);
    Live::wait(&ready).inspect_err(|_| {
        let failed = live.slot().take_if(|l| l.id() == id);
        drop(failed);
    })
}

/// Stop the stream: the pipeline drains and the connection is closed.
#[tauri::command(async)]
pub fn stop_live(live: tauri::State<'_, LiveSlot>) {
    live.stop();
}

/// Run or pause the effect's gameplay script while live.
#[tauri::command]
pub fn live_gameplay(live: tauri::State<'_, LiveSlot>, on: bool) -> Result<(), IpcError> {
    match live.with(|l| l.set_gameplay(on)) {
        Some(true) => Ok(()),
        _ => Err(not_live()),
    }
}

/// The document changed while live: the stream plays it from the next frame on (checked first,
/// outside every lock; a bad edit is the error and the stream goes on with the last good one).
#[tauri::command(async)]
pub fn update_live(
    live: tauri::State<'_, LiveSlot>,
    dir: PathBuf,
    effect: serde_json::Value,
) -> Result<(), IpcError> {
    let Some(controls) = live.with(Live::controls) else {
        return Err(not_live());
    };
    let effect = document::from_value(&effect)?;
    let package = edited_package(&dir, &effect, "not applied to the stream")?;
    crate::live::switch_effect(controls, package)
}

/// Send a host command to the effect (its script's `command` event and `host` triggers).
#[tauri::command]
pub fn live_command(
    live: tauri::State<'_, LiveSlot>,
    name: String,
    args: Option<serde_json::Value>,
) -> Result<(), IpcError> {
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(IpcError::new(ErrorCode::Live, "type a command name first"));
    }
    match live.with(|l| l.command(&name, args.unwrap_or_default())) {
        Some(true) => Ok(()),
        Some(false) => Err(IpcError::new(
            ErrorCode::Live,
            "the effect is busy: the command was dropped, try again",
        )),
        None => Err(not_live()),
    }
}

fn not_live() -> IpcError {
    IpcError::new(ErrorCode::Live, "not live: go live first")
}
