//! What can stop a push. Each message is one line that names the input, field or URL and the
//! fix; `lantern push` prints it and exits non-zero.

use effect_schema::PackageError;
use lantern_media::MediaError;
use lantern_track::TrackError;

use crate::error::EngineError;

/// Errors that stop a push (before it goes live, or after the reconnects ran out).
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// A setting is out of range or inconsistent.
    #[error("{field}: {message} ({fix})")]
    Config {
        field: &'static str,
        message: String,
        fix: &'static str,
    },
    /// The effect package could not be opened (each problem names its file and field).
    #[error(transparent)]
    Package(#[from] PackageError),
    /// The effect could not be loaded onto the renderer, or a frame failed to render.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// A source, the encoder or the connection failed.
    #[error(transparent)]
    Media(#[from] MediaError),
    /// The tracker could not start (models, ONNX Runtime).
    #[error(transparent)]
    Track(#[from] TrackError),
    /// The connection was lost and every reconnect attempt failed.
    #[error("gave up on {url} after {attempts} reconnect attempts (last error: {last})")]
    GaveUp {
        url: String,
        attempts: u32,
        last: String,
    },
    /// A pipeline thread could not start or stopped unexpectedly.
    #[error("the {stage} stage {message}")]
    Stage {
        stage: &'static str,
        message: String,
    },
}

impl PushError {
    pub(crate) fn stage(stage: &'static str, message: impl Into<String>) -> Self {
        Self::Stage {
            stage,
            message: message.into(),
        }
    }
}
