//! Media in and out: sources (test pattern, still image, video file, camera, silence), H.264/AAC
//! encoding with SEI hot-zones and ROI, FLV to a file or RTMP, the SEI reference parser, and
//! whole audio files decoded from memory for effects' sounds ([`clip`]).
//!
//! Where it sits in a frame (see ARCHITECTURE.md): a [`source`] yields RGBA frames → the engine
//! tracks, scripts and renders → [`Encoder::push_video`] converts to yuv420p, attaches the
//! frame's [`SeiPayload`](effect_schema::hotzone::SeiPayload) as a `user_data_unregistered` SEI
//! and the face boxes as x264 regions of interest, encodes with libx264 and muxes FLV →
//! `rtmp://`. [`probe`] reads a stream or file back and recovers each frame's payload with the
//! parser in [`sei`] (the spec is `docs/sei-hotzones.md`).
//!
//! All FFmpeg `unsafe` lives in the small `ffi` module.

pub mod bench;
pub mod bench_roi;
pub mod clip;
pub mod encode;
pub mod error;
#[allow(
    unsafe_code,
    reason = "FFmpeg side data and extradata: raw AVFrame/AVCodecParameters access"
)]
mod ffi;
pub mod frame;
pub mod probe;
mod resample;
pub mod roi;
pub mod sei;
pub mod source;

pub use encode::packets::{EncodedPacket, Muxer, PacketEncoder, StreamKind, StreamParams};
pub use encode::{AudioConfig, EncodeStats, Encoder, EncoderConfig, Target};
pub use error::{MediaError, Result};
pub use frame::{PixelLayout, Plane, VideoFrame};

/// Initialises FFmpeg once (network, logging). Called by every entry point; idempotent.
pub fn init() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Err(err) = ffmpeg_next::init() {
            tracing::warn!("FFmpeg init: {err}");
        }
        ffmpeg_next::format::network::init();
        // FFmpeg's own log lines duplicate our errors (which carry the context); show them
        // only when debugging (LANTERN_LOG=debug / -v).
        let level = if tracing::enabled!(tracing::Level::DEBUG) {
            ffmpeg_next::util::log::Level::Warning
        } else {
            ffmpeg_next::util::log::Level::Fatal
        };
        ffmpeg_next::util::log::set_level(level);
    });
}
