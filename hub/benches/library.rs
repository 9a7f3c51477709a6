//! Figures for Lantern Hub (`cargo bench -p lantern-hub --bench library`): for each example,
//! upload → answered (the worker's check), → previews rendered, → approved; then the list's
//! latency with 1,000 approved packages (seeded straight into the database), p50/p99 over 200
//! requests per query. Prints a table; asserts nothing.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark that prints its figures"
)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{ZIP, call, example_zip, hub, json};
use lantern_hub::db::{Db, NewVersion};
use lantern_library::wire::{Report, Status};

fn main() {
    let data = tempfile::tempdir().unwrap();
    let media = lantern_engine::track::photos::media_dir().ok();
    let mut hub = hub(data.path(), media.as_deref());
    let designer = hub.token("designer", "dana");
    let reviewer = hub.token("reviewer", "rui");
    let host = hub.token("host", "hana");
    println!("example            zip KiB  answered ms  previews s  approved ms  upload→approved s");
    let mut names: Vec<String> = std::fs::read_dir(common::root().join("examples"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("effect.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        publish_and_approve(&hub, name, &designer, &reviewer);
    }
    let port = hub.port();
    hub.kill();
    seed(data.path(), 1000);
    hub.restart(Some(port)).unwrap();
    println!(
        "\nlist with {} approved packages (200 requests each)",
        1000 + names.len()
    );
    for (what, query) in [
        ("first page (50)", "/api/packages?limit=50"),
        ("last page (50)", "/api/packages?limit=50&offset=980"),
        ("search \"bench-07\"", "/api/packages?q=bench-07"),
    ] {
        let url = format!("{}{query}", hub.url());
        let mut ms: Vec<f64> = (0..200)
            .map(|_| {
                let t = Instant::now();
                assert_eq!(call("GET", &url, Some(&host), None).0, 200);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        println!(
            "  {what:<20} p50 {:6.2} ms  p99 {:6.2} ms",
            ms[100], ms[198]
        );
    }
}

fn publish_and_approve(
    hub: &lantern_testing::HubServer,
    name: &str,
    designer: &str,
    reviewer: &str,
) {
    let zip = example_zip(name, "1.0.0");
    let kib = zip.len() / 1024;
    let t0 = Instant::now();
    let url = format!("{}/api/packages?name={name}", hub.url());
    let (status, v) = call("POST", &url, Some(designer), Some((ZIP, zip)));
    let answered = t0.elapsed();
    if status != 201 {
        println!("{name:<18} {kib:>7}  refused: {v}");
        return;
    }
    let version = format!("{}/api/packages/{name}/1.0.0", hub.url());
    lantern_testing::HubServer::wait_until(Duration::from_mins(10), || {
        let v = call("GET", &version, Some(reviewer), None).1;
        v["report"]["previews"]
            .as_array()
            .is_none_or(|p| p.iter().all(|p| p["status"] != "rendering"))
    });
    let previews = t0.elapsed();
    let t1 = Instant::now();
    let (status, _) = call(
        "POST",
        &format!("{version}/review"),
        Some(reviewer),
        Some(json(&serde_json::json!({"decision": "approve"}))),
    );
    assert_eq!(status, 200);
    println!(
        "{name:<18} {kib:>7}  {:>11.0}  {:>10.1}  {:>11.1}  {:>17.1}",
        answered.as_secs_f64() * 1000.0,
        previews.as_secs_f64(),
        t1.elapsed().as_secs_f64() * 1000.0,
        t0.elapsed().as_secs_f64()
    );
}

/// `n` approved packages written straight into the hub's database (the hub is stopped).
fn seed(data: &std::path::Path, n: usize) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = Db::open(None, data).await.unwrap();
        let report = Report::default();
        for i in 0..n {
            let name = format!("bench-{i:04}");
            let new = NewVersion {
                name: &name,
                version: "1.0.0",
                title: &format!("Bench effect {i}"),
                description: "A seeded package for the list benchmark.",
                sha256: &format!("{i:064x}"),
                size: 1000,
                report: &report,
                uploaded_by: "seed",
            };
            let id = db.insert_version(&new).await.unwrap().unwrap();
            db.set_status(
                id,
                &[Status::Pending],
                Status::Approved,
                "seed",
                None,
                Some(("{}", "")),
            )
            .await
            .unwrap();
        }
    });
}
