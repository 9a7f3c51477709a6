//! The tracking events the effect sees, once each.
//!
//! The tracker reports a held state (an expression, a blink, a nod, a gesture) as Begin, then Stay
//! on every frame it tracks, then End; a face found or lost once. A loop
//! that does not wait for every result (the Studio preview, the push) hands one result to several
//! frames, or skips one: passed on as they are, a Begin would repeat (one mouth opening, four
//! `begin`s to the script) or be lost. So the driver keeps what the effect was last shown as held
//! and re-phases each result against it — Begin when a state starts, Stay while it holds, End when
//! it stops — and passes found/lost on only the first time a result is delivered. Triggers
//! and the script then agree, at any frame rate.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use effect_schema::tracking::{FaceEvent, GestureEvent, TrackingFrame};
use effect_schema::vocab::{FaceEventKind, Gesture, Phase};

/// A held gesture: which, by which hands.
type GestureKey = (Gesture, Vec<u32>);

/// What the effect was last shown as held.
#[derive(Default)]
pub(crate) struct EventPhases {
    /// The source frame of the tracker result last delivered.
    last: Option<u64>,
    /// Held face states, by face id.
    faces: BTreeSet<(u32, FaceEventKind)>,
    /// Held gestures, as last reported (their End repeats it).
    gestures: BTreeMap<GestureKey, GestureEvent>,
}

/// Every face event but found and lost is a held state.
fn is_held(kind: FaceEventKind) -> bool {
    !matches!(kind, FaceEventKind::Found | FaceEventKind::Lost)
}

impl EventPhases {
    /// `frame` (the tracker's result for source frame `source`) with its events re-phased for
    /// this delivery; the same `Arc` when nothing changes.
    pub(crate) fn deliver(&mut self, frame: Arc<TrackingFrame>, source: u64) -> Arc<TrackingFrame> {
        let fresh = self.last != Some(source);
        self.last = Some(source);
        let faces = self.face_events(&frame, fresh);
        let gestures = self.gesture_events(&frame);
        let same = gestures == frame.gestures
            && faces.iter().zip(&frame.faces).all(|(e, f)| *e == f.events);
        if same {
            return frame;
        }
        let mut frame = Arc::unwrap_or_clone(frame);
        for (face, events) in frame.faces.iter_mut().zip(faces) {
            face.events = events;
        }
        frame.gestures = gestures;
        Arc::new(frame)
    }

    /// Each face's events: Ends of the states it no longer shows, found/lost (on a fresh
    /// result), then Begin or Stay of each state it shows.
    fn face_events(&mut self, frame: &TrackingFrame, fresh: bool) -> Vec<Vec<FaceEvent>> {
        let mut held_now = BTreeSet::new();
        let mut out = Vec::with_capacity(frame.faces.len());
        for face in &frame.faces {
            let shown: BTreeSet<FaceEventKind> = face
                .events
                .iter()
                .filter(|e| is_held(e.kind) && e.phase != Phase::End)
                .map(|e| e.kind)
                .collect();
            let was = |kind| self.faces.contains(&(face.id, kind));
            let mut events: Vec<FaceEvent> = self
                .faces
                .range((face.id, FaceEventKind::Found)..)
                .take_while(|(id, _)| *id == face.id)
                .filter(|(_, kind)| !shown.contains(kind))
                .map(|&(_, kind)| FaceEvent {
                    kind,
                    phase: Phase::End,
                })
                .collect();
            if fresh {
                events.extend(face.events.iter().filter(|e| !is_held(e.kind)).copied());
            }
            for &kind in &shown {
                let phase = if was(kind) { Phase::Stay } else { Phase::Begin };
                events.push(FaceEvent { kind, phase });
                held_now.insert((face.id, kind));
            }
            out.push(events);
        }
        self.faces = held_now;
        out
    }

    /// Ends of the gestures no longer held, then Begin or Stay of each gesture held.
    fn gesture_events(&mut self, frame: &TrackingFrame) -> Vec<GestureEvent> {
        let mut held_now = BTreeMap::new();
        for event in frame.gestures.iter().filter(|e| e.phase != Phase::End) {
            held_now.insert((event.gesture, event.hand_ids.clone()), event.clone());
        }
        let mut out: Vec<GestureEvent> = self
            .gestures
            .iter()
            .filter(|(key, _)| !held_now.contains_key(*key))
            .map(|(_, last)| GestureEvent {
                phase: Phase::End,
                ..last.clone()
            })
            .collect();
        for (key, event) in &held_now {
            let phase = if self.gestures.contains_key(key) {
                Phase::Stay
            } else {
                Phase::Begin
            };
            out.push(GestureEvent {
                phase,
                ..event.clone()
            });
        }
        self.gestures = held_now;
        out
    }
}

#[cfg(test)]
mod tests;
