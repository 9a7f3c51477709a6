//! Lantern's tracker: faces, hands, gestures and expressions from ONNX models on the CPU.
//!
//! One frame flows: [`frame::FrameView`] → detectors on a letterboxed copy
//! ([`face_detect`], [`palm`]) on detection frames, or the previous frame's landmarks on
//! tracking frames → landmark models on rotated crops ([`face_mesh`], [`iris`], [`hand`]) →
//! derived measures ([`face_features`], [`pose`], [`gestures`], [`head_motion`]) → smoothing
//! ([`smoothing`]) and Begin/Stay/End states ([`phase`]) → one
//! [`effect_schema::tracking::TrackingFrame`]. [`tracker::Tracker`] runs it all under a
//! [`config::TrackerConfig`] (which models, how often); [`face_track`] and [`hand_track`] keep
//! the per-object state and ids. [`models`] finds and verifies the model files; [`tflite`] turns
//! MediaPipe's `.tflite` files into ONNX graphs in memory; [`runtime`] loads ONNX Runtime; [`overlay`] draws what was found. [`segment`] makes the person mask for
//! background blur and replacement (beside the tracking frame, not inside it).

pub mod bench;
pub mod config;
pub mod error;
pub mod face_detect;
pub mod face_features;
pub mod face_mesh;
pub mod face_track;
pub mod fetch;
pub mod frame;
pub mod gestures;
pub mod hand;
pub mod hand_track;
pub mod head_motion;
pub mod iris;
pub mod models;
pub mod onnx;
pub mod overlay;
pub mod palm;
pub mod phase;
pub mod photos;
pub mod pose;
mod rewrite;
pub mod roi;
pub mod runtime;
pub mod segment;
pub mod smoothing;
pub mod ssd;
pub mod tflite;
pub mod tracker;
pub mod worker;
pub mod yunet;

pub use config::TrackerConfig;
pub use error::TrackError;
pub use frame::{FrameView, PixelFormat, load_rgba};
/// The image crate, so apps can load and save frames with the same version.
pub use image;
pub use models::{ModelError, ModelSpec, Models, Source};
pub use segment::{PersonMask, SegmentModel, Segmenter, SegmenterConfig};
pub use tracker::Tracker;
pub use worker::{Job, SharedRgba, Tracked, TrackerWorker, Wait, WorkerState};
