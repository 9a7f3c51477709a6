//! Hands: the per-hand state ([`track`]), the 21-point landmark model ([`landmarks`]) and the
//! one-hand gestures read from its points ([`gestures`]). Hands are found by the palm detector
//! ([`crate::detect::palm`]).

pub(crate) mod gestures;
pub(crate) mod landmarks;
pub(crate) mod track;
