//! The HTTP API (`/api/...`, JSON) and the web pages (`/`, the Vite build of `ui/hub.html`).
//! Every handler answers errors as [`HubError`]; the OpenAPI document comes from the same types
//! (`openapi.rs`).

mod openapi;
mod packages;
mod review;
mod room_sockets;
mod rooms;
mod tokens;
mod upload;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{FromRequest, Request, State};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use lantern_library::wire::{Health, KeyInfo, Me};
use serde::de::DeserializeOwned;
use tower_http::services::{ServeDir, ServeFile};

use crate::auth::{Caller, Failures};
use crate::blobs::Blobs;
use crate::db::Db;
use crate::error::{HubError, HubResult};
use crate::keys::Keys;
use crate::rooms::Rooms;
use crate::worker::Workers;

pub use openapi::document;

/// What the hub serves with.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Temporary files (uploads being received and checked).
    pub tmp: PathBuf,
    /// The largest upload, bytes.
    pub max_upload: u64,
    /// Reference photos the previews are rendered on.
    pub photos: Vec<PathBuf>,
    /// Rooms' default HLS addresses: BASE/STREAM_KEY.m3u8.
    pub hls_base: Option<String>,
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub blobs: Blobs,
    pub keys: Arc<Keys>,
    pub workers: Workers,
    pub failures: Failures,
    pub settings: Arc<Settings>,
    pub rooms: Rooms,
}

/// The whole service: the API, and the web pages from `web` when given.
pub fn router(state: AppState, web: Option<&std::path::Path>) -> Router {
    let api = Router::new()
        .route("/api/health", get(health))
        .route("/api/key", get(key))
        .route("/api/me", get(me))
        .route("/api/openapi.json", get(openapi::serve))
        .route("/api/packages", get(packages::list).post(upload::upload))
        .route("/api/packages/{name}", get(packages::package))
        .route("/api/packages/{name}/{version}", get(packages::version))
        .route(
            "/api/packages/{name}/{version}/package.zip",
            get(packages::download),
        )
        .route(
            "/api/packages/{name}/{version}/manifest",
            get(packages::manifest),
        )
        .route(
            "/api/packages/{name}/{version}/previews/{index}",
            get(packages::preview),
        )
        .route(
            "/api/packages/{name}/{version}/review",
            post(review::review),
        )
        .route("/api/packages/{name}/{version}/yank", post(review::yank))
        .route("/api/reviews", get(review::queue))
        .route("/api/tokens", get(tokens::list).post(tokens::create))
        .route("/api/tokens/{id}", delete(tokens::revoke))
        .route("/api/rooms", post(rooms::create))
        .route("/api/rooms/{id}", get(rooms::info))
        .route("/api/rooms/{id}/join", post(rooms::join))
        .route("/api/rooms/{id}/ledger", get(rooms::ledger))
        .route("/api/rooms/{id}/ledger.csv", get(rooms::ledger_csv))
        .route("/api/rooms/{id}/push", get(room_sockets::push_socket))
        .route("/api/rooms/{id}/ws", get(room_sockets::viewer_socket))
        .fallback(|| async { HubError::not_found("such API endpoint") })
        .with_state(state);
    match web {
        // Only the pages and their assets: every other path stays the API's JSON 404.
        Some(dir) => api.merge(
            Router::new()
                .route_service("/", ServeFile::new(dir.join("hub.html")))
                .route_service("/hub.html", ServeFile::new(dir.join("hub.html")))
                .route_service("/viewer.html", ServeFile::new(dir.join("viewer.html")))
                .nest_service("/assets", ServeDir::new(dir.join("assets"))),
        ),
        None => api,
    }
}

#[utoipa::path(get, path = "/api/health", responses((status = 200, body = Health)))]
async fn health() -> Json<Health> {
    Json(Health {
        ok: true,
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

/// The key manifests are signed with (pin it, or pass it to `lantern push --hub-key`).
#[utoipa::path(get, path = "/api/key", responses((status = 200, body = KeyInfo)))]
async fn key(State(s): State<AppState>) -> Json<KeyInfo> {
    Json(KeyInfo {
        algorithm: "ed25519".to_owned(),
        public_key: s.keys.public().to_base64(),
    })
}

#[utoipa::path(get, path = "/api/me", responses((status = 200, body = Me), (status = 401, body = lantern_library::wire::ApiError)))]
async fn me(caller: Caller) -> Json<Me> {
    Json(Me {
        name: caller.name,
        role: caller.role,
    })
}

/// A JSON body whose rejection is a [`HubError`] like every other error.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = HubError;

    async fn from_request(req: Request, state: &S) -> HubResult<Self> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(v)| Self(v))
            .map_err(|e| {
                HubError::bad_request(
                    "bad_request",
                    format!("The request body: {}", e.body_text()),
                )
            })
    }
}
