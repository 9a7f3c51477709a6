//! A push's link to a live room on a Lantern Hub (`lantern push --room URL --room-token …`,
//! docs/rooms.md): one named thread (`lantern-room`) connects outward over WebSocket,
//! reconnecting with backoff, and
//!
//! - sends each outgoing frame's pts and hot-zones (the SEI's data) in batches ~10 times a
//!   second, so the hub can check viewers' taps against what was on screen;
//! - turns the hub's updates into the effect's events: the script's `room` event with the whole
//!   update, and host commands for the effect's command triggers that name room events
//!   (`likes:100` each time the likes pass a multiple of 100, `gift:rocket`, `chat:666`,
//!   `taps:redPacket`).
//!
//! The push never waits for the room: frames queue in a bounded feed (the oldest go when the
//! hub is slow or away) and events go through the push's bounded control queue.

use std::fmt::Write as _;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lantern_engine::push::{Backoff, Control, Controls};
use lantern_engine::script::HostEvent;
use lantern_library::room::{HubToPush, PushMessage, RoomUpdate};
use tungstenite::{Message, WebSocket};

use crate::ControlError;
use crate::client::connect;

/// How often frames go to the hub.
const SEND_EVERY: Duration = Duration::from_millis(100);
/// A read waits at most this (then the loop sends frames and checks for a stop).
const READ_WAIT: Duration = Duration::from_millis(20);

/// What the link is doing, for a monitor or a test.
#[derive(Clone, Debug, Default)]
pub struct RoomStatus {
    pub connected: bool,
    /// Connections made (the first, then each reconnect).
    pub connections: u64,
    pub frames_sent: u64,
    pub updates: u64,
    /// The hub's latest update.
    pub last: Option<RoomUpdate>,
    /// Why the last connection ended or failed.
    pub error: Option<String>,
}

/// The running link; stops when dropped or when the push stops.
pub struct RoomLink {
    stop: Arc<AtomicBool>,
    status: Arc<Mutex<RoomStatus>>,
    thread: Option<JoinHandle<()>>,
}

impl RoomLink {
    /// Starts linking the push behind `controls` to the room at `url` (the hub's
    /// `ws://HOST/api/rooms/ID/push`; `http://` is taken as `ws://`).
    pub fn start(
        url: &str,
        token: &str,
        controls: Controls,
        fps: u32,
    ) -> Result<Self, ControlError> {
        let url = push_url(url)?;
        let session = session_id()?;
        let stop = Arc::new(AtomicBool::new(false));
        let status = Arc::new(Mutex::new(RoomStatus::default()));
        let link = Link {
            url,
            token: token.to_owned(),
            controls,
            fps,
            session,
            stop: Arc::clone(&stop),
            status: Arc::clone(&status),
        };
        let thread = std::thread::Builder::new()
            .name("lantern-room".to_owned())
            .spawn(move || link.run())
            .map_err(ControlError::Thread)?;
        Ok(Self {
            stop,
            status,
            thread: Some(thread),
        })
    }

    pub fn status(&self) -> RoomStatus {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for RoomLink {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The room's push address as the link uses it (`http://` taken as `ws://`), or why it cannot be
/// used; checked before going live.
pub fn push_url(url: &str) -> Result<String, ControlError> {
    let url = match url.strip_prefix("http://") {
        Some(rest) => format!("ws://{rest}"),
        None => url.to_owned(),
    };
    if url.starts_with("ws://") {
        Ok(url)
    } else {
        Err(ControlError::Connect {
            url,
            message: "a room's address starts with ws:// (the hub's push_url); wss:// is not \
                      supported yet: reach the hub over a loopback or VPN address"
                .to_owned(),
        })
    }
}

fn session_id() -> Result<String, ControlError> {
    let mut bytes = [0_u8; 12];
    getrandom::fill(&mut bytes)
        .map_err(|e| ControlError::Handshake(format!("no randomness for a session id: {e}")))?;
    Ok(bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    }))
}

struct Link {
    url: String,
    token: String,
    controls: Controls,
    fps: u32,
    session: String,
    stop: Arc<AtomicBool>,
    status: Arc<Mutex<RoomStatus>>,
}

impl Link {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.controls.is_stopping()
    }

    fn set(&self, f: impl FnOnce(&mut RoomStatus)) {
        f(&mut self.status.lock().unwrap_or_else(PoisonError::into_inner));
    }

    fn run(self) {
        let backoff = Backoff {
            first: Duration::from_secs(1),
            factor: 2.0,
            max: Duration::from_secs(10),
            max_attempts: 0,
        };
        let mut failures = 1;
        while !self.stopping() {
            let outcome = connect(&self.url, Some(&self.token), READ_WAIT).and_then(|ws| {
                failures = 1;
                self.set(|s| {
                    s.connected = true;
                    s.connections += 1;
                });
                tracing::info!("room: connected to {}", self.url);
                self.session(ws)
            });
            self.set(|s| s.connected = false);
            if let Err(e) = outcome {
                tracing::warn!("room: {e}");
                self.set(|s| s.error = Some(e.to_string()));
            }
            let until = Instant::now() + backoff.delay(failures);
            failures += 1;
            while Instant::now() < until && !self.stopping() {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }

    /// One connection: hello, then frames out and updates in until it ends or the push stops.
    fn session(&self, mut ws: WebSocket<TcpStream>) -> Result<(), ControlError> {
        let mut commands = self.hello(&mut ws)?;
        // Frames from before this connection are stale for viewers who tap now; drop them.
        self.controls.take_zone_frames();
        let mut next_send = Instant::now() + SEND_EVERY;
        while !self.stopping() {
            if Instant::now() >= next_send {
                next_send += SEND_EVERY;
                let playing = self.controls.playing().map(|p| p.commands);
                if playing.is_some_and(|p| p != commands) {
                    commands = self.hello(&mut ws)?;
                }
                let frames = self.controls.take_zone_frames();
                if !frames.is_empty() {
                    let n = frames.len() as u64;
                    send(&mut ws, &PushMessage::Frames { frames })?;
                    self.set(|s| s.frames_sent += n);
                }
            }
            match ws.read() {
                Ok(Message::Text(text)) => match serde_json::from_str::<HubToPush>(&text) {
                    Ok(HubToPush::Update(update)) => {
                        fire(&self.controls, &update, &commands);
                        self.set(|s| {
                            s.updates += 1;
                            s.last = Some(update);
                        });
                    }
                    Ok(HubToPush::Error { code, message }) => {
                        return Err(ControlError::Protocol(format!(
                            "the hub: {code}: {message}"
                        )));
                    }
                    Err(e) => tracing::warn!("room: a message from the hub: {e}"),
                },
                Ok(Message::Close(_)) => {
                    return Err(ControlError::Protocol("the hub closed the room".to_owned()));
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => return Err(ControlError::Protocol(e.to_string())),
            }
        }
        let _ = ws.close(None);
        Ok(())
    }

    /// Says which run this is and what the effect listens for; returns the effect's commands.
    fn hello(&self, ws: &mut WebSocket<TcpStream>) -> Result<Vec<String>, ControlError> {
        let playing = self.controls.playing();
        let commands = playing
            .as_ref()
            .map(|p| p.commands.clone())
            .unwrap_or_default();
        let keywords = commands
            .iter()
            .filter_map(|c| c.strip_prefix("chat:"))
            .map(str::to_owned)
            .collect();
        send(
            ws,
            &PushMessage::Hello {
                session: self.session.clone(),
                effect: playing.map(|p| p.name).unwrap_or_default(),
                fps: self.fps,
                keywords,
            },
        )?;
        Ok(commands)
    }
}

fn send(ws: &mut WebSocket<TcpStream>, message: &PushMessage) -> Result<(), ControlError> {
    let text = serde_json::to_string(message).map_err(|e| ControlError::Protocol(e.to_string()))?;
    ws.send(Message::text(text))
        .map_err(|e| ControlError::Protocol(e.to_string()))
}

/// The host commands an update fires for an effect whose command triggers are `commands`, then
/// the script's `room` event.
fn fire(controls: &Controls, update: &RoomUpdate, commands: &[String]) {
    for (name, args) in commands_for(update, commands) {
        controls.command(&name, args);
    }
    if let Ok(update) = serde_json::to_value(update) {
        controls.send(Control::Event(HostEvent::Room { update }));
    }
}

/// Which of `commands` an update fires, with their arguments.
pub fn commands_for(update: &RoomUpdate, commands: &[String]) -> Vec<(String, serde_json::Value)> {
    let count = |n: u32| serde_json::json!({ "count": n });
    commands
        .iter()
        .filter_map(|name| {
            let (event, what) = name.split_once(':')?;
            let args = match event {
                "likes" => {
                    let every = what.parse::<u64>().ok().filter(|n| *n > 0)?;
                    let total = update.likes_total;
                    let before = total.saturating_sub(update.likes);
                    (total / every > before / every)
                        .then(|| serde_json::json!({ "count": update.likes, "total": total }))?
                }
                "gift" => count(*update.gifts.get(what)?),
                "chat" => count(*update.chat.get(what)?),
                "taps" => count(*update.taps.get(what)?),
                _ => return None,
            };
            Some((name.clone(), args))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_fires_the_commands_the_effect_names() {
        let commands = [
            "likes:100",
            "gift:rocket",
            "chat:666",
            "taps:redPacket",
            "hello",
        ]
        .map(str::to_owned);
        let mut update = RoomUpdate {
            likes: 30,
            likes_total: 110,
            ..RoomUpdate::default()
        };
        update.gifts.insert("rocket".into(), 2);
        update.gifts.insert("flower".into(), 1);
        update.chat.insert("666".into(), 3);
        let fired = commands_for(&update, &commands);
        let names: Vec<&str> = fired.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["likes:100", "gift:rocket", "chat:666"]);
        assert_eq!(fired[0].1["total"], 110);
        assert_eq!(fired[1].1["count"], 2);
        // 110 → 150 passes no multiple of 100.
        update.likes = 40;
        update.likes_total = 150;
        assert!(
            !commands_for(&update, &commands)
                .iter()
                .any(|(n, _)| n == "likes:100")
        );
    }
}
