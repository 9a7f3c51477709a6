//! Live rooms against a real hub process: a push (this test, speaking the push's protocol) sends
//! frames with a red packet; viewers join with signed cookies and tap it. Checked: who may open
//! a room and read its ledger; taps paid once per viewer and only to the first `limit` viewers;
//! forged taps refused; a replayed tap never paid twice; likes, gifts and chat keywords reach
//! the push; chat is plain text; over-fast viewers are refused; after `kill -9` and a restart
//! the ledger holds every acknowledged award and a retry is not paid again.

#![allow(
    clippy::unwrap_used,
    reason = "a test: a failure is the test's failure"
)]

mod common;

use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{call, hub, json};
use serde_json::{Value, json};
use tungstenite::client::IntoClientRequest as _;
use tungstenite::{Message, WebSocket};

/// A blocking WebSocket speaking JSON.
struct Ws(WebSocket<TcpStream>);

impl Ws {
    fn open(url: &str, header: Option<(&'static str, &str)>) -> Result<Self, String> {
        let mut request = url.into_client_request().unwrap();
        if let Some((name, value)) = header {
            request.headers_mut().insert(name, value.parse().unwrap());
        }
        let port = request.uri().port_u16().unwrap();
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        match tungstenite::client::client(request, stream) {
            Ok((ws, _)) => Ok(Self(ws)),
            Err(tungstenite::HandshakeError::Failure(tungstenite::Error::Http(r))) => {
                Err(r.status().to_string())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    fn send(&mut self, v: &Value) {
        self.0.send(Message::text(v.to_string())).unwrap();
    }

    /// The next message `pick` accepts, within `limit`.
    fn until(&mut self, limit: Duration, mut pick: impl FnMut(&Value) -> bool) -> Value {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            match self.0.read() {
                Ok(Message::Text(t)) => {
                    let v: Value = serde_json::from_str(&t).unwrap();
                    if pick(&v) {
                        return v;
                    }
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("socket: {e}"),
            }
        }
        panic!("no such message within {limit:?}");
    }

    fn answer(&mut self, seq: u64) -> Value {
        self.until(Duration::from_secs(10), |v| {
            v["seq"] == seq && v["type"] != "room"
        })
    }
}

fn ws_url(http: &str, path: &str) -> String {
    format!("{}{path}", http.replacen("http://", "ws://", 1))
}

/// A frame at `pts` with one red packet at x 100..150, y 200..260 paying 5 to the first 2.
fn frame(pts: i64) -> Value {
    json!({"v": 1, "pts": pts, "wall": 0, "w": 1280, "h": 720, "zones": [{
        "id": "packet1", "kind": "redPacket",
        "rect": {"x": 100.0, "y": 200.0, "w": 50.0, "h": 60.0},
        "payload": {"amount": 5, "limit": 2}
    }]})
}

/// The push: hello, then frames from `from` ms for `ms` ms.
fn push(url: &str, token: &str, from: i64) -> Ws {
    let mut ws = Ws::open(url, Some(("authorization", &format!("Bearer {token}")))).unwrap();
    ws.send(&json!({"type": "hello", "session": "s1", "effect": "test", "fps": 30, "keywords": ["666"]}));
    let frames: Vec<Value> = (0..60).map(|i| frame(from + i * 33)).collect();
    ws.send(&json!({"type": "frames", "frames": frames}));
    ws
}

struct Viewer {
    id: String,
    cookie: String,
    ws: Ws,
}

/// A viewer joins (a new one, or the browser holding `cookie` again) and opens its socket.
fn viewer(base: &str, room: &str, cookie: Option<&str>) -> Viewer {
    let mut request = common::agent().post(format!("{base}/api/rooms/{room}/join"));
    if let Some(c) = cookie {
        request = request.header("cookie", c);
    }
    let response = request.send_empty().unwrap();
    let cookie = match cookie {
        Some(c) => c.to_owned(),
        None => response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned(),
    };
    let joined: Value = serde_json::from_reader(response.into_body().into_reader()).unwrap();
    let mut ws = Ws::open(
        &ws_url(base, &format!("/api/rooms/{room}/ws")),
        Some(("cookie", &cookie)),
    )
    .unwrap();
    ws.until(Duration::from_secs(5), |v| v["type"] == "welcome");
    Viewer {
        id: joined["viewer"].as_str().unwrap().to_owned(),
        cookie,
        ws,
    }
}

/// A tap (again while the push's frames are still on their way to the hub).
fn tap(v: &mut Viewer, seq: u64, zone: &str, pts: i64, x: f32) -> Value {
    let mut answer = Value::Null;
    for _ in 0..50 {
        v.ws.send(
            &json!({"type": "tap", "seq": seq, "zone": zone, "pts": pts, "x": x, "y": 230.0}),
        );
        answer = v.ws.answer(seq);
        if !answer["reason"]
            .as_str()
            .is_some_and(|r| r.contains("not sent any frame"))
        {
            return answer;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the push's frames never reached the hub: {answer}");
}

/// A room on a hub, and who may do what with it.
struct Room {
    base: String,
    id: String,
    token: String,
    push_url: String,
    host: String,
    designer: String,
}

impl Room {
    /// Only a host (or an admin) opens a room.
    fn open(hub: &lantern_testing::HubServer) -> Self {
        let base = hub.url().to_owned();
        let (host, designer) = (hub.token("host", "hana"), hub.token("designer", "dana"));
        let url = format!("{base}/api/rooms");
        let body = json!({"name": "Red packets"});
        assert_eq!(call("POST", &url, None, Some(json(&body))).0, 401);
        assert_eq!(
            call("POST", &url, Some(&designer), Some(json(&body))).0,
            403
        );
        let (status, created) = call("POST", &url, Some(&host), Some(json(&body)));
        assert_eq!(status, 200, "{created}");
        let id = created["room"]["id"].as_str().unwrap().to_owned();
        let viewer_url = created["viewerUrl"].as_str().unwrap();
        assert!(viewer_url.ends_with(&format!("/viewer.html?room={id}")));
        Self {
            token: created["roomToken"].as_str().unwrap().to_owned(),
            push_url: created["pushUrl"].as_str().unwrap().to_owned(),
            base,
            id,
            host,
            designer,
        }
    }

    fn viewer(&self, cookie: Option<&str>) -> Viewer {
        viewer(&self.base, &self.id, cookie)
    }

    /// A wrong room token and a forged viewer cookie get no socket.
    fn strangers_are_turned_away(&self) {
        assert!(Ws::open(&self.push_url, Some(("authorization", "Bearer lr_wrong"))).is_err());
        let url = ws_url(&self.base, &format!("/api/rooms/{}/ws", self.id));
        assert!(Ws::open(&url, Some(("cookie", "lantern_viewer=v_x.forged"))).is_err());
    }

    /// The ledger: the room token or a host; two awards, 10 in all; one is `a`'s; CSV.
    fn ledger_holds_two_awards(&self, a: &Viewer) {
        let url = format!("{}/api/rooms/{}/ledger", self.base, self.id);
        assert_eq!(call("GET", &url, None, None).0, 401);
        assert_eq!(call("GET", &url, Some(&self.designer), None).0, 403);
        let (status, ledger) = call("GET", &url, Some(&self.token), None);
        assert_eq!(status, 200);
        assert_eq!(ledger["awards"].as_array().unwrap().len(), 2);
        assert_eq!(ledger["total"], 10.0);
        let mine = format!("{url}?viewer={}", a.id);
        let (_, mine) = call("GET", &mine, Some(&self.host), None);
        assert_eq!(mine["awards"].as_array().unwrap().len(), 1);
        let (status, csv) = common::call_raw("GET", &format!("{url}.csv"), Some(&self.token), None);
        assert_eq!(status, 200);
        assert_eq!(String::from_utf8(csv).unwrap().lines().count(), 3);
    }
}

#[test]
fn a_room_pays_each_award_once_and_hears_its_viewers() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = hub(dir.path(), None);
    let room = Room::open(&hub);
    room.strangers_are_turned_away();
    let mut pusher = push(&room.push_url, &room.token, 0);
    let (mut a, mut b, mut c) = (room.viewer(None), room.viewer(None), room.viewer(None));
    taps_are_paid_once(&mut a, &mut b, &mut c);
    the_room_reaches_the_push(&mut pusher, &mut a, &mut b, &mut c);
    over_fast_taps_are_refused(&mut c);
    room.ledger_holds_two_awards(&a);

    // kill -9, restart on the same port: the push and viewer reconnect; no award lost or repaid.
    hub.kill();
    hub.restart(Some(hub.port())).unwrap();
    let _pusher = push(&room.push_url, &room.token, 2000);
    let mut again = room.viewer(Some(&a.cookie));
    assert_eq!(again.id, a.id, "the signed cookie outlives a restart");
    assert_eq!(
        tap(&mut again, 9, "packet1", 2330, 120.0)["outcome"],
        "already"
    );
    room.ledger_holds_two_awards(&a);
}

/// Caught, already (the same award), caught by a second viewer, gone for the third (limit 2);
/// forged taps refused; a replayed tap never paid twice.
fn taps_are_paid_once(a: &mut Viewer, b: &mut Viewer, c: &mut Viewer) {
    let first = tap(a, 1, "packet1", 330, 120.0);
    assert_eq!(first["outcome"], "caught", "{first}");
    assert_eq!(first["award"]["amount"], 5.0);
    let again = tap(a, 2, "packet1", 363, 125.0);
    assert_eq!(again["outcome"], "already");
    assert_eq!(again["award"]["id"], first["award"]["id"]);
    assert_eq!(tap(b, 1, "packet1", 330, 101.0)["outcome"], "caught");
    assert_eq!(tap(c, 1, "packet1", 330, 120.0)["outcome"], "gone");

    // Forged: never shown, outside, from the future.
    for (zone, pts, x) in [
        ("packet9", 330, 120.0),
        ("packet1", 330, 400.0),
        ("packet1", 60_000, 120.0),
    ] {
        let t = tap(c, 2, zone, pts, x);
        assert_eq!(t["outcome"], "refused", "{t}");
        assert!(t["reason"].as_str().unwrap().len() > 5);
    }

    // A replayed tap, ten times at once: never a second row (past the rate limit, refused).
    for _ in 0..10 {
        a.ws.send(&json!({"type": "tap", "seq": 7, "zone": "packet1", "pts": 330, "x": 120.0, "y": 230.0}));
    }
    let answers: Vec<Value> = (0..10).map(|_| a.ws.answer(7)).collect();
    let fine = |t: &Value| t["outcome"] == "already" || t["code"] == "too_fast";
    assert!(answers.iter().all(fine), "{answers:?}");
    assert!(answers.iter().filter(|t| t["outcome"] == "already").count() >= 5);
}

/// Likes (20 a second a viewer: 30 of these 50 are dropped), a gift and a keyword reach the
/// push; chat reaches the viewers as text.
fn the_room_reaches_the_push(pusher: &mut Ws, a: &mut Viewer, b: &mut Viewer, c: &mut Viewer) {
    for _ in 0..5 {
        a.ws.send(&json!({"type": "like", "count": 10}));
    }
    b.ws.send(&json!({"type": "gift", "seq": 3, "gift": "rocket"}));
    assert_eq!(b.ws.answer(3)["type"], "ack");
    c.ws.send(&json!({"type": "chat", "seq": 4, "text": "666 <script>alert(1)</script>"}));
    assert_eq!(c.ws.answer(4)["type"], "ack");
    let mut seen = json!({"likes": 0, "gifts": 0, "chat": 0, "taps": 0});
    pusher.until(Duration::from_secs(10), |u| {
        assert_eq!(u["type"], "update");
        for (k, field) in [
            ("likes", &u["likes"]),
            ("gifts", &u["gifts"]["rocket"]),
            ("chat", &u["chat"]["666"]),
            ("taps", &u["taps"]["redPacket"]),
        ] {
            seen[k] = json!(seen[k].as_u64().unwrap() + field.as_u64().unwrap_or(0));
        }
        assert!(seen["likes"].as_u64().unwrap() <= 20, "{seen}");
        seen["likes"] == 20 && seen["gifts"] == 1 && seen["chat"] == 1
    });
    let line = a.ws.until(Duration::from_secs(5), |v| {
        v["type"] == "room"
            && v["chat"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["text"].as_str().unwrap().contains("script"))
    });
    assert!(
        line.to_string().contains("666 <script>alert(1)</script>"),
        "{line}"
    );
}

/// Over-fast taps are refused, not queued.
fn over_fast_taps_are_refused(c: &mut Viewer) {
    for seq in 100..130 {
        c.ws.send(
            &json!({"type": "tap", "seq": seq, "zone": "packet9", "pts": 330, "x": 1.0, "y": 1.0}),
        );
    }
    let fast = (100..130)
        .filter(|s| c.ws.answer(*s)["code"] == "too_fast")
        .count();
    assert!(fast >= 15, "{fast} of 30 refused as too fast");
}
