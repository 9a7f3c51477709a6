//! The pinned wheel from PyPI: its URL from the simple index (PEP 691 JSON), then a resumable download into the
//! cache folder (`<file>.part`, continued with a `Range` request), checked against the pinned
//! sha256 before it is renamed into place.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{FetchError, Progress};
use crate::models::{self, WheelSpec};

/// PyPI's simple index (PEP 691 JSON), the API pip itself uses: mirrors and proxies that serve
/// pip serve it too (some answer 404 for the older `/pypi/NAME/VERSION/json`).
pub(super) const PYPI: &str = "https://pypi.org/simple";

/// The cached wheel `spec`, downloaded first (from the JSON API at `api`) when it is not there
/// or not whole.
pub(super) fn wheel(
    spec: &WheelSpec,
    api: &str,
    cache: &Path,
    progress: &mut dyn Progress,
) -> Result<PathBuf, FetchError> {
    let path = cache.join(&spec.file);
    if path.is_file() && models::sha256_file(&path).is_ok_and(|s| s == spec.sha256) {
        return Ok(path);
    }
    std::fs::create_dir_all(cache).map_err(|e| FetchError::writing(cache, e))?;
    // The system's trust store (as pip, curl and npm use it): a proxy's own CA included.
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        .timeout_connect(Some(Duration::from_secs(20)))
        .timeout_recv_response(Some(Duration::from_secs(30)))
        .build()
        .into();
    let url = wheel_url(&agent, api, spec)?;
    let part = cache.join(format!("{}.part", spec.file));
    download(&agent, &url, &part, spec, progress)?;
    let actual = models::sha256_file(&part).map_err(|e| FetchError::Io {
        path: part.clone(),
        source: std::io::Error::other(e.to_string()),
    })?;
    if actual != spec.sha256 {
        let _ = std::fs::remove_file(&part);
        return Err(FetchError::Checksum {
            path: part,
            expected: spec.sha256.clone(),
            actual,
        });
    }
    std::fs::rename(&part, &path).map_err(|e| FetchError::writing(&path, e))?;
    Ok(path)
}

fn network(spec: &WheelSpec, what: &str, e: impl std::fmt::Display) -> FetchError {
    FetchError::Network {
        what: what.to_owned(),
        file: spec.file.clone(),
        detail: e.to_string(),
    }
}

/// The wheel's URL, from the index's page for the package (which also states its sha256: a
/// mismatch with the pin is refused before downloading).
fn wheel_url(agent: &ureq::Agent, api: &str, spec: &WheelSpec) -> Result<String, FetchError> {
    let page = format!("{api}/{}/", spec.package);
    let what = format!("{}=={}", spec.package, spec.version);
    let text = agent
        .get(&page)
        .header("Accept", "application/vnd.pypi.simple.v1+json")
        .call()
        .and_then(|mut r| r.body_mut().read_to_string())
        .map_err(|e| network(spec, &what, e))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| network(spec, &what, e))?;
    let files = json["files"].as_array().cloned().unwrap_or_default();
    let entry = files
        .iter()
        .find(|f| f["filename"].as_str() == Some(spec.file.as_str()))
        .ok_or_else(|| network(spec, &what, format!("PyPI lists no file {}", spec.file)))?;
    let sha = entry["hashes"]["sha256"].as_str().unwrap_or_default();
    if sha != spec.sha256 {
        let detail = format!("PyPI states sha256 {sha}, models.toml pins {}", spec.sha256);
        return Err(network(spec, &what, detail));
    }
    let url = entry["url"]
        .as_str()
        .ok_or_else(|| network(spec, &what, "PyPI gave no URL"))?;
    // PEP 691 allows a URL relative to the page.
    Ok(if url.contains("://") {
        url.to_owned()
    } else if let Some(path) = url.strip_prefix('/') {
        let origin = page
            .find("://")
            .and_then(|s| page[s + 3..].find('/').map(|e| s + 3 + e));
        format!("{}/{path}", &page[..origin.unwrap_or(page.len())])
    } else {
        format!("{page}{url}")
    })
}

/// Downloads `url` into `part`, continuing what is already there.
fn download(
    agent: &ureq::Agent,
    url: &str,
    part: &Path,
    spec: &WheelSpec,
    progress: &mut dyn Progress,
) -> Result<(), FetchError> {
    let mut done = std::fs::metadata(part).map_or(0, |m| m.len());
    if done >= spec.size {
        // Whole (or too long: then the sha256 check deletes it).
        return Ok(());
    }
    let mut request = agent.get(url);
    if done > 0 {
        request = request.header("Range", format!("bytes={done}-"));
    }
    let mut response = request.call().map_err(|e| network(spec, &spec.file, e))?;
    let resumed = response.status().as_u16() == 206;
    if !resumed {
        done = 0;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(resumed)
        .truncate(!resumed)
        .open(part)
        .map_err(|e| FetchError::writing(part, e))?;
    progress.start(spec.size, done);
    let mut reader = response
        .body_mut()
        .with_config()
        .limit(spec.size.saturating_mul(2))
        .reader();
    let mut buf = vec![0_u8; 1 << 16];
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| network(spec, &spec.file, e))?;
        if n == 0 {
            break;
        }
        file.write_all(&buf[..n])
            .map_err(|e| FetchError::writing(part, e))?;
        progress.advance(n as u64);
    }
    file.sync_all().map_err(|e| FetchError::writing(part, e))?;
    progress.finish();
    Ok(())
}
