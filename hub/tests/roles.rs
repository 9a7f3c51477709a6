//! The authorisation matrix and the library's life cycle over real HTTP: a designer publishes,
//! a reviewer approves (the hub signs), a host lists, downloads and verifies; each role can do
//! exactly its job, no token gets only the public endpoints, guessing tokens is throttled. The
//! same cycle runs on PostgreSQL with two hub instances sharing it (and the blobs), each request
//! going to the other instance than the one before.

#![allow(
    clippy::unwrap_used,
    reason = "a test: a failure is the test's failure"
)]

mod common;

use common::{ZIP, call, call_raw, example_zip, hub, json};
use lantern_library::{HubKey, SignedManifest};
use serde_json::json;

struct World {
    hubs: Vec<lantern_testing::HubServer>,
    next: std::cell::Cell<usize>,
    designer: String,
    reviewer: String,
    host: String,
    admin: String,
    zip: Vec<u8>,
}

impl World {
    /// `p` on the next instance, round-robin.
    fn u(&self, p: &str) -> String {
        let i = self.next.get();
        self.next.set(i + 1);
        format!("{}{p}", self.hubs[i % self.hubs.len()].url())
    }

    fn new(hubs: Vec<lantern_testing::HubServer>) -> Self {
        let hub = &hubs[0];
        Self {
            designer: hub.token("designer", "dana"),
            reviewer: hub.token("reviewer", "rui"),
            host: hub.token("host", "hana"),
            admin: hub.token("admin", "ada"),
            zip: example_zip("lucky-hat", "1.0.0"),
            hubs,
            next: std::cell::Cell::new(0),
        }
    }

    fn run(&self) {
        anonymous_gets_the_public_endpoints_only(self);
        uploads_are_for_designers(self);
        pending_versions_are_hidden_from_hosts(self);
        reviews_are_for_reviewers(self);
        hosts_list_download_and_verify(self);
        tokens_are_for_admins(self);
        yanked_versions_are_gone_for_hosts(self);
    }

    fn version(&self) -> String {
        self.u("/api/packages/lucky-hat/1.0.0")
    }
}

#[test]
fn each_role_does_exactly_its_job_from_upload_to_a_verified_download() {
    let data = tempfile::tempdir().unwrap();
    World::new(vec![hub(data.path(), None)]).run();
}

#[test]
fn the_same_on_postgresql_with_two_instances_sharing_it() {
    let pg = lantern_testing::PgCluster::start().unwrap();
    let url = pg.database("hub").unwrap();
    let shared = tempfile::tempdir().unwrap();
    let blobs = shared.path().join("blobs");
    let photos = shared.path().join("no-photos");
    std::fs::create_dir_all(&photos).unwrap();
    let instance = |name: &str| {
        let args = [
            "--database",
            &url,
            "--blobs",
            blobs.to_str().unwrap(),
            "--photos",
            photos.to_str().unwrap(),
        ];
        lantern_testing::HubServer::start(
            &[env!("CARGO_BIN_EXE_lantern-hub")],
            &shared.path().join(name),
            &args,
        )
        .unwrap()
    };
    let hubs = vec![instance("a"), instance("b")];
    let key =
        |h: &lantern_testing::HubServer| call("GET", &format!("{}/api/key", h.url()), None, None).1;
    assert_eq!(
        key(&hubs[0]),
        key(&hubs[1]),
        "instances sharing a database sign with one key"
    );
    let w = World::new(hubs);
    w.run();
    // The same new version uploaded ten times at once through both instances: one wins.
    let zip = example_zip("lucky-hat", "3.0.0");
    let urls: Vec<String> = (0..10).map(|_| w.u("/api/packages")).collect();
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = urls
            .iter()
            .map(|url| {
                let (zip, token) = (zip.clone(), &w.designer);
                scope.spawn(move || call("POST", url, Some(token), Some((ZIP, zip))).0)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
}

fn anonymous_gets_the_public_endpoints_only(w: &World) {
    // No token: the public endpoints only.
    for p in ["/api/health", "/api/key", "/api/openapi.json"] {
        assert_eq!(call("GET", &w.u(p), None, None).0, 200, "{p}");
    }
    let (status, body) = call("GET", &w.u("/api/nope"), None, None);
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("not_found")),
        "{body}"
    );
    for p in ["/api/me", "/api/packages", "/api/reviews", "/api/tokens"] {
        let (status, body) = call("GET", &w.u(p), None, None);
        assert_eq!(status, 401, "{p}: {body}");
        assert_eq!(body["code"], "unauthorized");
    }
    assert_eq!(
        call("GET", &w.u("/api/me"), Some(&w.host), None).1,
        json!({"name": "hana", "role": "host"})
    );
}

fn uploads_are_for_designers(w: &World) {
    // Upload: designers only.
    for t in [&w.host, &w.reviewer, &w.admin] {
        let (status, body) = call(
            "POST",
            &w.u("/api/packages"),
            Some(t),
            Some((ZIP, w.zip.clone())),
        );
        assert_eq!(status, 403, "{body}");
    }
    let (status, v) = call(
        "POST",
        &w.u("/api/packages"),
        Some(&w.designer),
        Some((ZIP, w.zip.clone())),
    );
    assert_eq!(status, 201, "{v}");
    assert_eq!(
        (
            v["name"].as_str(),
            v["version"].as_str(),
            v["status"].as_str()
        ),
        (Some("lucky-hat"), Some("1.0.0"), Some("pending"))
    );
    assert!(
        v["report"]["budgets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["name"] == "textureBytes"),
        "{v}"
    );
    assert!(
        v["capabilities"]
            .as_array()
            .unwrap()
            .contains(&json!("faceMesh")),
        "{v}"
    );
    let (status, body) = call(
        "POST",
        &w.u("/api/packages"),
        Some(&w.designer),
        Some((ZIP, w.zip.clone())),
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("version_exists")),
        "versions are immutable"
    );
}

fn pending_versions_are_hidden_from_hosts(w: &World) {
    let version = w.version();
    // Pending: hosts neither see nor fetch it; the designer and reviewers do.
    assert_eq!(call("GET", &version, Some(&w.host), None).0, 404);
    assert_eq!(
        call(
            "GET",
            &format!("{version}/package.zip"),
            Some(&w.host),
            None
        )
        .0,
        404
    );
    assert_eq!(
        call("GET", &format!("{version}/manifest"), Some(&w.host), None).0,
        404
    );
    assert_eq!(call("GET", &version, Some(&w.designer), None).0, 200);
    assert_eq!(
        call("GET", &w.u("/api/packages"), Some(&w.host), None).1["total"],
        0
    );
}

fn reviews_are_for_reviewers(w: &World) {
    let version = w.version();
    // Review: reviewers only; a rejection needs a reason.
    for t in [&w.designer, &w.host, &w.admin] {
        assert_eq!(call("GET", &w.u("/api/reviews"), Some(t), None).0, 403);
        let (status, _) = call(
            "POST",
            &format!("{version}/review"),
            Some(t),
            Some(json(&json!({"decision": "approve"}))),
        );
        assert_eq!(status, 403);
    }
    let queue = call("GET", &w.u("/api/reviews"), Some(&w.reviewer), None).1;
    assert_eq!(queue["versions"][0]["name"], "lucky-hat");
    let (status, body) = call(
        "POST",
        &format!("{version}/review"),
        Some(&w.reviewer),
        Some(json(&json!({"decision": "reject"}))),
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("reason_required"))
    );
    let (status, body) = call(
        "POST",
        &format!("{version}/review"),
        Some(&w.reviewer),
        Some(json(&json!({"decision": "approve"}))),
    );
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("approved")),
        "{body}"
    );
    let (status, _) = call(
        "POST",
        &format!("{version}/review"),
        Some(&w.reviewer),
        Some(json(&json!({"decision": "approve"}))),
    );
    assert_eq!(status, 409, "approved once");
}

fn hosts_list_download_and_verify(w: &World) {
    let version = w.version();
    // Hosts list, download and verify against the hub's key.
    let list = call("GET", &w.u("/api/packages?q=lucky"), Some(&w.host), None).1;
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["packages"][0]["latest"]["version"], "1.0.0");
    let (status, bytes) = call_raw(
        "GET",
        &format!("{version}/package.zip"),
        Some(&w.host),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(bytes, w.zip);
    let key = HubKey::parse(
        call("GET", &w.u("/api/key"), None, None).1["publicKey"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let signed: SignedManifest =
        serde_json::from_value(call("GET", &format!("{version}/manifest"), Some(&w.host), None).1)
            .unwrap();
    let manifest = signed.verify(&key).unwrap();
    manifest.check_package(&bytes).unwrap();
    assert_eq!(
        (manifest.name.as_str(), manifest.version.as_str()),
        ("lucky-hat", "1.0.0")
    );
    let mut forged = signed.clone();
    forged.manifest = forged.manifest.replace("1.0.0", "1.0.1");
    assert!(
        forged.verify(&key).is_err(),
        "a changed manifest fails its signature"
    );
}

fn tokens_are_for_admins(w: &World) {
    // Tokens: admins only; a revoked token is refused.
    for t in [&w.designer, &w.reviewer, &w.host] {
        assert_eq!(call("GET", &w.u("/api/tokens"), Some(t), None).0, 403);
    }
    let (status, made) = call(
        "POST",
        &w.u("/api/tokens"),
        Some(&w.admin),
        Some(json(&json!({"name": "temp", "role": "host"}))),
    );
    assert_eq!(status, 200, "{made}");
    let temp = made["token"].as_str().unwrap().to_owned();
    assert_eq!(call("GET", &w.u("/api/me"), Some(&temp), None).0, 200);
    let id = made["id"].as_i64().unwrap();
    assert_eq!(
        call(
            "DELETE",
            &w.u(&format!("/api/tokens/{id}")),
            Some(&w.admin),
            None
        )
        .0,
        204
    );
    assert_eq!(call("GET", &w.u("/api/me"), Some(&temp), None).0, 401);
}

fn yanked_versions_are_gone_for_hosts(w: &World) {
    let version = w.version();
    // Yank: hosts get 410 and why; the designer may yank only their own.
    let other = w.hubs[0].token("designer", "otto");
    let (status, _) = call(
        "POST",
        &format!("{version}/yank"),
        Some(&other),
        Some(json(&json!({"reason": "mine now"}))),
    );
    assert_eq!(status, 403);
    let (status, body) = call(
        "POST",
        &format!("{version}/yank"),
        Some(&w.designer),
        Some(json(&json!({"reason": "the hat clips on tall faces"}))),
    );
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("yanked")),
        "{body}"
    );
    let (status, body) = call("GET", &format!("{version}/manifest"), Some(&w.host), None);
    assert_eq!(status, 410);
    assert!(
        body["message"].as_str().unwrap().contains("tall faces"),
        "{body}"
    );
    assert_eq!(
        call("GET", &w.u("/api/packages"), Some(&w.host), None).1["total"],
        0
    );
}

#[test]
fn guessing_tokens_is_throttled_and_the_right_token_waits_too() {
    let data = tempfile::tempdir().unwrap();
    let hub = hub(data.path(), None);
    let host = hub.token("host", "hana");
    let me = format!("{}/api/me", hub.url());
    let mut statuses = Vec::new();
    for i in 0..25 {
        statuses.push(call("GET", &me, Some(&format!("lh_guess{i}")), None).0);
    }
    assert!(statuses[..20].iter().all(|s| *s == 401), "{statuses:?}");
    assert!(statuses[20..].iter().all(|s| *s == 429), "{statuses:?}");
    let (status, body) = call("GET", &me, Some(&host), None);
    assert_eq!(
        status, 429,
        "blocked addresses wait, whatever the token: {body}"
    );
    assert!(body["message"].as_str().unwrap().contains("wait"));
}
