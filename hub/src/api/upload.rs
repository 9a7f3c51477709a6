//! Publishing: a designer's zip is received into a temporary file (stopped as soon as it is too
//! large), checked by a worker process, stored under its sha256, and recorded as a pending
//! version; its preview renders follow in the background. The blob is stored before the row, so
//! a crash leaves at most an orphan blob, which the next start sweeps.

use std::path::PathBuf;

use axum::Json;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use futures_util::StreamExt as _;
use lantern_library::manifest::sha256_hex;
use lantern_library::reference::{is_package_name, is_version, name_from_title};
use lantern_library::wire::{Problem, Role};
use lantern_library::wire_versions::VersionDetail;
use serde::Deserialize;
use tokio::io::AsyncWriteExt as _;

use super::AppState;
use crate::auth::Caller;
use crate::db::NewVersion;
use crate::error::{HubError, HubResult};
use crate::worker::{CheckOutcome, Checked};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    /// The package's name on the hub (default: made from its title, "Lucky Hat" → lucky-hat).
    #[serde(default)]
    name: Option<String>,
}

fn too_large(max: u64) -> HubError {
    HubError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!(
            "The package is larger than this hub takes ({} MiB).",
            max >> 20
        ),
    )
}

/// Uploads a package zip (designers); it is checked before it is stored.
#[utoipa::path(post, path = "/api/packages", params(UploadQuery), request_body(content = Vec<u8>, content_type = "application/zip"),
    responses((status = 201, body = VersionDetail), (status = 409, body = lantern_library::wire::ApiError),
        (status = 413, body = lantern_library::wire::ApiError), (status = 422, body = lantern_library::wire::ApiError)))]
pub async fn upload(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> HubResult<(StatusCode, Json<VersionDetail>)> {
    caller.require(&[Role::Designer], "upload packages")?;
    if let Some(n) = q.name.as_deref().filter(|n| !is_package_name(n)) {
        return Err(HubError::bad_request(
            "bad_name",
            format!(
                "{n:?} is not a package name: use 1–64 of a-z, 0-9 and -, starting with a letter or digit."
            ),
        ));
    }
    let max = s.settings.max_upload;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(too_large(max));
    }
    let (tmp, bytes) = receive(&s, body, max).await?;
    let checked = match s.workers.check(&tmp).await {
        Ok(CheckOutcome::Valid(c)) => c,
        Ok(CheckOutcome::Invalid(problems)) => return Err(invalid(problems)),
        Err(why) => {
            return Err(invalid(vec![Problem {
                pointer: None,
                file: None,
                message: format!("it could not be checked: {why}"),
            }]));
        }
    };
    let name = q
        .name
        .clone()
        .or_else(|| name_from_title(&checked.title))
        .ok_or_else(|| {
            HubError::bad_request(
                "bad_name",
                "The title gives no package name: upload with ?name=NAME (a-z, 0-9, -).",
            )
        })?;
    if !is_version(&checked.version) {
        let message = format!(
            "meta.version {:?} is not a version: use digits, letters, '.', '+' and '-' (e.g. 1.0.0)",
            checked.version
        );
        return Err(invalid(vec![Problem {
            pointer: Some("/meta/version".into()),
            file: Some("effect.json".into()),
            message,
        }]));
    }
    let sha256 = sha256_hex(&bytes);
    let size = bytes.len() as u64;
    s.blobs.put(&sha256, bytes).await?;
    let id = insert(&s, &caller, &name, &checked, &sha256, size).await?;
    crate::previews::start(s.clone(), id, tmp).await?;
    let row =
        s.db.version(&name, &checked.version)
            .await?
            .ok_or_else(|| HubError::internal("reading a new version", "it is gone"))?;
    let previews = s.db.previews(row.id).await?;
    tracing::info!(
        "{} uploaded {name}@{} ({size} bytes)",
        caller.name,
        checked.version
    );
    Ok((StatusCode::CREATED, Json(row.detail(previews))))
}

async fn insert(
    s: &AppState,
    caller: &Caller,
    name: &str,
    c: &Checked,
    sha256: &str,
    size: u64,
) -> HubResult<i64> {
    let new = NewVersion {
        name,
        version: &c.version,
        title: &c.title,
        description: &c.description,
        sha256,
        size,
        report: &c.report,
        uploaded_by: &caller.name,
    };
    s.db.insert_version(&new).await?.ok_or_else(|| {
        HubError::new(
            StatusCode::CONFLICT,
            "version_exists",
            format!(
                "{name}@{} exists already and versions never change: raise meta.version.",
                c.version
            ),
        )
    })
}

fn invalid(problems: Vec<Problem>) -> HubError {
    let mut e = HubError::bad_request(
        "invalid_package",
        "The package was refused: fix the problems listed and upload it again.",
    );
    e.problems = problems;
    e
}

/// Streams the body into a temporary file, stopping past `max` bytes; returns the file (deleted
/// when dropped) and its bytes.
async fn receive(s: &AppState, body: Body, max: u64) -> HubResult<(tempfile::TempPath, Vec<u8>)> {
    let tmp = tempfile::Builder::new()
        .prefix("upload-")
        .suffix(".zip")
        .tempfile_in(&s.settings.tmp)
        .map_err(|e| HubError::internal("receiving an upload", e))?
        .into_temp_path();
    let path: PathBuf = tmp.to_path_buf();
    let mut file = tokio::fs::File::create(&path)
        .await
        .map_err(|e| HubError::internal("receiving an upload", e))?;
    let mut bytes = Vec::new();
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            HubError::bad_request("upload_broken", format!("The upload broke off: {e}"))
        })?;
        if bytes.len() as u64 + chunk.len() as u64 > max {
            return Err(too_large(max));
        }
        bytes.extend_from_slice(&chunk);
        file.write_all(&chunk)
            .await
            .map_err(|e| HubError::internal("receiving an upload", e))?;
    }
    file.flush()
        .await
        .map_err(|e| HubError::internal("receiving an upload", e))?;
    if bytes.is_empty() {
        return Err(HubError::bad_request(
            "empty_upload",
            "The upload was empty: send the package zip as the body.",
        ));
    }
    Ok((tmp, bytes))
}
