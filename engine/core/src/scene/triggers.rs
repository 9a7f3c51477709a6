//! Triggers: "when this happens, do that", evaluated once per frame.
//!
//! Held states (gestures, expressions, a face being in view) go through each trigger's own
//! hysteresis: the state must be present for `beginFrames` frames to *begin*, and absent for
//! `endFrames` frames to *end*; in between it *stays*. A trigger fires on the phase it names, at
//! most once per `cooldown` seconds — so a heart held for two seconds fires a `begin` trigger once.
//! Momentary face events (nod, shake, blink) fire on the tracker's own `begin`, without delay.
//! Timers, taps and host commands fire when they happen.

use effect_schema::format::{HandSelect, Trigger, When};
use effect_schema::tracking::{Face, TrackingFrame};
use effect_schema::vocab::{FaceEventKind, Gesture, Handedness, Phase};
use lantern_script::HostEvent;

/// What the triggers look at this frame.
#[derive(Clone, Copy, Debug)]
pub struct TriggerInput<'a> {
    /// Effect time, seconds.
    pub time: f64,
    pub tracking: Option<&'a TrackingFrame>,
    pub events: &'a [HostEvent],
}

#[derive(Clone, Copy, Debug, Default)]
struct State {
    held: u32,
    missing: u32,
    active: bool,
    ever_present: bool,
    last_fired: Option<f64>,
    next_timer: Option<f64>,
}

/// The per-trigger state machines of one effect.
#[derive(Clone, Debug, Default)]
pub struct TriggerRunner {
    states: Vec<State>,
}

impl TriggerRunner {
    /// Fresh state for `triggers`.
    pub fn new(triggers: &[Trigger]) -> Self {
        Self {
            states: vec![State::default(); triggers.len()],
        }
    }

    /// Advances every trigger one frame; returns the indices of those that fired, in order.
    pub fn step(&mut self, triggers: &[Trigger], input: &TriggerInput<'_>) -> Vec<usize> {
        self.states.resize(triggers.len(), State::default());
        let mut fired = Vec::new();
        for (i, (trigger, state)) in triggers.iter().zip(&mut self.states).enumerate() {
            if fires(trigger, state, input) {
                let cooled = state
                    .last_fired
                    .is_none_or(|t| input.time - t >= f64::from(trigger.cooldown) - 1e-9);
                if cooled {
                    state.last_fired = Some(input.time);
                    fired.push(i);
                }
            }
        }
        fired
    }
}

fn fires(trigger: &Trigger, state: &mut State, input: &TriggerInput<'_>) -> bool {
    match &trigger.when {
        When::Gesture {
            gesture,
            hand,
            phase,
        } => {
            let present = input
                .tracking
                .is_some_and(|t| gesture_present(t, *gesture, *hand));
            held_phase(trigger, state, present) == Some(*phase)
        }
        When::Face { event, phase, face } => {
            let faces = input.tracking.map_or(&[][..], |t| &t.faces[..]);
            let chosen: Vec<&Face> = match face {
                Some(i) => faces.get(*i as usize).into_iter().collect(),
                None => faces.iter().collect(),
            };
            if matches!(
                event,
                FaceEventKind::Nod | FaceEventKind::Shake | FaceEventKind::Blink
            ) {
                return chosen.iter().any(|f| {
                    f.events
                        .iter()
                        .any(|e| e.kind == *event && e.phase == *phase)
                });
            }
            let present = match event {
                FaceEventKind::Found => !chosen.is_empty(),
                FaceEventKind::Lost => chosen.is_empty() && state.ever_present,
                other => chosen.iter().any(|f| expression_present(f, *other)),
            };
            if matches!(event, FaceEventKind::Lost) {
                state.ever_present |= !chosen.is_empty();
            }
            held_phase(trigger, state, present) == Some(*phase)
        }
        When::Timer { every, after } => {
            let next = state.next_timer.get_or_insert(f64::from(*after));
            if input.time + 1e-9 < *next {
                return false;
            }
            *next = if *every > 0.0 {
                let step = f64::from(*every);
                *next + step * ((input.time - *next) / step).floor().max(0.0) + step
            } else {
                f64::INFINITY
            };
            true
        }
        When::Tap { layer } => input.events.iter().any(|e| match e {
            HostEvent::Tap { zone_id, .. } => layer.as_ref().is_none_or(|l| {
                zone_id == l
                    || zone_id
                        .strip_prefix(l.as_str())
                        .is_some_and(|r| r.starts_with('.'))
            }),
            HostEvent::Command { .. } | HostEvent::Room { .. } => false,
        }),
        When::Command { name } => input
            .events
            .iter()
            .any(|e| matches!(e, HostEvent::Command { name: n, .. } if n == name)),
    }
}

/// Hysteresis: the phase of a held state this frame, if any.
fn held_phase(trigger: &Trigger, state: &mut State, present: bool) -> Option<Phase> {
    if present {
        state.held = state.held.saturating_add(1);
        state.missing = 0;
    } else {
        state.missing = state.missing.saturating_add(1);
        state.held = 0;
    }
    let h = trigger.hysteresis;
    if !state.active && state.held >= h.begin_frames.max(1) {
        state.active = true;
        Some(Phase::Begin)
    } else if state.active && present {
        Some(Phase::Stay)
    } else if state.active && state.missing >= h.end_frames.max(1) {
        state.active = false;
        Some(Phase::End)
    } else {
        None
    }
}

fn hand_matches(select: HandSelect, handedness: Option<Handedness>) -> bool {
    match (select, handedness) {
        (HandSelect::Any, _) | (_, None) => true,
        (HandSelect::Left, Some(h)) => h == Handedness::Left,
        (HandSelect::Right, Some(h)) => h == Handedness::Right,
    }
}

/// Whether `gesture` is held this frame by a matching hand (or pair of hands).
pub fn gesture_present(t: &TrackingFrame, gesture: Gesture, hand: HandSelect) -> bool {
    t.gestures
        .iter()
        .any(|e| e.gesture == gesture && e.phase != Phase::End && hand_matches(hand, e.handedness))
        || t.hands
            .iter()
            .any(|h| h.gesture == Some(gesture) && hand_matches(hand, Some(h.handedness)))
}

/// Whether a held expression shows on `face`: the tracker's event, or its measure over 0.5.
fn expression_present(face: &Face, kind: FaceEventKind) -> bool {
    let by_event = face
        .events
        .iter()
        .any(|e| e.kind == kind && e.phase != Phase::End);
    let x = &face.expressions;
    by_event
        || match kind {
            FaceEventKind::MouthOpen => x.mouth_open >= 0.5,
            FaceEventKind::BrowsRaised => x.brow_raise >= 0.5,
            FaceEventKind::Smile => x.smile.is_some_and(|s| s >= 0.5),
            _ => false,
        }
}

#[cfg(test)]
mod tests;
