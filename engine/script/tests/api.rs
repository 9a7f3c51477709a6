//! The scene API: handles, commands, events, determinism, console.

mod common;

use common::{Host, sources};
use effect_schema::tracking::{Face, FaceEvent, GestureEvent, TrackingFrame};
use effect_schema::vocab::{FaceEventKind, Gesture, Handedness, Phase};
use lantern_script::{HostEvent, LogLevel, SceneCommand, ScriptConfig, Transform};

#[test]
fn setters_record_commands_and_getters_see_own_writes() {
    let src = r"
lantern.on('update', () => {
  const ball = lantern.getLayer('ball');
  ball.x = 10; ball.y = 20; ball.rotation = 45;
  ball.opacity = 2;
  ball.visible = false;
  lantern.getLayer('score').text = 'Score: ' + (ball.x + ball.y);
  ball.moveBy(1, 1).setScale(2);
  console.log(ball.x, ball.y, ball.scaleX, ball.opacity, ball.visible, lantern.getLayer('nope'));
});
";
    let mut host = Host::new(src, &["ball", "score"]);
    let outcome = host.step();
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let t = Transform {
        x: 11.0,
        y: 21.0,
        scale_x: 2.0,
        scale_y: 2.0,
        rotation: 45.0,
    };
    assert_eq!(
        outcome.commands,
        vec![
            SceneCommand::SetTransform {
                id: "ball".into(),
                transform: Transform {
                    x: 10.0,
                    y: 20.0,
                    rotation: 45.0,
                    ..Transform::default()
                }
            },
            SceneCommand::SetOpacity {
                id: "ball".into(),
                opacity: 1.0
            },
            SceneCommand::SetVisible {
                id: "ball".into(),
                visible: false
            },
            SceneCommand::SetText {
                id: "score".into(),
                text: "Score: 30".into()
            },
            SceneCommand::SetTransform {
                id: "ball".into(),
                transform: t
            },
        ]
    );
    let logs = host.logs();
    assert!(
        logs[0].contains("main.js:9 11 21 2 1 false null"),
        "{logs:?}"
    );
    assert_eq!(host.layer("ball").transform, t);
}

#[test]
fn unknown_layer_write_is_an_exception_naming_the_id() {
    let mut host = Host::new(
        "lantern.on('update', () => { new Layer('x').x = 1; });",
        &[],
    );
    assert!(!host.step().errors.is_empty());
    let mut host = Host::new(
        "lantern.on('update', () => { lantern.layers(); const l = lantern.spawnSprite('a.png', 's', {}); l.destroy(); l.x = 1; });",
        &[],
    );
    let outcome = host.step();
    assert!(
        outcome.errors[0]
            .message
            .contains("no layer or sprite with id 's'"),
        "{:?}",
        outcome.errors
    );
}

#[test]
fn sprites_spawn_with_hot_zones_and_are_destroyed() {
    let src = r"
let n = 0;
lantern.on('update', (e) => {
  if (e.frame < 3) {
    const s = lantern.spawnSprite('packet.png', 'p' + n++, { x: 100 * e.frame, y: 0 }, { kind: 'redPacket', payload: { amount: 5 } });
    s.y += 10;
  }
  if (e.frame === 3) lantern.destroySprite('p0');
});
";
    let mut host = Host::new(src, &[]);
    for _ in 0..4 {
        let outcome = host.step();
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    }
    let ids: Vec<&str> = host.layers.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2"]);
    let p2 = host.layer("p2");
    assert!(
        (p2.transform.x - 200.0).abs() < f32::EPSILON
            && (p2.transform.y - 10.0).abs() < f32::EPSILON
    );
    let zone = p2.hot_zone.as_ref().expect("hot-zone");
    assert_eq!(zone.kind, "redPacket");
    assert_eq!(zone.payload, serde_json::json!({ "amount": 5 }));
    // Stopping removes what the script spawned.
    let outcome = host.runtime.stop();
    assert_eq!(outcome.commands.len(), 2);
    assert!(
        outcome
            .commands
            .iter()
            .all(|c| matches!(c, SceneCommand::DestroySprite { .. }))
    );
}

#[test]
fn sequences_particles_and_hot_zone_commands() {
    let src = r"
lantern.on('start', () => {
  const s = lantern.getLayer('seq');
  s.play({ loop: true }); s.seek(3); s.stop(); s.play({ from: 2 });
  lantern.getLayer('sparks').burst(20, { x: 5, y: 6 });
  lantern.getLayer('sparks').burst(3);
  s.hotZone = { kind: 'product', payload: 'sku-1' };
  s.hotZone = null;
});
";
    let mut host = Host::new(src, &["seq", "sparks"]);
    let outcome = host.step();
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let seq = || "seq".to_owned();
    assert_eq!(
        outcome.commands,
        vec![
            SceneCommand::PlaySequence {
                id: seq(),
                from_frame: None,
                looping: Some(true)
            },
            SceneCommand::SeekSequence {
                id: seq(),
                frame: 3
            },
            SceneCommand::StopSequence { id: seq() },
            SceneCommand::PlaySequence {
                id: seq(),
                from_frame: Some(2),
                looping: None
            },
            SceneCommand::BurstParticles {
                id: "sparks".into(),
                count: 20,
                at: Some((5.0, 6.0))
            },
            SceneCommand::BurstParticles {
                id: "sparks".into(),
                count: 3,
                at: None
            },
            SceneCommand::SetHotZone {
                id: seq(),
                hot_zone: Some(lantern_script::HotZoneSpec {
                    kind: "product".into(),
                    payload: "sku-1".into()
                }),
            },
            SceneCommand::SetHotZone {
                id: seq(),
                hot_zone: None
            },
        ]
    );
}

fn face(id: u32, events: Vec<FaceEvent>) -> Face {
    Face {
        id,
        events,
        ..Face::default()
    }
}

#[test]
fn tracking_and_host_events_reach_handlers_in_order() {
    let src = r"
const seen = [];
for (const name of ['start', 'faceFound', 'faceLost', 'expression', 'gesture', 'tap', 'command', 'update']) {
  lantern.on(name, (e) => seen.push(name + ':' + JSON.stringify(e)));
}
lantern.on('update', () => {
  const t = lantern.tracking;
  console.log(seen.join(' | '), '#', t ? t.faces.length : 'none');
  seen.length = 0;
});
";
    let mut host = Host::new(src, &[]);
    let mut t = TrackingFrame {
        width: 640,
        height: 480,
        faces: vec![face(
            7,
            vec![FaceEvent {
                kind: FaceEventKind::MouthOpen,
                phase: Phase::Begin,
            }],
        )],
        gestures: vec![GestureEvent {
            gesture: Gesture::OpenPalm,
            phase: Phase::Begin,
            hand_ids: vec![1],
            handedness: Some(Handedness::Right),
        }],
        ..TrackingFrame::default()
    };
    host.step_with(
        Some(&t),
        &[
            HostEvent::Tap {
                zone_id: "p1".into(),
                payload: serde_json::json!({ "amount": 5 }),
            },
            HostEvent::Command {
                name: "restart".into(),
                args: serde_json::Value::Null,
            },
        ],
    );
    t.faces.clear();
    t.gestures.clear();
    host.step_with(Some(&t), &[]);
    host.step_with(None, &[]);
    let logs = host.logs();
    assert_eq!(
        logs[0],
        r#"Info main.js:8 start:{} | faceFound:{"faceId":7} | expression:{"faceId":7,"kind":"mouthOpen","phase":"begin"} | gesture:{"gesture":"openPalm","phase":"begin","handIds":[1],"handedness":"right"} | tap:{"payload":{"amount":5},"zoneId":"p1"} | command:{"args":null,"name":"restart"} | update:{"dt":0.03333333333333333,"frame":0,"time":0} # 1"#
    );
    assert_eq!(
        logs[1],
        r#"Info main.js:8 faceLost:{"faceId":7} | update:{"dt":0.03333333333333333,"frame":1,"time":0.03333333333333333} # 0"#
    );
    assert!(logs[2].ends_with("# none"), "{logs:?}");
}

#[test]
fn random_and_clock_are_deterministic() {
    let src = r"
lantern.on('update', () => console.log(lantern.random(), Math.random(), Date.now(), new Date().getTime(), lantern.time));
";
    let run = |seed: u64| {
        let mut host = Host::with(
            sources(&[("main.js", src)]),
            &[],
            ScriptConfig {
                seed,
                ..ScriptConfig::default()
            },
        );
        for _ in 0..3 {
            host.step();
        }
        host.logs()
    };
    let a = run(42);
    assert_eq!(a, run(42));
    assert_ne!(a, run(43));
    assert!(a[2].ends_with(" 67 67 0.06666666666666667"), "{a:?}");
    // Numbers depend on the frame, not on how many were drawn before.
    let src2 = r"
lantern.on('update', (e) => { if (e.frame === 0) { for (let i = 0; i < 10; i++) Math.random(); } if (e.frame === 2) console.log(lantern.random()); });
";
    let mut host = Host::with(
        sources(&[("main.js", src2)]),
        &[],
        ScriptConfig {
            seed: 42,
            ..ScriptConfig::default()
        },
    );
    for _ in 0..3 {
        host.step();
    }
    let first_of_frame2 = a[2].split(' ').nth(2).expect("number");
    assert!(
        host.logs()[0].ends_with(first_of_frame2),
        "{first_of_frame2}"
    );
}

#[test]
fn modules_import_package_files() {
    let files = sources(&[
        (
            "main.js",
            "import { speed } from './lib/physics.js';\nlantern.on('update', () => { lantern.getLayer('b').x += speed(); });",
        ),
        (
            "lib/physics.js",
            "import { base } from '../constants.js';\nexport function speed() { return base * 2; }",
        ),
        ("constants.js", "export const base = 3;"),
    ]);
    let mut host = Host::with(files, &["b"], ScriptConfig::default());
    host.step();
    host.step();
    assert!((host.layer("b").transform.x - 12.0).abs() < f32::EPSILON);
}

#[test]
fn log_sink_sees_levels_and_locations() {
    let mut host = Host::new(
        "console.warn('top');\nlantern.on('update', () => console.error({ a: 1 }));",
        &[],
    );
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = seen.clone();
    host.runtime.set_log_sink(Box::new(move |e| {
        sink.borrow_mut()
            .push((e.level, e.location.clone(), e.message.clone()));
    }));
    host.step();
    assert_eq!(
        *seen.borrow(),
        vec![(
            LogLevel::Error,
            Some("main.js:2".to_owned()),
            r#"{"a":1}"#.to_owned()
        )]
    );
    let buffered = host.runtime.drain_logs();
    assert_eq!(buffered[0].level, LogLevel::Warn);
    assert_eq!(buffered[0].location.as_deref(), Some("main.js:1"));
}
