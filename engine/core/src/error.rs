//! The engine's error type. Each variant names what failed and, where there is one, the fix.

use effect_schema::PackageError;

/// Errors from loading an effect or playing a frame.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The package could not be opened or is invalid (each problem names its file and field).
    #[error(transparent)]
    Package(#[from] PackageError),
    /// An asset could not be decoded or uploaded.
    #[error("{package}: asset `{asset}` ({path}): {message}")]
    Asset {
        package: String,
        asset: String,
        path: String,
        message: String,
    },
    /// Decoding a source or encoding the output failed.
    #[error(transparent)]
    Media(#[from] lantern_media::MediaError),
    /// The tracker failed (a missing model, ONNX Runtime not found, a bad frame).
    #[error(transparent)]
    Track(#[from] lantern_track::TrackError),
    /// The renderer failed (device, upload, readback).
    #[error(transparent)]
    Render(#[from] lantern_render::RenderError),
    /// The effect's script did not load (syntax error, missing module). Rendering can go on
    /// without it; the caller decides.
    #[error("{package}: script `{path}`: {source}")]
    Script {
        package: String,
        path: String,
        #[source]
        source: Box<lantern_script::LoadError>,
    },
    /// A camera frame whose buffer does not match its size.
    #[error("camera frame: expected {expected} bytes of RGBA for {width}x{height}, got {got}")]
    CameraFrame {
        width: u32,
        height: u32,
        expected: usize,
        got: usize,
    },
    /// A person mask whose buffer does not match its size.
    #[error(
        "person mask: expected {expected} bytes (one per pixel) for {width}x{height}, got {got}"
    )]
    PersonMask {
        width: u32,
        height: u32,
        expected: usize,
        got: usize,
    },
    /// A tracking tape line that does not parse.
    #[error(
        "{path}:{line}: not a tracking frame ({message}); record tapes with `lantern track --json`"
    )]
    Tape {
        path: String,
        line: usize,
        message: String,
    },
    /// A setting (a command-line flag, an option) is out of range or names nothing.
    #[error("{field}: {message} ({fix})")]
    Input {
        field: &'static str,
        message: String,
        fix: &'static str,
    },
    /// A worker thread could not start, or stopped abnormally.
    #[error("the {thread} thread: {message}")]
    Thread {
        thread: &'static str,
        message: String,
    },
    /// Reading a file failed.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The engine's result type.
pub type Result<T, E = EngineError> = std::result::Result<T, E>;
