//! The one error type of the crate, sorted so a caller can react: a dead connection is retried
//! (reconnect with backoff), bad configuration or bad input is reported and not retried.

use std::path::PathBuf;

/// Everything that can go wrong in media I/O.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    /// A setting is out of range or inconsistent; `field` names it, `fix` says what to do.
    #[error("invalid media setting `{field}`: {message} ({fix})")]
    Config {
        field: &'static str,
        message: String,
        fix: &'static str,
    },
    /// A frame or sample buffer handed to the encoder does not match what it says it is.
    #[error("invalid {what}: {message}")]
    InvalidInput { what: &'static str, message: String },
    /// The output could not be reached at all (server down, refused, DNS) — worth retrying.
    #[error("cannot connect to {url}")]
    Connect {
        url: String,
        #[source]
        source: ffmpeg_next::Error,
    },
    /// An established connection died while writing (server stopped, socket reset) — reconnect.
    #[error("connection to {url} lost")]
    Disconnected {
        url: String,
        #[source]
        source: ffmpeg_next::Error,
    },
    /// A file could not be opened or read.
    #[error("cannot read {}: {message}", path.display())]
    Open { path: PathBuf, message: String },
    /// An audio file (an effect's sound) is not readable audio; `message` says why and the fix.
    #[error("{file}: {message}")]
    Clip { file: String, message: String },
    /// An audio file is longer than it may be: from its header (`declared`, nothing decoded) or
    /// once `seconds` of it were decoded.
    #[error(
        "{file}: {} {seconds:.1} s, more than the {limit:.1} s allowed; shorten it",
        if *declared { "its header says it lasts" } else { "decodes to more than" }
    )]
    ClipTooLong {
        file: String,
        seconds: f64,
        limit: f64,
        declared: bool,
    },
    /// A camera could not be listed or opened.
    #[error("camera: {0}")]
    Camera(String),
    /// FFmpeg refused an operation; `context` says which.
    #[error("{context}")]
    Ffmpeg {
        context: &'static str,
        #[source]
        source: ffmpeg_next::Error,
    },
}

impl MediaError {
    /// True when the error is about the network link, not the settings: retrying may help.
    pub fn is_connection_error(&self) -> bool {
        matches!(self, Self::Connect { .. } | Self::Disconnected { .. })
    }

    pub(crate) fn ffmpeg(context: &'static str) -> impl FnOnce(ffmpeg_next::Error) -> Self {
        move |source| Self::Ffmpeg { context, source }
    }
}

/// True for the errno values a dead or unreachable socket produces.
pub(crate) fn is_network_errno(err: ffmpeg_next::Error) -> bool {
    const CODES: [i32; 9] = [
        libc_errno::EPIPE,
        libc_errno::ECONNRESET,
        libc_errno::ECONNREFUSED,
        libc_errno::ETIMEDOUT,
        libc_errno::EIO,
        libc_errno::ENETUNREACH,
        libc_errno::EHOSTUNREACH,
        libc_errno::ECONNABORTED,
        libc_errno::ENOTCONN,
    ];
    match err {
        ffmpeg_next::Error::Other { errno } => CODES.contains(&errno),
        ffmpeg_next::Error::Eof | ffmpeg_next::Error::Exit => true,
        _ => false,
    }
}

/// The Linux errno values we classify (stable ABI; avoids a libc dependency for nine numbers).
mod libc_errno {
    pub const EIO: i32 = 5;
    pub const EPIPE: i32 = 32;
    pub const ENETUNREACH: i32 = 101;
    pub const ECONNABORTED: i32 = 103;
    pub const ECONNRESET: i32 = 104;
    pub const ENOTCONN: i32 = 107;
    pub const ETIMEDOUT: i32 = 110;
    pub const ECONNREFUSED: i32 = 111;
    pub const EHOSTUNREACH: i32 = 113;
}

pub type Result<T, E = MediaError> = std::result::Result<T, E>;
