//! Screenshots and recordings of the live preview, at the engine's full output size (not the
//! shrunk pixels the webview shows): a PNG of the next rendered frame, or every rendered frame to
//! an MP4 until stopped (`lantern_engine::record`, encoded on its own thread).
//!
//! Requests cross from the commands to the preview thread in a small mailbox; each carries the
//! channel its answer goes back on, and the command waits for it outside every lock. A recording
//! ends when asked, when the preview stops, or with the preview's source: the file is always
//! closed properly (the recorder finishes on drop).

use std::path::{Path, PathBuf};
use std::sync::mpsc::SyncSender;

use lantern_engine::record::Recorder;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};

/// Capture requests waiting for the next frame, at most (more are refused).
pub const MAX_PENDING: usize = 4;

/// What to capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Capture {
    /// A PNG of the next rendered frame.
    Snapshot(PathBuf),
    /// Every rendered frame from the next one, to a video file.
    StartRecording(PathBuf),
    StopRecording,
}

/// A capture request and where its answer goes.
pub struct CaptureRequest {
    pub what: Capture,
    pub reply: SyncSender<Result<Captured, IpcError>>,
}

/// What a capture wrote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Captured {
    pub path: PathBuf,
    pub width: u32,
    pub height: u32,
    /// Frames in the file (recordings).
    #[ts(type = "number")]
    pub frames: u64,
    /// Frames the recorder could not keep up with.
    #[ts(type = "number")]
    pub dropped: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A recording in progress, in each frame's header.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordingStatus {
    pub path: String,
    pub seconds: f64,
    #[ts(type = "number")]
    pub dropped: u64,
}

/// Checks a capture's destination before anything is rendered: its extension and its folder.
pub fn check_destination(what: &Capture) -> Result<(), IpcError> {
    let (path, allowed, kind): (&Path, &[&str], &str) = match what {
        Capture::Snapshot(p) => (p, &["png"], "a screenshot"),
        Capture::StartRecording(p) => (p, &["mp4", "mkv", "mov"], "a recording"),
        Capture::StopRecording => return Ok(()),
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !allowed.contains(&ext.as_str()) {
        return Err(IpcError::new(
            ErrorCode::Io,
            format!(
                "{}: {kind} is saved as .{} (give the file that extension)",
                path.display(),
                allowed.join(", .")
            ),
        ));
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(IpcError::new(
            ErrorCode::NotFound,
            format!(
                "{}: no such folder (create it or pick another)",
                dir.display()
            ),
        )),
        _ => Ok(()),
    }
}

/// The preview thread's side: the recorder, if one runs.
#[derive(Default)]
pub struct Captures {
    recorder: Option<Recorder>,
}

/// One rendered frame at full size.
pub struct Rendered<'a> {
    pub rgba: &'a [u8],
    pub width: u32,
    pub height: u32,
    pub t_ms: i64,
    pub fps: u32,
}

impl Captures {
    /// Records `frame` if a recording runs, then answers `requests` with it.
    pub fn on_frame(&mut self, requests: Vec<CaptureRequest>, frame: &Rendered<'_>) {
        if let Some(r) = &mut self.recorder {
            r.push(frame.rgba, frame.width, frame.height, frame.t_ms);
        }
        for request in requests {
            let answer = self.carry_out(&request.what, frame);
            let _ = request.reply.send(answer);
        }
    }

    fn carry_out(&mut self, what: &Capture, frame: &Rendered<'_>) -> Result<Captured, IpcError> {
        match what {
            Capture::Snapshot(path) => snapshot(path, frame),
            Capture::StartRecording(path) => {
                if let Some(r) = &self.recorder {
                    return Err(IpcError::new(
                        ErrorCode::Preview,
                        format!(
                            "already recording to {} (stop it first)",
                            r.path().display()
                        ),
                    ));
                }
                let mut r = Recorder::start(path, frame.width, frame.height, frame.fps)
                    .map_err(|e| IpcError::new(ErrorCode::Io, e))?;
                r.push(frame.rgba, frame.width, frame.height, frame.t_ms);
                self.recorder = Some(r);
                Ok(Captured {
                    path: path.clone(),
                    width: frame.width,
                    height: frame.height,
                    ..Captured::default()
                })
            }
            Capture::StopRecording => self.stop(frame.width, frame.height),
        }
    }

    fn stop(&mut self, width: u32, height: u32) -> Result<Captured, IpcError> {
        let r = self
            .recorder
            .take()
            .ok_or_else(|| IpcError::new(ErrorCode::Preview, "nothing is being recorded"))?;
        let done = r.finish().map_err(|e| IpcError::new(ErrorCode::Io, e))?;
        Ok(Captured {
            path: done.path,
            width,
            height,
            frames: done.frames,
            dropped: done.dropped,
            bytes: done.bytes,
        })
    }

    /// The header's recording state.
    pub fn status(&self) -> Option<RecordingStatus> {
        self.recorder.as_ref().map(|r| RecordingStatus {
            path: r.path().display().to_string(),
            seconds: r.seconds(),
            dropped: r.dropped(),
        })
    }
}

fn snapshot(path: &Path, frame: &Rendered<'_>) -> Result<Captured, IpcError> {
    image::save_buffer(
        path,
        frame.rgba,
        frame.width,
        frame.height,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| {
        IpcError::new(
            ErrorCode::Io,
            format!("{}: the screenshot was not saved: {e}", path.display()),
        )
    })?;
    Ok(Captured {
        path: path.to_owned(),
        width: frame.width,
        height: frame.height,
        frames: 1,
        dropped: 0,
        bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
    })
}
