//! Shared by the hub's tests: a hub process, HTTP calls, and package zips made from the
//! examples (with a chosen version) or by hand (hostile ones).

#![allow(dead_code, reason = "each test file uses part of it")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failure is the test's failure"
)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lantern_testing::HubServer;
use serde_json::Value;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// A hub over a fresh data folder, with no reference photos unless `photos` is given.
pub fn hub(data: &Path, photos: Option<&Path>) -> HubServer {
    let empty = data.join("no-photos");
    std::fs::create_dir_all(&empty).unwrap();
    let photos = photos.unwrap_or(&empty).display().to_string();
    HubServer::start(
        &[env!("CARGO_BIN_EXE_lantern-hub")],
        data,
        &["--photos", &photos],
    )
    .unwrap()
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_mins(2)))
        .build()
        .into()
}

/// (status, JSON body or Null) of a request.
pub fn call(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<(&str, Vec<u8>)>,
) -> (u16, Value) {
    let (status, bytes) = call_raw(method, url, token, body);
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

pub fn call_raw(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<(&str, Vec<u8>)>,
) -> (u16, Vec<u8>) {
    let agent = agent();
    let auth = token.map(|t| format!("Bearer {t}"));
    let response = match (method, body) {
        ("GET", _) => {
            let mut r = agent.get(url);
            if let Some(a) = &auth {
                r = r.header("Authorization", a);
            }
            r.call()
        }
        ("DELETE", _) => {
            let mut r = agent.delete(url);
            if let Some(a) = &auth {
                r = r.header("Authorization", a);
            }
            r.call()
        }
        (_, body) => {
            let mut r = agent.post(url);
            if let Some(a) = &auth {
                r = r.header("Authorization", a);
            }
            match body {
                Some((ct, bytes)) => r.header("Content-Type", ct).send(&bytes[..]),
                None => r.send_empty(),
            }
        }
    };
    let mut response = response.unwrap();
    let status = response.status().as_u16();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(512 << 20)
        .read_to_vec()
        .unwrap();
    (status, bytes)
}

pub fn json(v: &Value) -> (&str, Vec<u8>) {
    ("application/json", serde_json::to_vec(v).unwrap())
}

/// An example packed as a zip, its effect.json's version set to `version`.
pub fn example_zip(name: &str, version: &str) -> Vec<u8> {
    let dir = root().join("examples").join(name);
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut files = Vec::new();
    collect(&dir, &dir, &mut files);
    files.sort();
    for rel in files {
        let path = dir.join(&rel);
        let mut bytes = std::fs::read(&path).unwrap();
        if rel == "effect.json" {
            let mut effect: Value = serde_json::from_slice(&bytes).unwrap();
            effect["meta"]["version"] = Value::String(version.to_owned());
            bytes = serde_json::to_vec_pretty(&effect).unwrap();
        }
        out.start_file(rel.as_str(), opts).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
        // The package itself, not the example's test material.
        if rel.starts_with("screenshot") || rel.starts_with("tapes") || rel == "README.md" {
            continue;
        }
        if p.is_dir() {
            collect(base, &p, out);
        } else {
            out.push(rel);
        }
    }
}

/// A zip of the given (name, bytes) entries, stored as given.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        out.start_file(*name, opts).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Files under `dir`, recursively (to check nothing landed where it should not).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

pub const ZIP: &str = "application/zip";
