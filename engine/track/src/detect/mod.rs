//! Detectors: where faces and hands are in a whole frame, run on a letterboxed copy on detection
//! frames. BlazeFace ([`face`]) for faces near the camera, YuNet ([`far`]) for the small ones it
//! misses, the palm detector ([`palm`]) for hands; MediaPipe's two share the SSD decoding in
//! [`ssd`].

pub(crate) mod face;
pub(crate) mod far;
pub(crate) mod palm;
pub(crate) mod ssd;
