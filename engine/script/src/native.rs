//! The native half of the script API: small functions on a private object that only the JS
//! prelude (`prelude.js`) sees. They read and write [`HostState`]; the prelude wraps them in the
//! public `lantern` object and `Layer` handles. Bad arguments become JS `TypeError`s naming the
//! layer and the fix, so a script mistake is an exception in the script, never a host failure.

use std::cell::RefCell;
use std::rc::Rc;

use rquickjs::{Ctx, Exception, Function, Object};

use crate::commands::{HotZoneSpec, SceneCommand, Transform};
use crate::log::LogLevel;
use crate::state::{HostState, Refusal};

type Shared = Rc<RefCell<HostState>>;

fn refuse(ctx: &Ctx<'_>, refusal: &Refusal) -> rquickjs::Error {
    Exception::throw_type(ctx, &refusal.message())
}

fn finite(v: f64) -> Option<f32> {
    v.is_finite().then_some(v as f32)
}

fn parse_zone(ctx: &Ctx<'_>, json: Option<String>) -> rquickjs::Result<Option<HotZoneSpec>> {
    json.map(|j| {
        serde_json::from_str::<HotZoneSpec>(&j).map_err(|e| {
            Exception::throw_type(
                ctx,
                &format!("hot-zone must be {{ kind: string, payload?: any }}: {e}"),
            )
        })
    })
    .transpose()
}

/// Field numbers shared with the prelude's getters and setters.
fn field<'a>(t: &'a mut Transform, opacity: &'a mut f32, which: i32) -> Option<&'a mut f32> {
    Some(match which {
        0 => &mut t.x,
        1 => &mut t.y,
        2 => &mut t.scale_x,
        3 => &mut t.scale_y,
        4 => &mut t.rotation,
        5 => opacity,
        _ => return None,
    })
}

macro_rules! def {
    ($obj:expr, $ctx:expr, $name:literal, $f:expr) => {
        $obj.set($name, Function::new($ctx.clone(), $f)?)?;
    };
}

/// Builds the private natives object.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, state: &Shared) -> rquickjs::Result<Object<'js>> {
    let api = Object::new(ctx.clone())?;
    layer_reads(&api, ctx, state)?;
    layer_writes(&api, ctx, state)?;
    playback(&api, ctx, state)?;
    motion(&api, ctx, state)?;
    sprites(&api, ctx, state)?;
    utilities(&api, ctx, state)?;
    Ok(api)
}

/// Reading layers: which exist, their numbers, visibility, text and hot-zone.
fn layer_reads<'js>(api: &Object<'js>, ctx: &Ctx<'js>, state: &Shared) -> rquickjs::Result<()> {
    let s = state.clone();
    def!(api, ctx, "exists", move |id: String| s
        .borrow()
        .layer(&id)
        .is_some());
    let s = state.clone();
    def!(api, ctx, "layerIds", move || {
        let st = s.borrow();
        let mut ids: Vec<String> = st.layers.keys().cloned().collect();
        ids.sort();
        ids
    });
    let s = state.clone();
    def!(
        api,
        ctx,
        "getNum",
        move |ctx: Ctx<'js>, id: String, which: i32| {
            let st = s.borrow();
            let layer = st
                .layer(&id)
                .ok_or_else(|| refuse(&ctx, &Refusal::NoLayer(id)))?;
            let (mut t, mut o) = (layer.transform, layer.opacity);
            Ok::<_, rquickjs::Error>(
                field(&mut t, &mut o, which).map_or(f64::NAN, |v| f64::from(*v)),
            )
        }
    );
    let s = state.clone();
    def!(api, ctx, "getVisible", move |ctx: Ctx<'js>, id: String| {
        s.borrow()
            .layer(&id)
            .map(|l| l.visible)
            .ok_or_else(|| refuse(&ctx, &Refusal::NoLayer(id)))
    });
    let s = state.clone();
    def!(api, ctx, "getText", move |ctx: Ctx<'js>, id: String| {
        s.borrow()
            .layer(&id)
            .map(|l| l.text.clone())
            .ok_or_else(|| refuse(&ctx, &Refusal::NoLayer(id)))
    });
    let s = state.clone();
    def!(api, ctx, "getHotZone", move |ctx: Ctx<'js>, id: String| {
        let st = s.borrow();
        let layer = st
            .layer(&id)
            .ok_or_else(|| refuse(&ctx, &Refusal::NoLayer(id)))?;
        Ok::<_, rquickjs::Error>(
            layer
                .hot_zone
                .as_ref()
                .and_then(|z| serde_json::to_string(z).ok()),
        )
    });
    Ok(())
}

/// Changing layers: transform fields, visibility, text and hot-zone.
fn layer_writes<'js>(api: &Object<'js>, ctx: &Ctx<'js>, state: &Shared) -> rquickjs::Result<()> {
    let s = state.clone();
    def!(
        api,
        ctx,
        "setNum",
        move |ctx: Ctx<'js>, id: String, which: i32, v: f64| {
            let Some(v) = finite(v) else {
                return Err(Exception::throw_type(
                    &ctx,
                    &format!("layer '{id}': value must be a finite number, got {v}"),
                ));
            };
            let mut st = s.borrow_mut();
            let done = if which == 5 {
                st.set_opacity(&id, v)
            } else {
                st.edit_transform(&id, |t| {
                    let mut unused = 0.0;
                    if let Some(f) = field(t, &mut unused, which) {
                        *f = v;
                    }
                })
            };
            done.map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "setTransform",
        move |ctx: Ctx<'js>, id: String, x: f64, y: f64, sx: f64, sy: f64, rot: f64| {
            s.borrow_mut()
                .edit_transform(&id, |t| {
                    for (slot, v) in [
                        (&mut t.x, x),
                        (&mut t.y, y),
                        (&mut t.scale_x, sx),
                        (&mut t.scale_y, sy),
                        (&mut t.rotation, rot),
                    ] {
                        if let Some(v) = finite(v) {
                            *slot = v;
                        }
                    }
                })
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "moveBy",
        move |ctx: Ctx<'js>, id: String, dx: f64, dy: f64| {
            s.borrow_mut()
                .edit_transform(&id, |t| {
                    t.x += finite(dx).unwrap_or(0.0);
                    t.y += finite(dy).unwrap_or(0.0);
                })
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "setVisible",
        move |ctx: Ctx<'js>, id: String, v: bool| {
            s.borrow_mut()
                .set_visible(&id, v)
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "setText",
        move |ctx: Ctx<'js>, id: String, text: String| {
            s.borrow_mut()
                .set_text(&id, text)
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "setHotZone",
        move |ctx: Ctx<'js>, id: String, json: Option<String>| {
            let zone = parse_zone(&ctx, json)?;
            s.borrow_mut()
                .set_hot_zone(&id, zone)
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    Ok(())
}

/// Sequences and particle bursts.
fn playback<'js>(api: &Object<'js>, ctx: &Ctx<'js>, state: &Shared) -> rquickjs::Result<()> {
    let s = state.clone();
    def!(
        api,
        ctx,
        "play",
        move |ctx: Ctx<'js>, id: String, from: f64, looping: i32| {
            let from_frame = (from.is_finite() && from >= 0.0).then_some(from as u32);
            let looping = (looping >= 0).then_some(looping > 0);
            s.borrow_mut()
                .layer_command(SceneCommand::PlaySequence {
                    id,
                    from_frame,
                    looping,
                })
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "stopSequence",
        move |ctx: Ctx<'js>, id: String| {
            s.borrow_mut()
                .layer_command(SceneCommand::StopSequence { id })
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "seek",
        move |ctx: Ctx<'js>, id: String, frame: f64| {
            let frame = if frame.is_finite() {
                frame.max(0.0) as u32
            } else {
                0
            };
            s.borrow_mut()
                .layer_command(SceneCommand::SeekSequence { id, frame })
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "burst",
        move |ctx: Ctx<'js>, id: String, count: f64, x: f64, y: f64| {
            let count = if count.is_finite() {
                count.clamp(0.0, 10_000.0) as u32
            } else {
                0
            };
            let at = finite(x).zip(finite(y));
            s.borrow_mut()
                .layer_command(SceneCommand::BurstParticles { id, count, at })
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    Ok(())
}

/// Keyframe animations and sounds.
fn motion<'js>(api: &Object<'js>, ctx: &Ctx<'js>, state: &Shared) -> rquickjs::Result<()> {
    let s = state.clone();
    def!(
        api,
        ctx,
        "animate",
        move |ctx: Ctx<'js>, id: String, animation: String| {
            s.borrow_mut()
                .layer_command(SceneCommand::PlayAnimation { id, animation })
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "stopAnimation",
        move |ctx: Ctx<'js>, id: String| {
            s.borrow_mut()
                .layer_command(SceneCommand::StopAnimation { id })
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(
        api,
        ctx,
        "playSound",
        move |ctx: Ctx<'js>, id: String, volume: f64, looping: bool| {
            let volume = finite(volume).map_or(1.0, |v| v.clamp(0.0, 1.0));
            s.borrow_mut()
                .sound_command(SceneCommand::PlaySound {
                    id,
                    volume,
                    looping,
                })
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(api, ctx, "stopSound", move |ctx: Ctx<'js>, id: String| {
        s.borrow_mut()
            .sound_command(SceneCommand::StopSound { id })
            .map_err(|r| refuse(&ctx, &r))
    });
    Ok(())
}

/// Sprites the script spawns and destroys.
fn sprites<'js>(api: &Object<'js>, ctx: &Ctx<'js>, state: &Shared) -> rquickjs::Result<()> {
    let s = state.clone();
    def!(
        api,
        ctx,
        "spawn",
        move |ctx: Ctx<'js>, asset: String, id: String, t: Vec<f64>, zone: Option<String>| {
            let (x, y, sx, sy, rot) = (
                t.first().copied().unwrap_or(f64::NAN),
                t.get(1).copied().unwrap_or(f64::NAN),
                t.get(2).copied().unwrap_or(f64::NAN),
                t.get(3).copied().unwrap_or(f64::NAN),
                t.get(4).copied().unwrap_or(f64::NAN),
            );
            let zone = parse_zone(&ctx, zone)?;
            let default = Transform::default();
            let transform = Transform {
                x: finite(x).unwrap_or(default.x),
                y: finite(y).unwrap_or(default.y),
                scale_x: finite(sx).unwrap_or(default.scale_x),
                scale_y: finite(sy).unwrap_or(default.scale_y),
                rotation: finite(rot).unwrap_or(default.rotation),
            };
            s.borrow_mut()
                .spawn(asset, id, transform, zone)
                .map_err(|r| refuse(&ctx, &r))
        }
    );
    let s = state.clone();
    def!(api, ctx, "destroy", move |ctx: Ctx<'js>, id: String| {
        s.borrow_mut().destroy(&id).map_err(|r| match r {
            Refusal::NoLayer(id) => Exception::throw_type(
                &ctx,
                &format!("'{id}' is not a live sprite spawned by this script: only sprites from lantern.spawnSprite can be destroyed (hide layers with layer.visible = false)"),
            ),
            other => refuse(&ctx, &other),
        })
    });
    Ok(())
}

/// Seeded random numbers, the frame's tracking, the console.
fn utilities<'js>(api: &Object<'js>, ctx: &Ctx<'js>, state: &Shared) -> rquickjs::Result<()> {
    let s = state.clone();
    def!(api, ctx, "random", move || s.borrow_mut().random());
    let s = state.clone();
    def!(api, ctx, "trackingJson", move || s
        .borrow_mut()
        .tracking_json());
    let s = state.clone();
    def!(
        api,
        ctx,
        "log",
        move |level: i32, message: String, location: String| {
            let location = (!location.is_empty()).then_some(location);
            s.borrow_mut()
                .log(LogLevel::from_code(level), message, location);
        }
    );
    Ok(())
}
