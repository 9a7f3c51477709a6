//! A live room with the real binaries: `lantern hub serve` opens a room; `lantern push` plays
//! red-packet-rain to nginx-rtmp and joins the room (`--room`); a viewer (this test) reads the
//! stream's hot-zones with `lantern probe`, as a player reads the SEI, and taps a falling red
//! packet at its pts: caught, paid once; a forged tap is refused. Likes, a rocket and "666" in
//! chat reach the effect: its `likes:100`, `gift:rocket` and `chat:666` triggers fire and the
//! script hears the catch (the push's control events say so). The ledger holds the award.

#![allow(
    clippy::unwrap_used,
    reason = "a test: a failure is the test's failure"
)]

use std::io::{BufRead as _, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, sync_channel};
use std::time::{Duration, Instant};

use lantern_control::Client;
use lantern_control::messages::Event;
use lantern_integration_tests::{lantern_bin, repo_root};
use lantern_library::HubClient;
use lantern_library::room::NewRoom;
use lantern_testing::{HubServer, RtmpServer};
use serde_json::{Value, json};
use tungstenite::client::IntoClientRequest as _;
use tungstenite::{Message, WebSocket};

/// Kills the child on drop (a failed assertion must not leave a push running).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn viewers_catch_red_packets_and_the_effect_hears_the_room() {
    let data = tempfile::tempdir().unwrap();
    let photos = data.path().join("no-photos");
    std::fs::create_dir_all(&photos).unwrap();
    let bin = lantern_bin().to_str().unwrap();
    let hub = HubServer::start(
        &[bin, "hub"],
        data.path(),
        &["--photos", photos.to_str().unwrap()],
    )
    .unwrap();
    let host = hub.token("host", "hana");
    let client = HubClient::new(hub.url(), Some(host));
    let room = client
        .create_room(&NewRoom {
            name: "Rain".into(),
            gifts: None,
            hls: None,
        })
        .unwrap();
    let server = RtmpServer::start().unwrap();
    // A free port for the push's control API (ours until the push binds it).
    let control = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let effect = repo_root().join("examples/red-packet-rain");
    let control_addr = format!("127.0.0.1:{control}");
    let args = [
        "push",
        "--effect",
        effect.to_str().unwrap(),
        "--input",
        "pattern",
        "--url",
        &server.url(),
        "--key",
        "rain",
        "--size",
        "640x360",
        "--duration",
        "60",
        "--no-tracking",
        "--room",
        &room.push_url,
        "--room-token",
        &room.room_token,
        "--control",
        &control_addr,
    ];
    let log = data.path().join("push.log");
    let mut push = Killed(
        Command::new(bin)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    let mut events = connect_control(&format!("ws://{control_addr}"), &mut push, &log);
    let zones = probe(bin, &format!("{}/rain", server.url()));

    let mut viewer = Viewer::join(hub.url(), &room.room.id);
    let (pts, zone, x, y) = falling_packet(&zones).unwrap_or_else(|| {
        let status = push.0.try_wait().unwrap();
        panic!(
            "no red packet in the stream; the push ({status:?}):\n{}",
            std::fs::read_to_string(&log).unwrap()
        )
    });
    let caught = viewer.tap(1, &zone, pts, x, y);
    assert_eq!(caught["outcome"], "caught", "{caught}");
    assert!(caught["award"]["amount"].as_f64().unwrap() >= 1.0);
    assert_eq!(viewer.tap(2, &zone, pts, x, y)["outcome"], "already");
    assert_eq!(
        viewer.tap(3, &zone, pts, x + 400.0, y)["outcome"],
        "refused"
    );
    assert_eq!(viewer.tap(4, "packet9999", pts, x, y)["outcome"], "refused");

    for _ in 0..11 {
        viewer.send(&json!({"type": "like", "count": 10}));
        std::thread::sleep(Duration::from_millis(550));
    }
    viewer.send(&json!({"type": "gift", "seq": 5, "gift": "rocket"}));
    viewer.send(&json!({"type": "chat", "seq": 6, "text": "666 666"}));

    the_effect_hears(&mut events, &zone);
    let ledger = HubClient::new(hub.url(), Some(room.room_token.clone()))
        .ledger(&room.room.id)
        .unwrap();
    assert_eq!(ledger.awards.len(), 1);
    assert_eq!(ledger.awards[0].zone, zone);
}

/// The effect's `likes:100`, `gift:rocket` and `chat:666` triggers fire, and its script logs the
/// viewer's catch of `zone` (the push's control events).
fn the_effect_hears(events: &mut Client, zone: &str) {
    let mut want = vec!["likes", "rocket", "chant", "console"];
    let end = Instant::now() + Duration::from_secs(30);
    while !want.is_empty() && Instant::now() < end {
        match events.next_event().unwrap() {
            Event::TriggerFired { trigger, .. } => want.retain(|w| *w != trigger),
            Event::Console { message, .. } if message.contains(&format!("caught {zone}")) => {
                want.retain(|w| *w != "console");
            }
            _ => {}
        }
    }
    assert!(want.is_empty(), "the effect never heard: {want:?}");
}

/// The push's control API, once it listens; fails at once, with the push's log, if it exits.
fn connect_control(url: &str, push: &mut Killed, log: &std::path::Path) -> Client {
    let end = Instant::now() + Duration::from_mins(1);
    loop {
        if let Some(status) = push.0.try_wait().unwrap() {
            panic!(
                "the push exited ({status}):\n{}",
                std::fs::read_to_string(log).unwrap()
            );
        }
        match Client::connect(url, None) {
            Ok(c) => return c,
            Err(e) if Instant::now() > end => panic!("the push's control API: {e}"),
            Err(_) => std::thread::sleep(Duration::from_millis(200)),
        }
    }
}

/// The stream's frames as a player reads them: one SEI payload per line from `lantern probe`
/// (started again while the stream is not up yet: a player retries too).
fn probe(bin: &str, url: &str) -> Receiver<Value> {
    let (bin, url) = (bin.to_owned(), url.to_owned());
    let (tx, rx) = sync_channel(4096);
    std::thread::Builder::new()
        .name("probe".into())
        .spawn(move || {
            let end = Instant::now() + Duration::from_mins(1);
            while Instant::now() < end {
                let mut child = Command::new(&bin)
                    .args(["probe", &url, "--duration", "20", "--timeout", "30"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                let out = child.stdout.take().unwrap();
                let mut frames = 0;
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    if let Ok(v) = serde_json::from_str::<Value>(&line)
                        && v["sei"].is_object()
                    {
                        frames += 1;
                        if tx.try_send(v["sei"].clone()).is_err() {
                            break;
                        }
                    }
                }
                let _ = child.kill();
                let _ = child.wait();
                if frames > 0 {
                    return;
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        })
        .unwrap();
    rx
}

/// The first red packet fully in the picture: (pts, zone id, centre x, centre y).
fn falling_packet(frames: &Receiver<Value>) -> Option<(i64, String, f32, f32)> {
    loop {
        let sei = frames.recv_timeout(Duration::from_mins(1)).ok()?;
        for z in sei["zones"].as_array().unwrap() {
            let rect = &z["rect"];
            let at = |k: &str| rect[k].as_f64().unwrap() as f32;
            if z["kind"] == "redPacket" && at("y") > 0.0 {
                let id = z["id"].as_str().unwrap().to_owned();
                let centre = (at("x") + at("w") / 2.0, at("y") + at("h") / 2.0);
                return Some((sei["pts"].as_i64().unwrap(), id, centre.0, centre.1));
            }
        }
    }
}

struct Viewer(WebSocket<TcpStream>);

impl Viewer {
    fn join(hub: &str, room: &str) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let response = agent
            .post(format!("{hub}/api/rooms/{room}/join"))
            .send_empty()
            .unwrap();
        let cookie = response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let url = format!(
            "{}/api/rooms/{room}/ws",
            hub.replacen("http://", "ws://", 1)
        );
        let mut request = url.into_client_request().unwrap();
        request
            .headers_mut()
            .insert("cookie", cookie.parse().unwrap());
        let port = request.uri().port_u16().unwrap();
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let (ws, _) = tungstenite::client::client(request, stream).unwrap();
        Self(ws)
    }

    fn send(&mut self, v: &Value) {
        self.0.send(Message::text(v.to_string())).unwrap();
    }

    /// Taps; retried while the hub has not yet received the frame the probe saw.
    fn tap(&mut self, seq: u64, zone: &str, pts: i64, x: f32, y: f32) -> Value {
        for _ in 0..20 {
            self.send(
                &json!({"type": "tap", "seq": seq, "zone": zone, "pts": pts, "x": x, "y": y}),
            );
            let answer = loop {
                let Message::Text(t) = self.0.read().unwrap() else {
                    continue;
                };
                let v: Value = serde_json::from_str(&t).unwrap();
                if v["seq"] == seq && v["type"] != "room" {
                    break v;
                }
            };
            let early = answer["reason"]
                .as_str()
                .is_some_and(|r| r.contains("yet") || r.contains("not live"));
            if !early {
                return answer;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("the hub never received the frame at {pts}");
    }
}
