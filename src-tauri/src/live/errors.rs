//! Why going live failed, in words a host can act on: an unreachable server, a refused stream
//! (wrong key or app name), an input that does not open, an invalid effect. Every message goes
//! through [`redact`] so the stream key never reaches the screen or the log.

use lantern_engine::PushError;
use lantern_engine::media::MediaError;

use super::redact::redact;
use crate::error::{ErrorCode, IpcError};

/// Whether FFmpeg's error means nothing answered at that address.
fn unreachable(source: &str) -> bool {
    let s = source.to_ascii_lowercase();
    [
        "refused",
        "timed out",
        "timeout",
        "resolve",
        "name or service",
        "no route",
        "unreachable",
        "network is down",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// A readable [`IpcError`] for a push that could not start or stopped; `server` is the URL as
/// typed, without the key.
pub fn push_error(err: &PushError, server: &str) -> IpcError {
    let (code, message) = match err {
        PushError::Media(MediaError::Connect { source, .. }) => {
            let why = source.to_string();
            if unreachable(&why) {
                (
                    ErrorCode::Live,
                    format!(
                        "cannot reach {server} ({why}): check the server URL \
                         (rtmp://host[:port]/app) and that the server is running"
                    ),
                )
            } else {
                (
                    ErrorCode::Live,
                    format!(
                        "the server at {server} refused the stream ({why}): check the stream key \
                         and the app name in the URL"
                    ),
                )
            }
        }
        PushError::Media(MediaError::Disconnected { source, .. }) => (
            ErrorCode::Live,
            format!("the connection to {server} was lost ({source})"),
        ),
        PushError::GaveUp { attempts, last, .. } => (
            ErrorCode::Live,
            format!(
                "the connection to {server} was lost and {attempts} reconnect attempts failed \
                 (last error: {last})"
            ),
        ),
        PushError::Media(e @ (MediaError::Open { .. } | MediaError::Camera(_))) => {
            (ErrorCode::Source, format!("the input did not open: {e}"))
        }
        PushError::Package(e) => (ErrorCode::Invalid, e.to_string()),
        PushError::Track(e) => (ErrorCode::Models, format!("tracking could not start: {e}")),
        e => (ErrorCode::Live, e.to_string()),
    };
    IpcError::new(code, redact(&message))
}

#[cfg(test)]
mod tests {
    #[test]
    fn refusals_and_unreachable_servers_read_differently() {
        assert!(super::unreachable("Connection refused"));
        assert!(super::unreachable("Connection timed out"));
        assert!(!super::unreachable("Input/output error"));
    }
}
