//! Emitters that follow a face anchor or a hand landmark, and the one thing a particle layer
//! remembers between frames: where that point was.
//!
//! A burst takes the point where it is when it fires (it is stored in the burst's `at`; a burst
//! fired while the point is not tracked comes from the layer's placement, as without `follow`). A
//! continuous emitter keeps the point's recent path, one entry a frame, for as long as a
//! particle born on it can still be seen (bounded by that span times the frame rate, and by
//! [`MAX_HISTORY`]); each particle starts where the point was at its birth time (interpolated
//! between two frames). A particle born while the point is not tracked is never emitted. The
//! history is a function of the frames seen in order, so replays give the same pixels.

use std::collections::VecDeque;

use effect_schema::format::{Follow, ParticlesLayer};
use effect_schema::tracking::{Hand, Point2, TrackingFrame};

use super::super::place;
use super::super::state::LayerState;

/// The longest history kept, entries (two minutes at 60 fps).
pub const MAX_HISTORY: usize = 7200;

/// What a particle layer remembers between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Emitter {
    /// Effect time and the followed point (output pixels) at that time, oldest first.
    history: VecDeque<(f64, Option<Point2>)>,
}

impl Emitter {
    /// Records the point at `now`, forgetting what is older than `span` seconds (a step back in
    /// time, a seek or a restart, forgets everything).
    fn record(&mut self, now: f64, point: Option<Point2>, span: f64) {
        if self.history.back().is_some_and(|&(t, _)| t >= now) {
            self.history.clear();
        }
        self.history.push_back((now, point));
        // Keep one entry older than the span, to interpolate from.
        while self.history.len() > MAX_HISTORY
            || self.history.get(1).is_some_and(|&(t, _)| t < now - span)
        {
            self.history.pop_front();
        }
    }

    /// Where the point was at `time`; `None` when it was not tracked then.
    pub fn at(&self, time: f64) -> Option<Point2> {
        let next = self.history.partition_point(|&(t, _)| t < time);
        let &(t1, p1) = self.history.get(next).or(self.history.back())?;
        let p1 = p1?;
        let Some(&(t0, Some(p0))) = next.checked_sub(1).and_then(|i| self.history.get(i)) else {
            return Some(p1);
        };
        let w = if t1 > t0 {
            ((time - t0) / (t1 - t0)).clamp(0.0, 1.0) as f32
        } else {
            1.0
        };
        Some(Point2 {
            x: p0.x + (p1.x - p0.x) * w,
            y: p0.y + (p1.y - p0.y) * w,
        })
    }
}

/// The followed point in this frame's tracking (output pixels), if it is tracked.
pub fn point(follow: &Follow, tracking: &TrackingFrame) -> Option<Point2> {
    match follow {
        Follow::Face { anchor, face } => {
            place::face_anchor(tracking.faces.get(*face as usize)?, *anchor)
        }
        Follow::Hand { landmark, hand } => tracking
            .hands
            .iter()
            .filter(|h| place::hand_selected(h, *hand))
            .find_map(|h| hand_point(h, landmark.index())),
    }
}

/// A hand's landmark `index`, or its palm centre (the mean of the wrist and finger bases).
fn hand_point(hand: &Hand, index: Option<usize>) -> Option<Point2> {
    let lm = |i: usize| hand.landmarks.get(i).map(|p| Point2 { x: p.x, y: p.y });
    if let Some(i) = index {
        return lm(i);
    }
    let pts = [lm(0)?, lm(5)?, lm(9)?, lm(13)?, lm(17)?];
    Some(Point2 {
        x: pts.iter().map(|p| p.x).sum::<f32>() / 5.0,
        y: pts.iter().map(|p| p.y).sum::<f32>() / 5.0,
    })
}

/// Once a frame, after the triggers and the script: drops finished bursts and, for a following
/// emitter, records the point and gives this frame's bursts (fired without a place) its position.
pub fn step(layer: &ParticlesLayer, state: &mut LayerState, now: f64, tracking: &TrackingFrame) {
    let span = f64::from(super::visible_span(layer));
    state.bursts.retain(|b| now - b.start <= span);
    let Some(follow) = &layer.follow else {
        return;
    };
    let here = point(follow, tracking);
    state.emitter.record(now, here, span);
    for b in &mut state.bursts {
        if b.at.is_none() && b.start >= now {
            b.at = here;
        }
    }
}
