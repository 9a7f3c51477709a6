//! Validate and export: the checks of `lantern validate`, the zip of `lantern pack`, and the
//! budget report, on the document being edited (staged, see [`super::staging`]).
//!
//! [`check`] opens the staged package with `Package::open` — every problem, with its file and
//! JSON pointer — and, when it is valid, writes the zip into the stage to measure it.
//! [`export`] does the same, writes the zip to its destination atomically (temp file + rename,
//! `package::write::write_zip`) and reopens it like any received package.

use std::path::{Path, PathBuf};

use lantern_engine::schema::capability::{self, Capabilities};
use lantern_engine::schema::format::{Effect, Layer};
use lantern_engine::schema::package::write::write_zip;
use lantern_engine::schema::{Diagnostic, Package, PackageError};
use serde::Serialize;
use ts_rs::TS;

use super::staging::Stage;
use crate::error::{ErrorCode, IpcError};

/// One problem (or warning) in a package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The file inside the package (`effect.json`, `images/hat.png`).
    pub file: String,
    /// The JSON pointer in `effect.json` (`/layers/3/anchor`), or empty for a whole file.
    pub pointer: String,
    pub message: String,
}

/// One budget: what the effect uses against what its `meta.budgets` allow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLine {
    /// `packageBytes`, `textureBytes` or `particles`.
    pub name: String,
    #[ts(type = "number")]
    pub used: u64,
    #[ts(type = "number")]
    pub limit: u64,
    pub over: bool,
}

/// What validating the document found.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackageReport {
    /// No problems: the package would export.
    pub valid: bool,
    pub problems: Vec<Problem>,
    /// Worth knowing, not blocking (files nothing references).
    pub warnings: Vec<Problem>,
    /// Empty when the package is not valid.
    pub budget: Vec<BudgetLine>,
    /// The trackers the effect needs.
    pub capabilities: Capabilities,
    /// Files in the package (with `effect.json`).
    pub files: u32,
    #[ts(type = "number")]
    pub unpacked_bytes: u64,
}

/// A written package.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    /// The `.zip` written.
    pub path: String,
    pub report: PackageReport,
}

fn problem(stage: &Stage, project: &Path, d: &Diagnostic) -> Problem {
    Problem {
        file: stage.unstage(&d.file, project),
        pointer: d.pointer.clone(),
        message: stage.unstage(&d.message, project),
    }
}

/// Validate the edited document against the project's files.
pub fn check(project: &Path, effect: &Effect) -> Result<PackageReport, IpcError> {
    let stage = Stage::new(project, effect)?;
    let (report, _) = open_and_measure(&stage, project, effect, &stage.path().join(".budget.zip"))?;
    Ok(report)
}

/// Validate, then write the package to `out` (a `.zip` outside the project folder).
pub fn export(project: &Path, effect: &Effect, out: &Path) -> Result<ExportReport, IpcError> {
    let out = check_destination(project, out)?;
    let stage = Stage::new(project, effect)?;
    let (report, written) = open_and_measure(&stage, project, effect, &out)?;
    if !written {
        return Err(IpcError::new(
            ErrorCode::Invalid,
            format!(
                "the effect has {} problem(s), nothing was exported: {}",
                report.problems.len(),
                problem_list(&report.problems)
            ),
        ));
    }
    Package::open(&out).map_err(|e| {
        IpcError::new(
            ErrorCode::Export,
            format!(
                "{}: the written package does not reopen: {e}",
                out.display()
            ),
        )
    })?;
    Ok(ExportReport {
        path: out.display().to_string(),
        report,
    })
}

/// The first few problems, one line: `file: pointer: message; …`.
fn problem_list(problems: &[Problem]) -> String {
    let list: Vec<String> = problems
        .iter()
        .take(5)
        .map(|p| {
            format!(
                "{}{}{}: {}",
                p.file,
                if p.pointer.is_empty() { "" } else { ": " },
                p.pointer,
                p.message
            )
        })
        .collect();
    list.join("; ")
}

/// Why a staged package did not open, as one error naming its first problems.
pub fn open_error(stage: &Stage, project: &Path, err: &PackageError) -> IpcError {
    match err {
        PackageError::Invalid { diagnostics, .. } => {
            let problems: Vec<Problem> = diagnostics
                .iter()
                .map(|d| problem(stage, project, d))
                .collect();
            IpcError::new(
                ErrorCode::Invalid,
                format!(
                    "the effect has {} problem(s): {}",
                    problems.len(),
                    problem_list(&problems)
                ),
            )
        }
        e @ PackageError::NotFound { .. } => {
            IpcError::new(ErrorCode::NotFound, stage.unstage(&e.to_string(), project))
        }
    }
}

/// Open the stage; when valid, write the zip to `zip` and report; the flag says if it was written.
fn open_and_measure(
    stage: &Stage,
    project: &Path,
    effect: &Effect,
    zip: &Path,
) -> Result<(PackageReport, bool), IpcError> {
    let mut report = PackageReport {
        valid: false,
        problems: Vec::new(),
        warnings: Vec::new(),
        budget: Vec::new(),
        capabilities: capability::derive(effect),
        files: 0,
        unpacked_bytes: 0,
    };
    let mut pkg = match Package::open(stage.path()) {
        Ok(pkg) => pkg,
        Err(PackageError::Invalid { diagnostics, .. }) => {
            report.problems = diagnostics
                .iter()
                .map(|d| problem(stage, project, d))
                .collect();
            return Ok((report, false));
        }
        Err(e) => {
            return Err(IpcError::new(
                ErrorCode::NotFound,
                stage.unstage(&e.to_string(), project),
            ));
        }
    };
    report.warnings = pkg
        .warnings
        .iter()
        .map(|d| problem(stage, project, d))
        .collect();
    report.files = pkg.files().len() as u32;
    report.unpacked_bytes = pkg.files().values().sum();
    let size = write_zip(&mut pkg, zip)
        .map_err(|e| IpcError::new(ErrorCode::Export, stage.unstage(&e.to_string(), project)))?;
    report.valid = true;
    report.budget = budget(&pkg, size);
    Ok((report, true))
}

fn budget(pkg: &Package, zip_bytes: u64) -> Vec<BudgetLine> {
    let limits = pkg.effect.meta.budgets;
    let particles: u64 = pkg
        .effect
        .layers
        .iter()
        .map(|l| match l {
            Layer::Particles(p) => u64::from(p.max_particles),
            _ => 0,
        })
        .sum();
    [
        ("packageBytes", zip_bytes, limits.max_package_bytes),
        (
            "textureBytes",
            pkg.texture_bytes(),
            limits.max_texture_bytes,
        ),
        ("particles", particles, limits.max_particles),
    ]
    .into_iter()
    .map(|(name, used, limit)| BudgetLine {
        name: name.to_owned(),
        used,
        limit: u64::from(limit),
        over: used > u64::from(limit),
    })
    .collect()
}

/// A usable export destination: a `.zip` in an existing folder outside the project.
fn check_destination(project: &Path, out: &Path) -> Result<PathBuf, IpcError> {
    let bad = |why: &str| IpcError::new(ErrorCode::Export, format!("{}: {why}", out.display()));
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        return Err(bad("the package file name must end in .zip"));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let parent = parent
        .canonicalize()
        .map_err(|_| bad("the folder does not exist: choose an existing folder"))?;
    let project = project
        .canonicalize()
        .map_err(|e| IpcError::io("cannot find the project folder", project, &e))?;
    if parent.starts_with(&project) {
        return Err(bad(
            "this is inside the project folder, so the next export would pack it too: \
             choose a folder outside the project",
        ));
    }
    if out.is_dir() {
        return Err(bad("a folder has that name: choose a file name"));
    }
    Ok(parent.join(out.file_name().unwrap_or_default()))
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
