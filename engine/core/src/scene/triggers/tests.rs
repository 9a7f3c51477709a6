use effect_schema::format::{Action, Hysteresis, Trigger, When};
use effect_schema::tracking::{Hand, TrackingFrame};
use effect_schema::vocab::{Gesture, Handedness, Phase};
use lantern_script::HostEvent;

use super::{TriggerInput, TriggerRunner};

fn trigger(when: When, cooldown: f32) -> Trigger {
    Trigger {
        id: "t".into(),
        when,
        cooldown,
        hysteresis: Hysteresis {
            begin_frames: 3,
            end_frames: 2,
        },
        actions: vec![Action::Show { layer: "x".into() }],
    }
}

fn hand(gesture: Option<Gesture>) -> TrackingFrame {
    TrackingFrame {
        hands: vec![Hand {
            id: 1,
            score: 1.0,
            handedness: Handedness::Right,
            bbox: effect_schema::tracking::Rect::default(),
            landmarks: Vec::new(),
            gesture,
        }],
        ..TrackingFrame::default()
    }
}

fn run(triggers: &[Trigger], frames: &[Option<Gesture>]) -> Vec<usize> {
    let mut runner = TriggerRunner::new(triggers);
    let mut fired_at = Vec::new();
    for (i, g) in frames.iter().enumerate() {
        let t = hand(*g);
        let input = TriggerInput {
            time: i as f64 / 30.0,
            tracking: Some(&t),
            events: &[],
        };
        if !runner.step(triggers, &input).is_empty() {
            fired_at.push(i);
        }
    }
    fired_at
}

#[test]
fn a_held_gesture_begins_once_after_hysteresis_and_ends_after_it_is_gone() {
    let heart = Some(Gesture::OpenPalm);
    let begin = trigger(
        When::Gesture {
            gesture: Gesture::OpenPalm,
            hand: effect_schema::format::HandSelect::Any,
            phase: Phase::Begin,
        },
        0.0,
    );
    // Flicker (2 frames) does not begin; 3 held frames begin once; a 1-frame gap does not end.
    let frames = [
        heart, heart, None, heart, heart, heart, heart, None, heart, heart,
    ];
    assert_eq!(run(std::slice::from_ref(&begin), &frames), vec![5]);
    let mut end = begin.clone();
    end.when = When::Gesture {
        gesture: Gesture::OpenPalm,
        hand: effect_schema::format::HandSelect::Any,
        phase: Phase::End,
    };
    let frames = [heart, heart, heart, None, None, None];
    assert_eq!(run(&[end], &frames), vec![4]);
}

#[test]
fn cooldown_and_timer_and_host_events() {
    let stay = trigger(
        When::Gesture {
            gesture: Gesture::Fist,
            hand: effect_schema::format::HandSelect::Left,
            phase: Phase::Stay,
        },
        0.0,
    );
    // Wrong hand: never fires.
    assert!(run(&[stay], &[Some(Gesture::Fist); 10]).is_empty());

    let timer = trigger(
        When::Timer {
            every: 1.0,
            after: 0.5,
        },
        0.0,
    );
    let mut runner = TriggerRunner::new(std::slice::from_ref(&timer));
    let fired: Vec<usize> = (0..100)
        .filter(|i| {
            let input = TriggerInput {
                time: f64::from(*i) / 30.0,
                tracking: None,
                events: &[],
            };
            !runner.step(std::slice::from_ref(&timer), &input).is_empty()
        })
        .map(|i| i as usize)
        .collect();
    assert_eq!(fired, vec![15, 45, 75]);

    let tap = trigger(
        When::Tap {
            layer: Some("packet".into()),
        },
        10.0,
    );
    let mut runner = TriggerRunner::new(std::slice::from_ref(&tap));
    let ev = |id: &str| HostEvent::Tap {
        zone_id: id.into(),
        payload: serde_json::Value::Null,
    };
    let step = |runner: &mut TriggerRunner, t: f64, events: &[HostEvent]| {
        let input = TriggerInput {
            time: t,
            tracking: None,
            events,
        };
        runner.step(std::slice::from_ref(&tap), &input).len()
    };
    assert_eq!(step(&mut runner, 0.0, &[ev("other")]), 0);
    assert_eq!(step(&mut runner, 0.1, &[ev("packet.1")]), 1);
    assert_eq!(step(&mut runner, 0.2, &[ev("packet")]), 0, "cooldown");
    assert_eq!(step(&mut runner, 10.2, &[ev("packet")]), 1);
}

/// `Lost` needs no tracker event (a face that is gone has no entry to carry one): it begins
/// once a face that was present has been gone for the hysteresis, and never before a face was
/// seen.
#[test]
fn a_face_found_then_lost_fires_found_then_lost() {
    use effect_schema::tracking::Face;
    use effect_schema::vocab::FaceEventKind;
    let on = |kind| {
        trigger(
            When::Face {
                event: kind,
                phase: Phase::Begin,
                face: None,
            },
            0.0,
        )
    };
    let triggers = [on(FaceEventKind::Found), on(FaceEventKind::Lost)];
    let mut runner = TriggerRunner::new(&triggers);
    let face = TrackingFrame {
        faces: vec![Face {
            id: 1,
            ..Face::default()
        }],
        ..TrackingFrame::default()
    };
    let empty = TrackingFrame::default();
    // 5 frames without a face, 6 with, 6 without.
    let frames: Vec<&TrackingFrame> = [[&empty; 5].as_slice(), &[&face; 6], &[&empty; 6]].concat();
    let mut fired = Vec::new();
    for (i, t) in frames.iter().enumerate() {
        let input = TriggerInput {
            time: i as f64 / 30.0,
            tracking: Some(t),
            events: &[],
        };
        for k in runner.step(&triggers, &input) {
            fired.push((i, triggers[k].when.clone()));
        }
    }
    let at: Vec<(usize, bool)> = fired
        .iter()
        .map(|(i, w)| {
            (
                *i,
                matches!(
                    w,
                    When::Face {
                        event: FaceEventKind::Found,
                        ..
                    }
                ),
            )
        })
        .collect();
    // Each begins on its third frame (`begin_frames: 3`).
    assert_eq!(at, vec![(7, true), (13, false)], "{fired:?}");
}
