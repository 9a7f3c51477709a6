//! The push's socket: its hello (which run, what the effect listens for), then its frames into
//! the room's log; the room's updates back at most every tick. A newer connection of the room
//! replaces an older one (the push reconnected before the hub saw the old socket close).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use lantern_library::room::{HubToPush, PushMessage};
use tokio::sync::mpsc;

use super::Live;

/// The hello must come within this.
const HELLO_WAIT: Duration = Duration::from_secs(10);
/// Keywords an effect may declare, and their length.
const MAX_KEYWORDS: usize = 64;
const MAX_KEYWORD_CHARS: usize = 40;

static CONNECTIONS: AtomicU64 = AtomicU64::new(1);

/// Serves a push's socket until it closes.
pub async fn run(
    mut socket: WebSocket,
    live: Arc<Live>,
    mut closing: tokio::sync::watch::Receiver<bool>,
) {
    let conn = CONNECTIONS.fetch_add(1, Ordering::Relaxed);
    let hello = match tokio::time::timeout(HELLO_WAIT, socket.recv()).await {
        Ok(Some(Ok(Message::Text(text)))) => serde_json::from_str::<PushMessage>(text.as_str()),
        _ => return refuse(socket, "no_hello", "Send a hello first.").await,
    };
    let (session, fps, keywords) = match hello {
        Ok(PushMessage::Hello {
            session,
            fps,
            keywords,
            effect,
        }) if !session.is_empty() && session.len() <= 64 => {
            tracing::info!("room {}: push of {effect:?} connected", live.info.id);
            (session, fps, clean_keywords(keywords))
        }
        _ => return refuse(socket, "no_hello", "The first message must be a hello.").await,
    };
    let (tx, mut updates) = mpsc::channel(8);
    live.push_connected(conn, session.clone(), fps, keywords, tx);
    let mut seq = 0;
    loop {
        tokio::select! {
            _ = closing.changed() => break,
            incoming = socket.recv() => {
                let Some(Ok(message)) = incoming else { break };
                match message {
                    Message::Text(text) => match serde_json::from_str::<PushMessage>(text.as_str()) {
                        Ok(PushMessage::Frames { frames }) => live.push_frames(&session, frames),
                        // Another effect went on air: what it listens for.
                        Ok(PushMessage::Hello { keywords, .. }) => {
                            live.set_keywords(clean_keywords(keywords));
                        }
                        Err(e) => tracing::warn!("room {}: a push message: {e}", live.info.id),
                    },
                    Message::Close(_) => break,
                    Message::Binary(_) | Message::Ping(_) | Message::Pong(_) => {}
                }
            }
            update = updates.recv() => {
                // A newer connection took over: this one's sender is gone.
                let Some(mut update) = update else { break };
                seq += 1;
                update.seq = seq;
                let Ok(text) = serde_json::to_string(&HubToPush::Update(update)) else { continue };
                if socket.send(Message::Text(text.into())).await.is_err() {
                    break;
                }
            }
        }
    }
    live.push_gone(conn);
    tracing::info!("room {}: push disconnected", live.info.id);
}

async fn refuse(mut socket: WebSocket, code: &str, message: &str) {
    let error = HubToPush::Error {
        code: code.to_owned(),
        message: message.to_owned(),
    };
    if let Ok(text) = serde_json::to_string(&error) {
        let _ = socket.send(Message::Text(text.into())).await;
    }
    let _ = socket.send(Message::Close(None)).await;
}

fn clean_keywords(keywords: Vec<String>) -> Vec<String> {
    keywords
        .into_iter()
        .map(|k| k.trim().to_owned())
        .filter(|k| !k.is_empty() && k.chars().count() <= MAX_KEYWORD_CHARS)
        .take(MAX_KEYWORDS)
        .collect()
}
