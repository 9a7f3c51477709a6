//! The messages of the control API, as JSON text frames. A client sends requests, each with an
//! id of its choosing; the server answers each with a response carrying that id, and sends
//! events (stats every second, effect switches, link changes) to every client as they happen.
//!
//! ```text
//! → {"id": "1", "request": "switch", "data": {"effect": "examples/face-bird"}}
//! ← {"event": "effectSwitched", "data": {"name": "Face Bird", "path": "examples/face-bird",
//!                                        "frame": 912, "ptsMs": 30400, "swapMs": 21.5,
//!                                        "modelsLoaded": false}}
//! ← {"id": "1", "ok": true, "data": {"name": "Face Bird", "path": "examples/face-bird", …}}
//! → {"id": "2", "request": "nope"}
//! ← {"id": "2", "ok": false, "error": {"code": "badRequest", "message": "…"}}
//! ```
//!
//! [`schema`] is the JSON Schema of both directions, generated from these types
//! (`docs/control.schema.json`, drift-checked by the tests).

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A request and the id its response will carry.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
pub struct RequestMessage {
    /// Any string; echoed in the response.
    pub id: String,
    #[serde(flatten)]
    pub request: Request,
}

/// What a client can ask.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "request", content = "data", rename_all = "camelCase")]
pub enum Request {
    /// The newest stats report (the one the `stats` event carried).
    Stats,
    /// The effect playing: its name and where it was read from.
    Effect,
    /// Play another effect (a folder or a `.zip` on the push's machine) from the next frame on:
    /// read and validated first; a package that fails is refused and the running one goes on.
    Switch { effect: PathBuf },
    /// Read the playing effect again from where it came from (after editing its files).
    Reload,
    /// Show (`true`) or hide a layer of the playing effect, by its id, from the next frame on.
    Layer { id: String, visible: bool },
    /// Run (`true`) or pause the effect's gameplay script.
    Gameplay { on: bool },
    /// A host command for the effect's script and `host` triggers (a chat keyword, a gift).
    Command {
        name: String,
        #[serde(default)]
        args: Value,
    },
    /// A tap on a hot-zone, as a viewer's tap arrives.
    Tap {
        zone: String,
        #[serde(default)]
        payload: Value,
    },
    /// End the stream (the pipeline drains and the connection closes).
    Stop,
}

/// Why a request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// Not JSON, not a request, an unknown request or bad fields.
    BadRequest,
    /// The message is larger than the server takes.
    TooLarge,
    /// The effect package did not open or validate, or its script does not load.
    Invalid,
    /// The push's control queue is full (its render stage is late): try again.
    Busy,
    /// The push is stopping or has stopped.
    Stopped,
    /// The playing effect has no such layer.
    NotFound,
}

/// A refusal, in words.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
}

/// The answer to one request.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
pub struct Response {
    /// The request's id (empty when the request was too malformed to have one).
    pub id: String,
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
}

impl Response {
    pub fn ok(id: &str, data: Option<Value>) -> Self {
        Self {
            id: id.to_owned(),
            ok: true,
            data,
            error: None,
        }
    }

    pub fn refused(id: &str, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            id: id.to_owned(),
            ok: false,
            data: None,
            error: Some(ErrorBody {
                code,
                message: message.into(),
            }),
        }
    }
}

/// The effect on air.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
pub struct EffectInfo {
    /// Its `meta.name`.
    pub name: String,
    /// The folder or zip it came from; absent for the plain camera.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
}

impl From<lantern_engine::push::Playing> for EffectInfo {
    fn from(p: lantern_engine::push::Playing) -> Self {
        Self {
            name: p.name,
            path: p.path,
        }
    }
}

impl From<lantern_engine::push::Switched> for Switched {
    fn from(s: lantern_engine::push::Switched) -> Self {
        Self {
            effect: EffectInfo {
                name: s.name,
                path: s.path,
            },
            frame: s.frame,
            pts_ms: s.pts_ms,
            swap_ms: s.swap_ms,
            models_loaded: s.models_loaded,
        }
    }
}

/// A switch done: the effect, and the first frame of the stream it is in.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Switched {
    #[serde(flatten)]
    pub effect: EffectInfo,
    /// The frame's index from the start of the push, and its presentation time in the stream
    /// (the time the recorded or played stream shows it at).
    pub frame: u64,
    pub pts_ms: i64,
    /// How long the swap held the render stage, in milliseconds.
    pub swap_ms: f64,
    /// Whether it runs other tracking models than the last effect (made ready before the swap:
    /// loaded, or kept loaded from an effect played earlier).
    pub models_loaded: bool,
}

/// What happened, sent to every client.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
pub enum Event {
    /// The push's figures (the `lantern push --stats-json` report), every report period.
    Stats(Value),
    /// Another effect plays from frame `frame` on (whoever switched: a client, the monitor).
    EffectSwitched(Switched),
    /// The connection's state changed (`connecting`, `live`, `reconnecting`, …).
    Link { state: String },
    /// A trigger of the effect fired.
    TriggerFired { trigger: String, frame: u64 },
    /// A line of the effect script's console.
    Console {
        level: String,
        message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
        frame: u64,
    },
}

impl From<lantern_engine::push::Notice> for Event {
    fn from(n: lantern_engine::push::Notice) -> Self {
        match n {
            lantern_engine::push::Notice::Switched(s) => Self::EffectSwitched(s.into()),
            lantern_engine::push::Notice::Fired { frame, trigger } => {
                Self::TriggerFired { trigger, frame }
            }
            lantern_engine::push::Notice::Console {
                frame,
                level,
                message,
                location,
            } => Self::Console {
                level: level.to_owned(),
                message,
                location,
                frame,
            },
        }
    }
}

/// Anything the server sends.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ServerMessage {
    Response(Response),
    Event(Event),
}

/// The JSON Schema of the API: `client` (what a client sends) and `server` (what it receives).
pub fn schema() -> Value {
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Lantern push control API",
        "client": schemars::schema_for!(RequestMessage),
        "server": schemars::schema_for!(ServerMessage),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_read_as_documented() {
        let m: RequestMessage = serde_json::from_str(
            r#"{"id": "1", "request": "switch", "data": {"effect": "examples/face-bird"}}"#,
        )
        .unwrap();
        assert_eq!(
            m.request,
            Request::Switch {
                effect: "examples/face-bird".into()
            }
        );
        let m: RequestMessage = serde_json::from_str(r#"{"id": "2", "request": "stats"}"#).unwrap();
        assert_eq!(m.request, Request::Stats);
        let m: RequestMessage =
            serde_json::from_str(r#"{"id": "3", "request": "command", "data": {"name": "gift"}}"#)
                .unwrap();
        assert_eq!(
            m.request,
            Request::Command {
                name: "gift".into(),
                args: Value::Null
            }
        );
        assert!(
            serde_json::from_str::<RequestMessage>(r#"{"id": "4", "request": "nope"}"#).is_err()
        );
    }

    #[test]
    fn events_and_responses_write_as_documented() {
        let e = serde_json::to_value(ServerMessage::Event(Event::Link {
            state: "live".into(),
        }))
        .unwrap();
        assert_eq!(
            e,
            serde_json::json!({"event": "link", "data": {"state": "live"}})
        );
        let r = serde_json::to_value(ServerMessage::Response(Response::refused(
            "7",
            ErrorCode::Busy,
            "later",
        )))
        .unwrap();
        assert_eq!(
            r,
            serde_json::json!({"id": "7", "ok": false, "error": {"code": "busy", "message": "later"}})
        );
    }
}
