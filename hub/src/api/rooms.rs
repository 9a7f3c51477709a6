//! Live rooms over HTTP: create one (hosts), see one, join as a viewer (the signed cookie), the
//! ledger (JSON or CSV, for the room token or a host). The sockets are in `room_sockets.rs`.

use std::convert::Infallible;
use std::net::IpAddr;

use axum::Json;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lantern_library::manifest::sha256_hex;
use lantern_library::room::{CreatedRoom, Gift, Joined, Ledger, NewRoom, RoomInfo};
use lantern_library::wire::Role;
use serde::Deserialize;

use super::{ApiJson, AppState};
use crate::auth::{Caller, address, bearer};
use crate::db::RoomRow;
use crate::error::{HubError, HubResult};
use crate::rooms::viewer_id::{COOKIE, nick, random};
use crate::rooms::{Live, default_gifts};

/// The caller's address.
pub struct Peer(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Self(address(parts)))
    }
}

#[utoipa::path(post, path = "/api/rooms", request_body = NewRoom, responses((status = 200, body = CreatedRoom), (status = 403, body = lantern_library::wire::ApiError)))]
pub async fn create(
    State(s): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(req): ApiJson<NewRoom>,
) -> HubResult<Json<CreatedRoom>> {
    caller.require(&[Role::Host, Role::Admin], "open rooms")?;
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(HubError::bad_request(
            "bad_name",
            "Name the room (1–80 printable characters).",
        ));
    }
    let gifts = match req.gifts {
        Some(gifts) => check_gifts(gifts)?,
        None => default_gifts(),
    };
    let secret = |n| random::<24>().map(|b| URL_SAFE_NO_PAD.encode(&b[..n]));
    let fail = |e| HubError::internal("making a room", e);
    let id = format!("r_{}", secret(9).map_err(fail)?);
    let room_token = format!("lr_{}", secret(24).map_err(fail)?);
    let stream_key = secret(12).map_err(fail)?;
    let hls = match req.hls {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => Some(url),
        Some(_) => {
            return Err(HubError::bad_request(
                "bad_hls",
                "`hls` must be an http(s) address of the stream's playlist.",
            ));
        }
        None => s
            .settings
            .hls_base
            .as_ref()
            .map(|base| format!("{}/{stream_key}.m3u8", base.trim_end_matches('/'))),
    };
    let row = RoomRow {
        id: id.clone(),
        name: name.to_owned(),
        token_hash: sha256_hex(room_token.as_bytes()),
        stream_key: stream_key.clone(),
        gifts,
        hls,
        likes_total: 0,
    };
    s.db.create_room(&row, &caller.name).await?;
    tracing::info!("{} opened room {id} ({name})", caller.name);
    let (http, ws) = origins(&headers);
    let room = room_of(&s, &id).await?.info();
    Ok(Json(CreatedRoom {
        room,
        room_token,
        stream_key,
        push_url: format!("{ws}/api/rooms/{id}/push"),
        viewer_url: format!("{http}/viewer.html?room={id}"),
    }))
}

fn check_gifts(gifts: Vec<Gift>) -> HubResult<Vec<Gift>> {
    let ok = |g: &Gift| {
        (1..=32).contains(&g.id.len())
            && g.id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && (1..=40).contains(&g.name.chars().count())
            && !g.name.chars().any(char::is_control)
    };
    if gifts.len() > 20 || !gifts.iter().all(ok) {
        return Err(HubError::bad_request(
            "bad_gifts",
            "Gifts: at most 20, each with an id of 1–32 letters, digits, - or _, and a name of \
             1–40 characters.",
        ));
    }
    Ok(gifts)
}

/// The address the caller reached us at, for links: (`http(s)://host`, `ws(s)://host`).
fn origins(headers: &HeaderMap) -> (String, String) {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let tls = headers
        .get("x-forwarded-proto")
        .is_some_and(|p| p.as_bytes() == b"https");
    if tls {
        (format!("https://{host}"), format!("wss://{host}"))
    } else {
        (format!("http://{host}"), format!("ws://{host}"))
    }
}

pub(super) async fn room_of(s: &AppState, id: &str) -> HubResult<std::sync::Arc<Live>> {
    s.rooms
        .get(&s.db, id)
        .await?
        .ok_or_else(|| HubError::not_found(&format!("room {id}")))
}

#[utoipa::path(get, path = "/api/rooms/{id}", responses((status = 200, body = RoomInfo), (status = 404, body = lantern_library::wire::ApiError)))]
pub async fn info(State(s): State<AppState>, Path(id): Path<String>) -> HubResult<Json<RoomInfo>> {
    Ok(Json(room_of(&s, &id).await?.info()))
}

#[utoipa::path(post, path = "/api/rooms/{id}/join", responses((status = 200, body = Joined), (status = 404, body = lantern_library::wire::ApiError)))]
pub async fn join(
    State(s): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> HubResult<Response> {
    let live = room_of(&s, &id).await?;
    let (viewer, cookie) = if let Some(viewer) = s.rooms.ids.from_headers(&headers) {
        (viewer, None)
    } else {
        let (viewer, value) = s
            .rooms
            .ids
            .issue()
            .map_err(|e| HubError::internal("a viewer id", e))?;
        (viewer, Some(value))
    };
    let joined = Joined {
        nick: nick(&viewer),
        viewer,
        room: live.info(),
    };
    let mut response = Json(joined).into_response();
    if let Some(value) = cookie {
        let cookie = format!("{COOKIE}={value}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    Ok(response)
}

/// The sha256 of the request's bearer token; an address that guessed too often is turned away.
pub(super) fn bearer_hash(s: &AppState, headers: &HeaderMap, ip: IpAddr) -> HubResult<String> {
    if s.failures.blocked(ip).is_some() {
        return Err(HubError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_failures",
            "Too many failed sign-ins from this address: wait a minute.",
        ));
    }
    let token = bearer(headers).ok_or_else(HubError::unauthorized)?;
    Ok(sha256_hex(token.as_bytes()))
}

pub(super) fn not_the_room_token(s: &AppState, ip: IpAddr) -> HubError {
    s.failures.record(ip);
    HubError::new(
        StatusCode::UNAUTHORIZED,
        "bad_token",
        "Not this room's token (nor a host's): use the one the room was created with.",
    )
}

/// The room token, or a host's or admin's token.
async fn require_room_access(
    s: &AppState,
    live: &Live,
    headers: &HeaderMap,
    ip: IpAddr,
) -> HubResult<()> {
    let hash = bearer_hash(s, headers, ip)?;
    if hash == live.info.token_hash {
        return Ok(());
    }
    match s.db.token_by_hash(&hash).await? {
        Some(t) if matches!(t.role, Role::Host | Role::Admin) => Ok(()),
        Some(t) => Err(HubError::forbidden(t.role, "read a room's ledger")),
        None => Err(not_the_room_token(s, ip)),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LedgerQuery {
    /// Only this viewer's awards.
    viewer: Option<String>,
}

#[utoipa::path(get, path = "/api/rooms/{id}/ledger", params(LedgerQuery), responses((status = 200, body = Ledger), (status = 401, body = lantern_library::wire::ApiError)))]
pub async fn ledger(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<LedgerQuery>,
    Peer(ip): Peer,
    headers: HeaderMap,
) -> HubResult<Json<Ledger>> {
    let live = room_of(&s, &id).await?;
    require_room_access(&s, &live, &headers, ip).await?;
    let awards = s.db.ledger(&id, q.viewer.as_deref()).await?;
    let total = awards.iter().map(|a| a.amount).sum();
    Ok(Json(Ledger { awards, total }))
}

#[utoipa::path(get, path = "/api/rooms/{id}/ledger.csv", params(LedgerQuery), responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = lantern_library::wire::ApiError)))]
pub async fn ledger_csv(
    state: State<AppState>,
    id: Path<String>,
    query: Query<LedgerQuery>,
    peer: Peer,
    headers: HeaderMap,
) -> HubResult<Response> {
    let Json(ledger) = ledger(state, id, query, peer, headers).await?;
    let mut csv = String::from("id,at,viewer,session,zone,kind,amount,pts\n");
    for a in &ledger.awards {
        let fields = [
            a.id.to_string(),
            a.at.clone(),
            a.viewer.clone(),
            a.session.clone(),
            a.zone.clone(),
            a.kind.clone(),
            a.amount.to_string(),
            a.pts.to_string(),
        ];
        csv.push_str(&fields.map(|f| csv_field(&f)).join(","));
        csv.push('\n');
    }
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

/// A CSV field: quoted when it needs to be; a leading formula character neutralised so a
/// spreadsheet shows zone ids as text.
fn csv_field(f: &str) -> String {
    let f = if f.starts_with(['=', '+', '-', '@']) && f.parse::<f64>().is_err() {
        format!("'{f}")
    } else {
        f.to_owned()
    };
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_field("packet1"), "packet1");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-5"), "-5");
    }
}
