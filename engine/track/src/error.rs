//! The tracker's error type: every failure names what went wrong and how to fix it.

use std::path::PathBuf;

use crate::models::ModelError;

/// Why tracking could not run.
#[derive(Debug, thiserror::Error)]
pub enum TrackError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(
        "ONNX Runtime's shared library could not be loaded.\n{detail}\nSearched:\n{searched}\
         Fix: run `bash scripts/setup-onnxruntime.sh` in the Lantern checkout, or point \
         ORT_DYLIB_PATH at libonnxruntime.so (onnxruntime 1.31 from PyPI)."
    )]
    Runtime { detail: String, searched: String },
    #[error(
        "model `{}` could not be loaded by ONNX Runtime: {detail}\n\
         Fix: re-install the models (`lantern models fetch`); `lantern models` verifies them.",
        path.display()
    )]
    Session { path: PathBuf, detail: String },
    #[error("running model `{model}` failed: {detail}")]
    Inference { model: &'static str, detail: String },
    #[error("model `{model}` returned an unexpected output: {detail}")]
    Output { model: &'static str, detail: String },
    #[error("invalid frame: {0}")]
    Frame(String),
    #[error("could not start the tracking thread: {0}")]
    Thread(String),
    #[error("could not read image `{}`: {detail}", path.display())]
    Image { path: PathBuf, detail: String },
}
