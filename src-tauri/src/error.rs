//! The one error type the Studio's IPC returns.

use serde::Serialize;
use ts_rs::TS;

/// An error as the front-end sees it: a stable machine-readable `code` and a message for people.
#[derive(Debug, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl std::fmt::Display) -> Self {
        Self {
            code: code.to_owned(),
            message: message.to_string(),
        }
    }
}
