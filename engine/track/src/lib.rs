//! Lantern's tracker: faces, hands, gestures and expressions from ONNX models on the CPU.
//!
//! Today: [`models`], which finds and verifies the model files. The tracking pipeline
//! (detection → mesh/landmarks → derived anchors, expressions, gestures) is filled in by the
//! tracking issue; see ARCHITECTURE.md.

pub mod models;

pub use models::{ModelError, ModelSpec, Models};
