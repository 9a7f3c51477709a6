//! The two example games, driven by recorded tracking tapes through the real engine (scene,
//! triggers, QuickJS script, renderer), asserting the game state the scripts keep in their text
//! layers and the hot-zones they publish.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use std::path::Path;

use lantern_engine::render::{FrameData, PixelFormat};
use lantern_engine::schema::Package;
use lantern_engine::script::HostEvent;
use lantern_engine::tape::Tape;
use lantern_engine::{CameraFrame, EffectPlayer, PlayerInput, PlayerOptions};
use lantern_integration_tests::repo_root;

struct Game {
    player: EffectPlayer,
    tape: Tape,
    camera: Vec<u8>,
    index: u64,
}

impl Game {
    fn new(example: &str, tape: &str) -> Self {
        let dir = repo_root().join("examples").join(example);
        let package = Package::open(&dir).unwrap();
        let player = EffectPlayer::new(package, &PlayerOptions::default()).unwrap();
        let tape = Tape::read(&Path::new(&dir).join("tapes").join(tape)).unwrap();
        Self {
            player,
            tape,
            camera: vec![90; 1280 * 720 * 4],
            index: 0,
        }
    }

    /// Plays frames up to and including `last`, with `events` on the first of them.
    fn play_to(&mut self, last: u64, events: &[HostEvent]) -> FrameData {
        let mut out = None;
        while self.index <= last {
            let t = self.tape.at(self.index).cloned();
            let ev = if out.is_none() { events } else { &[] };
            let input = PlayerInput {
                index: self.index,
                camera: CameraFrame {
                    width: 1280,
                    height: 720,
                    rgba: &self.camera,
                },
                tracking: t.as_ref(),
                events: ev,
            };
            out = Some(self.player.frame(&input, PixelFormat::Rgba).unwrap());
            self.index += 1;
        }
        for line in self.player.drain_logs() {
            assert!(
                !matches!(line.level, lantern_engine::script::LogLevel::Error),
                "script error at frame {}: {}",
                line.frame,
                line.message
            );
        }
        out.unwrap()
    }

    fn text(&self, layer: &str) -> String {
        self.player
            .scene()
            .layer(layer)
            .and_then(|l| l.text.clone())
            .unwrap_or_default()
    }

    fn visible(&self, layer: &str) -> bool {
        self.player.scene().layer(layer).is_some_and(|l| l.visible)
    }
}

fn score(text: &str) -> u32 {
    text.trim_start_matches("Score: ")
        .parse()
        .unwrap_or_else(|_| panic!("score text {text:?}"))
}

#[test]
fn face_bird_scores_crashes_and_restarts_on_mouth_open() {
    let mut g = Game::new("face-bird", "fly.jsonl");
    g.play_to(270, &[]);
    assert_eq!(g.text("score"), "Score: 3");
    assert!(!g.visible("gameOver"));
    g.play_to(300, &[]);
    assert_eq!(g.text("score"), "Score: 3");
    assert!(
        g.visible("gameOver"),
        "the bird hit a pipe when the nose went up"
    );
    g.play_to(419, &[]);
    assert_eq!(g.text("score"), "Score: 0", "an open mouth restarts");
    assert!(!g.visible("gameOver"));
}

#[test]
fn red_packets_are_caught_by_an_open_hand_and_are_hot_zones() {
    let mut g = Game::new("red-packet-rain", "sweep.jsonl");
    let frame = g.play_to(100, &[]);
    let packets: Vec<_> = frame
        .hotzones
        .iter()
        .filter(|z| z.kind == "redPacket")
        .collect();
    assert!(
        !packets.is_empty(),
        "packets are hot-zones: {:?}",
        frame.hotzones
    );
    assert!(packets.iter().all(|z| z.payload.get("message").is_some()));
    g.play_to(359, &[]);
    let n = score(&g.text("score"));
    assert!(n >= 10, "the sweeping palm caught only {n}");
}

#[test]
fn a_viewer_tap_catches_a_packet_and_time_runs_out() {
    let mut g = Game::new("red-packet-rain", "idle.jsonl");
    g.play_to(59, &[]);
    assert_eq!(score(&g.text("score")), 0);
    let tap = HostEvent::Tap {
        zone_id: "packet0".into(),
        payload: serde_json::Value::Null,
    };
    g.play_to(60, &[tap]);
    assert_eq!(g.text("score"), "Score: 1", "the tap caught packet0");
    g.play_to(905, &[]);
    assert!(g.visible("gameOver"));
    assert_eq!(g.text("timer"), "0");
    g.play_to(961, &[]);
    assert!(!g.visible("gameOver"), "an open mouth starts a new round");
    assert_eq!(g.text("timer"), "30");
}
