//! The worker's side of a check: open an uploaded zip with the same hardened reader as
//! `lantern validate`, load its script in the sandbox, decode its sounds against the budgets,
//! and describe it. Runs in its own process (time- and memory-limited by the hub), so a hostile
//! package can only take this process down.

use std::path::Path;

use lantern_engine::schema::package::Limits;
use lantern_engine::schema::{Package, PackageError};
use lantern_library::wire::{Budget, Problem, Report};
use serde::{Deserialize, Serialize};

/// A package that passed every check.
#[derive(Debug, Serialize, Deserialize)]
pub struct Checked {
    pub title: String,
    pub version: String,
    pub description: String,
    pub report: Report,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CheckOutcome {
    Valid(Checked),
    Invalid(Vec<Problem>),
}

fn problem(file: Option<&str>, pointer: Option<&str>, message: impl Into<String>) -> Problem {
    Problem {
        file: file.filter(|f| !f.is_empty()).map(str::to_owned),
        pointer: pointer.filter(|p| !p.is_empty()).map(str::to_owned),
        message: message.into(),
    }
}

/// Checks the zip at `path`.
pub fn check(path: &Path) -> anyhow::Result<CheckOutcome> {
    let bytes = std::fs::read(path)?;
    let size = bytes.len() as u64;
    let mut pkg = match Package::from_zip_bytes(bytes, &Limits::default()) {
        Ok(p) => p,
        Err(PackageError::Invalid { diagnostics, .. }) => {
            let problems = diagnostics
                .iter()
                .map(|d| problem(Some(&d.file), Some(&d.pointer), d.message.clone()))
                .collect();
            return Ok(CheckOutcome::Invalid(problems));
        }
        Err(e) => {
            return Ok(CheckOutcome::Invalid(vec![problem(
                None,
                None,
                e.to_string(),
            )]));
        }
    };
    if let Err(e) = lantern_engine::scene::check_script(&mut pkg, None) {
        let script = pkg.effect.script.clone();
        return Ok(CheckOutcome::Invalid(vec![problem(
            script.as_deref(),
            None,
            e.to_string(),
        )]));
    }
    let sound = match lantern_engine::audio::check(&mut pkg) {
        Ok(bank) => bank,
        Err(e) => {
            return Ok(CheckOutcome::Invalid(vec![problem(
                None,
                None,
                e.to_string(),
            )]));
        }
    };
    let mut budgets: Vec<Budget> = pkg
        .budget(size)
        .iter()
        .map(|line| Budget {
            name: line.what.key().to_owned(),
            used: line.used as f64,
            limit: line.limit as f64,
            unit: if line.what.key() == "particles" {
                "particles"
            } else {
                "bytes"
            }
            .to_owned(),
        })
        .collect();
    let meta = &pkg.effect.meta;
    budgets.push(Budget {
        name: "audioSeconds".into(),
        used: sound.seconds(),
        limit: f64::from(meta.budgets.max_audio_seconds),
        unit: "s".into(),
    });
    budgets.push(Budget {
        name: "audioBytes".into(),
        used: sound.bytes() as f64,
        limit: f64::from(meta.budgets.max_audio_bytes),
        unit: "bytes".into(),
    });
    let over: Vec<Problem> = budgets
        .iter()
        .filter(|b| b.used > b.limit)
        .map(|b| {
            let message = format!(
                "over its budget {}: uses {} of {} {}; make it smaller or raise meta.budgets",
                b.name, b.used, b.limit, b.unit
            );
            problem(Some("effect.json"), Some("/meta/budgets"), message)
        })
        .collect();
    if !over.is_empty() {
        return Ok(CheckOutcome::Invalid(over));
    }
    let report = Report {
        budgets,
        capabilities: capability_names(&pkg),
        script_bytes: script_bytes(&pkg),
        assets: pkg.effect.assets.len() as u32,
        layers: pkg.effect.layers.len() as u32,
        triggers: pkg.effect.triggers.len() as u32,
        warnings: pkg.warnings.iter().map(ToString::to_string).collect(),
        previews: Vec::new(),
    };
    Ok(CheckOutcome::Valid(Checked {
        title: meta.name.clone(),
        version: meta.version.clone(),
        description: meta.description.clone(),
        report,
    }))
}

/// The capability manifest as names: `face`, `faceMesh`, `gesture:heart`, `maxFaces:2`, …
fn capability_names(pkg: &Package) -> Vec<String> {
    let caps = pkg.capabilities();
    let mut out: Vec<String> = [
        ("face", caps.face),
        ("faceMesh", caps.face_mesh),
        ("iris", caps.iris),
        ("hands", caps.hands),
        ("handAnchors", caps.hand_anchors),
        ("segmentation", caps.segmentation),
        ("script", caps.script),
    ]
    .into_iter()
    .filter(|(_, on)| *on)
    .map(|(n, _)| n.to_owned())
    .collect();
    for g in &caps.gestures {
        let name = serde_json::to_value(g)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("{g:?}"));
        out.push(format!("gesture:{name}"));
    }
    if caps.face {
        out.push(format!("maxFaces:{}", caps.max_faces));
    }
    out
}

fn script_bytes(pkg: &Package) -> u64 {
    pkg.files()
        .iter()
        .filter(|(path, _)| {
            Path::new(path)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("js") || e.eq_ignore_ascii_case("mjs"))
        })
        .map(|(_, size)| *size)
        .sum()
}
