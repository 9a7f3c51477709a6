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
pub use crate::rewrite::Rewrites;

/// The environment variable naming the ONNX Runtime library file.
pub const ORT_ENV: &str = "ORT_DYLIB_PATH";

/// Set to a folder, every model input is appended to `<folder>/<model file>.f32` (raw
/// little-endian floats): what the models see, and the calibration data of
/// `bench/quantize_ranges.py`.
pub const DUMP_ENV: &str = "LANTERN_DUMP_MODEL_INPUTS";

fn dump_dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        std::env::var_os(DUMP_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .as_deref()
}

fn dump(dir: &Path, model: &str, input: &[f32]) {
    use std::io::Write as _;
    let bytes: Vec<u8> = input.iter().flat_map(|v| v.to_le_bytes()).collect();
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(format!("{model}.f32")))
        .and_then(|mut f| f.write_all(&bytes));
    if let Err(e) = written {
        tracing::warn!(
            "{DUMP_ENV}: cannot write {model}'s input into {}: {e}",
            dir.display()
        );
    }
}

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
    /// Loads `file` (a name from `models.toml`) with `threads` intra-op threads, rewritten for
    /// speed ([`crate::rewrite`]: PRelu as convolutions, int8 where a table exists).
    pub fn load(models: &Models, file: &'static str, threads: usize) -> Result<Self, TrackError> {
        Self::load_rewritten(models, file, threads, Rewrites::ALL)
    }

    /// Loads `file` with the rewrites chosen.
    pub fn load_rewritten(
        models: &Models,
        file: &'static str,
        threads: usize,
        with: Rewrites,
    ) -> Result<Self, TrackError> {
        let path = models.path(file)?;
        Self::load_with(&path, file, threads, with)
    }

    /// Loads a model from an explicit path, with every rewrite.
    pub fn load_path(path: &Path, name: &'static str, threads: usize) -> Result<Self, TrackError> {
        Self::load_with(path, name, threads, Rewrites::ALL)
    }

    /// Loads a model from an explicit path; `name` (the file name in `models.toml`) picks its
    /// int8 table.
    pub fn load_with(
        path: &Path,
        name: &'static str,
        threads: usize,
        with: Rewrites,
    ) -> Result<Self, TrackError> {
        let env = environment()?;
        let err = |detail: String| TrackError::Session {
            path: path.to_owned(),
            detail,
        };
        let mut builder = Session::builder(env)
            .map_err(|e| err(e.to_string()))?
            .with_optimization_level(GraphOptimizationLevel::Level3)
            .map_err(|e| err(e.to_string()))?
            .with_intra_threads(threads.max(1))
            .map_err(|e| err(e.to_string()))?
            .with_inter_threads(1)
            .map_err(|e| err(e.to_string()))?;
        let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
        let source = path.file_name().and_then(|f| f.to_str()).unwrap_or(name);
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tflite"))
        {
            let model = from_tflite(source, &bytes, with).map_err(err)?;
            let session = match builder.commit_from_memory(&model) {
                Ok(session) => session,
                Err(e) if with != Rewrites::NONE => {
                    tracing::warn!(
                        "{name}: the rewritten model did not load ({e}); loading it plain"
                    );
                    let plain = from_tflite(source, &bytes, Rewrites::NONE).map_err(err)?;
                    builder
                        .commit_from_memory(&plain)
                        .map_err(|e| err(format!("the converted model did not load: {e}")))?
                }
                Err(e) => return Err(err(format!("the converted model did not load: {e}"))),
            };
            return Ok(Self { session, name });
        }
        let rewritten = crate::rewrite::rewrite(source, &bytes, with).unwrap_or_else(|e| {
            // The model as it is still works, only slower; ONNX Runtime reports real damage.
            tracing::warn!("{name}: loaded as it is, without the speed rewrites: {e}");
            None
        });
        let session = match rewritten.map(|m| builder.commit_from_memory(&m)) {
            Some(Ok(session)) => session,
            Some(Err(e)) => {
                tracing::warn!(
                    "{name}: the rewritten model did not load ({e}); loading it as it is"
                );
                builder
                    .commit_from_memory(&bytes)
                    .map_err(|e| err(e.to_string()))?
            }
            None => builder
                .commit_from_memory(&bytes)
                .map_err(|e| err(e.to_string()))?,
        };
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
        if let Some(dir) = dump_dir() {
            dump(dir, name, input);
        }
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

/// A `.tflite` model (`source`, its bytes) as ONNX bytes: converted in memory, then rewritten.
pub fn from_tflite(source: &str, bytes: &[u8], with: Rewrites) -> Result<Vec<u8>, String> {
    use prost::Message as _;
    let mut model = crate::tflite::convert(bytes).map_err(|e| format!("{source}: {e}"))?;
    if let Err(e) = crate::rewrite::rewrite_model(source, &mut model, with) {
        tracing::warn!("{source}: converted without the speed rewrites: {e}");
    }
    Ok(model.encode_to_vec())
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
