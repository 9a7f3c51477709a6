//! Bad input and bad actors: hostile packages refused on upload with their problems, oversized
//! uploads stopped while streaming, names with path tricks refused, 50 uploads at once, and the
//! hub killed (`kill -9`) during an upload — after a restart no half version, no orphan blob.

#![allow(
    clippy::unwrap_used,
    reason = "a test: a failure is the test's failure"
)]

mod common;

use std::io::Write as _;
use std::net::TcpStream;
use std::time::Duration;

use common::{ZIP, call, example_zip, files_under, hub, zip_of};
use lantern_testing::HubServer;

fn upload(hub: &HubServer, token: &str, body: Vec<u8>) -> (u16, serde_json::Value) {
    call(
        "POST",
        &format!("{}/api/packages", hub.url()),
        Some(token),
        Some((ZIP, body)),
    )
}

#[test]
fn hostile_packages_are_refused_with_their_problem_and_nothing_lands() {
    let data = tempfile::tempdir().unwrap();
    let hub = hub(data.path(), None);
    let designer = hub.token("designer", "dana");
    let effect = std::fs::read(common::root().join("examples/lucky-hat/effect.json")).unwrap();
    let bomb = vec![0_u8; 300 << 20];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "zip-slip",
            zip_of(&[("effect.json", &effect), ("../../evil.txt", b"x")]),
            "evil",
        ),
        (
            "bomb",
            zip_of(&[("effect.json", &effect), ("images/zeros.png", &bomb)]),
            "zeros",
        ),
        (
            "broken json",
            zip_of(&[("effect.json", b"{\"meta\": ")]),
            "effect.json",
        ),
        ("not a zip", b"this is not a zip at all".to_vec(), "zip"),
        (
            "truncated",
            example_zip("lucky-hat", "1.0.0")[..4000].to_vec(),
            "zip",
        ),
        (
            "no effect.json",
            zip_of(&[("readme.txt", b"hello")]),
            "effect.json",
        ),
    ];
    for (what, body, mention) in cases {
        let (status, err) = upload(&hub, &designer, body);
        assert_eq!(status, 422, "{what}: {err}");
        assert_eq!(err["code"], "invalid_package", "{what}");
        let text = err.to_string().to_lowercase();
        assert!(
            text.contains(mention),
            "{what}: the problem names {mention:?}: {err}"
        );
    }
    // A name with a path trick.
    let url = format!("{}/api/packages?name=..%2Fescape", hub.url());
    let (status, err) = call(
        "POST",
        &url,
        Some(&designer),
        Some((ZIP, example_zip("lucky-hat", "1.0.0"))),
    );
    assert_eq!(
        (status, err["code"].as_str()),
        (422, Some("bad_name")),
        "{err}"
    );
    // A version with one.
    let (status, err) = upload(&hub, &designer, example_zip("lucky-hat", "../../1"));
    assert_eq!(status, 422, "{err}");
    assert!(err.to_string().contains("/meta/version"), "{err}");
    // Nothing stored, nothing left behind, nothing outside the data folder.
    assert!(files_under(&data.path().join("blobs")).is_empty());
    assert!(files_under(&data.path().join("tmp")).is_empty());
    assert!(!data.path().parent().unwrap().join("evil.txt").exists());
}

#[test]
fn oversized_uploads_are_stopped_while_streaming() {
    let data = tempfile::tempdir().unwrap();
    let hub = HubServer::start(
        &[env!("CARGO_BIN_EXE_lantern-hub")],
        data.path(),
        &["--max-upload-mib", "1"],
    )
    .unwrap();
    let designer = hub.token("designer", "dana");
    // Declared too large: refused before a byte of the body is sent.
    let addr = hub.url().trim_start_matches("http://").to_owned();
    let mut s = TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "POST /api/packages HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {designer}\r\nContent-Type: application/zip\r\nContent-Length: {}\r\n\r\n", 3 << 20).unwrap();
    let mut answer = String::new();
    let _ = std::io::Read::read_to_string(&mut s, &mut answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("too_large"), "{answer}");
    // Undeclared (chunked) and too large: stopped once past the limit.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "POST /api/packages HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {designer}\r\nContent-Type: application/zip\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
    let chunk = vec![b'z'; 64 << 10];
    let mut sent = 0;
    while sent < (4 << 20) {
        if write!(s, "{:x}\r\n", chunk.len())
            .and_then(|()| s.write_all(&chunk))
            .and_then(|()| s.write_all(b"\r\n"))
            .is_err()
        {
            break; // the hub closed the connection: stopped while streaming
        }
        sent += chunk.len();
    }
    let mut answer = String::new();
    let _ = std::io::Read::read_to_string(&mut s, &mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 413") || sent < (4 << 20),
        "sent {sent}: {answer}"
    );
    assert!(files_under(&data.path().join("tmp")).is_empty());
}

#[test]
fn fifty_uploads_at_once_each_get_their_version() {
    let data = tempfile::tempdir().unwrap();
    let hub = hub(data.path(), None);
    let designer = hub.token("designer", "dana");
    let zips: Vec<Vec<u8>> = (0..50)
        .map(|i| example_zip("lut-beauty", &format!("1.0.{i}")))
        .collect();
    let start = std::time::Instant::now();
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = zips
            .into_iter()
            .map(|z| {
                let (hub, designer) = (&hub, &designer);
                scope.spawn(move || upload(hub, designer, z).0)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    println!("50 uploads at once: {:.1} s", start.elapsed().as_secs_f64());
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    let reviewer = hub.token("reviewer", "rui");
    let queue = call(
        "GET",
        &format!("{}/api/reviews", hub.url()),
        Some(&reviewer),
        None,
    )
    .1;
    assert_eq!(queue["versions"].as_array().unwrap().len(), 50);
}

#[test]
fn a_hub_killed_during_uploads_leaves_no_half_version_and_no_orphan_blob() {
    let data = tempfile::tempdir().unwrap();
    killed_during_uploads(hub(data.path(), None));
}

#[test]
fn the_same_on_postgresql() {
    let pg = lantern_testing::PgCluster::start().unwrap();
    let url = pg.database("hub").unwrap();
    let data = tempfile::tempdir().unwrap();
    let photos = data.path().join("no-photos");
    std::fs::create_dir_all(&photos).unwrap();
    let args = [
        "--database",
        &url,
        "--orphan-grace-secs",
        "0",
        "--photos",
        photos.to_str().unwrap(),
    ];
    killed_during_uploads(
        HubServer::start(&[env!("CARGO_BIN_EXE_lantern-hub")], data.path(), &args).unwrap(),
    );
}

/// Kills `hub` (`kill -9`) while it receives an upload and while it checks three; after a
/// restart, every version in the queue has its blob and no blob is without one.
fn killed_during_uploads(mut hub: HubServer) {
    let data = hub.data().to_owned();
    let designer = hub.token("designer", "dana");
    let reviewer = hub.token("reviewer", "rui");
    let zip = example_zip("lucky-hat", "2.0.0");
    // Half a body sent, then kill -9.
    let addr = hub.url().trim_start_matches("http://").to_owned();
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(s, "POST /api/packages HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {designer}\r\nContent-Type: application/zip\r\nContent-Length: {}\r\n\r\n", zip.len()).unwrap();
    s.write_all(&zip[..zip.len() / 2]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    hub.kill();
    // Whole bodies sent, killed while checking (a few times, at different moments).
    for delay in [50, 150, 400] {
        hub.restart(None).unwrap();
        let url = format!("{}/api/packages", hub.url());
        let body = zip.clone();
        let token = designer.clone();
        let sender = std::thread::Builder::new()
            .name("uploader".into())
            .spawn(move || call("POST", &url, Some(&token), Some((ZIP, body))).0)
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        hub.kill();
        let _ = sender.join();
    }
    hub.restart(None).unwrap();
    let queue = call(
        "GET",
        &format!("{}/api/reviews", hub.url()),
        Some(&reviewer),
        None,
    )
    .1;
    let versions = queue["versions"].as_array().unwrap();
    let blobs = files_under(&data.join("blobs"));
    // Either the upload got all the way (a row and its blob) or nothing of it is left.
    assert_eq!(
        blobs.len(),
        versions.len(),
        "blobs {blobs:?}, versions {versions:?}"
    );
    assert!(files_under(&data.join("tmp")).is_empty());
    // And the hub still takes the upload.
    let (status, body) = upload(&hub, &designer, zip);
    assert!(
        status == 201 || (status == 409 && versions.len() == 1),
        "{status} {body}"
    );
}
