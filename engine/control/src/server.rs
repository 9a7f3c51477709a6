//! The control server: a WebSocket listener beside a running push.
//!
//! ```text
//! thread "lantern-control" (accepts) ──▶ thread "lantern-control-client" per client (≤ max_clients)
//!     handshake: the token (Authorization: Bearer, or ?token=) checked before any message is read
//!     loop: read a request (50 ms at most) → answer it; write the events queued for this client
//! publish(event) ──▶ each client's bounded queue (EVENT_QUEUE); a client whose queue is full is
//!                    dropped: a client that never reads cannot grow memory or stall the push
//! ```
//!
//! Requests act through the push's [`Controls`]; a switch opens, validates and warms the package
//! on the client's thread, so the render stage only swaps it in. The accepting thread also
//! forwards the effect's notices (triggers fired, console lines) as events, every poll.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use lantern_engine::push::Controls;
use tungstenite::handshake::server::{ErrorResponse, Request as Handshake, Response as Accepted};
use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

use crate::handle::answer;
use crate::messages::{ErrorCode, Event, Response};
use crate::{ControlError, same_token};

/// Events waiting for one client, at most.
const EVENT_QUEUE: usize = 64;
/// How long a client's read waits before its events are written.
const POLL: Duration = Duration::from_millis(50);
/// A client that does not take a write within this is dropped.
const WRITE_PATIENCE: Duration = Duration::from_secs(2);

/// How the server listens.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    pub addr: SocketAddr,
    /// Clients must present it; required on any address other than loopback.
    pub token: Option<String>,
    pub max_clients: usize,
    /// The largest message taken, in bytes.
    pub max_message: usize,
}

impl ServerOptions {
    /// Refuses an address beyond loopback without a token (before anything starts).
    pub fn check(&self) -> Result<(), ControlError> {
        if !self.addr.ip().is_loopback() && self.token.as_deref().is_none_or(str::is_empty) {
            return Err(ControlError::NeedsToken(self.addr));
        }
        Ok(())
    }

    pub fn new(addr: SocketAddr) -> Self {
        Self {
            addr,
            token: None,
            max_clients: 128,
            max_message: 64 * 1024,
        }
    }
}

/// What the client threads share.
pub(crate) struct Shared {
    pub(crate) stop: AtomicBool,
    pub(crate) controls: Controls,
    pub(crate) options: ServerOptions,
    pub(crate) stats: Mutex<Option<serde_json::Value>>,
    clients: Mutex<Vec<SyncSender<Arc<str>>>>,
    connected: AtomicUsize,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running control server; dropping it stops listening (clients end with their next poll).
pub struct ControlServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl ControlServer {
    /// Listens on `options.addr` for clients controlling the push behind `controls`.
    pub fn start(options: ServerOptions, controls: Controls) -> Result<Self, ControlError> {
        options.check()?;
        let listener =
            TcpListener::bind(options.addr).map_err(|e| ControlError::Bind(options.addr, e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| ControlError::Bind(options.addr, e))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| ControlError::Bind(addr, e))?;
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            controls,
            options,
            stats: Mutex::new(None),
            clients: Mutex::new(Vec::new()),
            connected: AtomicUsize::new(0),
        });
        let accepting = Arc::clone(&shared);
        let accept = std::thread::Builder::new()
            .name("lantern-control".to_owned())
            .spawn(move || accept_loop(&listener, &accepting))
            .map_err(ControlError::Thread)?;
        tracing::info!("control API on ws://{addr}");
        Ok(Self {
            addr,
            shared,
            accept: Some(accept),
        })
    }

    /// The address it listens on (the port chosen when asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Sends `event` to every client (a stats event is also kept for `stats` requests).
    pub fn publish(&self, event: &Event) {
        publish(&self.shared, event);
    }

    /// Clients connected now.
    pub fn clients(&self) -> usize {
        self.shared.connected.load(Ordering::Relaxed)
    }
}

impl Drop for ControlServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

pub(crate) fn publish(shared: &Shared, event: &Event) {
    if let Event::Stats(stats) = event {
        *lock(&shared.stats) = Some(stats.clone());
    }
    let Ok(text) = serde_json::to_string(event) else {
        return;
    };
    let text: Arc<str> = text.into();
    lock(&shared.clients).retain(|queue| match queue.try_send(Arc::clone(&text)) {
        Ok(()) => true,
        Err(TrySendError::Full(_)) => {
            tracing::warn!("a control client does not read its events: dropped");
            false
        }
        Err(TrySendError::Disconnected(_)) => false,
    });
}

/// Accepts clients, and forwards what the effect did (switches, triggers, console lines) as events.
fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    while !shared.stop.load(Ordering::Relaxed) {
        for notice in shared.controls.take_notices() {
            publish(shared, &Event::from(notice));
        }
        match listener.accept() {
            Ok((stream, peer)) => {
                if shared.connected.load(Ordering::Relaxed) >= shared.options.max_clients {
                    tracing::warn!(
                        "control client {peer} refused: already {} clients",
                        shared.options.max_clients
                    );
                    drop(stream);
                    continue;
                }
                shared.connected.fetch_add(1, Ordering::Relaxed);
                let client = Arc::clone(shared);
                let spawned = std::thread::Builder::new()
                    .name("lantern-control-client".to_owned())
                    .spawn(move || {
                        if let Err(e) = serve(stream, &client) {
                            tracing::debug!("control client {peer}: {e}");
                        }
                        client.connected.fetch_sub(1, Ordering::Relaxed);
                    });
                if spawned.is_err() {
                    shared.connected.fetch_sub(1, Ordering::Relaxed);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(POLL),
            Err(e) => {
                tracing::warn!("control API: accept failed: {e}");
                std::thread::sleep(POLL);
            }
        }
    }
}

/// Whether the handshake presents `token` (a bearer header or a `token` query parameter).
fn presents(request: &Handshake, token: &str) -> bool {
    let bearer = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let query = request
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("token=")));
    bearer
        .or(query)
        .is_some_and(|given| same_token(given, token))
}

#[allow(
    clippy::result_large_err,
    reason = "tungstenite's handshake callback returns its own ErrorResponse"
)]
fn handshake(stream: TcpStream, shared: &Shared) -> Result<WebSocket<TcpStream>, ControlError> {
    stream
        .set_read_timeout(Some(WRITE_PATIENCE))
        .map_err(ControlError::Io)?;
    stream
        .set_write_timeout(Some(WRITE_PATIENCE))
        .map_err(ControlError::Io)?;
    let token = shared.options.token.clone();
    let check = move |request: &Handshake, response: Accepted| -> Result<Accepted, ErrorResponse> {
        match &token {
            Some(t) if !presents(request, t) => {
                let mut refusal = ErrorResponse::new(Some("a valid token is needed".to_owned()));
                *refusal.status_mut() = tungstenite::http::StatusCode::UNAUTHORIZED;
                Err(refusal)
            }
            _ => Ok(response),
        }
    };
    let config = WebSocketConfig::default()
        .max_message_size(Some(shared.options.max_message))
        .max_frame_size(Some(shared.options.max_message));
    let ws = tungstenite::accept_hdr_with_config(stream, check, Some(config))
        .map_err(|e| ControlError::Handshake(e.to_string()))?;
    ws.get_ref()
        .set_read_timeout(Some(POLL))
        .map_err(ControlError::Io)?;
    Ok(ws)
}

/// One client, on its own thread, until it leaves, misbehaves or the server stops.
fn serve(stream: TcpStream, shared: &Shared) -> Result<(), ControlError> {
    let mut ws = handshake(stream, shared)?;
    let (queue, events) = sync_channel(EVENT_QUEUE);
    lock(&shared.clients).push(queue);
    while !shared.stop.load(Ordering::Relaxed) {
        match ws.read() {
            Ok(Message::Text(text)) => {
                let response = answer(shared, text.as_str());
                send(&mut ws, &response)?;
            }
            Ok(Message::Binary(_)) => {
                let response =
                    Response::refused("", ErrorCode::BadRequest, "send requests as JSON text");
                send(&mut ws, &response)?;
            }
            Ok(Message::Close(_)) | Err(tungstenite::Error::ConnectionClosed) => return Ok(()),
            Ok(_) => {}
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(tungstenite::Error::Capacity(e)) => {
                let message = format!(
                    "{e} (at most {} bytes a message)",
                    shared.options.max_message
                );
                let _ = send(
                    &mut ws,
                    &Response::refused("", ErrorCode::TooLarge, message),
                );
                return Err(ControlError::Handshake("a message too large".to_owned()));
            }
            Err(e) => return Err(ControlError::Handshake(e.to_string())),
        }
        write_events(&mut ws, &events)?;
    }
    let _ = ws.close(None);
    Ok(())
}

fn send(ws: &mut WebSocket<TcpStream>, response: &Response) -> Result<(), ControlError> {
    let text =
        serde_json::to_string(response).map_err(|e| ControlError::Handshake(e.to_string()))?;
    ws.send(Message::text(text))
        .map_err(|e| ControlError::Handshake(e.to_string()))
}

fn write_events(
    ws: &mut WebSocket<TcpStream>,
    events: &Receiver<Arc<str>>,
) -> Result<(), ControlError> {
    loop {
        match events.try_recv() {
            Ok(text) => ws
                .write(Message::text(text.as_ref()))
                .map_err(|e| ControlError::Handshake(e.to_string()))?,
            Err(TryRecvError::Empty) => break,
            Err(TryRecvError::Disconnected) => {
                return Err(ControlError::Handshake(
                    "dropped: it did not read its events".to_owned(),
                ));
            }
        }
    }
    ws.flush()
        .map_err(|e| ControlError::Handshake(e.to_string()))
}
