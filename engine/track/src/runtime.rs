//! ONNX Runtime: loading the shared library once, and a thin session wrapper per model.
//!
//! The library is loaded dynamically (`ort`'s `load-dynamic`): from `$ORT_DYLIB_PATH` when it
//! is set, else from `.lantern/onnxruntime/libonnxruntime.so` in a parent folder of the current
//! directory, the executable or this crate (where `scripts/setup-onnxruntime.sh` puts it).
//! [`OnnxModel`] owns one session; [`OnnxModel::run`] feeds one `f32` tensor and copies every
//! output out as a flat `Vec<f32>`, in the model's output order.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ort::session::Session;
use ort::session::builder::GraphOptimizationLevel;
use ort::value::TensorRef;

use crate::error::TrackError;
use crate::models::Models;

/// The environment variable naming the ONNX Runtime library file.
pub const ORT_ENV: &str = "ORT_DYLIB_PATH";

static ENV: OnceLock<Result<ort::environment::Environment, (String, String)>> = OnceLock::new();

/// Candidate library paths, in search order, with where each came from.
fn candidates() -> Vec<(PathBuf, String)> {
    if let Some(p) = std::env::var_os(ORT_ENV).filter(|v| !v.is_empty()) {
        return vec![(PathBuf::from(p), "$ORT_DYLIB_PATH".to_owned())];
    }
    let starts = [
        std::env::current_dir().ok(),
        std::env::current_exe().ok(),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
    ];
    let mut out: Vec<(PathBuf, String)> = Vec::new();
    for start in starts.iter().flatten() {
        let found = start
            .ancestors()
            .map(|a| a.join(".lantern/onnxruntime/libonnxruntime.so"))
            .find(|p| p.is_file());
        match found {
            Some(p) if !out.iter().any(|(q, _)| *q == p) => {
                out.push((p, format!("found above {}", start.display())));
            }
            Some(_) => {}
            None => out.push((
                start.join(".lantern/onnxruntime/libonnxruntime.so"),
                format!("not found in {} or its parents", start.display()),
            )),
        }
    }
    out
}

fn init() -> Result<ort::environment::Environment, (String, String)> {
    let cands = candidates();
    let mut searched = String::new();
    for (path, why) in &cands {
        let _ = writeln!(searched, "  - {} ({why})", path.display());
    }
    let Some((path, _)) = cands.iter().find(|(p, _)| p.is_file()) else {
        return Err(("no libonnxruntime.so was found".to_owned(), searched));
    };
    let builder =
        ort::init_from(path).map_err(|e| (format!("{}: {e}", path.display()), searched.clone()))?;
    builder
        .with_name("lantern")
        .build()
        .map_err(|e| (format!("{}: {e}", path.display()), searched))
}

/// The process-wide ONNX Runtime environment, loading the library on first use.
pub fn environment() -> Result<&'static ort::environment::Environment, TrackError> {
    ENV.get_or_init(init)
        .as_ref()
        .map_err(|(detail, searched)| TrackError::Runtime {
            detail: detail.clone(),
            searched: searched.clone(),
        })
}

/// One loaded model.
pub struct OnnxModel {
    session: Session,
    name: &'static str,
}

impl std::fmt::Debug for OnnxModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnnxModel")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl OnnxModel {
    /// Loads `file` (a name from `models.toml`) with `threads` intra-op threads.
    pub fn load(models: &Models, file: &'static str, threads: usize) -> Result<Self, TrackError> {
        let path = models.path(file)?;
        Self::load_path(&path, file, threads)
    }

    /// Loads a model from an explicit path.
    pub fn load_path(path: &Path, name: &'static str, threads: usize) -> Result<Self, TrackError> {
        let env = environment()?;
        let err = |detail: String| TrackError::Session {
            path: path.to_owned(),
            detail,
        };
        let session = Session::builder(env)
            .map_err(|e| err(e.to_string()))?
            .with_optimization_level(GraphOptimizationLevel::Level3)
            .map_err(|e| err(e.to_string()))?
            .with_intra_threads(threads.max(1))
            .map_err(|e| err(e.to_string()))?
            .with_inter_threads(1)
            .map_err(|e| err(e.to_string()))?
            .commit_from_file(path)
            .map_err(|e| err(e.to_string()))?;
        Ok(Self { session, name })
    }

    /// The model's file name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Runs the model on one tensor of `shape`; returns every output flattened, in order.
    pub fn run(&mut self, input: &[f32], shape: &[usize]) -> Result<Vec<Vec<f32>>, TrackError> {
        let name = self.name;
        let fail = |e: ort::Error| TrackError::Inference {
            model: name,
            detail: e.to_string(),
        };
        let tensor = TensorRef::from_array_view((shape.to_vec(), input)).map_err(fail)?;
        let outputs = self.session.run(ort::inputs![tensor]).map_err(fail)?;
        let mut out = Vec::with_capacity(outputs.len());
        for (_, value) in &outputs {
            let (_, data) = value.try_extract_tensor::<f32>().map_err(fail)?;
            out.push(data.to_vec());
        }
        Ok(out)
    }
}

/// Checks `outputs` has at least `n` tensors with at least the given lengths.
pub(crate) fn expect_outputs(
    model: &'static str,
    outputs: &[Vec<f32>],
    lens: &[usize],
) -> Result<(), TrackError> {
    for (i, &len) in lens.iter().enumerate() {
        let got = outputs.get(i).map_or(0, Vec::len);
        if got < len {
            return Err(TrackError::Output {
                model,
                detail: format!("output {i} has {got} values, expected {len}"),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_library_and_runs_a_model() {
        let models = Models::discover();
        let mut m = OnnxModel::load(&models, "mp_face_detection_short_range.onnx", 1).unwrap();
        let input = vec![0.0_f32; 128 * 128 * 3];
        let out = m.run(&input, &[1, 128, 128, 3]).unwrap();
        let lens: Vec<usize> = out.iter().map(Vec::len).collect();
        assert!(
            lens.contains(&(896 * 16)) && lens.contains(&896),
            "{lens:?}"
        );
    }

    /// The library is loaded once per process, so each bad library is tried in a child process
    /// (this test binary again, with `ORT_DYLIB_PATH` set).
    #[test]
    fn a_missing_or_wrong_library_is_an_error_naming_the_fix() {
        const CHILD: &str = "LANTERN_TRACK_ORT_CHILD";
        if std::env::var_os(CHILD).is_some() {
            let err = environment().unwrap_err().to_string();
            let lib = std::env::var(ORT_ENV).unwrap();
            assert!(err.contains(&lib), "{err}");
            assert!(
                err.contains("setup-onnxruntime.sh") && err.contains("ORT_DYLIB_PATH"),
                "{err}"
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let not_a_lib = dir.path().join("libonnxruntime.so");
        std::fs::write(&not_a_lib, b"not a shared library").unwrap();
        let missing = dir.path().join("missing").join("libonnxruntime.so");
        for lib in [missing, not_a_lib] {
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "runtime::tests::a_missing_or_wrong_library_is_an_error_naming_the_fix",
                    "--nocapture",
                ])
                .env(CHILD, "1")
                .env(ORT_ENV, &lib)
                .output()
                .unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                out.status.success() && text.contains("1 passed"),
                "{}: {text}",
                lib.display()
            );
        }
    }

    #[test]
    fn a_corrupt_model_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.onnx");
        std::fs::write(&p, b"not an onnx model").unwrap();
        let err = OnnxModel::load_path(&p, "bad.onnx", 1)
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad.onnx") && err.contains("Fix"), "{err}");
    }
}
