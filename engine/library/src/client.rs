//! A blocking client of the hub's HTTP API (ureq). Transport failures (no route, refused, timed
//! out) are [`LibraryError::Unreachable`]-worthy and kept apart from the hub's own answers.

use std::fmt::Write as _;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::LibraryError;
use crate::manifest::{HubKey, SignedManifest};
use crate::reference::EffectRef;
use crate::wire::{ApiError, KeyInfo};
use crate::wire_versions::{
    PackageList, ReviewQueue, ReviewRequest, VersionDetail, VersionSummary,
};

/// The largest package a client downloads (the hub refuses larger uploads well before this).
pub const MAX_DOWNLOAD_BYTES: u64 = 256 << 20;

/// What went wrong with a call: the hub was not reached, or it answered with an error.
#[derive(Debug)]
pub enum CallError {
    Transport(String),
    Hub(LibraryError),
}

impl CallError {
    /// One error for callers that do not fall back on a cache.
    pub fn into_error(self, hub: &str) -> LibraryError {
        match self {
            Self::Transport(detail) => {
                LibraryError::Protocol(format!("the hub at {hub} could not be reached: {detail}"))
            }
            Self::Hub(e) => e,
        }
    }
}

pub struct HubClient {
    base: String,
    token: Option<String>,
    agent: ureq::Agent,
}

impl HubClient {
    /// A client of the hub at `url` (`http://host:port`), calling with `token` when given.
    pub fn new(url: &str, token: Option<String>) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(5)))
            .timeout_global(Some(Duration::from_mins(2)))
            .http_status_as_error(false)
            .build()
            .into();
        Self {
            base: url.trim_end_matches('/').to_owned(),
            token,
            agent,
        }
    }

    pub fn url(&self) -> &str {
        &self.base
    }

    pub fn key(&self) -> Result<HubKey, CallError> {
        let info: KeyInfo = self.get_json("/api/key")?;
        HubKey::parse(&info.public_key).map_err(CallError::Hub)
    }

    pub fn manifest(&self, r: &EffectRef) -> Result<SignedManifest, CallError> {
        self.get_json(&format!("/api/packages/{}/{}/manifest", r.name, r.version))
    }

    /// The approved packages (the newest approved version of each), at most `limit`.
    pub fn packages(&self, limit: u32) -> Result<PackageList, CallError> {
        self.get_json(&format!("/api/packages?limit={limit}"))
    }

    pub fn version(&self, r: &EffectRef) -> Result<VersionDetail, CallError> {
        self.get_json(&format!("/api/packages/{}/{}", r.name, r.version))
    }

    pub fn download(&self, r: &EffectRef) -> Result<Vec<u8>, CallError> {
        let path = format!("/api/packages/{}/{}/package.zip", r.name, r.version);
        let mut response = self.send(self.agent.get(self.full(&path)))?;
        response
            .body_mut()
            .with_config()
            .limit(MAX_DOWNLOAD_BYTES)
            .read_to_vec()
            .map_err(|e| CallError::Transport(e.to_string()))
    }

    /// Uploads a package zip; `name` is the package's name on the hub (default: from its title).
    pub fn publish(&self, zip: &[u8], name: Option<&str>) -> Result<VersionDetail, CallError> {
        let mut path = "/api/packages".to_owned();
        if let Some(n) = name {
            path = format!("{path}?name={n}");
        }
        let request = self
            .authorise(self.agent.post(self.full(&path)))
            .header("Content-Type", "application/zip");
        read_json(checked(request.send(zip))?)
    }

    pub fn reviews(&self) -> Result<ReviewQueue, CallError> {
        self.get_json("/api/reviews")
    }

    pub fn review(&self, r: &EffectRef, req: &ReviewRequest) -> Result<VersionSummary, CallError> {
        let path = format!("/api/packages/{}/{}/review", r.name, r.version);
        let response = self.post_json(&path, req)?;
        read_json(response)
    }

    /// Opens a live room (a host's token).
    pub fn create_room(
        &self,
        req: &crate::room::NewRoom,
    ) -> Result<crate::room::CreatedRoom, CallError> {
        read_json(self.post_json("/api/rooms", req)?)
    }

    /// A room's awards (the room's token or a host's).
    pub fn ledger(&self, room: &str) -> Result<crate::room::Ledger, CallError> {
        self.get_json(&format!("/api/rooms/{room}/ledger"))
    }

    fn full(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn authorise<B>(&self, req: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.token {
            Some(t) => req.header("Authorization", format!("Bearer {t}")),
            None => req,
        }
    }

    fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, CallError> {
        let response = self.send(self.agent.get(self.full(path)))?;
        read_json(response)
    }

    fn send(
        &self,
        req: ureq::RequestBuilder<ureq::typestate::WithoutBody>,
    ) -> Result<ureq::http::Response<ureq::Body>, CallError> {
        checked(self.authorise(req).call())
    }

    fn post_json<J: Serialize>(
        &self,
        path: &str,
        json: &J,
    ) -> Result<ureq::http::Response<ureq::Body>, CallError> {
        let body = serde_json::to_vec(json).map_err(|e| CallError::Transport(e.to_string()))?;
        let req = self
            .authorise(self.agent.post(self.full(path)))
            .header("Content-Type", "application/json");
        checked(req.send(&body[..]))
    }
}

/// A response with a success status, else the hub's error.
fn checked(
    result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<ureq::http::Response<ureq::Body>, CallError> {
    let response = result.map_err(|e| CallError::Transport(e.to_string()))?;
    if response.status().is_success() {
        Ok(response)
    } else {
        Err(hub_error(response))
    }
}

fn read_json<T: DeserializeOwned>(
    mut response: ureq::http::Response<ureq::Body>,
) -> Result<T, CallError> {
    if !response.status().is_success() {
        return Err(hub_error(response));
    }
    let text = response
        .body_mut()
        .read_to_string()
        .map_err(|e| CallError::Transport(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| CallError::Hub(LibraryError::Protocol(e.to_string())))
}

/// The hub's `{code, message}` as an error (or the bare status when the body is not one).
fn hub_error(mut response: ureq::http::Response<ureq::Body>) -> CallError {
    let status = response.status().as_u16();
    let body: Option<ApiError> = response
        .body_mut()
        .read_to_string()
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    let (code, message) = body.map_or_else(
        || ("http_error".to_owned(), format!("HTTP {status}")),
        |b| {
            let mut message = b.message;
            for p in &b.problems {
                let at = p.file.iter().chain(&p.pointer).cloned().collect::<Vec<_>>();
                let _ = write!(message, "\n  - {}: {}", at.join(" "), p.message);
            }
            (b.code, message)
        },
    );
    CallError::Hub(LibraryError::Api {
        status,
        code,
        message,
    })
}
