//! Reading the library: the approved list, a package, a version with its report, its previews,
//! its zip and its signed manifest. Who sees what: everyone signed in sees approved versions;
//! reviewers see every version; designers also see their own.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use lantern_library::SignedManifest;
use lantern_library::wire::{Role, Status};
use lantern_library::wire_versions::{PackageDetail, PackageList, PackageSummary, VersionDetail};
use serde::Deserialize;

use super::AppState;
use crate::auth::Caller;
use crate::db::VersionRow;
use crate::error::{HubError, HubResult};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Words in the name, title or description.
    #[serde(default)]
    q: String,
    #[serde(default)]
    limit: Option<u32>,
    #[serde(default)]
    offset: Option<u32>,
}

/// Whether `caller` may see `v`.
pub fn can_see(caller: &Caller, v: &VersionRow) -> bool {
    match caller.role {
        Role::Reviewer | Role::Admin => true,
        Role::Designer => {
            v.summary.status == Status::Approved || v.summary.uploaded_by == caller.name
        }
        Role::Host => v.summary.status == Status::Approved,
    }
}

/// The version `name@version` as `caller` may see it (404 otherwise: no hint that it exists).
pub async fn visible(
    s: &AppState,
    caller: &Caller,
    name: &str,
    version: &str,
) -> HubResult<VersionRow> {
    s.db.version(name, version)
        .await?
        .filter(|v| can_see(caller, v))
        .ok_or_else(|| HubError::not_found(&format!("version {name}@{version} you can see")))
}

/// Approved packages, newest approved version of each, by name.
#[utoipa::path(get, path = "/api/packages", params(ListQuery), responses((status = 200, body = PackageList)))]
pub async fn list(
    State(s): State<AppState>,
    _caller: Caller,
    Query(q): Query<ListQuery>,
) -> HubResult<Json<PackageList>> {
    let limit = i64::from(q.limit.unwrap_or(50).clamp(1, 200));
    let offset = i64::from(q.offset.unwrap_or(0));
    let (rows, total) = s.db.latest_approved(q.q.trim(), limit, offset).await?;
    let packages = rows
        .into_iter()
        .map(|v| PackageSummary {
            name: v.summary.name.clone(),
            title: v.summary.title.clone(),
            description: v.summary.description.clone(),
            latest: v.summary,
        })
        .collect();
    Ok(Json(PackageList { packages, total }))
}

#[utoipa::path(get, path = "/api/packages/{name}", responses((status = 200, body = PackageDetail), (status = 404, body = lantern_library::wire::ApiError)))]
pub async fn package(
    State(s): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> HubResult<Json<PackageDetail>> {
    let versions: Vec<VersionRow> =
        s.db.versions_of(&name)
            .await?
            .into_iter()
            .filter(|v| can_see(&caller, v))
            .collect();
    let newest = versions
        .first()
        .ok_or_else(|| HubError::not_found(&format!("package {name} you can see")))?;
    Ok(Json(PackageDetail {
        name: name.clone(),
        title: newest.summary.title.clone(),
        description: newest.summary.description.clone(),
        versions: versions.into_iter().map(|v| v.summary).collect(),
    }))
}

#[utoipa::path(get, path = "/api/packages/{name}/{version}", responses((status = 200, body = VersionDetail), (status = 404, body = lantern_library::wire::ApiError)))]
pub async fn version(
    State(s): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
) -> HubResult<Json<VersionDetail>> {
    let v = visible(&s, &caller, &name, &version).await?;
    let previews = s.db.previews(v.id).await?;
    Ok(Json(v.detail(previews)))
}

/// The package zip (hosts: approved versions only).
#[utoipa::path(get, path = "/api/packages/{name}/{version}/package.zip", responses((status = 200, content_type = "application/zip", body = Vec<u8>), (status = 410, body = lantern_library::wire::ApiError)))]
pub async fn download(
    State(s): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
) -> HubResult<impl IntoResponse> {
    let v =
        s.db.version(&name, &version)
            .await?
            .filter(|v| can_see(&caller, v) || v.summary.status == Status::Yanked);
    let v =
        v.ok_or_else(|| HubError::not_found(&format!("version {name}@{version} you can see")))?;
    if v.summary.status == Status::Yanked && !matches!(caller.role, Role::Reviewer | Role::Admin) {
        return Err(yanked(&v));
    }
    let bytes = s.blobs.get(&v.summary.sha256).await?;
    let file = format!("attachment; filename=\"{name}-{version}.zip\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, file),
        ],
        bytes,
    ))
}

/// The signed manifest of an approved version.
#[utoipa::path(get, path = "/api/packages/{name}/{version}/manifest", responses((status = 200, body = SignedManifest), (status = 410, body = lantern_library::wire::ApiError)))]
pub async fn manifest(
    State(s): State<AppState>,
    _caller: Caller,
    Path((name, version)): Path<(String, String)>,
) -> HubResult<Json<SignedManifest>> {
    let v = s.db.version(&name, &version).await?;
    let v = v.ok_or_else(|| HubError::not_found(&format!("version {name}@{version}")))?;
    match (v.summary.status, &v.manifest) {
        (Status::Approved, Some((manifest, signature))) => Ok(Json(SignedManifest {
            manifest: manifest.clone(),
            signature: signature.clone(),
        })),
        (Status::Yanked, _) => Err(yanked(&v)),
        (status, _) => Err(HubError::new(
            StatusCode::NOT_FOUND,
            "not_approved",
            format!(
                "{name}@{version} is {} and has no signed manifest: only approved versions go live.",
                status.as_str()
            ),
        )),
    }
}

fn yanked(v: &VersionRow) -> HubError {
    HubError::new(
        StatusCode::GONE,
        "yanked",
        format!(
            "{}@{} was yanked ({}): pick another version.",
            v.summary.name,
            v.summary.version,
            v.summary.reason.as_deref().unwrap_or("no reason given")
        ),
    )
}

/// A preview render (PNG).
#[utoipa::path(get, path = "/api/packages/{name}/{version}/previews/{index}", responses((status = 200, content_type = "image/png", body = Vec<u8>), (status = 404, body = lantern_library::wire::ApiError)))]
pub async fn preview(
    State(s): State<AppState>,
    caller: Caller,
    Path((name, version, index)): Path<(String, String, i64)>,
) -> HubResult<impl IntoResponse> {
    let v = visible(&s, &caller, &name, &version).await?;
    let previews = s.db.previews(v.id).await?;
    let sha = previews
        .into_iter()
        .find(|p| p.idx == index)
        .and_then(|p| p.sha256)
        .ok_or_else(|| {
            HubError::not_found(&format!("preview {index} of {name}@{version} (yet)"))
        })?;
    let bytes = s.blobs.get(&sha).await?;
    Ok(([(header::CONTENT_TYPE, "image/png")], bytes))
}
