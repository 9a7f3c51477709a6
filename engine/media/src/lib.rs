//! Media in and out: camera and file sources, H.264/AAC encoding with SEI hot-zones, FLV/RTMP.
//!
//! Filled in by the push-mode issue; see ARCHITECTURE.md for where it sits in a frame.
