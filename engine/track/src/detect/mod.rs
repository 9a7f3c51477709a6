//! Detectors: where faces and hands are in a whole frame, run on a letterboxed copy on detection
//! frames. BlazeFace short range ([`face`]) for faces near the camera, BlazeFace full range on
//! the whole frame and on tiles ([`far`]) for far faces and groups, the palm detector
//! ([`palm`]) for hands; all share the SSD decoding in [`ssd`].

pub(crate) mod face;
pub(crate) mod far;
pub(crate) mod palm;
pub(crate) mod ssd;
