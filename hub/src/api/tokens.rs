//! API tokens (admins): list, create (the secret is in this answer only), revoke.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use lantern_library::wire::Role;
use lantern_library::wire_versions::{NewToken, NewTokenRequest, TokenList};

use super::{ApiJson, AppState};
use crate::auth::{Caller, new_token};
use crate::error::{HubError, HubResult};

#[utoipa::path(get, path = "/api/tokens", responses((status = 200, body = TokenList), (status = 403, body = lantern_library::wire::ApiError)))]
pub async fn list(State(s): State<AppState>, caller: Caller) -> HubResult<Json<TokenList>> {
    caller.require(&[Role::Admin], "manage tokens")?;
    Ok(Json(TokenList {
        tokens: s.db.tokens().await?,
    }))
}

#[utoipa::path(post, path = "/api/tokens", request_body = NewTokenRequest, responses((status = 200, body = NewToken), (status = 403, body = lantern_library::wire::ApiError)))]
pub async fn create(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<NewTokenRequest>,
) -> HubResult<Json<NewToken>> {
    caller.require(&[Role::Admin], "manage tokens")?;
    let name = req.name.trim();
    if name.is_empty() || name.len() > 100 || name.chars().any(char::is_control) {
        return Err(HubError::bad_request(
            "bad_name",
            "Name the token (1–100 printable characters): whose is it?",
        ));
    }
    let (token, hash) = new_token().map_err(|e| HubError::internal("making a token", e))?;
    let id = s.db.create_token(name, req.role, &hash).await?;
    tracing::info!("{} created token {id} ({name}, {})", caller.name, req.role);
    Ok(Json(NewToken {
        id,
        name: name.to_owned(),
        role: req.role,
        token,
    }))
}

#[utoipa::path(delete, path = "/api/tokens/{id}", responses((status = 204), (status = 404, body = lantern_library::wire::ApiError)))]
pub async fn revoke(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> HubResult<StatusCode> {
    caller.require(&[Role::Admin], "manage tokens")?;
    if s.db.revoke_token(id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(HubError::not_found(&format!("live token {id}")))
    }
}
