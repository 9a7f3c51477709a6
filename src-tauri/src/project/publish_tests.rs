use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::path::PathBuf;
use std::thread::JoinHandle;

use lantern_library::wire::{Preview, Report};
use lantern_library::wire_versions::VersionSummary;

use super::*;
use crate::project::document;
use crate::project::test_support::project;

/// What the fake hub received: the request line, the headers (lower-cased names) and the body.
struct Received {
    line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A hub that answers one request with `status` and the JSON `body`; returns its address.
fn fake_hub(status: u16, body: String) -> (String, JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let thread = std::thread::Builder::new()
        .name("fake-hub".into())
        .spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                let (n, v) = h.split_once(':').unwrap();
                headers.push((n.to_lowercase(), v.trim().to_owned()));
            }
            let len = headers
                .iter()
                .find(|(n, _)| n == "content-length")
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut request_body = vec![0; len];
            reader.read_exact(&mut request_body).unwrap();
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
            Received {
                line: line.trim_end().to_owned(),
                headers,
                body: request_body,
            }
        })
        .unwrap();
    (url, thread)
}

fn version_json(status: Status, reason: Option<&str>, preview: PreviewStatus) -> String {
    let detail = VersionDetail {
        summary: VersionSummary {
            name: "heart-hat".into(),
            version: "1.0.0".into(),
            title: "Test".into(),
            description: String::new(),
            status,
            sha256: "ab".repeat(32),
            size: 1234,
            uploaded_by: "dana".into(),
            uploaded_at: "2026-12-07T22:00:00Z".into(),
            reviewed_by: reason.map(|_| "rita".into()),
            reviewed_at: None,
            reason: reason.map(str::to_owned),
            capabilities: Vec::new(),
        },
        report: Report {
            previews: vec![Preview {
                photo: "face.jpg".into(),
                status: preview,
                error: None,
            }],
            ..Report::default()
        },
    };
    serde_json::to_string(&detail).unwrap()
}

fn error_json(code: &str, message: &str, problems: &str) -> String {
    format!(r#"{{"code":"{code}","message":"{message}","problems":[{problems}]}}"#)
}

fn request(hub: &str, token: Option<&str>) -> PublishRequest {
    PublishRequest {
        hub_url: format!("{hub}/"),
        token: token.map(str::to_owned),
        name: "heart-hat".into(),
    }
}

/// A fresh valid project, its effect and a config folder.
fn setup() -> (tempfile::TempDir, PathBuf, Effect, tempfile::TempDir) {
    let (tmp, dir) = project();
    let effect = document::open(&dir).unwrap().effect;
    (tmp, dir, effect, tempfile::tempdir().unwrap())
}

#[test]
fn the_default_name_comes_from_the_folder_then_the_title() {
    let p = |s: &str| PathBuf::from(s);
    assert_eq!(
        default_name(&p("/work/Heart-Hat"), "x").as_deref(),
        Some("heart-hat")
    );
    assert_eq!(
        default_name(&p("/work/My Effect/"), "Lucky Hat!").as_deref(),
        Some("lucky-hat")
    );
    assert_eq!(
        default_name(&p("/work/My Effect"), "花字").as_deref(),
        Some("my-effect")
    );
    assert_eq!(default_name(&p("/work/花字"), "花字"), None);

    // The name a project was published under wins; the hub last used is offered.
    let config = tempfile::tempdir().unwrap();
    let d = defaults(config.path(), &p("/work/My Effect"), "Lucky Hat");
    assert_eq!(
        d,
        PublishDefaults {
            hub_url: DEFAULT_HUB.into(),
            saved_tokens: Vec::new(),
            name: "lucky-hat".into()
        }
    );
    hub_settings::update(config.path(), |s| {
        s.hub_url = Some("http://hub:1".into());
        s.names.insert("/work/My Effect".into(), "hats".into());
    })
    .unwrap();
    let d = defaults(config.path(), &p("/work/My Effect/"), "Lucky Hat");
    assert_eq!(
        (d.hub_url.as_str(), d.name.as_str()),
        ("http://hub:1", "hats")
    );
}

#[test]
fn publishing_uploads_the_exported_zip_and_keeps_the_token() {
    let (_tmp, dir, effect, config) = setup();
    let (hub, server) = fake_hub(
        201,
        version_json(Status::Pending, None, PreviewStatus::Rendering),
    );
    let published = publish(
        config.path(),
        &dir,
        &effect,
        &request(&hub, Some(" lh_secret ")),
    )
    .unwrap();
    let got = server.join().unwrap();
    assert_eq!(got.line, "POST /api/packages?name=heart-hat HTTP/1.1");
    assert_eq!(got.header("authorization"), Some("Bearer lh_secret"));
    assert_eq!(got.header("content-type"), Some("application/zip"));
    assert!(got.body.starts_with(b"PK\x03\x04"), "a zip was uploaded");
    assert_eq!(published.version.status, HubStatus::Pending);
    assert_eq!(published.version.hub_url, hub);
    assert_eq!(
        published.version.previews[0].status,
        HubPreviewStatus::Rendering
    );
    assert!(published.token_saved && published.report.valid);
    let kept = hub_settings::load(config.path());
    assert_eq!(kept.tokens[&hub], "lh_secret");
    assert_eq!(kept.hub_url.as_deref(), Some(hub.as_str()));
    assert_eq!(defaults(config.path(), &dir, "Test").name, "heart-hat");

    // Next time no token is typed: the kept one is sent, to read the status too.
    let (hub2, server) = fake_hub(
        200,
        version_json(
            Status::Rejected,
            Some("the hat covers the eyes"),
            PreviewStatus::Ready,
        ),
    );
    hub_settings::update(config.path(), |s| {
        s.tokens.insert(hub2.clone(), "lh_kept".into());
    })
    .unwrap();
    let v = status(config.path(), &hub2, None, "heart-hat", "1.0.0").unwrap();
    let got = server.join().unwrap();
    assert_eq!(got.line, "GET /api/packages/heart-hat/1.0.0 HTTP/1.1");
    assert_eq!(got.header("authorization"), Some("Bearer lh_kept"));
    assert_eq!(v.status, HubStatus::Rejected);
    assert_eq!(v.reason.as_deref(), Some("the hat covers the eyes"));
    assert_eq!(v.reviewed_by.as_deref(), Some("rita"));
}

#[test]
fn the_hubs_refusals_are_sentences() {
    let (_tmp, dir, effect, config) = setup();
    let refuse = |status: u16, body: String, token: Option<&str>| {
        let (hub, server) = fake_hub(status, body);
        let err = publish(config.path(), &dir, &effect, &request(&hub, token)).unwrap_err();
        server.join().unwrap();
        (hub, err)
    };
    let (hub, err) = refuse(
        401,
        error_json("bad_token", "This token is not known or was revoked.", ""),
        Some("lh_wrong"),
    );
    assert_eq!(err.code, ErrorCode::Hub);
    assert!(err.message.contains("did not accept this token"), "{err}");
    assert!(
        !hub_settings::load(config.path()).tokens.contains_key(&hub),
        "a refused token is not kept"
    );

    let (_, err) = refuse(
        403,
        error_json("forbidden", "Your role (host) cannot upload packages.", ""),
        Some("lh_host"),
    );
    assert!(err.message.contains("needs a designer's token"), "{err}");

    let (_, err) = refuse(
        409,
        error_json("version_exists", "exists already", ""),
        Some("lh_d"),
    );
    assert!(
        err.message
            .starts_with("heart-hat@1.0.0 is already on the hub")
            && err
                .message
                .contains("raise the version in the effect's settings"),
        "{err}"
    );

    let (_, err) = refuse(
        413,
        error_json(
            "too_large",
            "The package is larger than this hub takes (1 MiB).",
            "",
        ),
        Some("lh_d"),
    );
    assert!(
        err.message
            .starts_with("The package is larger than this hub takes (1 MiB)."),
        "{err}"
    );

    let problems = r#"{"file":"effect.json","pointer":"/layers/0/anchor","message":"unknown anchor"},{"file":"scripts/main.js","pointer":null,"message":"does not load"}"#;
    let (hub, err) = refuse(
        422,
        error_json(
            "invalid_package",
            "The package was refused: fix the problems listed and upload it again.",
            problems,
        ),
        Some("lh_d"),
    );
    assert_eq!(err.code, ErrorCode::Invalid);
    let lines: Vec<&str> = err.message.lines().collect();
    assert_eq!(
        lines[1..],
        [
            "effect.json /layers/0/anchor: unknown anchor",
            "scripts/main.js: does not load"
        ],
        "{err}"
    );
    assert!(
        hub_settings::load(config.path()).tokens.contains_key(&hub),
        "the hub took the token: it is kept"
    );
}

#[test]
fn nothing_is_uploaded_that_would_not_export_or_has_nowhere_to_go() {
    let (_tmp, dir, mut effect, config) = setup();
    let refused = |effect: &Effect, req: &PublishRequest| {
        publish(config.path(), &dir, effect, req).unwrap_err()
    };
    // Port 9 of this machine: nobody listens.
    let nowhere = "http://127.0.0.1:9";
    let err = refused(&effect, &request(nowhere, Some("lh_d")));
    assert_eq!(err.code, ErrorCode::Hub);
    assert!(
        err.message
            .starts_with("Cannot reach the hub at http://127.0.0.1:9 ("),
        "{err}"
    );
    assert!(hub_settings::load(config.path()).tokens.is_empty());

    let err = refused(&effect, &request(nowhere, None));
    assert!(
        err.message
            .starts_with("Paste a designer's token for http://127.0.0.1:9"),
        "{err}"
    );

    let mut bad = request(nowhere, Some("lh_d"));
    bad.name = "Heart Hat".into();
    let err = refused(&effect, &bad);
    assert!(err.message.contains("is not a package name"), "{err}");
    let err = refused(&effect, &request("hub.local:8470", Some("lh_d")));
    assert!(err.message.contains("is not a hub address"), "{err}");

    // An effect that would not export is refused with Export's error, before any upload.
    effect.triggers.push(
        serde_json::from_value(serde_json::json!({
            "id": "t", "when": {"on": "timer", "every": 1.0},
            "actions": [{"do": "show", "layer": "ghost"}]
        }))
        .unwrap(),
    );
    let err = refused(&effect, &request(nowhere, Some("lh_d")));
    assert_eq!(err.code, ErrorCode::Invalid);
    assert!(err.message.contains("nothing was published"), "{err}");
    assert!(err.message.contains("ghost"), "{err}");
}
