//! Answering one request: read it, act through the push's controls, say what happened.

use std::path::Path;

use lantern_engine::push::{Control, ControlError};
use lantern_engine::schema::Package;
use lantern_engine::script::HostEvent;

use crate::messages::{EffectInfo, ErrorCode, Event, Request, RequestMessage, Response, Switched};
use crate::server::{Shared, lock, publish};

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
        Request::Effect => Ok(lock(&shared.effect).as_ref().map(to_value)),
        Request::Switch { effect } => switch(shared, &effect),
        Request::Reload => {
            let path = lock(&shared.effect).as_ref().map(|e| e.path.clone());
            let path = path.ok_or((
                ErrorCode::BadRequest,
                "no effect plays: switch to one".to_owned(),
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

fn to_value(info: &EffectInfo) -> serde_json::Value {
    serde_json::to_value(info).unwrap_or_default()
}

/// Opens, checks and warms `path` here (not on the render stage), then waits for the push to
/// swap it in; answers with the first frame it is in.
fn switch(shared: &Shared, path: &Path) -> Acted {
    // Both errors name the package (and the file and field) already.
    let invalid = |e: &dyn std::fmt::Display| (ErrorCode::Invalid, e.to_string());
    let mut package = Package::open(path).map_err(|e| invalid(&e))?;
    lantern_engine::scene::check_script(&mut package, shared.options.output)
        .map_err(|e| invalid(&e))?;
    let effect = EffectInfo {
        name: package.effect.meta.name.clone(),
        path: path.to_owned(),
    };
    let done = shared
        .controls
        .switch_effect(package)
        .map_err(|e| refused(&e, ErrorCode::Invalid))?;
    let switched = Switched {
        effect: effect.clone(),
        frame: done.frame,
        pts_ms: done.pts_ms,
        swap_ms: done.swap_ms,
        models_loaded: done.models_loaded,
    };
    *lock(&shared.effect) = Some(effect);
    publish(shared, &Event::EffectSwitched(switched.clone()));
    Ok(Some(serde_json::to_value(&switched).unwrap_or_default()))
}

/// A control the push did not carry out, as a refusal; `refused` is the code for the render
/// stage's own reason.
fn refused(e: &ControlError, refused: ErrorCode) -> (ErrorCode, String) {
    let code = match e {
        ControlError::Busy | ControlError::NoAnswer(_) => ErrorCode::Busy,
        ControlError::Stopped => ErrorCode::Stopped,
        ControlError::Refused(_) => refused,
        ControlError::Models(_) => ErrorCode::Invalid,
    };
    (code, e.to_string())
}
