//! Lantern's tracker: faces, hands, gestures and expressions from ONNX models on the CPU.
//!
//! One frame flows: [`frame::FrameView`] → detectors on a letterboxed copy (`detect/`: faces,
//! far faces, palms) on detection frames, or the previous frame's landmarks on tracking frames →
//! landmark models on rotated crops (`face/`: mesh and iris; `hand/`: hand landmarks) → derived
//! measures (anchors, expressions, head pose, nods, gestures) → smoothing and Begin/Stay/End
//! states → one [`effect_schema::tracking::TrackingFrame`]. [`tracker::Tracker`] runs it all under
//! a [`config::TrackerConfig`] (which models, how often) and [`worker::TrackerWorker`] runs a
//! tracker on its own thread for the frame driver. [`models`] finds and verifies the model files,
//! [`fetch`] downloads them; [`tflite`] turns MediaPipe's `.tflite` files into ONNX graphs in
//! memory; [`runtime`] loads ONNX Runtime; [`overlay`] draws what was found. [`segment`] makes the
//! person mask for background blur and replacement (beside the tracking frame, not inside it).
//!
//! The public surface is the tracker, its worker, its configuration, the models and the frame
//! type; the face, hand and detector modules are private rooms behind it.

pub mod config;
mod detect;
pub mod error;
mod face;
pub mod fetch;
pub mod frame;
mod hand;
pub mod models;
pub mod onnx;
pub mod overlay;
mod phase;
pub mod photos;
mod rewrite;
mod roi;
pub mod runtime;
pub mod segment;
pub mod shelf;
mod smoothing;
pub mod tflite;
pub mod tracker;
pub mod worker;

pub use config::{MAX_FACES, TrackerConfig};
pub use error::TrackError;
pub use frame::{FrameView, PixelFormat, load_rgba};
/// The image crate, so apps can load and save frames with the same version.
pub use image;
pub use models::{ModelError, ModelSpec, Models, Source};
pub use segment::{PersonMask, SegmentModel, Segmenter, SegmenterConfig};
pub use shelf::Shelf;
pub use tracker::Tracker;
pub use worker::{Job, SharedRgba, Tracked, TrackerWorker, Wait, WorkerState};
