//! The control API for real: a push of the test pattern into an FLV file, its control server on
//! 127.0.0.1, clients over real sockets. Bounded: the push stops itself after 60 s at most.
#![allow(clippy::unwrap_used, reason = "test helpers")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lantern_control::messages::{ErrorCode, Event, Request, ServerMessage};
use lantern_control::{Client, ControlServer, ServerOptions};
use lantern_engine::TrackingSpec;
use lantern_engine::media::Target;
use lantern_engine::media::probe::Probe;
use lantern_engine::push::{AudioSpec, InputSpec, Push, PushConfig};

const TOKEN: &str = "s3cret-token";

/// `examples/lucky-hat` copied to `<dir>/<name>` with its banner (an always-shown hot-zone)
/// renamed `<name>`.
fn effect_named(dir: &Path, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/lucky-hat");
    let to = dir.join(name);
    for entry in walk(&from) {
        let rel = entry.strip_prefix(&from).unwrap();
        std::fs::create_dir_all(to.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(&entry, to.join(rel)).unwrap();
    }
    let json = std::fs::read_to_string(to.join("effect.json")).unwrap();
    std::fs::write(
        to.join("effect.json"),
        json.replace("\"banner\"", &format!("\"{name}\"")),
    )
    .unwrap();
    to
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn start_push(effect: &Path, out: &Path) -> Push {
    let mut cfg = PushConfig::new(InputSpec::Pattern, Target::File(out.to_owned()));
    (cfg.width, cfg.height) = (320, 180);
    cfg.effect = Some(effect.to_owned());
    cfg.tracking = TrackingSpec::Off;
    cfg.audio = AudioSpec::Silence;
    cfg.duration = Some(Duration::from_mins(1));
    Push::start(cfg).expect("a push to a file")
}

/// The presentation time and hot-zone ids of every frame of `path`, in order.
fn zones_per_frame(path: &Path) -> Vec<(i64, String)> {
    let mut probe = Probe::open(&path.display().to_string(), Duration::from_secs(10)).unwrap();
    let mut out = Vec::new();
    while let Some(f) = probe.next_frame().unwrap() {
        let sei = f.sei.expect("every frame carries the SEI");
        let ids: Vec<String> = sei.zones.iter().map(|z| z.id.clone()).collect();
        out.push((f.pts_ms.expect("a timestamp"), ids.join(",")));
    }
    out
}

/// Refusals at the handshake, malformed and oversized messages, a hundred idle clients and one
/// that never reads; returns a connected host client and the idle ones' threads (they end when
/// the server closes).
fn bad_clients_are_refused_and_idle_ones_cost_nothing(
    url: &str,
    server: &ControlServer,
) -> (Client, Vec<std::thread::JoinHandle<usize>>) {
    // No token, a wrong token: refused at the handshake.
    for token in [None, Some("nope")] {
        let e = Client::connect(url, token).err().expect("refused");
        assert!(e.to_string().contains("401"), "{e}");
    }
    let mut host = Client::connect(url, Some(TOKEN)).unwrap();

    // Malformed and unknown requests: clear errors, the connection stays.
    host.send_text("{ not json").unwrap();
    let ServerMessage::Response(r) = host.read().unwrap() else {
        panic!("a response")
    };
    assert_eq!(r.error.unwrap().code, ErrorCode::BadRequest);
    host.send_text(r#"{"id": "u1", "request": "fly"}"#).unwrap();
    let ServerMessage::Response(r) = host.read().unwrap() else {
        panic!("a response")
    };
    assert_eq!(
        (r.id.as_str(), r.error.unwrap().code),
        ("u1", ErrorCode::BadRequest)
    );

    // A message over the limit ends that client only.
    let mut big = Client::connect(url, Some(TOKEN)).unwrap();
    big.send_text(&format!(
        r#"{{"id": "x", "request": "command", "data": {{"name": "{}"}}}}"#,
        "a".repeat(100_000)
    ))
    .unwrap();
    assert!(
        matches!(big.read(), Ok(ServerMessage::Response(r)) if r.error.as_ref().unwrap().code == ErrorCode::TooLarge)
    );

    // A hundred idle clients (they send nothing, and read the events on their own threads)
    // and one that never reads while large events flow: publishing never waits for a client;
    // the one that never reads is dropped, the others stay.
    let idle: Vec<std::thread::JoinHandle<usize>> = (0..100)
        .map(|_| {
            let mut c = Client::connect(url, Some(TOKEN)).unwrap();
            std::thread::Builder::new()
                .name("idle-client".to_owned())
                .spawn(move || {
                    let mut n = 0;
                    while c.read().is_ok() {
                        n += 1;
                    }
                    n
                })
                .unwrap()
        })
        .collect();
    let _never_reads = Client::connect(url, Some(TOKEN)).unwrap();
    // (The host reads only its answers: away during the flood.)
    drop(host);
    std::thread::sleep(Duration::from_millis(200));
    let connected = server.clients();
    let big_line = "x".repeat(32 * 1024);
    let (t0, mut slowest) = (Instant::now(), Duration::ZERO);
    for i in 0..400 {
        let t = Instant::now();
        server.publish(&Event::Console {
            level: "info".into(),
            message: big_line.clone(),
            location: None,
            frame: i,
        });
        server.publish(&Event::Stats(serde_json::json!({ "n": i })));
        slowest = slowest.max(t.elapsed());
        if i % 20 == 19 {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    println!(
        "800 events (400 of 32 KiB) to {connected} clients published in {:?}, the slowest {slowest:?}",
        t0.elapsed()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.clients() >= connected && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        server.clients(),
        connected - 1,
        "the client that never reads is dropped, the idle ones stay"
    );
    let mut host = Client::connect(url, Some(TOKEN)).unwrap();
    assert!(matches!(host.request(Request::Stats).unwrap().data, Some(v) if v["n"] == 399));
    (host, idle)
}

/// A tap on alpha's zone fires its tap trigger; the control server forwards the render stage's
/// notice as an event.
fn tap_fires_the_trigger(host: &mut Client) {
    let tap = Request::Tap {
        zone: "alpha".into(),
        payload: serde_json::Value::Null,
    };
    assert!(host.request(tap).unwrap().ok);
    loop {
        if let Event::TriggerFired { trigger, .. } = host.next_event().unwrap()
            && trigger == "bannerTap"
        {
            break;
        }
    }
}

/// Hides and shows alpha's banner; an unknown layer is refused naming the layers there are.
fn layers_hide_and_show(host: &mut Client) {
    let layer = |id: &str, visible| Request::Layer {
        id: id.into(),
        visible,
    };
    let r = host.request(layer("nope", false)).unwrap();
    let e = r.error.expect("refused");
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(e.message.contains("alpha"), "{}", e.message);
    assert!(host.request(layer("alpha", false)).unwrap().ok);
    std::thread::sleep(Duration::from_millis(500));
    assert!(host.request(layer("alpha", true)).unwrap().ok);
}

/// Switches to `effect`; the answer's presentation time (the first frame it is in).
fn switch(host: &mut Client, effect: &Path) -> i64 {
    let r = host
        .request(Request::Switch {
            effect: effect.to_owned(),
        })
        .unwrap();
    assert!(r.ok, "{r:?}");
    let data = r.data.unwrap();
    println!("switched: {data}");
    data["ptsMs"].as_i64().unwrap()
}

#[test]
fn switches_refusals_and_bad_clients_against_a_real_push() {
    let tmp = tempfile::tempdir().unwrap();
    let (alpha, beta) = (
        effect_named(tmp.path(), "alpha"),
        effect_named(tmp.path(), "beta"),
    );
    let broken = tmp.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("effect.json"), "{ not json").unwrap();
    let out = tmp.path().join("out.flv");
    let push = start_push(&alpha, &out);
    let mut options = ServerOptions::new("127.0.0.1:0".parse().unwrap());
    options.token = Some(TOKEN.to_owned());
    let server = ControlServer::start(options, push.controls()).unwrap();
    let url = format!("ws://{}", server.local_addr());

    let (mut host, idle) = bad_clients_are_refused_and_idle_ones_cost_nothing(&url, &server);

    let playing = host.request(Request::Effect).unwrap().data.unwrap();
    assert!(
        playing["path"].as_str().unwrap().ends_with("alpha") && playing["name"] != "",
        "the effect the push started with: {playing}"
    );
    layers_hide_and_show(&mut host);
    // Switch to beta, refuse the broken one, switch back to alpha: every answer names why.
    std::thread::sleep(Duration::from_millis(500));
    let to_beta = switch(&mut host, &beta);
    std::thread::sleep(Duration::from_millis(700));
    let r = host
        .request(Request::Switch {
            effect: broken.clone(),
        })
        .unwrap();
    let e = r.error.expect("refused");
    assert_eq!(e.code, ErrorCode::Invalid);
    assert!(e.message.contains("effect.json"), "{}", e.message);
    let r = host.request(Request::Effect).unwrap();
    let playing = r.data.unwrap();
    assert!(
        playing["path"].as_str().unwrap().ends_with("beta"),
        "the refused switch left beta playing: {playing}"
    );
    std::thread::sleep(Duration::from_millis(700));
    let to_alpha = switch(&mut host, &alpha);
    std::thread::sleep(Duration::from_millis(500));
    tap_fires_the_trigger(&mut host);
    assert!(host.request(Request::Stop).unwrap().ok);
    assert!(
        push.wait_timeout(Duration::from_secs(30)),
        "the push stops when asked"
    );
    push.wait().unwrap();
    drop(server);
    for reader in idle {
        assert!(reader.join().unwrap() > 0, "the idle clients had events");
    }

    // One stream: alpha (hidden a while), then beta, then alpha, each switch once, exactly at
    // the frame its answer named.
    let zones = zones_per_frame(&out);
    let mut runs: Vec<(String, i64, usize)> = Vec::new();
    for (pts, z) in &zones {
        match runs.last_mut() {
            Some((id, _, n)) if id == z => *n += 1,
            _ => runs.push((z.clone(), *pts, 1)),
        }
    }
    println!("zones in the stream (id, from ms, frames): {runs:?}");
    let names: Vec<&str> = runs.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(names, ["alpha", "", "alpha", "beta", "alpha"], "{runs:?}");
    assert_eq!((runs[3].1, runs[4].1), (to_beta, to_alpha), "{runs:?}");
}
