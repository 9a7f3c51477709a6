//! The client end (`lantern ctl`, tests): connect, send requests, read their responses, follow
//! events.

use std::net::TcpStream;
use std::time::Duration;

use tungstenite::client::IntoClientRequest as _;
use tungstenite::{Message, WebSocket};

use crate::ControlError;
use crate::messages::{Event, Request, RequestMessage, Response, ServerMessage};

/// A WebSocket to `url` (`ws://host:port/path`) with `Authorization: Bearer <token>` when given,
/// reads timing out after `read_timeout` (a timed-out read can be retried).
pub(crate) fn connect(
    url: &str,
    token: Option<&str>,
    read_timeout: Duration,
) -> Result<WebSocket<TcpStream>, ControlError> {
    let failed = |message: String| ControlError::Connect {
        url: url.to_owned(),
        message,
    };
    let mut request = url
        .into_client_request()
        .map_err(|e| failed(e.to_string()))?;
    if let Some(t) = token.filter(|t| !t.is_empty()) {
        let value = format!("Bearer {t}")
            .parse()
            .map_err(|_| failed("the token is not a valid header value".to_owned()))?;
        request.headers_mut().insert("authorization", value);
    }
    let uri = request.uri();
    let host = uri
        .host()
        .ok_or_else(|| failed("no host in the URL".to_owned()))?;
    let port = uri.port_u16().unwrap_or(80);
    let stream = TcpStream::connect((host, port)).map_err(|e| failed(e.to_string()))?;
    stream
        .set_read_timeout(Some(read_timeout))
        .map_err(ControlError::Io)?;
    stream
        .set_write_timeout(Some(Duration::from_secs(10)))
        .map_err(ControlError::Io)?;
    let (ws, _) = tungstenite::client::client(request, stream).map_err(|e| {
        failed(match e {
            tungstenite::HandshakeError::Failure(tungstenite::Error::Http(r)) => {
                let body = r
                    .body()
                    .as_deref()
                    .map(String::from_utf8_lossy)
                    .unwrap_or_default();
                format!(
                    "refused with HTTP {} (a wrong or missing token?) {body}",
                    r.status()
                )
            }
            other => other.to_string(),
        })
    })?;
    Ok(ws)
}

/// A connection to a push's control API.
pub struct Client {
    ws: WebSocket<TcpStream>,
    next_id: u64,
    /// Events that arrived while waiting for a response, oldest first.
    pending: std::collections::VecDeque<Event>,
}

impl Client {
    /// Connects to `url` (`ws://host:port`), presenting `token` when given.
    pub fn connect(url: &str, token: Option<&str>) -> Result<Self, ControlError> {
        let ws = connect(url, token, Duration::from_secs(30))?;
        Ok(Self {
            ws,
            next_id: 1,
            pending: std::collections::VecDeque::new(),
        })
    }

    /// Sends `request` and waits for its response (events meanwhile are kept for
    /// [`Client::next_event`]).
    pub fn request(&mut self, request: Request) -> Result<Response, ControlError> {
        let id = self.next_id.to_string();
        self.next_id += 1;
        let text = serde_json::to_string(&RequestMessage {
            id: id.clone(),
            request,
        })
        .map_err(|e| ControlError::Protocol(e.to_string()))?;
        self.send_text(&text)?;
        loop {
            match self.read()? {
                ServerMessage::Response(r) if r.id == id || r.id.is_empty() => return Ok(r),
                ServerMessage::Response(_) => {}
                ServerMessage::Event(e) => self.pending.push_back(e),
            }
        }
    }

    /// Sends raw text (a test of what the server does with malformed messages).
    pub fn send_text(&mut self, text: &str) -> Result<(), ControlError> {
        self.ws
            .send(Message::text(text))
            .map_err(|e| ControlError::Protocol(e.to_string()))
    }

    /// The next event (waiting for it).
    pub fn next_event(&mut self) -> Result<Event, ControlError> {
        if let Some(e) = self.pending.pop_front() {
            return Ok(e);
        }
        loop {
            if let ServerMessage::Event(e) = self.read()? {
                return Ok(e);
            }
        }
    }

    /// The next message from the server.
    pub fn read(&mut self) -> Result<ServerMessage, ControlError> {
        loop {
            match self
                .ws
                .read()
                .map_err(|e| ControlError::Protocol(e.to_string()))?
            {
                Message::Text(t) => {
                    return serde_json::from_str(t.as_str())
                        .map_err(|e| ControlError::Protocol(format!("{e}: {t}")));
                }
                Message::Close(_) => {
                    return Err(ControlError::Protocol(
                        "the server closed the connection".to_owned(),
                    ));
                }
                _ => {}
            }
        }
    }
}
