#![allow(clippy::float_cmp)] // colours are copied from parent to child, never computed

use effect_schema::format::Layer;
use effect_schema::tracking::{Face, Rect, TrackingFrame};
use effect_schema::vocab::FaceAnchor;

use super::super::state::Burst;
use super::path::{Forces, Spark};
use super::*;

fn layer(extra: &serde_json::Value) -> ParticlesLayer {
    let mut json = serde_json::json!({
        "type": "particles", "id": "p", "sprite": "s",
        "placement": { "position": { "x": 0.5, "y": 0.5 }, "width": 0.2 },
        "rate": 10, "burst": 50, "maxParticles": 1000,
        "lifetime": { "min": 1, "max": 2 }, "speed": { "min": 0.1, "max": 0.2 },
        "spread": 30, "gravity": { "x": 0, "y": 0.5 }, "size": { "min": 0.01, "max": 0.02 },
        "fade": 0.5
    });
    if let (Some(o), Some(extra)) = (json.as_object_mut(), extra.as_object()) {
        o.extend(extra.clone());
    }
    match serde_json::from_value(json).unwrap() {
        Layer::Particles(p) => p,
        _ => unreachable!(),
    }
}

fn state(l: &ParticlesLayer) -> LayerState {
    LayerState::new(&Layer::Particles(l.clone()))
}

const PLACE: EmitterPlace = EmitterPlace {
    origin: Point2 { x: 640.0, y: 360.0 },
    width: 256.0,
    frame: [1280.0, 720.0],
};

fn burst(s: &mut LayerState, start: f64, count: u32, serial: u64) {
    s.bursts.push(Burst {
        start,
        count,
        at: None,
        serial,
    });
}

#[test]
fn deterministic_bounded_and_bursts_die() {
    let l = layer(&serde_json::json!({}));
    let mut s = state(&l);
    let a = simulate(&l, &s, &PLACE, 7, 3.0, 10_000);
    assert_eq!(a, simulate(&l, &s, &PLACE, 7, 3.0, 10_000));
    // 10/s with 1-2 s lifetimes: between 10 and 21 alive.
    assert!((10..=21).contains(&a.len()), "{}", a.len());
    burst(&mut s, 3.0, 50, 1);
    assert_eq!(simulate(&l, &s, &PLACE, 7, 3.0, 10_000).len(), a.len() + 50);
    assert_eq!(simulate(&l, &s, &PLACE, 7, 3.0, 5).len(), 5);
    step(&l, &mut s, 6.0, &TrackingFrame::default());
    assert!(s.bursts.is_empty());
}

#[test]
fn drag_matches_a_fine_numerical_integration() {
    let forces = Forces {
        gravity: [30.0, 400.0],
        drag: 2.5,
    };
    let spark = Spark {
        origin: Point2 { x: 10.0, y: 20.0 },
        velocity: [300.0, -900.0],
        life: 2.0,
        size: 1.0,
        rotation: 0.0,
        spin: 0.0,
        color: 0,
        child: false,
    };
    let (mut p, mut v) = ([10.0f64, 20.0], [300.0f64, -900.0]);
    let dt = 1e-5;
    for _ in 0..(1.5 / dt) as usize {
        for i in 0..2 {
            let a = f64::from(forces.gravity[i]) - 2.5 * v[i];
            p[i] += v[i] * dt + 0.5 * a * dt * dt;
            v[i] += a * dt;
        }
    }
    let at = spark.position(&forces, 1.5);
    let vel = spark.velocity(&forces, 1.5);
    assert!((f64::from(at.x) - p[0]).abs() < 0.2 && (f64::from(at.y) - p[1]).abs() < 0.2);
    assert!((f64::from(vel[0]) - v[0]).abs() < 0.2 && (f64::from(vel[1]) - v[1]).abs() < 0.2);
    // A whisper of drag is (nearly) ballistics.
    let light = Forces {
        drag: 1e-7,
        ..forces
    };
    let none = Forces {
        drag: 0.0,
        ..forces
    };
    let (a, b) = (spark.position(&light, 1.5), spark.position(&none, 1.5));
    assert!(
        (a.x - b.x).abs() < 1e-2 && (a.y - b.y).abs() < 1e-2,
        "{a:?} {b:?}"
    );
}

#[test]
fn shells_burst_into_children_where_they_die_in_their_colour() {
    let l = layer(&serde_json::json!({
        "rate": 0, "lifetime": { "min": 1, "max": 1 }, "colors": ["#ff0000", "#00ff00"],
        "explode": { "count": 20, "speed": { "min": 0.2, "max": 0.3 },
                     "lifetime": { "min": 0.5, "max": 0.5 }, "size": { "min": 0.01, "max": 0.01 } }
    }));
    let mut s = state(&l);
    burst(&mut s, 0.0, 3, 1);
    let shells = simulate(&l, &s, &PLACE, 7, 0.999, 1000);
    assert_eq!(shells.len(), 3);
    assert!(shells.iter().all(|p| !p.child));
    let just_after = simulate(&l, &s, &PLACE, 7, 1.0001, 1000);
    assert_eq!(just_after.len(), 60);
    for (shell, sparks) in shells.iter().zip(just_after.chunks(20)) {
        for c in sparks {
            assert!(c.child && c.tint == shell.tint, "{c:?} {shell:?}");
            let d = (c.position.x - shell.position.x).hypot(c.position.y - shell.position.y);
            assert!(d < 3.0, "{d}");
        }
    }
    assert!(simulate(&l, &s, &PLACE, 7, 1.6, 1000).is_empty());
    // Children count against the budget.
    assert_eq!(simulate(&l, &s, &PLACE, 7, 1.2, 25).len(), 25);
}

#[test]
fn trails_follow_the_path_and_give_way_to_particles_in_the_budget() {
    let l = layer(&serde_json::json!({
        "rate": 0, "fade": 0, "trail": { "count": 4, "spacing": 0.05, "tail": 0.25 }
    }));
    let mut s = state(&l);
    burst(&mut s, 0.0, 10, 1);
    let all = simulate(&l, &s, &PLACE, 7, 0.5, 1000);
    assert_eq!(all.len(), 50);
    // Heads last; the copy right behind a head is where the head was 0.05 s ago.
    let heads = &all[40..];
    let before = simulate(&l, &s, &PLACE, 7, 0.45, 1000);
    for h in &before[40..] {
        let near = |c: &Particle| {
            (c.position.x - h.position.x).abs() < 0.01 && (c.position.y - h.position.y).abs() < 0.01
        };
        assert!(all[..40].iter().any(near), "{h:?}");
    }
    let last = all[0];
    assert!((last.opacity - 0.25).abs() < 1e-5 && (last.age - 0.3).abs() < 1e-5);
    assert_eq!(heads, &simulate(&l, &s, &PLACE, 7, 0.5, 10)[..]);
    // 15 sprites: every particle and the nearest copy of half of them.
    let tight = simulate(&l, &s, &PLACE, 7, 0.5, 15);
    assert_eq!(tight.len(), 15);
    assert!(tight[..5].iter().all(|c| (c.age - 0.45).abs() < 1e-5));
}

#[test]
fn over_life_curves_shape_size_opacity_and_tint() {
    let l = layer(&serde_json::json!({
        "rate": 0, "fade": 0, "lifetime": { "min": 2, "max": 2 }, "colors": ["#ff8000"],
        "overLife": {
            "size": [{ "time": 0, "value": 1 }, { "time": 1, "value": 0 }],
            "opacity": [{ "time": 0.5, "value": 1 }, { "time": 1, "value": 0 }],
            "tint": [{ "time": 0, "value": "#ffffff" }, { "time": 1, "value": "#000000" }]
        }
    }));
    let mut s = state(&l);
    burst(&mut s, 0.0, 1, 1);
    let young = simulate(&l, &s, &PLACE, 7, 0.0, 10)[0];
    let mid = simulate(&l, &s, &PLACE, 7, 1.5, 10)[0];
    assert!((mid.size - young.size * 0.25).abs() < 1e-3);
    assert!((young.opacity - 1.0).abs() < 1e-6 && (mid.opacity - 0.5).abs() < 1e-5);
    assert!((mid.tint[0] - 0.25).abs() < 1e-3 && (mid.tint[1] - 0.25 * 128.0 / 255.0).abs() < 1e-3);
}

fn face_at(x: f32) -> TrackingFrame {
    let mut face = Face {
        bbox: Rect {
            x,
            y: 100.0,
            w: 200.0,
            h: 200.0,
        },
        ..Face::default()
    };
    face.anchors
        .insert(FaceAnchor::NoseTip, Point2 { x, y: 200.0 });
    TrackingFrame {
        faces: vec![face],
        ..TrackingFrame::default()
    }
}

#[test]
fn a_following_emitter_emits_where_the_point_was_and_not_without_it() {
    let l = layer(&serde_json::json!({
        "rate": 30, "follow": { "face": { "anchor": "noseTip" } },
        "speed": { "min": 0, "max": 0 }, "gravity": { "x": 0, "y": 0 }, "fade": 0
    }));
    let place = EmitterPlace {
        width: 0.0,
        ..PLACE
    };
    let mut s = state(&l);
    // The nose moves right 10 px a frame for a second, then the face is lost.
    for i in 0..=30 {
        let now = f64::from(i) / 30.0;
        step(&l, &mut s, now, &face_at(100.0 + 10.0 * i as f32));
    }
    let live = simulate(&l, &s, &place, 7, 1.0, 1000);
    assert_eq!(live.len(), 31);
    // Each particle stays where the nose was when it was born.
    for p in &live {
        let born = 1.0 - p.age;
        assert!((p.position.x - (100.0 + 300.0 * born)).abs() < 0.1, "{p:?}");
    }
    for i in 31..=45 {
        step(&l, &mut s, f64::from(i) / 30.0, &TrackingFrame::default());
    }
    // Born after the face was lost (1 s to 1.5 s): none of them.
    let later = simulate(&l, &s, &place, 7, 1.5, 1000);
    assert!(later.iter().all(|p| p.age > 0.5 - 1e-3), "{later:?}");
    // A burst takes the point where it is when it fires.
    burst(&mut s, 1.5 + 1.0 / 30.0, 5, 9);
    step(&l, &mut s, 1.5 + 1.0 / 30.0, &face_at(900.0));
    assert_eq!(s.bursts[0].at, Some(Point2 { x: 900.0, y: 200.0 }));
}
