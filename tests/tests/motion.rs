//! Animation and sound through the real engine: the flower-text example (a trigger shows the
//! greeting, starts its clips and a sound) and a script that animates and plays sounds itself.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use lantern_engine::render::PixelFormat;
use lantern_engine::scene::SoundCue;
use lantern_engine::schema::format::{Asset, Effect, FileAsset};
use lantern_engine::schema::package::{Limits, PackageParts};
use lantern_engine::script::{HostEvent, LogEntry};
use lantern_engine::{CameraFrame, EffectPlayer, PlayerInput, PlayerOptions};
use lantern_integration_tests::repo_root;

const SCRIPT: &str = r"
lantern.on('command', (e) => {
  if (e.name === 'pop') {
    lantern.getLayer('ribbon').visible = true;
    lantern.getLayer('ribbon').animate('unfurl');
    lantern.audio.play('jingle', { volume: 0.5, loop: true });
  }
  if (e.name === 'quiet') lantern.audio.stop('jingle');
  if (e.name === 'bad') {
    lantern.getLayer('ribbon').animate('nope');
    lantern.audio.play('nope');
  }
});
";

fn player() -> EffectPlayer {
    let dir = repo_root().join("examples/flower-text");
    let mut effect: Effect =
        serde_json::from_slice(&std::fs::read(dir.join("effect.json")).unwrap()).unwrap();
    effect.assets.push(Asset::Script(FileAsset {
        id: "game".into(),
        path: "game.js".into(),
    }));
    effect.script = Some("game".into());
    let package = PackageParts::new()
        .over_dir(&dir)
        .file("game.js", SCRIPT.as_bytes().to_vec())
        .effect(&effect)
        .unwrap()
        .open(&Limits::default())
        .unwrap();
    let options = PlayerOptions {
        width: 320,
        height: 180,
        ..PlayerOptions::default()
    };
    EffectPlayer::new(package, &options).unwrap()
}

/// Steps frame `index` with `command` (if any); returns the sounds it started or stopped.
fn step(player: &mut EffectPlayer, index: u64, command: Option<&str>) -> Vec<SoundCue> {
    let camera = vec![80u8; 320 * 180 * 4];
    let events: Vec<HostEvent> = command
        .map(|name| HostEvent::Command {
            name: name.into(),
            args: serde_json::Value::Null,
        })
        .into_iter()
        .collect();
    let input = PlayerInput {
        index,
        camera: CameraFrame {
            width: 320,
            height: 180,
            rgba: &camera,
        },
        tracking: None,
        events: &events,
    };
    player.frame(&input, PixelFormat::Rgba).unwrap();
    player.scene().report().sounds.clone()
}

fn logs(player: &mut EffectPlayer) -> String {
    let lines: Vec<LogEntry> = player.drain_logs();
    lines
        .iter()
        .map(|l| l.message.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_trigger_starts_clips_and_a_sound_on_its_own_frame() {
    let mut p = player();
    assert!(step(&mut p, 0, None).is_empty());
    assert!(p.scene().layer("greeting").unwrap().clip.is_none());
    let cues = step(&mut p, 1, Some("greet"));
    assert_eq!(
        cues,
        vec![SoundCue::Play {
            sound: "jingle".into(),
            volume: 0.9,
            looping: false
        }]
    );
    let greeting = p.scene().layer("greeting").unwrap();
    assert!(greeting.visible);
    let clip = greeting.clip.unwrap();
    assert!(
        (clip.start - 1.0 / 30.0).abs() < 1e-9,
        "started on frame 1: {clip:?}"
    );
    assert!(
        step(&mut p, 2, None).is_empty(),
        "a cue belongs to one frame"
    );
    // The hint's autoplay clip has run since the start.
    assert!(p.scene().layer("hint").unwrap().clip.is_some());
}

#[test]
fn scripts_animate_layers_and_play_sounds() {
    let mut p = player();
    step(&mut p, 0, None);
    let cues = step(&mut p, 1, Some("pop"));
    assert_eq!(
        cues,
        vec![SoundCue::Play {
            sound: "jingle".into(),
            volume: 0.5,
            looping: true
        }]
    );
    assert!(p.scene().layer("ribbon").unwrap().clip.is_some());
    assert_eq!(
        step(&mut p, 2, Some("quiet")),
        vec![SoundCue::Stop {
            sound: "jingle".into()
        }]
    );
    assert!(step(&mut p, 3, Some("bad")).is_empty());
    let log = logs(&mut p);
    assert!(
        log.contains("layer 'ribbon' has no animation 'nope'; its animations: unfurl"),
        "{log}"
    );
    assert!(
        log.contains(
            "lantern.audio.play('nope'): no audio asset 'nope' in the package; its sounds: jingle"
        ),
        "{log}"
    );
}

#[test]
fn the_studio_can_hold_play_and_stop_a_clip() {
    let mut p = player();
    step(&mut p, 0, None);
    let scene = p.scene_mut();
    scene.pose_animation("greeting", "flyIn", 0.3).unwrap();
    let held = scene.layer("greeting").unwrap().clip.unwrap();
    assert_eq!(held.held_at, Some(0.3));
    scene.play_animation("greeting", "flyIn", 30).unwrap();
    assert!((scene.layer("greeting").unwrap().clip.unwrap().start - 1.0).abs() < 1e-9);
    scene.stop_animation("greeting").unwrap();
    assert!(scene.layer("greeting").unwrap().clip.is_none());
    let err = scene.play_animation("greeting", "spin", 0).unwrap_err();
    assert!(
        err.contains("has no animation \"spin\"; its animations: flyIn"),
        "{err}"
    );
    let err = scene.stop_animation("ghost").unwrap_err();
    assert!(err.contains("has no layer \"ghost\""), "{err}");
}
