//! Review: the queue of pending versions, approve (the hub signs the version's manifest) or
//! reject with a reason; and yank, which takes a version off the list for good.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use lantern_library::Manifest;
use lantern_library::wire::{Role, Status};
use lantern_library::wire_versions::{
    Decision, ReviewQueue, ReviewRequest, VersionSummary, YankRequest,
};

use super::{ApiJson, AppState};
use crate::auth::Caller;
use crate::db::{VersionRow, now_ms, rfc3339};
use crate::error::{HubError, HubResult};

const MAX_REASON: usize = 2000;

/// Pending versions, oldest first (reviewers).
#[utoipa::path(get, path = "/api/reviews", responses((status = 200, body = ReviewQueue), (status = 403, body = lantern_library::wire::ApiError)))]
pub async fn queue(State(s): State<AppState>, caller: Caller) -> HubResult<Json<ReviewQueue>> {
    caller.require(&[Role::Reviewer], "see the review queue")?;
    let versions = s.db.versions_in(Status::Pending).await?;
    Ok(Json(ReviewQueue {
        versions: versions.into_iter().map(|v| v.summary).collect(),
    }))
}

/// Approves or rejects a pending version (reviewers).
#[utoipa::path(post, path = "/api/packages/{name}/{version}/review", request_body = ReviewRequest,
    responses((status = 200, body = VersionSummary), (status = 409, body = lantern_library::wire::ApiError)))]
pub async fn review(
    State(s): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> HubResult<Json<VersionSummary>> {
    caller.require(&[Role::Reviewer], "review packages")?;
    let v = found(&s, &name, &version).await?;
    let done = match req.decision {
        Decision::Approve => {
            let manifest = Manifest {
                name: name.clone(),
                version: version.clone(),
                sha256: v.summary.sha256.clone(),
                size: v.summary.size,
                capabilities: v.summary.capabilities.clone(),
                approved_at: rfc3339(now_ms()),
            };
            let (text, sig) = s
                .keys
                .sign(&manifest)
                .map_err(|e| HubError::internal("signing a manifest", e))?;
            s.db.set_status(
                v.id,
                &[Status::Pending],
                Status::Approved,
                &caller.name,
                None,
                Some((&text, &sig)),
            )
            .await?
        }
        Decision::Reject => {
            let reason = reason(req.reason.as_deref(), "reject a version")?;
            s.db.set_status(
                v.id,
                &[Status::Pending],
                Status::Rejected,
                &caller.name,
                Some(reason),
                None,
            )
            .await?
        }
    };
    finish(&s, &v, done, "pending").await
}

/// Yanks a version: reviewers any, designers their own.
#[utoipa::path(post, path = "/api/packages/{name}/{version}/yank", request_body = YankRequest,
    responses((status = 200, body = VersionSummary), (status = 409, body = lantern_library::wire::ApiError)))]
pub async fn yank(
    State(s): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
    ApiJson(req): ApiJson<YankRequest>,
) -> HubResult<Json<VersionSummary>> {
    caller.require(&[Role::Reviewer, Role::Designer], "yank versions")?;
    let v = found(&s, &name, &version).await?;
    if caller.role == Role::Designer && v.summary.uploaded_by != caller.name {
        return Err(HubError::forbidden(
            caller.role,
            "yank another designer's version",
        ));
    }
    let reason = reason(Some(&req.reason), "yank a version")?;
    let done =
        s.db.set_status(
            v.id,
            &[Status::Pending, Status::Approved],
            Status::Yanked,
            &caller.name,
            Some(reason),
            None,
        )
        .await?;
    finish(&s, &v, done, "pending or approved").await
}

async fn found(s: &AppState, name: &str, version: &str) -> HubResult<VersionRow> {
    s.db.version(name, version)
        .await?
        .ok_or_else(|| HubError::not_found(&format!("version {name}@{version}")))
}

fn reason<'a>(reason: Option<&'a str>, what: &str) -> HubResult<&'a str> {
    match reason.map(str::trim) {
        Some(r) if !r.is_empty() && r.len() <= MAX_REASON => Ok(r),
        Some(r) if r.len() > MAX_REASON => Err(HubError::bad_request(
            "bad_reason",
            format!("The reason is longer than {MAX_REASON} bytes."),
        )),
        _ => Err(HubError::bad_request(
            "reason_required",
            format!("Say why to {what}: the designer reads it."),
        )),
    }
}

async fn finish(
    s: &AppState,
    v: &VersionRow,
    done: bool,
    expected: &str,
) -> HubResult<Json<VersionSummary>> {
    let now = found(s, &v.summary.name, &v.summary.version).await?;
    if !done {
        return Err(HubError::new(
            StatusCode::CONFLICT,
            "wrong_status",
            format!(
                "{}@{} is {}, not {expected}.",
                v.summary.name,
                v.summary.version,
                now.summary.status.as_str()
            ),
        ));
    }
    tracing::info!(
        "{}@{} is now {} (by {})",
        v.summary.name,
        v.summary.version,
        now.summary.status.as_str(),
        now.summary.reviewed_by.as_deref().unwrap_or("?")
    );
    Ok(Json(now.summary))
}
