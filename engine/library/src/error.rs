//! The library's errors: each says what failed and what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error(
        "not a hub effect reference {0:?}: write hub:NAME@VERSION (for example hub:lucky-hat@1.2.0)"
    )]
    BadReference(String),
    #[error("the hub key {0}")]
    BadKey(String),
    #[error("the manifest's signature does not check out: {0}. The package is refused")]
    BadSignature(String),
    #[error(
        "{what} does not match its signed manifest: expected {expected}, got {actual}. The package is refused"
    )]
    Mismatch {
        what: String,
        expected: String,
        actual: String,
    },
    #[error(
        "the hub at {hub} now signs with key {actual}, but this machine pinned {pinned} on first use. \
         If the hub's key was rotated on purpose, pass --hub-key {actual} (or delete {pin_file})"
    )]
    KeyChanged {
        hub: String,
        pinned: String,
        actual: String,
        pin_file: PathBuf,
    },
    #[error(
        "the hub at {hub} could not be reached ({detail}), and no cached copy of {what} is in {cache}"
    )]
    Unreachable {
        hub: String,
        what: String,
        detail: String,
        cache: PathBuf,
    },
    #[error("the hub answered {status}: {message} ({code})")]
    Api {
        status: u16,
        code: String,
        message: String,
    },
    #[error("the hub's answer was not what this client expects: {0}")]
    Protocol(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl LibraryError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_owned(),
            source,
        }
    }
}
