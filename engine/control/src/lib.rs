//! Remote control of a running push, in the spirit of obs-websocket: every live action a host
//! takes by hand can be scripted from outside (a chat bot, a gift integration, a stream deck).
//!
//! - [`ControlServer`] listens beside a push (`lantern push --control 127.0.0.1:4455`): clients
//!   send [`messages::Request`]s over a WebSocket and get a [`messages::Response`] for each, and
//!   every client receives the push's [`messages::Event`]s.
//! - [`Client`] is the other end (`lantern ctl`).
//! - [`messages::schema`] is the JSON Schema of both directions (`docs/control.schema.json`);
//!   `docs/control.md` walks through them.
//!
//! Clients are untrusted: a token (when set; required beyond loopback) is checked in constant
//! time before any message is read, messages are capped in size, clients in number, and each
//! client's event queue is bounded (one that never reads is dropped, the push never waits).

mod client;
mod handle;
pub mod messages;
pub mod room;
mod server;

pub use client::Client;
pub use room::{RoomLink, RoomStatus};
pub use server::{ControlServer, ServerOptions};

/// The environment variable a token may come from (instead of a flag).
pub const TOKEN_ENV: &str = "LANTERN_CONTROL_TOKEN";

/// Errors of the server and the client.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    #[error(
        "the control API on {0} would be open to the network: give it a token (--control-token \
         or ${TOKEN_ENV}), or listen on 127.0.0.1"
    )]
    NeedsToken(std::net::SocketAddr),
    #[error("cannot listen on {0}: {1} (is another push using the port?)")]
    Bind(std::net::SocketAddr, #[source] std::io::Error),
    #[error("cannot start the control thread: {0}")]
    Thread(#[source] std::io::Error),
    #[error("{0}")]
    Io(#[source] std::io::Error),
    #[error("{0}")]
    Handshake(String),
    #[error("cannot connect to {url}: {message}")]
    Connect { url: String, message: String },
    #[error("the server sent something that is not a control message: {0}")]
    Protocol(String),
}

/// Whether two tokens are equal, in time that does not depend on where they differ.
pub fn same_token(given: &str, expected: &str) -> bool {
    use subtle::ConstantTimeEq as _;
    bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::same_token;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("s3cret", "s3cret"));
        assert!(!same_token("s3cre", "s3cret"));
        assert!(!same_token("s3cretx", "s3cret"));
        assert!(!same_token("", "s3cret"));
        assert!(!same_token("S3cret", "s3cret"));
    }
}
