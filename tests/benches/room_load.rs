//! The live-room load benchmark (issue #20): `ROOM_VIEWERS` viewer sockets (default 2000) tap,
//! like, chat and send gifts at a viewer's pace for `ROOM_SECONDS` (default 60) against a live
//! push of red-packet-rain, all on this machine and on 127.0.0.1 only.
//!
//! ```text
//!  lantern push ──RTMP──► nginx-rtmp ──► lantern probe (the zones a player sees: pts, rects)
//!       │  └──frames, updates──► lantern hub serve ◄──join (HTTP), sockets (tokio)── viewers
//!       └── --control: stats, triggers fired, `restart` when a 30 s round ends
//! ```
//!
//! Printed: sockets connected and join time; messages sent and answered per second by kind;
//! tap→answer latency; `room` messages per viewer per second; the hub's CPU and memory (from
//! /proc); the push's frames; then one JSON line with every figure. At the end the hub's ledger
//! must hold exactly the awards it answered `caught` (or `already`) for: the run panics when it
//! does not, or when nothing at all was caught. Every other figure is only printed.
//!
//! `cargo bench -p lantern-integration-tests --bench room_load` (`ROOM_VIEWERS=200
//! ROOM_SECONDS=15` for a quick look).

#![allow(
    clippy::unwrap_used,
    reason = "a benchmark: a failure is the run's failure"
)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::{SinkExt as _, StreamExt as _};
use lantern_control::Client;
use lantern_control::messages::{Event, Request};
use lantern_integration_tests::{lantern_bin, repo_root};
use lantern_library::HubClient;
use lantern_library::room::{
    CreatedRoom, HubToViewer, Joined, NewRoom, RoomInfo, TapOutcome, ViewerMessage,
};
use lantern_testing::{HubServer, RtmpServer};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// How long after the run the viewers wait, at most, for the answers still owed to them (the
/// ledger is compared with what was answered, so every tap should be).
const DRAIN: Duration = Duration::from_mins(3);
/// Sockets opening at once, and HTTP joins at once.
const CONNECTING: usize = 64;
const JOINING: usize = 8;

fn main() {
    let viewers = env_number("ROOM_VIEWERS", 2000);
    let seconds = env_number("ROOM_SECONDS", 60).max(5) as u64;
    let bin = lantern_bin();
    let stage = Stage::start(bin);
    println!(
        "room load: {viewers} viewers for {seconds} s against `lantern push` of red-packet-rain \
         (640x360, ultrafast, no tracking: small, because a real push runs on the host's own \
         machine; here it shares the 2 cores with the hub, nginx, the probe and the viewers). \
         Viewers join and open their sockets first; then the push goes live."
    );
    let (joined, join) = join_all(stage.hub.url(), &stage.room.room.id, viewers);
    let sampler = Sampler::start(stage.hub_pid, stage.hub.url(), &stage.room.room.id);
    let load = Load {
        url: stage.hub.url().replacen("http://", "ws://", 1),
        info_url: format!("{}/api/rooms/{}", stage.hub.url(), stage.room.room.id),
        room: stage.room.room.id.clone(),
        seconds,
        hub_pid: stage.hub_pid,
    };
    // Dropped before the stage: the push and the probe end before nginx and the hub.
    let (mut run, live) = load.run(joined, || stage.go_live(bin, seconds));
    sampler.stop.store(true, Ordering::Relaxed);
    let samples = sampler.handle.join().unwrap();
    run.hub_counted = samples.iter().filter_map(|s| s.viewers).max();
    let report = Report::gather(&stage, &live, &join, &run, &samples);
    report.print();
    report.check();
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// --- The stage: nginx, the hub, the room, the push, the probe --------------------------------

/// Kills the child on drop (a failed run must not leave a push running).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The hub with its room, and nginx-rtmp.
struct Stage {
    hub: HubServer,
    _rtmp: RtmpServer,
    rtmp_url: String,
    hub_pid: u32,
    hub_rss_start: u64,
    room: CreatedRoom,
    data: tempfile::TempDir,
}

/// The push on air, the probe reading its zones, and what its control API says.
struct Live {
    push: Killed,
    _probe: Arc<ProbeSlot>,
    push_log: PathBuf,
    screen: Arc<Screen>,
    control: Arc<Mutex<PushState>>,
    /// How long until the stream showed a red packet.
    waited: Duration,
}

impl Stage {
    fn start(bin: &Path) -> Self {
        let data = tempfile::Builder::new()
            .prefix("lantern-room-load-")
            .tempdir()
            .unwrap();
        let photos = data.path().join("no-photos");
        std::fs::create_dir_all(&photos).unwrap();
        let hub_data = data.path().join("hub");
        std::fs::create_dir_all(&hub_data).unwrap();
        let hub = HubServer::start(
            &[bin.to_str().unwrap(), "hub"],
            &hub_data,
            &[
                "--photos",
                photos.to_str().unwrap(),
                "--room-viewers-per-address",
                "5000",
            ],
        )
        .unwrap();
        let hub_pid = find_pid(hub_data.to_str().unwrap()).expect("the hub's process in /proc");
        let host = hub.token("host", "hana");
        let room = HubClient::new(hub.url(), Some(host))
            .create_room(&NewRoom {
                name: "Load".into(),
                gifts: None,
                hls: None,
            })
            .unwrap();
        let rtmp = RtmpServer::start().unwrap();
        Self {
            hub_rss_start: rss_kib(hub_pid).unwrap_or(0),
            rtmp_url: rtmp.url(),
            hub,
            _rtmp: rtmp,
            hub_pid,
            room,
            data,
        }
    }

    /// Starts the push (for `seconds` + 30 s), the probe and the control follower; returns once
    /// the stream shows a red packet.
    fn go_live(&self, bin: &Path, seconds: u64) -> Live {
        let started = Instant::now();
        let control_addr = format!("127.0.0.1:{}", free_port());
        let push_log = self.data.path().join("push.log");
        let push = start_push(
            bin,
            &self.rtmp_url,
            &self.room,
            &control_addr,
            seconds + 30,
            &push_log,
        );
        let control = Arc::new(Mutex::new(PushState::default()));
        let (probe, screen) = start_probe(bin, &format!("{}/rain", self.rtmp_url), seconds + 60);
        follow_push(&control_addr, Arc::clone(&screen), Arc::clone(&control));
        let end = Instant::now() + Duration::from_mins(2);
        while screen.latest().is_none_or(|f| f.packets.is_empty()) {
            if Instant::now() > end {
                let log = std::fs::read_to_string(&push_log).unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(15).collect();
                panic!(
                    "no red packet in the stream within 120 s; the push's log ends:\n{}",
                    tail.join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Live {
            push,
            _probe: probe,
            push_log,
            screen,
            control,
            waited: started.elapsed(),
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_push(
    bin: &Path,
    rtmp: &str,
    room: &CreatedRoom,
    control: &str,
    duration: u64,
    log: &Path,
) -> Killed {
    let effect = repo_root().join("examples/red-packet-rain");
    let duration = duration.to_string();
    let args = [
        "push",
        "--effect",
        effect.to_str().unwrap(),
        "--input",
        "pattern",
        "--url",
        rtmp,
        "--key",
        "rain",
        "--size",
        "640x360",
        "--preset",
        "ultrafast",
        "--no-tracking",
        "--duration",
        &duration,
        "--room",
        &room.push_url,
        "--room-token",
        &room.room_token,
        "--control",
        control,
        "--stats-every",
        "1",
    ];
    let log = std::fs::File::create(log).unwrap();
    Killed(
        Command::new(bin)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap(),
    )
}

/// One probed frame: its pts and the red packets on screen (id, centre).
struct Frame {
    pts: i64,
    packets: Vec<(String, f32, f32)>,
}

/// What a player of the stream sees: the newest frame `lantern probe` read.
#[derive(Default)]
struct Screen {
    latest: Mutex<Option<Arc<Frame>>>,
    frames: AtomicU64,
    /// When a frame last showed a red packet.
    packet_seen: Mutex<Option<Instant>>,
}

impl Screen {
    fn latest(&self) -> Option<Arc<Frame>> {
        self.latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn show(&self, sei: &Value) {
        let h = sei["h"].as_f64().unwrap_or(f64::MAX);
        let mut packets = Vec::new();
        for z in sei["zones"].as_array().into_iter().flatten() {
            let r = &z["rect"];
            let num = |k: &str| r[k].as_f64().unwrap_or(f64::NAN);
            let (cx, cy) = (num("x") + num("w") / 2.0, num("y") + num("h") / 2.0);
            if z["kind"] == "redPacket" && (0.0..h).contains(&cy) && cx.is_finite() {
                let id = z["id"].as_str().unwrap_or_default().to_owned();
                packets.push((id, cx as f32, cy as f32));
            }
        }
        if !packets.is_empty() {
            *self
                .packet_seen
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
        }
        let frame = Frame {
            pts: sei["pts"].as_i64().unwrap_or(0),
            packets,
        };
        *self.latest.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(frame));
        self.frames.fetch_add(1, Ordering::Relaxed);
    }
}

/// The running `lantern probe`, killed on drop (and none started after).
#[derive(Default)]
struct ProbeSlot(Mutex<(bool, Option<Child>)>);

impl Drop for ProbeSlot {
    fn drop(&mut self) {
        let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        slot.0 = true;
        if let Some(mut c) = slot.1.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// `lantern probe` on the stream, started again while it ends early (the stream not published
/// yet) until `seconds` pass; a thread keeps its newest frame in the returned screen.
fn start_probe(bin: &Path, url: &str, seconds: u64) -> (Arc<ProbeSlot>, Arc<Screen>) {
    let (slot, screen) = (Arc::new(ProbeSlot::default()), Arc::new(Screen::default()));
    let (running, shown) = (Arc::clone(&slot), Arc::clone(&screen));
    let (bin, url) = (bin.to_owned(), url.to_owned());
    let end = Instant::now() + Duration::from_secs(seconds);
    std::thread::Builder::new()
        .name("probe".into())
        .spawn(move || {
            while Instant::now() < end {
                let out = {
                    let mut slot = running.0.lock().unwrap_or_else(PoisonError::into_inner);
                    if slot.0 {
                        return;
                    }
                    let left = end
                        .saturating_duration_since(Instant::now())
                        .as_secs()
                        .max(1);
                    let mut child = Command::new(&bin)
                        .args([
                            "probe",
                            &url,
                            "--duration",
                            &left.to_string(),
                            "--timeout",
                            "30",
                        ])
                        .stdout(Stdio::piped())
                        .stderr(Stdio::null())
                        .spawn()
                        .unwrap();
                    let out = child.stdout.take().unwrap();
                    slot.1 = Some(child);
                    out
                };
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    if let Ok(v) = serde_json::from_str::<Value>(&line)
                        && v["sei"].is_object()
                    {
                        shown.show(&v["sei"]);
                    }
                }
                if let Some(mut c) = running
                    .0
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .1
                    .take()
                {
                    let _ = c.wait();
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        })
        .unwrap();
    (slot, screen)
}

/// What the push's control API said.
#[derive(Default)]
struct PushState {
    connected: bool,
    /// The newest stats report.
    stats: Value,
    links: Vec<String>,
    triggers: BTreeMap<String, u64>,
    restarts: u64,
}

/// Follows the push's control events; asks for a new round once the stream shows no packet for
/// 1.5 s (red-packet-rain's round is 30 s, and a pattern input has no mouth to open).
fn follow_push(addr: &str, screen: Arc<Screen>, shared: Arc<Mutex<PushState>>) {
    let url = format!("ws://{addr}");
    std::thread::Builder::new()
        .name("push-control".into())
        .spawn(move || {
            let end = Instant::now() + Duration::from_mins(2);
            let mut client = loop {
                match Client::connect(&url, None) {
                    Ok(c) => break c,
                    Err(_) if Instant::now() < end => {
                        std::thread::sleep(Duration::from_millis(200));
                    }
                    Err(_) => return,
                }
            };
            shared.lock().unwrap().connected = true;
            let mut restarted = Instant::now();
            while let Ok(event) = client.next_event() {
                let mut s = shared.lock().unwrap_or_else(PoisonError::into_inner);
                match event {
                    Event::Stats(v) => s.stats = v,
                    Event::Link { state } => s.links.push(state),
                    Event::TriggerFired { trigger, .. } => {
                        *s.triggers.entry(trigger).or_default() += 1;
                    }
                    _ => {}
                }
                let seen = *screen
                    .packet_seen
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                let idle = seen.is_some_and(|t| t.elapsed() > Duration::from_millis(1500));
                if idle && restarted.elapsed() > Duration::from_secs(5) {
                    s.restarts += 1;
                    drop(s);
                    restarted = Instant::now();
                    let restart = Request::Command {
                        name: "restart".into(),
                        args: Value::Null,
                    };
                    if client.request(restart).is_err() {
                        break;
                    }
                }
            }
        })
        .unwrap();
}

// --- /proc ------------------------------------------------------------------------------

/// The process whose command line holds `needle` (the hub: its data folder is unique).
fn find_pid(needle: &str) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.find_map(|e| {
        let pid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        (cmdline.contains(needle) && cmdline.contains(" serve ")).then_some(pid)
    })
}

/// utime + stime, clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name's closing parenthesis: state is field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// CPU time of `pid` between two readings, in % of one core over `wall`.
fn cpu_percent(before: Option<u64>, after: Option<u64>, wall: Duration) -> Option<f64> {
    let ticks = after?.checked_sub(before?)?;
    Some(ticks as f64 / clock_ticks_per_second() / wall.as_secs_f64() * 100.0)
}

/// Once a second: the hub's CPU ticks and memory, and (every 10 s) the viewers it counts.
struct Sampler {
    stop: Arc<AtomicBool>,
    handle: std::thread::JoinHandle<Vec<Sample>>,
}

#[derive(Clone, Copy)]
struct Sample {
    at: Instant,
    ticks: Option<u64>,
    rss_kib: Option<u64>,
    /// The hub's own count of viewers (every 10th sample).
    viewers: Option<u32>,
}

impl Sampler {
    fn start(pid: u32, hub: &str, room: &str) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let info = format!("{hub}/api/rooms/{room}");
        let handle = std::thread::Builder::new()
            .name("sampler".into())
            .spawn(move || {
                let agent = agent();
                let mut samples = Vec::new();
                while !stopped.load(Ordering::Relaxed) {
                    let viewers = (samples.len() % 10 == 9)
                        .then(|| room_info(&agent, &info).map(|r| r.viewers))
                        .flatten();
                    samples.push(Sample {
                        at: Instant::now(),
                        ticks: cpu_ticks(pid),
                        rss_kib: rss_kib(pid),
                        viewers,
                    });
                    std::thread::sleep(Duration::from_secs(1));
                }
                samples
            })
            .unwrap();
        Self { stop, handle }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn room_info(agent: &ureq::Agent, url: &str) -> Option<RoomInfo> {
    let response = agent.get(url).call().ok()?;
    serde_json::from_reader(response.into_body().into_reader()).ok()
}

// --- Joining over HTTP --------------------------------------------------------------------

/// A viewer that joined: its id and the cookie its socket presents.
struct Member {
    viewer: String,
    cookie: String,
}

struct JoinFigures {
    wall: Duration,
    ms: Vec<f64>,
    failed: usize,
}

/// `POST /api/rooms/{id}/join` for `n` viewers from a small pool of blocking clients.
fn join_all(hub: &str, room: &str, n: usize) -> (Vec<Member>, JoinFigures) {
    let url = format!("{hub}/api/rooms/{room}/join");
    let next = Arc::new(AtomicU64::new(0));
    let (tx, rx) = std::sync::mpsc::sync_channel(n.max(1));
    let started = Instant::now();
    let workers: Vec<_> = (0..JOINING)
        .map(|i| {
            let (url, next, tx) = (url.clone(), Arc::clone(&next), tx.clone());
            std::thread::Builder::new()
                .name(format!("join-{i}"))
                .spawn(move || {
                    let agent = agent();
                    while next.fetch_add(1, Ordering::Relaxed) < n as u64 {
                        let t = Instant::now();
                        let member = (0..3).find_map(|_| join(&agent, &url));
                        let _ = tx.send((member, t.elapsed().as_secs_f64() * 1e3));
                    }
                })
                .unwrap()
        })
        .collect();
    drop(tx);
    let (mut members, mut ms, mut failed) = (Vec::new(), Vec::new(), 0);
    for (member, took) in rx {
        ms.push(took);
        match member {
            Some(m) => members.push(m),
            None => failed += 1,
        }
    }
    for w in workers {
        w.join().unwrap();
    }
    let wall = started.elapsed();
    (members, JoinFigures { wall, ms, failed })
}

fn join(agent: &ureq::Agent, url: &str) -> Option<Member> {
    let response = agent.post(url).send_empty().ok()?;
    if response.status() != 200 {
        return None;
    }
    let cookie = response.headers().get("set-cookie")?.to_str().ok()?;
    let cookie = cookie.split(';').next()?.to_owned();
    let joined: Joined = serde_json::from_reader(response.into_body().into_reader()).ok()?;
    Some(Member {
        viewer: joined.viewer,
        cookie,
    })
}

// --- The viewers' sockets -----------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Tap,
    Like,
    Chat,
    Gift,
}

impl Kind {
    const ALL: [Self; 4] = [Self::Tap, Self::Like, Self::Chat, Self::Gift];

    /// A viewer's mean time between two messages of this kind.
    fn period(self) -> Duration {
        Duration::from_secs(match self {
            Self::Tap => 3,
            Self::Like => 4,
            Self::Chat => 30,
            Self::Gift => 120,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Tap => "tap",
            Self::Like => "like",
            Self::Chat => "chat",
            Self::Gift => "gift",
        }
    }
}

const CHAT: [&str; 8] = [
    "666",
    "hello from the load test",
    "666 666 666",
    "so many red packets",
    "gg",
    "where is the next one?",
    "this one is mine 666",
    "nice",
];

/// splitmix64: enough randomness for jitter without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Everything one viewer (or all, merged) saw.
#[derive(Default)]
struct Tally {
    sent: BTreeMap<&'static str, u64>,
    /// Likes sent, hearts (each like carries 1–3).
    hearts: u64,
    /// Taps skipped: no red packet on screen.
    no_packet: u64,
    outcomes: BTreeMap<&'static str, u64>,
    refusals: BTreeMap<String, u64>,
    acks: BTreeMap<&'static str, u64>,
    errors: BTreeMap<String, u64>,
    tap_us: Vec<u32>,
    ack_us: Vec<u32>,
    /// `room` messages during the run.
    room: u64,
    /// Award ids answered `caught`, with the viewer told so; and those answered `already`.
    caught: Vec<(i64, String, f64)>,
    already: Vec<i64>,
    unanswered: u64,
    /// Sockets that closed before the end.
    lost: u64,
    /// Tap answers and acks received during the run (not while draining).
    in_run: (u64, u64),
    /// How long after the run the last answer owed came (the most of all viewers).
    drained: Duration,
}

impl Tally {
    fn absorb(&mut self, o: Self) {
        fn add<K: Ord>(to: &mut BTreeMap<K, u64>, from: BTreeMap<K, u64>) {
            for (k, v) in from {
                *to.entry(k).or_default() += v;
            }
        }
        add(&mut self.sent, o.sent);
        add(&mut self.outcomes, o.outcomes);
        add(&mut self.refusals, o.refusals);
        add(&mut self.acks, o.acks);
        add(&mut self.errors, o.errors);
        self.hearts += o.hearts;
        self.no_packet += o.no_packet;
        self.tap_us.extend(o.tap_us);
        self.ack_us.extend(o.ack_us);
        self.room += o.room;
        self.caught.extend(o.caught);
        self.already.extend(o.already);
        self.unanswered += o.unanswered;
        self.lost += o.lost;
        self.in_run.0 += o.in_run.0;
        self.in_run.1 += o.in_run.1;
        self.drained = self.drained.max(o.drained);
    }
}

/// The run's clock, sent to every viewer task once the push is live.
type Go = tokio::sync::watch::Receiver<Option<Arc<Ctx>>>;

/// Shared by every viewer task.
struct Ctx {
    screen: Arc<Screen>,
    start: Instant,
    end: Instant,
}

/// One viewer's socket, its clock and its record.
struct Viewer {
    id: String,
    rng: Rng,
    seq: u64,
    next: [Instant; 4],
    pending: HashMap<u64, (Kind, Instant)>,
    tally: Tally,
}

impl Viewer {
    fn new(index: usize, id: String) -> Self {
        Self {
            id,
            rng: Rng(0x5EED ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D)),
            seq: 0,
            next: [Instant::now(); 4],
            pending: HashMap::new(),
            tally: Tally::default(),
        }
    }

    async fn run(mut self, mut ws: Ws, mut go: Go) -> Tally {
        // Until the push is live, the room's news is read and let go.
        let ctx = loop {
            if let Some(ctx) = go.borrow_and_update().clone() {
                break ctx;
            }
            tokio::select! {
                changed = go.changed() => if changed.is_err() {
                    return self.lost();
                },
                message = ws.next() => if !self.receive(message, false) {
                    return self.lost();
                },
            }
        };
        // Each kind starts at a random moment of its first period.
        self.next = Kind::ALL.map(|k| ctx.start + k.period().mul_f64(self.rng.unit()));
        loop {
            let due = self
                .next
                .iter()
                .min()
                .copied()
                .unwrap_or(ctx.end)
                .min(ctx.end);
            tokio::select! {
                () = tokio::time::sleep_until(due.into()) => {
                    let now = Instant::now();
                    if now >= ctx.end {
                        break;
                    }
                    if !self.send_due(&mut ws, &ctx, now).await {
                        return self.lost();
                    }
                }
                message = ws.next() => if !self.receive(message, true) {
                    return self.lost();
                },
            }
        }
        let drain_end = ctx.end + DRAIN;
        while !self.pending.is_empty() {
            let Ok(message) = tokio::time::timeout_at(drain_end.into(), ws.next()).await else {
                break;
            };
            if !self.receive(message, false) {
                break;
            }
        }
        self.tally.unanswered += self.pending.len() as u64;
        self.tally.drained = Instant::now().saturating_duration_since(ctx.end);
        // Close, then read until the hub closes too: it handles what it still holds (likes have
        // no answer) before the close, and data left unread here would reset the connection.
        let _ = ws.close(None).await;
        while let Ok(Some(Ok(_))) = tokio::time::timeout_at(drain_end.into(), ws.next()).await {}
        self.tally
    }

    /// The socket closed before the end: what it still owed is unanswered.
    fn lost(mut self) -> Tally {
        self.tally.lost += 1;
        self.tally.unanswered += self.pending.len() as u64;
        self.tally
    }

    /// Sends every kind of message that is due; `false` when the socket is gone.
    async fn send_due(&mut self, ws: &mut Ws, ctx: &Ctx, now: Instant) -> bool {
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            if self.next[i] > now {
                continue;
            }
            self.next[i] = now + kind.period().mul_f64(0.5 + self.rng.unit());
            let Some(message) = self.message(kind, &ctx.screen) else {
                continue;
            };
            let text = serde_json::to_string(&message).unwrap();
            if ws.send(Message::text(text)).await.is_err() {
                return false;
            }
            *self.tally.sent.entry(kind.name()).or_default() += 1;
        }
        true
    }

    fn message(&mut self, kind: Kind, screen: &Screen) -> Option<ViewerMessage> {
        self.seq += 1;
        let seq = self.seq;
        let message = match kind {
            Kind::Tap => {
                let frame = screen.latest().filter(|f| !f.packets.is_empty());
                let Some(frame) = frame else {
                    self.tally.no_packet += 1;
                    return None;
                };
                let (zone, x, y) = frame.packets[self.rng.below(frame.packets.len())].clone();
                let pts = frame.pts;
                ViewerMessage::Tap {
                    seq,
                    zone,
                    pts,
                    x,
                    y,
                }
            }
            Kind::Like => {
                let count = 1 + self.rng.below(3) as u32;
                self.tally.hearts += u64::from(count);
                // Likes carry no seq and get no answer (`deny_unknown_fields`).
                return Some(ViewerMessage::Like { count });
            }
            Kind::Chat => {
                let text = CHAT[self.rng.below(CHAT.len())].to_owned();
                ViewerMessage::Chat { seq, text }
            }
            Kind::Gift => {
                let gift = ["rocket", "heart"][self.rng.below(2)].to_owned();
                ViewerMessage::Gift { seq, gift }
            }
        };
        self.pending.insert(seq, (kind, Instant::now()));
        Some(message)
    }

    /// Records a message from the hub; `false` when the socket ended.
    fn receive(&mut self, message: Option<Result<Message, WsError>>, in_run: bool) -> bool {
        let text = match message {
            Some(Ok(Message::Text(t))) => t,
            Some(Ok(Message::Close(_)) | Err(_)) | None => return false,
            Some(Ok(_)) => return true,
        };
        // The room's news is most of the traffic: counted without parsing it all.
        if text.starts_with(r#"{"type":"room""#) {
            self.tally.room += u64::from(in_run);
            return true;
        }
        match serde_json::from_str::<HubToViewer>(&text) {
            Ok(answer) => {
                if in_run {
                    match answer {
                        HubToViewer::Tap { .. } => self.tally.in_run.0 += 1,
                        HubToViewer::Ack { .. } => self.tally.in_run.1 += 1,
                        _ => {}
                    }
                }
                self.answer(answer);
            }
            Err(e) => {
                *self
                    .tally
                    .errors
                    .entry(format!("unparsable: {e}"))
                    .or_default() += 1;
            }
        }
        true
    }

    fn answer(&mut self, answer: HubToViewer) {
        let t = &mut self.tally;
        match answer {
            HubToViewer::Tap {
                seq,
                outcome,
                award,
                reason,
            } => {
                if let Some((_, at)) = self.pending.remove(&seq) {
                    t.tap_us.push(at.elapsed().as_micros() as u32);
                }
                let name = match outcome {
                    TapOutcome::Caught => "caught",
                    TapOutcome::Already => "already",
                    TapOutcome::Tapped => "tapped",
                    TapOutcome::Gone => "gone",
                    TapOutcome::Refused => "refused",
                };
                *t.outcomes.entry(name).or_default() += 1;
                match (outcome, award) {
                    (TapOutcome::Caught, Some(a)) => {
                        t.caught.push((a.id, self.id.clone(), a.amount));
                    }
                    (TapOutcome::Already, Some(a)) => t.already.push(a.id),
                    _ => {}
                }
                if outcome == TapOutcome::Refused {
                    *t.refusals.entry(reason.unwrap_or_default()).or_default() += 1;
                }
            }
            HubToViewer::Ack { seq } => {
                if let Some((kind, at)) = self.pending.remove(&seq) {
                    t.ack_us.push(at.elapsed().as_micros() as u32);
                    *t.acks.entry(kind.name()).or_default() += 1;
                }
            }
            HubToViewer::Error { seq, code, .. } => {
                let kind = seq
                    .and_then(|s| self.pending.remove(&s))
                    .map(|(k, _)| k.name());
                let key = format!("{code} ({})", kind.unwrap_or("-"));
                *t.errors.entry(key).or_default() += 1;
            }
            HubToViewer::Room { .. } => t.room += 1,
            HubToViewer::Welcome { .. } => {}
        }
    }
}

/// The load phase: opens the sockets, runs the viewers, returns what they saw.
struct Load {
    url: String,
    /// `GET /api/rooms/{id}`: the likes counted when the run ends.
    info_url: String,
    room: String,
    seconds: u64,
    hub_pid: u32,
}

struct RunFigures {
    members: usize,
    connected: usize,
    connect_failures: BTreeMap<String, u64>,
    connect_wall: Duration,
    connect_ms: Vec<f64>,
    tally: Tally,
    /// CPU over the run, % of one core: the hub, the push, this process (the viewers).
    hub_cpu: Option<f64>,
    push_cpu: Option<f64>,
    own_cpu: Option<f64>,
    run_start: Instant,
    run_end: Instant,
    seconds: u64,
    /// The most viewers the hub counted in the room (`GET /api/rooms/{id}`, every 10 s).
    hub_counted: Option<u32>,
    /// The room's likes when the run ended.
    hearts_at_end: Option<u64>,
    /// The push was still running when the run ended.
    push_up: bool,
}

impl Load {
    /// Opens the sockets, then has `go_live` start the push, then runs.
    fn run(&self, members: Vec<Member>, go_live: impl FnOnce() -> Live) -> (RunFigures, Live) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("viewers")
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(self.run_async(members, go_live))
    }

    async fn run_async(
        &self,
        members: Vec<Member>,
        go_live: impl FnOnce() -> Live,
    ) -> (RunFigures, Live) {
        let total = members.len();
        let url = format!("{}/api/rooms/{}/ws", self.url, self.room);
        let started = Instant::now();
        let opened: Vec<_> = futures_util::stream::iter(members.into_iter().enumerate())
            .map(|(i, m)| {
                let url = url.clone();
                async move {
                    let t = Instant::now();
                    let ws = connect(&url, &m.cookie).await;
                    (i, m.viewer, ws, t.elapsed().as_secs_f64() * 1e3)
                }
            })
            .buffer_unordered(CONNECTING)
            .collect()
            .await;
        let connect_wall = started.elapsed();
        let (go, ready) = tokio::sync::watch::channel(None);
        let (mut tasks, mut connect_failures, mut connect_ms) =
            (Vec::new(), BTreeMap::new(), Vec::new());
        for (i, viewer, ws, ms) in opened {
            match ws {
                Ok(ws) => {
                    connect_ms.push(ms);
                    let v = Viewer::new(i, viewer);
                    tasks.push(tokio::spawn(v.run(ws, ready.clone())));
                }
                Err(e) => *connect_failures.entry(e).or_default() += 1,
            }
        }
        let live = tokio::task::block_in_place(go_live);
        let run_start = Instant::now() + Duration::from_millis(500);
        let ctx = Arc::new(Ctx {
            screen: Arc::clone(&live.screen),
            start: run_start,
            end: run_start + Duration::from_secs(self.seconds),
        });
        go.send_replace(Some(Arc::clone(&ctx)));
        let connected = tasks.len();
        let pids = [self.hub_pid, live.push.0.id(), std::process::id()];
        tokio::time::sleep_until(ctx.start.into()).await;
        let before = pids.map(cpu_ticks);
        tokio::time::sleep_until(ctx.end.into()).await;
        let after = pids.map(cpu_ticks);
        let push_up = alive(pids[1]);
        let info_url = self.info_url.clone();
        let hearts_at_end = tokio::task::spawn_blocking(move || room_info(&agent(), &info_url))
            .await
            .unwrap()
            .map(|i| i.likes_total);
        let wall = ctx.end - ctx.start;
        let mut tally = Tally::default();
        for task in tasks {
            tally.absorb(task.await.unwrap());
        }
        let figures = RunFigures {
            members: total,
            connected,
            connect_failures,
            connect_wall,
            connect_ms,
            tally,
            hub_cpu: cpu_percent(before[0], after[0], wall),
            push_cpu: cpu_percent(before[1], after[1], wall),
            own_cpu: cpu_percent(before[2], after[2], wall),
            run_start: ctx.start,
            run_end: ctx.end,
            seconds: self.seconds,
            hub_counted: None,
            hearts_at_end,
            push_up,
        };
        (figures, live)
    }
}

/// Opens a viewer's socket with its cookie and waits for the welcome.
async fn connect(url: &str, cookie: &str) -> Result<Ws, String> {
    let mut request = url.into_client_request().map_err(|e| e.to_string())?;
    request.headers_mut().insert(
        "cookie",
        cookie.parse().map_err(|_| "a bad cookie".to_owned())?,
    );
    let limit = Duration::from_secs(30);
    let (mut ws, _) = tokio::time::timeout(limit, tokio_tungstenite::connect_async(request))
        .await
        .map_err(|_| "connect: timed out".to_owned())?
        .map_err(|e| match e {
            WsError::Http(r) => format!("HTTP {}", r.status()),
            other => format!("connect: {other}"),
        })?;
    loop {
        match tokio::time::timeout(limit, ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) if t.starts_with(r#"{"type":"welcome""#) => {
                return Ok(ws);
            }
            Ok(Some(Ok(_))) => {}
            Ok(_) => return Err("closed before the welcome".to_owned()),
            Err(_) => return Err("no welcome within 30 s".to_owned()),
        }
    }
}

// --- The report ---------------------------------------------------------------------------

/// `q` (0..1) of `v`, sorted in place; NaN when empty.
fn percentile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let at = (v.len().saturating_sub(1) as f64 * q).round() as usize;
    v.get(at).copied().unwrap_or(f64::NAN)
}

fn ms_figures(mut v: Vec<f64>) -> Value {
    let n = v.len();
    let r = |x: f64| (x * 100.0).round() / 100.0;
    json!({
        "n": n,
        "p50": r(percentile(&mut v, 0.5)),
        "p95": r(percentile(&mut v, 0.95)),
        "p99": r(percentile(&mut v, 0.99)),
        "max": r(percentile(&mut v, 1.0)),
    })
}

fn us_to_ms(v: &[u32]) -> Vec<f64> {
    v.iter().map(|us| f64::from(*us) / 1e3).collect()
}

/// Whether `pid` runs (a zombie does not).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rfind(')')
                .map(|i| s[i + 1..].trim_start().starts_with('Z'))
        })
        .is_some_and(|zombie| !zombie)
}

struct Report {
    figures: Value,
    /// Award ids the hub acknowledged (caught or already) and the ledger's.
    acknowledged: BTreeSet<i64>,
    ledger: BTreeSet<i64>,
    caught: u64,
    /// Awards the ledger gives to another viewer than the one told `caught`.
    wrong_viewer: usize,
}

/// Per second over the run, one decimal.
fn per_s(n: u64, seconds: u64) -> f64 {
    (n as f64 / seconds as f64 * 10.0).round() / 10.0
}

/// Seconds, two decimals.
fn secs2(d: Duration) -> f64 {
    (d.as_secs_f64() * 100.0).round() / 100.0
}

fn mib(kib: Option<u64>) -> Option<f64> {
    kib.map(|k| (k as f64 / 1024.0 * 10.0).round() / 10.0)
}

/// The printed table: a label, then `name=/json/pointer` cells of the figures, `;`-separated.
const TABLE: [(&str, &str); 18] = [
    ("run", "viewers=/viewers;seconds=/seconds"),
    (
        "join (HTTP)",
        "joined=/join/joined;failed=/join/failed;wall s=/join/wall_s;ms=/join/ms",
    ),
    (
        "sockets",
        "open=/sockets/connected;failures=/sockets/failures;wall s=/sockets/wall_s;ms=/sockets/ms",
    ),
    (
        "",
        "the hub counted (max)=/sockets/hub_counted_max;lost in the run=/sockets/lost",
    ),
    (
        "sent per s",
        "/sent_per_s;taps skipped (no packet on screen)=/taps_skipped_no_packet",
    ),
    (
        "accepted per s",
        "all=/accepted_per_s/all;tap answers=/accepted_per_s/tap_answers;acks=/accepted_per_s/acks;likes=/accepted_per_s/likes",
    ),
    (
        "",
        "hearts sent=/accepted_per_s/hearts_sent;hearts counted=/accepted_per_s/hearts_counted",
    ),
    (
        "after the run",
        "every answer in (s)=/after_drain/drain_s;unanswered=/after_drain/unanswered;tap answers=/after_drain/tap_answers;acks=/after_drain/acks;hearts sent=/after_drain/hearts_sent;counted=/after_drain/hearts_counted",
    ),
    ("tap outcomes", "/tap_outcomes;refused because=/refusals"),
    ("acks, errors", "acks=/acks;errors=/errors"),
    ("tap→answer ms", "/tap_answer_ms"),
    ("chat/gift→ack ms", "/ack_ms"),
    (
        "room messages",
        "per viewer per s=/room_msgs_per_viewer_per_s",
    ),
    (
        "hub",
        "CPU % of one core=/hub/cpu_percent;RSS MiB=/hub/rss_mib;every 10 s=/hub/timeline",
    ),
    (
        "CPU % of one core",
        "push=/push/cpu_percent;viewers (this process)=/load_generator_cpu_percent",
    ),
    (
        "push",
        "frames sent=/push/frames_sent;fps=/push/fps_out;dropped=/push/dropped;reconnects=/push/reconnects;links=/push/links_seen;up at the end of the run=/push/up_at_the_end_of_the_run",
    ),
    (
        "",
        "rounds restarted=/push/rounds_restarted;triggers fired=/push/triggers_fired;probe frames=/push/probe_frames;waited for the first packet s=/push/waited_for_packets_s",
    ),
    (
        "ledger",
        "awards=/ledger/awards;total=/ledger/total;caught answers=/ledger/caught_answers;unique=/ledger/caught_unique;already=/ledger/already_answers;acknowledged=/ledger/acknowledged",
    ),
];

impl Report {
    fn gather(
        stage: &Stage,
        live: &Live,
        join: &JoinFigures,
        run: &RunFigures,
        samples: &[Sample],
    ) -> Self {
        let t = &run.tally;
        let ledger = HubClient::new(stage.hub.url(), Some(stage.room.room_token.clone()))
            .ledger(&stage.room.room.id)
            .unwrap();
        let told: HashMap<i64, &str> = t
            .caught
            .iter()
            .map(|(id, v, _)| (*id, v.as_str()))
            .collect();
        let wrong_viewer = ledger
            .awards
            .iter()
            .filter(|a| told.get(&a.id).is_some_and(|v| *v != a.viewer))
            .count();
        let caught_ids: BTreeSet<i64> = t.caught.iter().map(|(id, _, _)| *id).collect();
        let acknowledged: BTreeSet<i64> = caught_ids.iter().chain(&t.already).copied().collect();
        let ledger_ids: BTreeSet<i64> = ledger.awards.iter().map(|a| a.id).collect();
        let mut figures = load_figures(stage, join, run);
        figures["hub"] = hub_figures(stage, run, samples);
        figures["push"] = push_figures(live, run);
        figures["ledger"] = json!({
            "awards": ledger.awards.len(), "total": ledger.total,
            "caught_answers": t.caught.len(), "caught_unique": caught_ids.len(),
            "already_answers": t.already.len(), "acknowledged": acknowledged.len(),
            "wrong_viewer": wrong_viewer, "equal": acknowledged == ledger_ids,
        });
        Self {
            figures,
            acknowledged,
            ledger: ledger_ids,
            caught: t.caught.len() as u64,
            wrong_viewer,
        }
    }

    fn print(&self) {
        let f = &self.figures;
        println!();
        for (label, cells) in TABLE {
            let cells: Vec<String> = cells
                .split(';')
                .map(|cell| {
                    let (name, pointer) = cell.split_once('=').unwrap_or(("", cell));
                    let value = match f.pointer(pointer) {
                        None | Some(Value::Null) => "-".to_owned(),
                        Some(Value::String(s)) => s.clone(),
                        Some(other) => other.to_string(),
                    };
                    if name.is_empty() {
                        value
                    } else {
                        format!("{name} {value}")
                    }
                })
                .collect();
            println!("{label:<18} {}", cells.join(", "));
        }
        println!("ledger == acknowledged: {}", f["ledger"]["equal"]);
        println!("{f}");
    }

    fn check(&self) {
        let missing: Vec<_> = self
            .acknowledged
            .difference(&self.ledger)
            .take(10)
            .collect();
        let extra: Vec<_> = self
            .ledger
            .difference(&self.acknowledged)
            .take(10)
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty() && self.wrong_viewer == 0,
            "the ledger differs from the acknowledged awards: acknowledged but not in the \
             ledger {missing:?}…, in the ledger but never acknowledged {extra:?}…, {} paid to \
             another viewer ({} requests never answered)",
            self.wrong_viewer,
            self.figures["after_drain"]["unanswered"]
        );
        assert!(self.caught > 0, "no viewer caught anything");
    }
}

/// Joins, sockets, messages, answers and latency.
fn load_figures(stage: &Stage, join: &JoinFigures, run: &RunFigures) -> Value {
    let (t, secs) = (&run.tally, run.seconds);
    // Let a tick pass so the likes counted reach the room's total.
    std::thread::sleep(Duration::from_millis(1200));
    let url = format!("{}/api/rooms/{}", stage.hub.url(), stage.room.room.id);
    let hearts_counted = room_info(&agent(), &url).map_or(0, |i| i.likes_total);
    let hearts_in_run = run.hearts_at_end.unwrap_or(0);
    // Likes are not answered: the messages counted in the run, from the hearts in the total.
    let like_msgs = t.sent.get("like").copied().unwrap_or(0);
    let likes =
        (like_msgs as f64 * hearts_in_run.min(t.hearts) as f64 / t.hearts.max(1) as f64) as u64;
    let (taps, acks) = t.in_run;
    let sent_per_s: BTreeMap<_, _> = t.sent.iter().map(|(k, v)| (*k, per_s(*v, secs))).collect();
    let room = t.room as f64 / run.connected.max(1) as f64 / secs as f64;
    json!({
        "viewers": run.members + join.failed, "seconds": secs,
        "join": {"joined": run.members, "failed": join.failed, "wall_s": secs2(join.wall), "ms": ms_figures(join.ms.clone())},
        "sockets": {
            "connected": run.connected, "failures": run.connect_failures,
            "wall_s": secs2(run.connect_wall), "ms": ms_figures(run.connect_ms.clone()),
            "hub_counted_max": run.hub_counted, "lost": t.lost,
        },
        "sent": t.sent, "sent_per_s": sent_per_s, "taps_skipped_no_packet": t.no_packet,
        "accepted_per_s": {
            "all": per_s(taps + acks + likes, secs), "tap_answers": per_s(taps, secs),
            "acks": per_s(acks, secs), "likes": per_s(likes, secs),
            "hearts_sent": per_s(t.hearts, secs), "hearts_counted": per_s(hearts_in_run, secs),
        },
        "after_drain": {
            "drain_s": secs2(t.drained), "unanswered": t.unanswered,
            "tap_answers": t.outcomes.values().sum::<u64>(), "acks": t.acks.values().sum::<u64>(),
            "hearts_sent": t.hearts, "hearts_counted": hearts_counted,
        },
        "tap_outcomes": t.outcomes, "refusals": t.refusals, "acks": t.acks, "errors": t.errors,
        "tap_answer_ms": ms_figures(us_to_ms(&t.tap_us)), "ack_ms": ms_figures(us_to_ms(&t.ack_us)),
        "room_msgs_per_viewer_per_s": (room * 100.0).round() / 100.0,
        "load_generator_cpu_percent": run.own_cpu.map(f64::round),
    })
}

fn hub_figures(stage: &Stage, run: &RunFigures, samples: &[Sample]) -> Value {
    let rss_end = rss_kib(stage.hub_pid);
    let rss_peak = samples
        .iter()
        .filter_map(|s| s.rss_kib)
        .chain(rss_end)
        .max();
    json!({
        "cpu_percent": run.hub_cpu.map(f64::round),
        "rss_mib": {"start": mib(Some(stage.hub_rss_start)), "peak": mib(rss_peak), "end": mib(rss_end)},
        "timeline": timeline(samples, run),
    })
}

fn push_figures(live: &Live, run: &RunFigures) -> Value {
    let up = run.push_up;
    // Why it stopped, when it did: the end of its log.
    let log_tail = (!up).then(|| {
        let log = std::fs::read_to_string(&live.push_log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(10)..].join("\n")
    });
    let push = live.control.lock().unwrap_or_else(PoisonError::into_inner);
    let stats = &push.stats;
    json!({
        "cpu_percent": run.push_cpu.map(f64::round),
        "frames_sent": stats["frames_sent"], "fps_out": stats["fps_out"],
        "dropped": stats["dropped"]["total"], "reconnects": stats["reconnects"],
        "link": stats["link"], "links_seen": push.links,
        "up_at_the_end_of_the_run": up, "log_tail": log_tail, "control_connected": push.connected,
        "rounds_restarted": push.restarts, "triggers_fired": push.triggers,
        "probe_frames": live.screen.frames.load(Ordering::Relaxed),
        "waited_for_packets_s": secs2(live.waited),
    })
}

/// Every 10 s of the run (and its drain): the hub's CPU (% of one core) and RSS (MiB).
fn timeline(samples: &[Sample], run: &RunFigures) -> Vec<Value> {
    let hz = clock_ticks_per_second();
    let s: Vec<&Sample> = samples
        .iter()
        .filter(|s| s.at >= run.run_start && s.at <= run.run_end + DRAIN)
        .collect();
    (0..s.len().saturating_sub(1))
        .step_by(10)
        .filter_map(|i| {
            let (a, b) = (s[i], s[(i + 10).min(s.len() - 1)]);
            let wall = b.at.duration_since(a.at).as_secs_f64();
            let cpu = b.ticks?.checked_sub(a.ticks?)? as f64 / hz / wall * 100.0;
            Some(json!({
                "t_s": a.at.saturating_duration_since(run.run_start).as_secs(),
                "cpu": cpu.round(),
                "rss_mib": b.rss_kib.map(|k| k / 1024),
            }))
        })
        .collect()
}
