use effect_schema::tracking::Face;
use effect_schema::vocab::Handedness;

use super::*;

fn face(id: u32, events: &[(FaceEventKind, Phase)]) -> Face {
    Face {
        id,
        events: events
            .iter()
            .map(|&(kind, phase)| FaceEvent { kind, phase })
            .collect(),
        ..Face::default()
    }
}

fn result(source: u64, faces: Vec<Face>, gestures: Vec<GestureEvent>) -> Arc<TrackingFrame> {
    Arc::new(TrackingFrame {
        frame: source,
        faces,
        gestures,
        ..TrackingFrame::default()
    })
}

fn heart(phase: Phase) -> GestureEvent {
    GestureEvent {
        gesture: Gesture::Heart,
        phase,
        hand_ids: vec![1, 2],
        handedness: None,
    }
}

/// The phases of `kind` on face `id` in a delivered frame.
fn phases(frame: &TrackingFrame, id: u32, kind: FaceEventKind) -> Vec<Phase> {
    let face = frame.faces.iter().find(|f| f.id == id);
    face.map(|f| {
        f.events
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.phase)
            .collect()
    })
    .unwrap_or_default()
}

#[test]
fn a_result_delivered_again_does_not_begin_again() {
    let mut phases_seen = Vec::new();
    let mut p = EventPhases::default();
    let opened = result(
        10,
        vec![face(
            1,
            &[
                (FaceEventKind::Found, Phase::Begin),
                (FaceEventKind::MouthOpen, Phase::Begin),
            ],
        )],
        vec![heart(Phase::Begin)],
    );
    for _ in 0..3 {
        let out = p.deliver(Arc::clone(&opened), 10);
        phases_seen.push((
            phases(&out, 1, FaceEventKind::MouthOpen),
            phases(&out, 1, FaceEventKind::Found),
            out.gestures.iter().map(|g| g.phase).collect::<Vec<_>>(),
        ));
    }
    assert_eq!(
        phases_seen,
        vec![
            (vec![Phase::Begin], vec![Phase::Begin], vec![Phase::Begin]),
            (vec![Phase::Stay], vec![], vec![Phase::Stay]),
            (vec![Phase::Stay], vec![], vec![Phase::Stay]),
        ]
    );
}

#[test]
fn a_skipped_begin_or_end_is_made_up() {
    let mut p = EventPhases::default();
    // The result with the Begin (source 11) was never delivered: 12 holds it (Stay).
    let held = result(
        12,
        vec![face(1, &[(FaceEventKind::MouthOpen, Phase::Stay)])],
        vec![],
    );
    let out = p.deliver(held, 12);
    assert_eq!(
        phases(&out, 1, FaceEventKind::MouthOpen),
        vec![Phase::Begin]
    );
    // The result with the End (13) was skipped too: 14 no longer shows it.
    let out = p.deliver(result(14, vec![face(1, &[])], vec![]), 14);
    assert_eq!(phases(&out, 1, FaceEventKind::MouthOpen), vec![Phase::End]);
    let out = p.deliver(result(15, vec![face(1, &[])], vec![]), 15);
    assert!(out.faces[0].events.is_empty(), "{:?}", out.faces[0].events);
}

#[test]
fn gestures_end_once_with_their_hands() {
    let mut p = EventPhases::default();
    let one_hand = GestureEvent {
        gesture: Gesture::OpenPalm,
        phase: Phase::Stay,
        hand_ids: vec![3],
        handedness: Some(Handedness::Left),
    };
    let out = p.deliver(result(1, vec![], vec![one_hand.clone()]), 1);
    assert_eq!(out.gestures[0].phase, Phase::Begin);
    let out = p.deliver(result(2, vec![], vec![]), 2);
    assert_eq!(
        out.gestures,
        vec![GestureEvent {
            phase: Phase::End,
            ..one_hand
        }]
    );
    let out = p.deliver(result(2, vec![], vec![]), 2);
    assert!(out.gestures.is_empty());
}

#[test]
fn an_unchanged_fresh_result_is_passed_through() {
    let mut p = EventPhases::default();
    let first = result(
        1,
        vec![face(1, &[(FaceEventKind::Smile, Phase::Begin)])],
        vec![],
    );
    let out = p.deliver(Arc::clone(&first), 1);
    assert!(Arc::ptr_eq(&out, &first));
    let second = result(
        2,
        vec![face(1, &[(FaceEventKind::Smile, Phase::Stay)])],
        vec![],
    );
    let out = p.deliver(Arc::clone(&second), 2);
    assert!(Arc::ptr_eq(&out, &second));
}
