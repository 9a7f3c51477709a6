//! The live preview: start it over a source, feed it document and script changes, acknowledge
//! drawn frames, stop it. Frames arrive on the `onFrame` channel as raw binary messages (see
//! `preview::message`), never as JSON numbers.

use std::path::PathBuf;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use lantern_engine::media::source::camera;
use tauri::ipc::{Channel, InvokeResponseBody};

use crate::error::{ErrorCode, IpcError};
use crate::preview::{
    AnimationRequest, Capture, Captured, FrameSink, Preview, PreviewOptions, PreviewSource,
    TransportRequest,
};
use crate::project::{document, script};

/// The running preview, if any (one per Studio window).
#[derive(Default)]
pub struct PreviewState(Mutex<Option<Preview>>);

impl PreviewState {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Preview>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the running preview; a stopped (finished) one is dropped first.
    fn with(&self, f: impl FnOnce(&Preview)) {
        let mut slot = self.slot();
        if slot.as_ref().is_some_and(|p| !p.is_running()) {
            *slot = None;
        }
        if let Some(p) = slot.as_ref() {
            f(p);
        }
    }

    /// Takes the preview out (to stop it outside the lock).
    fn take(&self) -> Option<Preview> {
        self.slot().take()
    }

    /// Stops the preview (if any) and waits for its thread, releasing its source.
    pub fn stop(&self) {
        drop(self.take());
    }
}

/// The webview's end of a stream of preview frames.
pub struct ChannelSink(pub Channel<InvokeResponseBody>);

impl FrameSink for ChannelSink {
    fn send(&self, message: Vec<u8>) -> bool {
        self.0.send(InvokeResponseBody::Raw(message)).is_ok()
    }
}

/// Start previewing the edited document over `source` (stopping any running preview).
#[tauri::command(async)]
pub fn start_preview(
    state: tauri::State<'_, PreviewState>,
    dir: PathBuf,
    effect: serde_json::Value,
    source: PreviewSource,
    options: PreviewOptions,
    on_frame: Channel<InvokeResponseBody>,
) -> Result<(), IpcError> {
    drop(state.take());
    let effect = document::from_value(&effect)?;
    let (preview, ready) = Preview::spawn(
        dir,
        effect,
        source,
        options,
        Box::new(ChannelSink(on_frame)),
    )?;
    // In the state before the first frame goes out, so its acknowledgement finds it.
    let id = preview.id();
    let old = state.slot().replace(preview);
    drop(old);
    Preview::wait(&ready).inspect_err(|_| {
        let mut slot = state.slot();
        let failed = slot.take_if(|p| p.id() == id);
        drop(slot);
        drop(failed);
    })
}

/// The document changed: rebuild the preview's player from it.
#[tauri::command(async)]
pub fn update_preview(
    state: tauri::State<'_, PreviewState>,
    effect: serde_json::Value,
) -> Result<(), IpcError> {
    let effect = document::from_value(&effect)?;
    state.with(|p| p.reload(effect));
    Ok(())
}

/// A script file was saved: hot-reload the preview's script from the project's files.
#[tauri::command(async)]
pub fn reload_preview_script(
    state: tauri::State<'_, PreviewState>,
    dir: PathBuf,
    effect: serde_json::Value,
) -> Result<(), IpcError> {
    let sources = script::sources(&dir, &document::from_value(&effect)?)?;
    state.with(|p| p.reload_script(sources));
    Ok(())
}

#[tauri::command]
pub fn set_preview_overlay(state: tauri::State<'_, PreviewState>, on: bool) {
    state.with(|p| p.set_overlay(on));
}

/// The webview drew frame `seq` of preview `session` (it sends at most two frames ahead); while
/// live, the frames are the push's.
#[tauri::command]
pub fn preview_ack(
    state: tauri::State<'_, PreviewState>,
    live: tauri::State<'_, super::live::LiveSlot>,
    session: u64,
    seq: u64,
) {
    state.with(|p| {
        if p.id() == session {
            p.ack(seq);
        }
    });
    live.with(|l| {
        if l.id() == session {
            l.ack(seq);
        }
    });
}

/// A tap on a hot-zone in the preview, as a viewer's tap would arrive.
#[tauri::command]
pub fn preview_tap(
    state: tauri::State<'_, PreviewState>,
    zone_id: String,
    payload: Option<serde_json::Value>,
) {
    state.with(|p| p.tap(zone_id, payload.unwrap_or_default()));
}

/// Play, pause, scrub or loop the video the preview plays over.
#[tauri::command]
pub fn preview_transport(state: tauri::State<'_, PreviewState>, request: TransportRequest) {
    state.with(|p| p.transport(request));
}

/// The timeline scrubs (poses), plays or stops a layer's clip in the preview; an unknown layer or
/// clip is reported in the preview's console. Refused when the preview is not running.
#[tauri::command]
pub fn preview_animation(
    state: tauri::State<'_, PreviewState>,
    request: AnimationRequest,
) -> Result<(), IpcError> {
    let mut sent = false;
    state.with(|p| {
        p.animate(request);
        sent = true;
    });
    if sent {
        Ok(())
    } else {
        Err(IpcError::new(
            ErrorCode::Preview,
            "the preview is not running: start it to see the animation",
        ))
    }
}

/// How long a capture waits for the preview to render its frame.
const CAPTURE_PATIENCE: Duration = Duration::from_secs(15);

/// Sends `what` to the running preview and waits for its answer (outside the state's lock: the
/// preview's acknowledgements must keep flowing meanwhile).
fn capture(state: &PreviewState, what: Capture) -> Result<Captured, IpcError> {
    let mut answer = None;
    state.with(|p| answer = Some(p.capture(what)));
    let answer = answer.ok_or_else(|| {
        IpcError::new(
            ErrorCode::Preview,
            "the preview is not running: start it first",
        )
    })??;
    match answer.recv_timeout(CAPTURE_PATIENCE) {
        Ok(result) => result,
        Err(RecvTimeoutError::Timeout) => Err(IpcError::new(
            ErrorCode::Preview,
            "the preview rendered no frame for 15 s: nothing was captured",
        )),
        Err(RecvTimeoutError::Disconnected) => Err(IpcError::new(
            ErrorCode::Preview,
            "the preview stopped before the capture was made",
        )),
    }
}

/// Save the next preview frame at the engine's full output size as a PNG.
#[tauri::command(async)]
pub fn preview_snapshot(
    state: tauri::State<'_, PreviewState>,
    path: PathBuf,
) -> Result<Captured, IpcError> {
    capture(&state, Capture::Snapshot(path))
}

/// Start recording the preview, at the engine's full output size, to a video file.
#[tauri::command(async)]
pub fn preview_record_start(
    state: tauri::State<'_, PreviewState>,
    path: PathBuf,
) -> Result<Captured, IpcError> {
    capture(&state, Capture::StartRecording(path))
}

/// Stop the recording and close its file.
#[tauri::command(async)]
pub fn preview_record_stop(state: tauri::State<'_, PreviewState>) -> Result<Captured, IpcError> {
    capture(&state, Capture::StopRecording)
}

#[tauri::command(async)]
pub fn stop_preview(state: tauri::State<'_, PreviewState>) {
    drop(state.take());
}

/// A camera the preview can use.
#[derive(Clone, Debug, serde::Serialize, ts_rs::TS)]
pub struct CameraDevice {
    /// What to pass as `device`.
    pub id: String,
    pub name: String,
}

/// The cameras the preview can use (empty when there are none).
#[tauri::command(async)]
pub fn list_cameras() -> Result<Vec<CameraDevice>, IpcError> {
    Ok(camera::list_cameras()
        .map_err(|e| IpcError::new(ErrorCode::Source, e))?
        .into_iter()
        .map(|c| CameraDevice {
            id: c.index,
            name: c.name,
        })
        .collect())
}
