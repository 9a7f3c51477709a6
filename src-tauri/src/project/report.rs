//! Validate and export: the checks of `lantern validate`, the zip of `lantern pack`, and the
//! budget report, on the document being edited: [`open_edited`] opens the edited document over
//! the project's files (`Package::open_dir_with_effect`, nothing written to disk).
//!
//! [`check`] opens it — every problem, with its file and JSON pointer — loads its script in the
//! sandbox (a script that fails to load is a problem, with its line), and, when it is valid,
//! measures its zip without writing one (`package::write::zip_len`). [`export`] writes the zip to
//! its destination atomically (temp file + rename, `package::write::write_zip`) and reopens it
//! like any received package.

use std::path::{Path, PathBuf};

use lantern_engine::EngineError;
use lantern_engine::schema::capability::{self, Capabilities};
use lantern_engine::schema::format::Effect;
use lantern_engine::schema::package::write::{WriteError, write_zip, zip_len};
use lantern_engine::schema::{Diagnostic, Limits, Package, PackageError};
use lantern_engine::script::LoadError;
use serde::Serialize;
use ts_rs::TS;

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

fn problem(d: &Diagnostic) -> Problem {
    Problem {
        file: d.file.clone(),
        pointer: d.pointer.clone(),
        message: d.message.clone(),
    }
}

/// A script that does not load, as a problem of its file (the message has the line and column).
fn script_problem(err: &EngineError) -> Problem {
    let file = match err {
        EngineError::Script { path, source, .. } => match source.as_ref() {
            LoadError::Script(e) => e.file.clone().unwrap_or_else(|| path.clone()),
            _ => path.clone(),
        },
        EngineError::Asset { path, .. } => path.clone(),
        _ => String::new(),
    };
    let message = match err {
        EngineError::Script { source, .. } => format!("the script does not load: {source}"),
        other => other.to_string(),
    };
    Problem {
        file,
        pointer: String::new(),
        message,
    }
}

/// Loads the package's script in the sandbox (at the effect's target resolution), as going live
/// does.
pub fn check_script(pkg: &mut Package) -> Result<(), Problem> {
    lantern_engine::scene::check_script(pkg, None).map_err(|e| script_problem(&e))
}

/// The edited document over the project's files, as a package (or why it does not open).
fn open_package(project: &Path, effect: &Effect) -> Result<Package, PackageError> {
    Package::open_dir_with_effect(project, effect, &Limits::default())
}

/// The edited document over the project's files, checked like any package: what the preview and
/// Go live play.
pub fn open_edited(project: &Path, effect: &Effect) -> Result<Package, IpcError> {
    super::document::require_project(project)?;
    open_package(project, effect).map_err(|e| open_error(&e))
}

/// Validate the edited document against the project's files.
pub fn check(project: &Path, effect: &Effect) -> Result<PackageReport, IpcError> {
    let (report, _) = open_and_measure(project, effect, None)?;
    Ok(report)
}

/// Validate, then write the package to `out` (a `.zip` outside the project folder).
pub fn export(project: &Path, effect: &Effect, out: &Path) -> Result<ExportReport, IpcError> {
    let out = check_destination(project, out)?;
    write_package(project, effect, &out, "exported")
}

/// Validate, then write the package to `out` exactly as [`export`] does, to a destination the
/// Studio chose itself (the temporary zip that publishing uploads). When the effect is invalid,
/// the error says "nothing was `done`".
pub fn write_package(
    project: &Path,
    effect: &Effect,
    out: &Path,
    done: &str,
) -> Result<ExportReport, IpcError> {
    let (report, written) = open_and_measure(project, effect, Some(out))?;
    if !written {
        return Err(IpcError::new(
            ErrorCode::Invalid,
            format!(
                "the effect has {} problem(s), nothing was {done}: {}",
                report.problems.len(),
                problem_list(&report.problems)
            ),
        ));
    }
    Package::open(out).map_err(|e| {
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

/// Why the edited package did not open, as one error naming its first problems.
fn open_error(err: &PackageError) -> IpcError {
    match err {
        PackageError::Invalid { diagnostics, .. } => {
            let problems: Vec<Problem> = diagnostics.iter().map(problem).collect();
            IpcError::new(
                ErrorCode::Invalid,
                format!(
                    "the effect has {} problem(s): {}",
                    problems.len(),
                    problem_list(&problems)
                ),
            )
        }
        e @ PackageError::NotFound { .. } => IpcError::new(ErrorCode::NotFound, e.to_string()),
    }
}

/// Open the edited package; when valid, measure its zip (written to `out` when given) and
/// report; the flag says if it is valid.
fn open_and_measure(
    project: &Path,
    effect: &Effect,
    out: Option<&Path>,
) -> Result<(PackageReport, bool), IpcError> {
    super::document::require_project(project)?;
    let mut report = PackageReport {
        valid: false,
        problems: Vec::new(),
        warnings: Vec::new(),
        budget: Vec::new(),
        capabilities: capability::derive(effect),
        files: 0,
        unpacked_bytes: 0,
    };
    let mut pkg = match open_package(project, effect) {
        Ok(pkg) => pkg,
        Err(PackageError::Invalid { diagnostics, .. }) => {
            report.problems = diagnostics.iter().map(problem).collect();
            return Ok((report, false));
        }
        Err(e) => return Err(IpcError::new(ErrorCode::NotFound, e.to_string())),
    };
    if let Err(problem) = check_script(&mut pkg) {
        report.problems.push(problem);
        return Ok((report, false));
    }
    report.warnings = pkg.warnings.iter().map(problem).collect();
    report.files = pkg.files().len() as u32;
    report.unpacked_bytes = pkg.files().values().sum();
    let size = match out {
        Some(out) => write_zip(&mut pkg, out),
        None => zip_len(&mut pkg),
    }
    .map_err(|e: WriteError| IpcError::new(ErrorCode::Export, e.to_string()))?;
    report.valid = true;
    report.budget = pkg
        .budget(size)
        .into_iter()
        .map(|line| BudgetLine {
            name: line.what.key().to_owned(),
            used: line.used,
            limit: line.limit,
            over: line.over(),
        })
        .collect();
    Ok((report, true))
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
