//! Test fixtures shared by the workspace's tests — a dev-dependency only, never in a shipped
//! binary, so no library carries test code and no crate is built twice with different features.
//!
//! - [`RtmpServer`]: a private nginx-rtmp (Debian `nginx` + `libnginx-mod-rtmp`) on 127.0.0.1
//!   that records every stream, for the push, Studio and viewer tests.
//! - [`HubServer`]: a Lantern Hub process over a data folder that survives it (kill, restart).
//! - [`PgCluster`]: a throwaway PostgreSQL cluster (`initdb`, `pg_ctl`) on a loopback port.
//! - [`ffprobe`]: what ffprobe sees in a recording.
//! - [`golden`]: tolerant golden-image comparison (`-actual`/`-difference` PNGs,
//!   `UPDATE_SNAPSHOTS=1`) for the render layers' snapshots and the examples' screenshots.

#![allow(
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "test fixtures: a failure is the test's failure"
)]

pub mod golden;
mod hub;
mod postgres;
mod probe;
mod rtmp;

pub use hub::HubServer;
pub use postgres::PgCluster;
pub use probe::{ffprobe, video_frames};
pub use rtmp::RtmpServer;
