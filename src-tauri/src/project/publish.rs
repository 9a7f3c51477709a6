//! Publish to Lantern Hub: the edited document packed exactly as Export packs it
//! ([`report::write_package`]: the same checks, the same refusals), uploaded for review with the
//! hub's client (`lantern_library::HubClient`), and the version's review status read back.
//!
//! The hub's answers become sentences that say what to do ([`call_error`]); an invalid package
//! comes back as `invalid` with the hub's problems one a line. The designer's token is the one
//! typed, else the one this machine keeps for that hub ([`hub_settings`]); a token the hub
//! accepted is kept. Nothing here knows about windows: the calls block, and the commands run them
//! off the window's thread. It could move to an engine crate as it is.

use std::path::Path;

use lantern_engine::schema::format::Effect;
use lantern_library::client::CallError;
use lantern_library::reference::{is_package_name, is_version, name_from_title};
use lantern_library::wire::{PreviewStatus, Status};
use lantern_library::wire_versions::VersionDetail;
use lantern_library::{EffectRef, HubClient, LibraryError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::hub_settings::{self, DEFAULT_HUB, normalise_url};
use super::report::{self, PackageReport};
use crate::error::{ErrorCode, IpcError};

/// What the Publish dialog starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublishDefaults {
    /// The hub last published to from this machine, else [`DEFAULT_HUB`].
    pub hub_url: String,
    /// The hubs (normalised addresses: no trailing `/`) this machine keeps a token for.
    pub saved_tokens: Vec<String>,
    /// The package's name on the hub: the one this project was last published under, else
    /// [`default_name`]; empty when neither gives one.
    pub name: String,
}

/// What the designer asks for.
#[derive(Clone, Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublishRequest {
    pub hub_url: String,
    /// The designer's token as typed; `null` or empty: the one kept for this hub.
    #[serde(default)]
    pub token: Option<String>,
    /// The package's name on the hub.
    pub name: String,
}

/// Where a version is in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum HubStatus {
    Pending,
    Approved,
    Rejected,
    Yanked,
}

/// A preview render's state on the hub.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum HubPreviewStatus {
    Rendering,
    Ready,
    Failed,
}

/// A preview of the effect on one of the hub's reference photos.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HubPreview {
    pub photo: String,
    pub status: HubPreviewStatus,
    pub error: Option<String>,
}

/// A version on the hub, as the Studio follows its review.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HubVersion {
    /// The hub it is on (normalised).
    pub hub_url: String,
    pub name: String,
    pub version: String,
    pub title: String,
    pub status: HubStatus,
    /// Why it was rejected or yanked.
    pub reason: Option<String>,
    pub reviewed_by: Option<String>,
    /// RFC 3339.
    pub reviewed_at: Option<String>,
    pub uploaded_at: String,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
    pub previews: Vec<HubPreview>,
}

/// A package uploaded for review.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Published {
    pub version: HubVersion,
    /// This machine keeps the token for the hub now (it was accepted).
    pub token_saved: bool,
    /// The Studio's own check of what was uploaded (budgets, capabilities), as Export shows it.
    pub report: PackageReport,
}

impl HubVersion {
    fn new(hub: &str, d: VersionDetail) -> Self {
        let s = d.summary;
        Self {
            hub_url: hub.to_owned(),
            name: s.name,
            version: s.version,
            title: s.title,
            status: match s.status {
                Status::Pending => HubStatus::Pending,
                Status::Approved => HubStatus::Approved,
                Status::Rejected => HubStatus::Rejected,
                Status::Yanked => HubStatus::Yanked,
            },
            reason: s.reason,
            reviewed_by: s.reviewed_by,
            reviewed_at: s.reviewed_at,
            uploaded_at: s.uploaded_at,
            size: s.size,
            sha256: s.sha256,
            previews: d
                .report
                .previews
                .into_iter()
                .map(|p| HubPreview {
                    photo: p.photo,
                    status: match p.status {
                        PreviewStatus::Rendering => HubPreviewStatus::Rendering,
                        PreviewStatus::Ready => HubPreviewStatus::Ready,
                        PreviewStatus::Failed => HubPreviewStatus::Failed,
                    },
                    error: p.error,
                })
                .collect(),
        }
    }
}

/// The package name a project publishes under by default: its folder's name (lower-cased) when
/// that is a package name, else one made from the title, else from the folder's name.
pub fn default_name(project: &Path, title: &str) -> Option<String> {
    let folder = project
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_lowercase);
    folder
        .clone()
        .filter(|f| is_package_name(f))
        .or_else(|| name_from_title(title))
        .or_else(|| folder.as_deref().and_then(name_from_title))
}

/// The settings' key of a project folder.
fn project_key(project: &Path) -> String {
    project.to_string_lossy().trim_end_matches('/').to_owned()
}

/// What the Publish dialog starts from, for the project in `project` titled `title`.
pub fn defaults(config_dir: &Path, project: &Path, title: &str) -> PublishDefaults {
    let settings = hub_settings::load(config_dir);
    let name = settings
        .names
        .get(&project_key(project))
        .cloned()
        .or_else(|| default_name(project, title))
        .unwrap_or_default();
    PublishDefaults {
        hub_url: settings
            .hub_url
            .clone()
            .unwrap_or_else(|| DEFAULT_HUB.to_owned()),
        saved_tokens: settings.saved_tokens(),
        name,
    }
}

fn hub_error(message: impl std::fmt::Display) -> IpcError {
    IpcError::new(ErrorCode::Hub, message)
}

/// A usable hub address (`http://` or `https://` and a host), normalised.
fn check_hub_url(url: &str) -> Result<String, IpcError> {
    let hub = normalise_url(url);
    let rest = hub
        .strip_prefix("http://")
        .or_else(|| hub.strip_prefix("https://"));
    match rest {
        Some(r) if !r.is_empty() && !r.contains(char::is_whitespace) => Ok(hub),
        _ => Err(hub_error(format!(
            "{:?} is not a hub address: write http://host:port (for example {DEFAULT_HUB})",
            url.trim()
        ))),
    }
}

fn check_name(name: &str) -> Result<(), IpcError> {
    if is_package_name(name) {
        return Ok(());
    }
    Err(hub_error(format!(
        "{name:?} is not a package name: use 1–64 of a-z, 0-9 and -, starting with a letter or \
         digit (for example lucky-hat)"
    )))
}

fn check_version(version: &str) -> Result<(), IpcError> {
    if is_version(version) {
        return Ok(());
    }
    Err(IpcError::new(
        ErrorCode::Invalid,
        format!(
            "the effect's version {version:?} is not one a hub takes: in the effect's settings, \
             use digits, letters, '.', '+' and '-' (for example 1.0.0)"
        ),
    ))
}

/// The token typed, else the one kept for `hub`.
fn token_for(config_dir: &Path, hub: &str, typed: Option<&str>) -> Option<String> {
    typed
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .or_else(|| hub_settings::load(config_dir).tokens.get(hub).cloned())
}

/// The package as Export writes it, in memory, with the Studio's report of it.
fn pack(project: &Path, effect: &Effect) -> Result<(Vec<u8>, PackageReport), IpcError> {
    let tmp = tempfile::tempdir().map_err(|e| {
        IpcError::new(
            ErrorCode::Io,
            format!("cannot make a temporary folder to pack the package in: {e}"),
        )
    })?;
    let out = tmp.path().join("package.zip");
    let written = report::write_package(project, effect, &out, "published")?;
    let bytes =
        std::fs::read(&out).map_err(|e| IpcError::io("cannot read the packed", &out, &e))?;
    Ok((bytes, written.report))
}

/// Pack the edited document as Export does and upload it to the hub for review.
pub fn publish(
    config_dir: &Path,
    project: &Path,
    effect: &Effect,
    req: &PublishRequest,
) -> Result<Published, IpcError> {
    let hub = check_hub_url(&req.hub_url)?;
    check_name(&req.name)?;
    let version = effect.meta.version.as_str();
    check_version(version)?;
    let token = token_for(config_dir, &hub, req.token.as_deref()).ok_or_else(|| {
        hub_error(format!(
            "Paste a designer's token for {hub}: an admin of the hub makes one with \
             `lantern hub token create --role designer`."
        ))
    })?;
    let (zip, report) = pack(project, effect)?;
    let result = HubClient::new(&hub, Some(token.clone())).publish(&zip, Some(&req.name));
    let accepted = token_accepted(&result);
    let published = result.is_ok();
    let remembered = hub_settings::update(config_dir, |s| {
        s.hub_url = Some(hub.clone());
        if accepted {
            s.tokens.insert(hub.clone(), token);
        }
        if published {
            s.names.insert(project_key(project), req.name.clone());
        }
    });
    let token_saved = match remembered {
        Ok(s) => s.tokens.contains_key(&hub),
        Err(e) => {
            tracing::warn!("the hub settings were not saved: {e}");
            false
        }
    };
    let detail = result.map_err(|e| call_error(e, &hub, Doing::Publish, &req.name, version))?;
    Ok(Published {
        version: HubVersion::new(&hub, detail),
        token_saved,
        report,
    })
}

/// Where `name@version` is in review on the hub (read with the token typed, else the kept one).
pub fn status(
    config_dir: &Path,
    hub_url: &str,
    token: Option<&str>,
    name: &str,
    version: &str,
) -> Result<HubVersion, IpcError> {
    let hub = check_hub_url(hub_url)?;
    check_name(name)?;
    check_version(version)?;
    let reference = EffectRef {
        name: name.to_owned(),
        version: version.to_owned(),
    };
    HubClient::new(&hub, token_for(config_dir, &hub, token))
        .version(&reference)
        .map(|d| HubVersion::new(&hub, d))
        .map_err(|e| call_error(e, &hub, Doing::Status, name, version))
}

/// Whether the hub took the token (it answered, and not with "who are you" or "not your role").
fn token_accepted<T>(result: &Result<T, CallError>) -> bool {
    match result {
        Ok(_) => true,
        Err(CallError::Hub(LibraryError::Api { status, .. })) => {
            !matches!(*status, 401 | 403 | 429)
        }
        Err(_) => false,
    }
}

/// What the Studio was doing when the hub said no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    Publish,
    Status,
}

/// A hub call's failure as a sentence that says what to do.
pub fn call_error(err: CallError, hub: &str, doing: Doing, name: &str, version: &str) -> IpcError {
    let err = match err {
        CallError::Transport(detail) => {
            return hub_error(format!(
                "Cannot reach the hub at {hub} ({detail}): check the address and that the hub is running."
            ));
        }
        CallError::Hub(e) => e,
    };
    let (status, code, message) = match err {
        LibraryError::Api {
            status,
            code,
            message,
        } => (status, code, message),
        LibraryError::Protocol(detail) => {
            return hub_error(format!(
                "The hub at {hub} answered something the Studio does not understand ({detail}): \
                 is that the address of a Lantern Hub?"
            ));
        }
        other => return hub_error(other),
    };
    let what = format!("{name}@{version}");
    hub_error(match (status, doing) {
        (401, _) => format!(
            "The hub at {hub} did not accept this token: it is unknown or was revoked. Paste a \
             designer's token (an admin makes one with `lantern hub token create --role designer`)."
        ),
        (403, Doing::Publish) => {
            "This token's role cannot upload packages: publishing needs a designer's token.".into()
        }
        (403 | 404, Doing::Status) => {
            format!(
                "The hub has no {what} this token may read (a version under review shows only to \
                 its designer and to reviewers): use the token it was published with."
            )
        }
        (409, _) => format!(
            "{what} is already on the hub, and a published version never changes: raise the \
             version in the effect's settings (now {version}) and publish again."
        ),
        (413, _) => format!(
            "{message} Make the package smaller, or ask the hub's admin to take larger uploads."
        ),
        (422, _) if code == "invalid_package" => {
            return IpcError::new(ErrorCode::Invalid, refused_package(&message));
        }
        (422 | 429, _) => message,
        _ => format!("The hub at {hub} answered {status}: {message}"),
    })
}

/// The hub's refusal of an invalid package: a sentence, then each problem on its own line
/// (`file pointer: message`, as the client lists them under the hub's message).
fn refused_package(message: &str) -> String {
    let problems: Vec<&str> = message
        .lines()
        .skip(1)
        .map(|l| l.trim().trim_start_matches("- ").trim_start_matches(": "))
        .filter(|l| !l.is_empty())
        .collect();
    if problems.is_empty() {
        return format!("The hub refused the package: {message}");
    }
    format!(
        "The hub refused the package ({} problem(s)): fix them and publish again.\n{}",
        problems.len(),
        problems.join("\n")
    )
}

#[cfg(test)]
#[path = "publish_tests.rs"]
mod tests;
