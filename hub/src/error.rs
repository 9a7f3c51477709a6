//! The one error type of the HTTP API: a status, a stable code and a sentence, sent as
//! `{code, message}` (and an invalid package's `problems`). Server faults are logged here, once,
//! and answered without their details.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lantern_library::wire::{ApiError, Problem, Role};

#[derive(Debug)]
pub struct HubError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub problems: Vec<Problem>,
}

pub type HubResult<T> = Result<T, HubError>;

impl HubError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Sign in: send an API token as `Authorization: Bearer <token>` (an admin makes one with \
             `lantern hub token create`).",
        )
    }

    pub fn forbidden(role: Role, what: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("Your role ({role}) cannot {what}."),
        )
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("There is no {what}."),
        )
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// A fault of the server: logged with its cause, answered as a plain 500.
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!("{context}: {err}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("The hub failed while {context}; it is logged. Try again."),
        )
    }
}

impl From<sqlx::Error> for HubError {
    fn from(e: sqlx::Error) -> Self {
        Self::internal("using its database", e)
    }
}

impl From<object_store::Error> for HubError {
    fn from(e: object_store::Error) -> Self {
        Self::internal("using its blob store", e)
    }
}

impl IntoResponse for HubError {
    fn into_response(self) -> Response {
        let body = ApiError {
            code: self.code.to_owned(),
            message: self.message,
            problems: self.problems,
        };
        (self.status, Json(body)).into_response()
    }
}
