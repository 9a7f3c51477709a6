//! Answering one request: read it, act through the push's controls, say what happened.

use std::path::Path;

use lantern_engine::push::{Control, ControlError};
use lantern_engine::script::HostEvent;

use crate::messages::{EffectInfo, ErrorCode, Request, RequestMessage, Response, Switched};
use crate::server::{Shared, lock};

/// The response to the text of one message.
pub(crate) fn answer(shared: &Shared, text: &str) -> Response {
    let message: RequestMessage = match serde_json::from_str(text) {
        Ok(m) => m,
        Err(e) => {
            // Say which request it was, when the id at least reads.
            let id = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_owned))
                .unwrap_or_default();
            return Response::refused(
                &id,
                ErrorCode::BadRequest,
                format!("{e} (see docs/control.md for the requests)"),
            );
        }
    };
    let id = message.id.as_str();
    match act(shared, message.request) {
        Ok(data) => Response::ok(id, data),
        Err((code, why)) => Response::refused(id, code, why),
    }
}

type Acted = Result<Option<serde_json::Value>, (ErrorCode, String)>;

fn act(shared: &Shared, request: Request) -> Acted {
    let controls = &shared.controls;
    let acts = !matches!(request, Request::Stats | Request::Effect);
    if acts && controls.is_stopping() {
        return Err((ErrorCode::Stopped, "the push is stopping".to_owned()));
    }
    match request {
        Request::Stats => Ok(lock(&shared.stats).clone()),
        Request::Effect => Ok(controls
            .playing()
            .map(|p| serde_json::to_value(EffectInfo::from(p)).unwrap_or_default())),
        Request::Switch { effect } => switch(shared, &effect),
        Request::Reload => {
            let path = controls.playing().and_then(|p| p.path);
            let path = path.ok_or((
                ErrorCode::BadRequest,
                "no effect from a folder or zip plays: switch to one".to_owned(),
            ))?;
            switch(shared, &path)
        }
        Request::Layer { id, visible } => controls
            .set_layer_visible(&id, visible)
            .map(|()| None)
            .map_err(|e| refused(&e, ErrorCode::NotFound)),
        Request::Stop => {
            controls.stop();
            Ok(None)
        }
        Request::Gameplay { on } => sent(controls.send(Control::Gameplay(on))),
        Request::Command { name, args } => sent(controls.command(&name, args)),
        Request::Tap { zone, payload } => sent(controls.send(Control::Event(HostEvent::Tap {
            zone_id: zone,
            payload,
        }))),
    }
}

fn sent(accepted: bool) -> Acted {
    if accepted {
        Ok(None)
    } else {
        Err((
            ErrorCode::Busy,
            "the push's render stage is busy: try again".to_owned(),
        ))
    }
}

/// Opens, checks and warms `path` on this client's thread (not on the render stage), then waits
/// for the push to swap it in; answers with the first frame it is in. The `effectSwitched` event
/// follows from the push's notices, as for switches asked elsewhere.
fn switch(shared: &Shared, path: &Path) -> Acted {
    let done = shared
        .controls
        .switch_to(path)
        .map_err(|e| refused(&e, ErrorCode::Invalid))?;
    Ok(Some(
        serde_json::to_value(Switched::from(done)).unwrap_or_default(),
    ))
}

/// A control the push did not carry out, as a refusal; `refused` is the code for the render
/// stage's own reason.
fn refused(e: &ControlError, refused: ErrorCode) -> (ErrorCode, String) {
    let code = match e {
        ControlError::Busy | ControlError::NoAnswer(_) => ErrorCode::Busy,
        ControlError::Stopped => ErrorCode::Stopped,
        ControlError::Refused(_) => refused,
        ControlError::Models(_) | ControlError::Invalid(_) => ErrorCode::Invalid,
    };
    (code, e.to_string())
}
