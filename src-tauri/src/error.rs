//! The one error type the Studio's IPC returns.
//!
//! Every command returns `Result<_, IpcError>`; Tauri serialises the error as `{code, message}`,
//! so the front-end can branch on a stable `code` and show `message` to people as it is.

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure an [`IpcError`] is, for the front-end to branch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// Reading or writing a file failed (permissions, disk full, a missing folder).
    Io,
    /// The effect document sent by the front-end, or found on disk, is malformed.
    Document,
    /// The project (or another path) does not exist.
    NotFound,
    /// Something is already there (a new project's folder is not empty).
    AlreadyExists,
    /// A file could not be imported as an asset.
    Import,
    /// The package does not validate; the message lists the problems.
    Invalid,
    /// The export destination is unusable.
    Export,
    /// The ONNX models could not be listed.
    Models,
    /// A preview source (photo, video file, camera) could not be opened or read.
    Source,
    /// The live preview could not start or run (GPU device, options, the engine).
    Preview,
    /// Going live failed: a bad URL, an unreachable server, a refused stream, a lost connection.
    Live,
    /// Lantern Hub: unreachable, the token refused, the upload refused (not for an invalid package:
    /// that is `invalid`, with the hub's problem list, one a line).
    Hub,
}

impl ErrorCode {
    /// The code as serialised (`notFound`), for logs and `Display`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Io => "io",
            Self::Document => "document",
            Self::NotFound => "notFound",
            Self::AlreadyExists => "alreadyExists",
            Self::Import => "import",
            Self::Invalid => "invalid",
            Self::Export => "export",
            Self::Models => "models",
            Self::Source => "source",
            Self::Preview => "preview",
            Self::Live => "live",
            Self::Hub => "hub",
        }
    }
}

/// An error as the front-end sees it: a stable machine-readable `code` and a message for people
/// that names the file and the fix.
#[derive(Debug, Serialize, TS, thiserror::Error)]
#[error("{}: {message}", code.name())]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl std::fmt::Display) -> Self {
        Self {
            code,
            message: message.to_string(),
        }
    }

    /// An I/O failure on `path`, saying what was being done.
    pub fn io(doing: &str, path: &std::path::Path, err: &std::io::Error) -> Self {
        Self::new(ErrorCode::Io, format!("{doing} {}: {err}", path.display()))
    }
}
