use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::sync::mpsc;

use sha2::{Digest as _, Sha256};

use super::*;
use crate::models::{self, Models, Source, WheelSpec};

/// A wheel-like zip holding the installed `.tflite` files at their wheel paths, with the entry
/// for `bad` (if any) replaced by other bytes.
fn make_wheel(dir: &Path, bad: Option<&str>) -> PathBuf {
    let models = Models::discover().only(Source::Tflite);
    let path = dir.join("mediapipe-test.whl");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for spec in wanted().unwrap() {
        let inner = spec.wheel_path.as_deref().unwrap();
        zip.start_file(inner, zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = if bad == spec.tflite.as_deref() {
            b"not google's model".to_vec()
        } else {
            std::fs::read(models.path(&spec.file).unwrap()).unwrap()
        };
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn outcomes(report: &[(String, Outcome)], o: Outcome) -> usize {
    report.iter().filter(|(_, x)| *x == o).count()
}

#[test]
fn from_a_wheel_it_installs_each_model_once() {
    let tmp = tempfile::tempdir().unwrap();
    let wheel = make_wheel(tmp.path(), None);
    let (dest, cache) = (tmp.path().join("models"), tmp.path().join("cache"));
    let n = wanted().unwrap().len();
    let first = fetch(&dest, Some(&wheel), &cache, &mut Quiet).unwrap();
    assert_eq!(outcomes(&first, Outcome::Installed), n);
    let again = fetch(&dest, Some(&wheel), &cache, &mut Quiet).unwrap();
    assert_eq!(outcomes(&again, Outcome::AlreadyThere), n, "idempotent");

    // A damaged model is replaced; the others stay.
    std::fs::write(dest.join("iris_landmark.tflite"), b"damaged").unwrap();
    let fixed = fetch(&dest, Some(&wheel), &cache, &mut Quiet).unwrap();
    assert_eq!(outcomes(&fixed, Outcome::Installed), 1);
    // And the engine finds and verifies them there.
    let models = Models::with_dirs(vec![models::SearchDir {
        path: dest.clone(),
        origin: "test",
    }]);
    for spec in wanted().unwrap() {
        let p = models.path(&spec.file).unwrap();
        assert_eq!(p.extension().unwrap(), "tflite");
    }
    // From a folder of .tflite files too.
    let copy = tmp.path().join("copy");
    let report = fetch(&copy, Some(&dest), &cache, &mut Quiet).unwrap();
    assert_eq!(outcomes(&report, Outcome::Installed), n);
}

#[test]
fn a_model_with_the_wrong_sha256_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let wheel = make_wheel(tmp.path(), Some("face_landmark.tflite"));
    let dest = tmp.path().join("models");
    let err = fetch(&dest, Some(&wheel), &tmp.path().join("c"), &mut Quiet).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, FetchError::Checksum { .. }), "{text}");
    assert!(
        text.contains("face_landmark.tflite") && text.contains("sha256"),
        "{text}"
    );
    assert!(
        !dest.join("face_landmark.tflite").exists(),
        "nothing half-installed"
    );
    let not_a_wheel = tmp.path().join("x.whl");
    std::fs::write(&not_a_wheel, b"no zip").unwrap();
    let err = fetch(&dest, Some(&not_a_wheel), &tmp.path().join("c"), &mut Quiet).unwrap_err();
    assert!(err.to_string().contains("Fix"), "{err}");
}

#[test]
fn write_errors_say_what_to_do() {
    use std::io::{Error, ErrorKind};
    let p = Path::new("/somewhere/models");
    let full = FetchError::writing(p, Error::from(ErrorKind::StorageFull)).to_string();
    assert!(
        full.contains("disk is full") && full.contains("/somewhere/models"),
        "{full}"
    );
    let enospc = FetchError::writing(p, Error::from_raw_os_error(28));
    assert!(matches!(enospc, FetchError::DiskFull { .. }), "{enospc}");
    for e in [
        Error::from_raw_os_error(30),
        Error::from(ErrorKind::PermissionDenied),
    ] {
        let ro = FetchError::writing(p, e).to_string();
        assert!(
            ro.contains("cannot write") && ro.contains("LANTERN_MODELS"),
            "{ro}"
        );
        assert_eq!(ro.lines().count(), 1, "one line: {ro}");
    }
}

fn fake_spec(bytes: &[u8]) -> WheelSpec {
    WheelSpec {
        package: "fake".to_owned(),
        version: "1".to_owned(),
        file: "fake-1.whl".to_owned(),
        sha256: extract::hex(&Sha256::digest(bytes)),
        size: bytes.len() as u64,
        licence: "none".to_owned(),
    }
}

/// A tiny PyPI on 127.0.0.1 for `requests` requests: the simple index (PEP 691 JSON), and the
/// file, whose first download breaks off half way. Sends each request's `Range` header (or "") back.
fn serve(spec: &WheelSpec, body: Vec<u8>, requests: usize) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let json = format!(
        r#"{{"files":[{{"filename":"{}","url":"/files/{}","hashes":{{"sha256":"{}"}}}}]}}"#,
        spec.file, spec.file, spec.sha256
    );
    let (tx, rx) = mpsc::sync_channel(requests);
    std::thread::Builder::new()
        .name("fake-pypi".to_owned())
        .spawn(move || {
            let mut downloads = 0;
            for stream in listener.incoming().take(requests) {
                let mut stream = stream.unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let (mut line, mut range) = (String::new(), String::new());
                reader.read_line(&mut line).unwrap();
                loop {
                    let mut h = String::new();
                    reader.read_line(&mut h).unwrap();
                    if h.trim().is_empty() {
                        break;
                    }
                    if let Some(r) = h.to_ascii_lowercase().strip_prefix("range: bytes=") {
                        range = r.trim().trim_end_matches('-').to_owned();
                    }
                }
                let _ = tx.send(range.clone());
                let index_page = !line.contains("/files/");
                let reply = if index_page {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        json.len()
                    );
                    [head.into_bytes(), json.clone().into_bytes()].concat()
                } else {
                    downloads += 1;
                    let from: usize = range.parse().unwrap_or(0);
                    let status = if from > 0 {
                        "206 Partial Content"
                    } else {
                        "200 OK"
                    };
                    let rest = &body[from..];
                    let head = format!(
                        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        rest.len()
                    );
                    // The first download breaks off half way.
                    let sent = if downloads == 1 {
                        &rest[..rest.len() / 2]
                    } else {
                        rest
                    };
                    [head.into_bytes(), sent.to_vec()].concat()
                };
                let _ = stream.write_all(&reply);
            }
        })
        .unwrap();
    (base, rx)
}

#[test]
fn a_broken_download_resumes_where_it_stopped() {
    let body: Vec<u8> = (0..300_000_u32).map(|i| (i % 251) as u8).collect();
    let spec = fake_spec(&body);
    let (api, ranges) = serve(&spec, body.clone(), 4);
    let cache = tempfile::tempdir().unwrap();
    let err = download::wheel(&spec, &api, cache.path(), &mut Quiet).unwrap_err();
    assert!(matches!(err, FetchError::Network { .. }), "{err}");
    assert!(err.to_string().contains("--from"), "{err}");
    let path = download::wheel(&spec, &api, cache.path(), &mut Quiet).unwrap();
    assert_eq!(std::fs::read(path).unwrap(), body);
    let seen: Vec<String> = ranges.try_iter().collect();
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert_eq!(seen[3], (body.len() / 2).to_string(), "resumed: {seen:?}");
}

#[test]
fn no_network_is_one_clear_error() {
    let spec = fake_spec(b"x");
    // Nothing listens on a port just closed.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let cache = tempfile::tempdir().unwrap();
    let err = download::wheel(
        &spec,
        &format!("http://127.0.0.1:{port}"),
        cache.path(),
        &mut Quiet,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("cannot reach PyPI") && err.contains("--from"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}
