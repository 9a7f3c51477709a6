//! The hub's HTTP API: packages, versions, reviews and tokens (see [`crate::wire`]).

use serde::{Deserialize, Serialize};

use crate::wire::{Report, Role, Status};

/// A version as lists show it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    pub name: String,
    pub version: String,
    pub title: String,
    pub description: String,
    pub status: Status,
    pub sha256: String,
    pub size: u64,
    pub uploaded_by: String,
    /// RFC 3339.
    pub uploaded_at: String,
    #[serde(default)]
    pub reviewed_by: Option<String>,
    #[serde(default)]
    pub reviewed_at: Option<String>,
    /// Why it was rejected or yanked.
    #[serde(default)]
    pub reason: Option<String>,
    pub capabilities: Vec<String>,
}

/// A version with its review report.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct VersionDetail {
    #[serde(flatten)]
    pub summary: VersionSummary,
    pub report: Report,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackageSummary {
    pub name: String,
    pub title: String,
    pub description: String,
    /// The newest approved version.
    pub latest: VersionSummary,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackageList {
    pub packages: Vec<PackageSummary>,
    /// How many match, over all pages.
    pub total: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackageDetail {
    pub name: String,
    pub title: String,
    pub description: String,
    /// Newest first; what the caller may see.
    pub versions: Vec<VersionSummary>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewQueue {
    pub versions: Vec<VersionSummary>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    Approve,
    Reject,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewRequest {
    pub decision: Decision,
    /// Required to reject: the designer reads it.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YankRequest {
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub created_at: String,
    #[serde(default)]
    pub last_used_at: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenList {
    pub tokens: Vec<TokenInfo>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTokenRequest {
    pub name: String,
    pub role: Role,
}

/// A token as created: the secret is shown this once (the hub keeps only its hash).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewToken {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub token: String,
}
