//! The chain through Lantern Hub, with the real binaries: `lantern publish` an example,
//! `lantern hub review approve` it, `lantern push --effect hub:NAME@VERSION` to nginx-rtmp; with
//! the hub stopped the push starts from its verified cache; a tampered cached package is refused.

#![allow(
    clippy::unwrap_used,
    reason = "a test: a failure is the test's failure"
)]

use std::path::Path;
use std::process::{Command, Output};

use lantern_integration_tests::{lantern_bin, repo_root};
use lantern_testing::{HubServer, RtmpServer, ffprobe};

fn lantern(args: &[&str], cache: &Path) -> Output {
    Command::new(lantern_bin())
        .args(args)
        .env("LANTERN_HUB_CACHE", cache)
        .env_remove("LANTERN_HUB_TOKEN")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn push(hub: &str, token: &str, server: &RtmpServer, key: &str, cache: &Path) -> Output {
    let url = server.url();
    let args = [
        "push",
        "--effect",
        "hub:lucky-hat@1.0.0",
        "--hub",
        hub,
        "--hub-token",
        token,
        "--input",
        "pattern",
        "--url",
        url.as_str(),
        "--key",
        key,
        "--size",
        "320x180",
        "--duration",
        "2",
        "--no-tracking",
    ];
    lantern(&args, cache)
}

#[test]
fn published_reviewed_and_pushed_from_the_hub_then_from_its_cache() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let photos = data.path().join("no-photos");
    std::fs::create_dir_all(&photos).unwrap();
    let bin = lantern_bin().to_str().unwrap();
    let args = ["--photos", photos.to_str().unwrap()];
    let mut hub = HubServer::start(&[bin, "hub"], data.path(), &args).unwrap();
    let host = hub.token("host", "hana");
    let url = hub.url().to_owned();
    let server = RtmpServer::start().unwrap();
    publish_then_approve(&hub, &server, &host, cache.path());

    let out = push(&url, &host, &server, "live", cache.path());
    assert!(out.status.success(), "{}", text(&out));
    let recording = server.wait_recording("live", std::time::Duration::from_secs(30));
    let probe = ffprobe(&recording.unwrap());
    assert!(probe.to_string().contains("h264"), "{probe}");

    // The monitor's library from the hub: its approved packages, fetched and verified; with the
    // hub gone, the push starts from the cache, verified, and the library lists the cache.
    let library_cache = lantern_library::Cache::new(cache.path().join("monitor"));
    let source = lantern_monitor::library_hub::HubSource {
        url: url.clone(),
        token: Some(host.clone()),
        key: None,
    };
    monitor_library_lists(&source, &library_cache, false);
    hub.kill();
    monitor_library_lists(&source, &library_cache, true);
    let out = push(&url, &host, &server, "cached", cache.path());
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("from the cache"), "{}", text(&out));

    // A cached package changed on disk is refused, naming the file.
    let lucky_hat = lantern_library::EffectRef {
        name: "lucky-hat".into(),
        version: "1.0.0".into(),
    };
    let cached = lantern_library::Cache::new(cache.path())
        .version_dir(&url, &lucky_hat)
        .join("package.zip");
    let mut bytes = std::fs::read(&cached).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&cached, bytes).unwrap();
    let out = push(&url, &host, &server, "tampered", cache.path());
    assert!(!out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("does not match its signed manifest"),
        "{said}"
    );
}

/// `lantern publish` lucky-hat; a pending version does not go live; `lantern hub review approve`.
fn publish_then_approve(hub: &HubServer, server: &RtmpServer, host: &str, cache: &Path) {
    let (url, designer, reviewer) = (
        hub.url(),
        hub.token("designer", "dana"),
        hub.token("reviewer", "rui"),
    );
    let example = repo_root().join("examples/lucky-hat");
    let out = lantern(
        &[
            "publish",
            example.to_str().unwrap(),
            "--hub",
            url,
            "--token",
            &designer,
        ],
        cache,
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("published lucky-hat@1.0.0"),
        "{}",
        text(&out)
    );

    let out = push(url, host, server, "early", cache);
    assert!(!out.status.success(), "a pending version does not go live");
    assert!(text(&out).contains("approved"), "{}", text(&out));

    let approve = [
        "hub",
        "review",
        "approve",
        "lucky-hat@1.0.0",
        "--hub",
        url,
        "--token",
        &reviewer,
    ];
    let out = lantern(&approve, cache);
    assert!(out.status.success(), "{}", text(&out));
}

/// The monitor's library from `source` holds lucky-hat 1.0.0, playable (from the cache when
/// `offline`).
fn monitor_library_lists(
    source: &lantern_monitor::library_hub::HubSource,
    cache: &lantern_library::Cache,
    offline: bool,
) {
    let listing = lantern_monitor::library_hub::scan(source, cache);
    assert_eq!(listing.entries.len(), 1, "{listing:?}");
    let entry = &listing.entries[0];
    assert!(
        entry.error.is_none() && entry.thumbnail.is_some(),
        "{entry:?}"
    );
    assert_eq!(entry.name, "Lucky Hat 1.0.0");
    let said_cached = listing
        .note
        .as_deref()
        .is_some_and(|n| n.contains("cached"));
    assert_eq!(said_cached, offline, "{listing:?}");
}
