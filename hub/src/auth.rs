//! Who is calling: the bearer token, looked up by its sha256; failed attempts are counted per
//! address and an address with too many is turned away for a while, right or wrong token.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lantern_library::manifest::sha256_hex;
use lantern_library::wire::Role;

use crate::api::AppState;
use crate::error::HubError;

/// Failed sign-ins an address may make per window before it is turned away.
const MAX_FAILURES: u32 = 20;
const WINDOW: Duration = Duration::from_mins(1);

#[derive(Clone, Debug)]
pub struct Caller {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

impl Caller {
    /// Ok when the caller's role is one of `roles`; otherwise "your role cannot `what`".
    pub fn require(&self, roles: &[Role], what: &str) -> Result<(), HubError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(HubError::forbidden(self.role, what))
        }
    }
}

/// A new token's secret (shown once) and the hash the hub keeps.
pub fn new_token() -> anyhow::Result<(String, String)> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let token = format!("lh_{}", URL_SAFE_NO_PAD.encode(bytes));
    let hash = sha256_hex(token.as_bytes());
    Ok((token, hash))
}

/// Failed sign-ins per address, in fixed windows.
#[derive(Clone, Default)]
pub struct Failures(Arc<Mutex<HashMap<IpAddr, (Instant, u32)>>>);

impl Failures {
    pub(crate) fn blocked(&self, ip: IpAddr) -> Option<Duration> {
        let map = self.0.lock().ok()?;
        let (start, n) = map.get(&ip)?;
        let left = WINDOW.checked_sub(start.elapsed())?;
        (*n >= MAX_FAILURES).then_some(left)
    }

    pub(crate) fn record(&self, ip: IpAddr) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() > 100_000 {
                map.retain(|_, (start, _)| start.elapsed() < WINDOW);
            }
            let entry = map.entry(ip).or_insert((Instant::now(), 0));
            if entry.0.elapsed() >= WINDOW {
                *entry = (Instant::now(), 0);
            }
            entry.1 += 1;
        }
    }
}

/// The `Authorization: Bearer …` token of a request, if it has a plausible one.
pub fn bearer(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 200)
}

/// The caller's address (0.0.0.0 when the server was not started with connection info).
pub fn address(parts: &Parts) -> IpAddr {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, HubError> {
        let ip = address(parts);
        if let Some(left) = state.failures.blocked(ip) {
            return Err(HubError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_failures",
                format!(
                    "Too many failed sign-ins from this address: wait {} s.",
                    left.as_secs() + 1
                ),
            ));
        }
        let Some(token) = bearer(&parts.headers) else {
            return Err(HubError::unauthorized());
        };
        let found = state
            .db
            .token_by_hash(&sha256_hex(token.as_bytes()))
            .await?;
        let Some(row) = found else {
            state.failures.record(ip);
            return Err(HubError::new(
                StatusCode::UNAUTHORIZED,
                "bad_token",
                "This token is not known or was revoked: ask an admin for a new one.",
            ));
        };
        Ok(Self {
            id: row.id,
            name: row.name,
            role: row.role,
        })
    }
}
