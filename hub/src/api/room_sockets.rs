//! The two WebSockets of a room (see `crate::rooms`): the push's (the room token) and a
//! viewer's (the signed cookie from `join`; sockets per address capped).

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use lantern_library::room::{MAX_MESSAGE_BYTES, MAX_VIEWER_MESSAGE_BYTES};

use super::AppState;
use super::rooms::{Peer, bearer_hash, not_the_room_token, room_of};
use crate::error::{HubError, HubResult};
use crate::rooms::push;
use crate::rooms::viewer::ViewerSocket;

/// The push's socket (the room token).
pub async fn push_socket(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Peer(ip): Peer,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> HubResult<Response> {
    let live = room_of(&s, &id).await?;
    if bearer_hash(&s, &headers, ip)? != live.info.token_hash {
        return Err(not_the_room_token(&s, ip));
    }
    let closing = s.rooms.closing();
    Ok(ws
        .max_message_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| push::run(socket, live, closing)))
}

/// A viewer's socket (the cookie from `join`).
pub async fn viewer_socket(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Peer(ip): Peer,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> HubResult<Response> {
    let live = room_of(&s, &id).await?;
    let viewer = s.rooms.ids.from_headers(&headers).ok_or_else(|| {
        HubError::new(
            StatusCode::UNAUTHORIZED,
            "not_joined",
            format!("Join the room first: POST /api/rooms/{id}/join sets the viewer cookie."),
        )
    })?;
    if !s.rooms.admit(ip) {
        return Err(HubError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_sockets",
            "Too many viewers from this address.",
        ));
    }
    let rooms = s.rooms.clone();
    let socket = ViewerSocket {
        state: s,
        live,
        viewer,
        ip,
    };
    Ok(ws
        .max_message_size(MAX_VIEWER_MESSAGE_BYTES)
        .max_frame_size(MAX_VIEWER_MESSAGE_BYTES)
        .on_failed_upgrade(move |_| rooms.release(ip))
        .on_upgrade(move |ws| socket.run(ws)))
}
