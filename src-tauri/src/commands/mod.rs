//! Tauri commands, one file per domain. Each delegates to the engine.

pub mod engine;
