//! One viewer's socket: taps checked and paid (at most once, answered after the ledger row is
//! committed), likes, chat and gifts counted for the room, each kind of message under its rate
//! limit; the room's news (counts, chat) forwarded as the ticks send them.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::ws::{Message, WebSocket};
use lantern_library::room::{ChatLine, HubToViewer, MAX_CHAT_CHARS, TapOutcome, ViewerMessage};
use tokio::sync::broadcast::error::RecvError;

use super::limits::ViewerLimits;
use super::viewer_id::nick;
use super::{Hit, Live};
use crate::api::AppState;
use crate::db::{Claim, Paid, now_ms};

/// Malformed messages a socket may send before it is closed.
const MAX_BAD: u32 = 10;
/// The longest zone id a tap may name.
const MAX_ZONE_ID: usize = 128;

/// A viewer's connection.
pub struct ViewerSocket {
    pub state: AppState,
    pub live: Arc<Live>,
    pub viewer: String,
    pub ip: IpAddr,
}

impl ViewerSocket {
    /// Serves the socket until either side closes it.
    pub async fn run(self, mut socket: WebSocket) {
        let nick = nick(&self.viewer);
        self.live.viewer_joined();
        let mut news = self.live.to_viewers.subscribe();
        let mut closing = self.state.rooms.closing();
        let welcome = HubToViewer::Welcome {
            viewer: self.viewer.clone(),
            nick: nick.clone(),
            room: self.live.info(),
            chat: self.live.recent_chat(),
        };
        let mut session = Session {
            socket: &self,
            nick,
            limits: ViewerLimits::default(),
            bad: 0,
        };
        if send(&mut socket, &welcome).await {
            loop {
                tokio::select! {
                    _ = closing.changed() => break,
                    incoming = socket.recv() => {
                        let Some(Ok(message)) = incoming else { break };
                        let answer = match message {
                            Message::Text(text) => session.handle(text.as_str()).await,
                            Message::Close(_) => break,
                            Message::Binary(_) => Some(session.bad("Send JSON text messages.")),
                            Message::Ping(_) | Message::Pong(_) => None,
                        };
                        if let Some(answer) = answer
                            && !send(&mut socket, &answer).await
                        {
                            break;
                        }
                        if session.bad > MAX_BAD {
                            break;
                        }
                    }
                    news = news.recv() => match news {
                        Ok(text) => {
                            if socket.send(Message::Text(text.as_ref().into())).await.is_err() {
                                break;
                            }
                        }
                        Err(RecvError::Lagged(_)) => {}
                        Err(RecvError::Closed) => break,
                    },
                }
            }
        }
        self.live.viewer_left();
        self.state.rooms.release(self.ip);
    }
}

async fn send(socket: &mut WebSocket, message: &HubToViewer) -> bool {
    match serde_json::to_string(message) {
        Ok(text) => socket.send(Message::Text(text.into())).await.is_ok(),
        Err(_) => false,
    }
}

struct Session<'a> {
    socket: &'a ViewerSocket,
    nick: String,
    limits: ViewerLimits,
    bad: u32,
}

fn error(seq: Option<u64>, code: &str, message: impl Into<String>) -> HubToViewer {
    HubToViewer::Error {
        seq,
        code: code.to_owned(),
        message: message.into(),
    }
}

fn too_fast(seq: Option<u64>) -> HubToViewer {
    error(seq, "too_fast", "Too fast: wait a moment and try again.")
}

impl Session<'_> {
    fn bad(&mut self, why: &str) -> HubToViewer {
        self.bad += 1;
        error(None, "bad_message", why)
    }

    async fn handle(&mut self, text: &str) -> Option<HubToViewer> {
        let message = match serde_json::from_str::<ViewerMessage>(text) {
            Ok(m) => m,
            Err(e) => return Some(self.bad(&format!("Not a viewer message: {e}."))),
        };
        let now = Instant::now();
        let live = &self.socket.live;
        Some(match message {
            ViewerMessage::Tap {
                seq,
                zone,
                pts,
                x,
                y,
            } => {
                if !self.limits.taps.take(1.0, now) {
                    return Some(too_fast(Some(seq)));
                }
                if zone.len() > MAX_ZONE_ID {
                    return Some(self.bad("That zone id is too long."));
                }
                self.tap(seq, &zone, pts, x, y).await
            }
            ViewerMessage::Like { count } => {
                if !(1..=10).contains(&count) {
                    return Some(self.bad("Like 1 to 10 at a time."));
                }
                if self.limits.likes.take(f64::from(count), now) {
                    live.like(count);
                }
                return None;
            }
            ViewerMessage::Chat { seq, text } => {
                if !self.limits.chat.take(1.0, now) {
                    return Some(too_fast(Some(seq)));
                }
                let text = clean_chat(&text);
                if text.is_empty() {
                    return Some(error(Some(seq), "empty", "Write something first."));
                }
                if live.first_time(&self.socket.viewer, seq, &text) {
                    live.chat(self.line(text, None));
                }
                HubToViewer::Ack { seq }
            }
            ViewerMessage::Gift { seq, gift } => {
                if !self.limits.gifts.take(1.0, now) {
                    return Some(too_fast(Some(seq)));
                }
                let Some(name) = live.gift(&gift).map(|g| g.name.clone()) else {
                    return Some(error(
                        Some(seq),
                        "unknown_gift",
                        "This room has no such gift.",
                    ));
                };
                if live.first_time(&self.socket.viewer, seq, &format!("gift:{gift}")) {
                    live.chat(self.line(format!("sent a {name}"), Some(gift)));
                }
                HubToViewer::Ack { seq }
            }
        })
    }

    fn line(&self, text: String, gift: Option<String>) -> ChatLine {
        ChatLine {
            nick: self.nick.clone(),
            text,
            gift,
            at: now_ms(),
        }
    }

    async fn tap(&self, seq: u64, zone: &str, pts: i64, x: f32, y: f32) -> HubToViewer {
        let live = &self.socket.live;
        let answer = |outcome, award, reason: Option<&str>| HubToViewer::Tap {
            seq,
            outcome,
            award,
            reason: reason.map(str::to_owned),
        };
        let hit: Hit = match live.check_tap(zone, pts, x, y) {
            Ok(hit) => hit,
            Err(miss) => return answer(TapOutcome::Refused, None, Some(miss)),
        };
        let Some(amount) = hit.zone.amount else {
            live.tapped(&hit, &self.nick, false);
            return answer(TapOutcome::Tapped, None, None);
        };
        let claim = Claim {
            room: &live.info.id,
            session: &hit.session,
            zone: &hit.zone.id,
            viewer: &self.socket.viewer,
            kind: &hit.zone.kind,
            amount,
            limit: hit.zone.limit,
            pts,
        };
        match self.socket.state.db.pay(&claim).await {
            Ok(Paid::New(award)) => {
                live.tapped(&hit, &self.nick, true);
                answer(TapOutcome::Caught, Some(award), None)
            }
            Ok(Paid::Already(award)) => answer(TapOutcome::Already, Some(award), None),
            Ok(Paid::Gone) => {
                live.tapped(&hit, &self.nick, false);
                answer(
                    TapOutcome::Gone,
                    None,
                    Some("Too late: every award of it is taken."),
                )
            }
            Err(e) => {
                tracing::error!("room {}: paying a tap: {e}", live.info.id);
                error(
                    Some(seq),
                    "server",
                    "The hub could not record that tap: try again.",
                )
            }
        }
    }
}

/// A chat line as shown: control characters dropped, spaces trimmed, at most 200 characters.
pub fn clean_chat(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(MAX_CHAT_CHARS)
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_is_cleaned_but_not_escaped() {
        assert_eq!(clean_chat("  hi\u{0}\n there "), "hi there");
        assert_eq!(
            clean_chat("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
        assert_eq!(clean_chat(&"x".repeat(500)).chars().count(), MAX_CHAT_CHARS);
    }
}
