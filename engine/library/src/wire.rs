//! The hub's HTTP API, as JSON types (camelCase on the wire). The hub serves them, the client
//! reads them, and the web pages' TypeScript is generated from the OpenAPI document the hub
//! derives from them (feature `openapi`).

use serde::{Deserialize, Serialize};

/// What a token may do. Each role does exactly its job: a designer uploads, a reviewer approves
/// or rejects, a host lists and downloads, an admin manages tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Role {
    Designer,
    Reviewer,
    Host,
    Admin,
}

impl Role {
    pub const ALL: [Self; 4] = [Self::Designer, Self::Reviewer, Self::Host, Self::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Designer => "designer",
            Self::Reviewer => "reviewer",
            Self::Host => "host",
            Self::Admin => "admin",
        }
    }

    /// The role named `s`, or `None`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a version is in review. Versions are immutable; only their status changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Status {
    Pending,
    Approved,
    Rejected,
    Yanked,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Yanked => "yanked",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected, Self::Yanked]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// Every error the API returns: a stable code and a sentence saying what to do.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub code: String,
    pub message: String,
    /// An invalid package's problems, each with where it is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}

/// One reason a package was refused.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The JSON pointer into effect.json, when the problem has one.
    pub pointer: Option<String>,
    /// The package's file, when the problem is in one.
    pub file: Option<String>,
    pub message: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub ok: bool,
    pub version: String,
}

/// The hub's signing key, for pinning.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct KeyInfo {
    /// Always "ed25519".
    pub algorithm: String,
    /// The 32-byte public key, standard base64.
    pub public_key: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub name: String,
    pub role: Role,
}

/// One budget of the package format: how much the package uses of what it may.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Budget {
    pub name: String,
    pub used: f64,
    pub limit: f64,
    pub unit: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum PreviewStatus {
    Rendering,
    Ready,
    Failed,
}

/// A preview render of the effect on one reference photo.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Preview {
    pub photo: String,
    pub status: PreviewStatus,
    #[serde(default)]
    pub error: Option<String>,
}

/// What the hub found when it checked an upload (in a separate, limited process).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub budgets: Vec<Budget>,
    pub capabilities: Vec<String>,
    pub script_bytes: u64,
    pub assets: u32,
    pub layers: u32,
    pub triggers: u32,
    pub warnings: Vec<String>,
    pub previews: Vec<Preview>,
}
