//! Lantern Hub: the effect library between the Studio and the push.
//!
//! ```text
//! designer ──POST /api/packages──▶ receive (size-limited) ──▶ worker: check ──▶ blob (sha256) + row "pending"
//!                                                              └─▶ workers: preview renders (background)
//! reviewer ──POST …/review──▶ approve: the hub signs the manifest (ed25519) │ reject: a reason
//! host ──GET …/manifest + package.zip──▶ lantern push --effect hub:NAME@VERSION (verify, cache)
//! push ──ws …/rooms/ID/push (frames)──▶ rooms ◀──ws …/rooms/ID/ws (taps, likes, chat, gifts)── viewers
//!      ◀── room updates (≤ 2/s) ──────────┘ └─ ledger: each award paid once (docs/rooms.md)
//! ```
//!
//! One binary (`lantern-hub`, also `lantern hub`), axum on tokio, sqlx on SQLite (default) or
//! PostgreSQL, blobs through `object_store`. Untrusted packages are only ever opened by worker
//! processes (`worker/`), limited in time and memory.

pub mod api;
pub mod auth;
pub mod blobs;
pub mod cli;
mod cli_tokens;
pub mod db;
pub mod error;
pub mod keys;
pub mod photos;
pub mod previews;
pub mod rooms;
pub mod server;
pub mod worker;
