//! Effect packages from a Lantern Hub.
//!
//! The hub approves a version and signs its [`manifest::Manifest`] (name, version, sha256, size,
//! capabilities). A host's app fetches it with [`fetch::fetch`]: the hub's key is pinned on first
//! use ([`cache::Cache`]), the manifest's signature and the package's sha256 are checked, and the
//! verified zip is kept; when the hub is down the cached copy starts after the same checks, and a
//! copy changed on disk is refused. [`wire`] holds the HTTP API's types, shared with the server.

pub mod cache;
pub mod client;
pub mod error;
pub mod fetch;
pub mod manifest;
pub mod reference;
pub mod room;
pub mod wire;
pub mod wire_versions;

pub use cache::Cache;
pub use client::HubClient;
pub use error::LibraryError;
pub use fetch::{Fetched, fetch};
pub use manifest::{HubKey, Manifest, SignedManifest};
pub use reference::EffectRef;
