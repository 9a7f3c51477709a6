//! `lantern models`: where each model is found, where it came from, its licence, and whether
//! its sha256 matches. `lantern models fetch`: MediaPipe's models from the pinned PyPI wheel.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use lantern_engine::track::fetch::{self, Outcome, Progress};
use lantern_engine::track::{Models, models};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Download MediaPipe's models (the pinned mediapipe wheel from PyPI, about 35 MB, checked
    /// by sha256) into $LANTERN_MODELS or the user data dir. Idempotent and resumable; after
    /// it, Lantern runs offline.
    Fetch(FetchArgs),
}

#[derive(clap::Args)]
struct FetchArgs {
    /// A local source instead of PyPI: the wheel file, or a folder holding the .tflite files.
    #[arg(long)]
    from: Option<PathBuf>,
    /// Where to put the models (default: $LANTERN_MODELS, else the user data dir).
    #[arg(long)]
    dest: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match &args.action {
        None => show(),
        Some(Action::Fetch(f)) => fetch_models(f),
    }
}

#[expect(clippy::print_stdout, reason = "a report for the user")]
fn show() -> anyhow::Result<ExitCode> {
    let models = Models::discover();
    println!("model search path:");
    for dir in models.dirs() {
        println!("  {} ({})", dir.path.display(), dir.origin);
    }
    let wheel = models::wheel()?;
    let mut first_error = None;
    for status in models.status()? {
        let spec = &status.spec;
        match status.result {
            Ok(path) => {
                let folder = models.origin_of(&path).map_or("", |d| d.origin);
                let kind = if path.extension().is_some_and(|e| e == "tflite") {
                    format!(
                        "Google's own file, from PyPI {}=={}",
                        wheel.package, wheel.version
                    )
                } else {
                    "an ONNX conversion (tf2onnx) from a models folder".to_owned()
                };
                println!("ok      {:<38} {}", spec.file, path.display());
                println!("          {}; found in {folder}; {kind}", spec.task);
                println!(
                    "          origin: {}; licence {}",
                    spec.origin, spec.licence
                );
            }
            Err(err) if spec.optional => {
                println!("absent  {:<38} {} (optional)", spec.file, spec.task);
                println!(
                    "          origin: {}; licence {}",
                    spec.origin, spec.licence
                );
                tracing::debug!("{err}");
            }
            Err(err) => {
                println!("FAILED  {:<38} {}", spec.file, spec.task);
                first_error.get_or_insert(err);
            }
        }
    }
    match first_error {
        None => Ok(ExitCode::SUCCESS),
        Some(err) => Err(err.into()),
    }
}

#[expect(clippy::print_stdout, reason = "a report for the user")]
fn fetch_models(args: &FetchArgs) -> anyhow::Result<ExitCode> {
    let dest = args
        .dest
        .clone()
        .or_else(fetch::default_dest)
        .context("no user data dir: give --dest or set LANTERN_MODELS")?;
    let cache = fetch::cache_dir()
        .context("no cache dir: set LANTERN_CACHE to a folder for the download")?;
    let mut bar = Bar::new(args.quiet);
    let report = fetch::fetch(&dest, args.from.as_deref(), &cache, &mut bar)?;
    let installed = report
        .iter()
        .filter(|(_, o)| *o == Outcome::Installed)
        .count();
    println!(
        "{} models in {} ({installed} installed, {} already there)",
        report.len(),
        dest.display(),
        report.len() - installed
    );
    if !covered(&dest) {
        println!(
            "note: Lantern looks for models in $LANTERN_MODELS or the user data dir; {} is neither",
            dest.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether the engine's search path includes `dest`.
fn covered(dest: &Path) -> bool {
    Models::discover().dirs().iter().any(|d| d.path == dest)
}

/// An indicatif progress bar for the download.
struct Bar {
    quiet: bool,
    bar: Option<indicatif::ProgressBar>,
}

impl Bar {
    fn new(quiet: bool) -> Self {
        Self { quiet, bar: None }
    }
}

impl Progress for Bar {
    fn start(&mut self, total: u64, done: u64) {
        if self.quiet {
            return;
        }
        let bar = indicatif::ProgressBar::new(total);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "mediapipe wheel {bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        ) {
            bar.set_style(style);
        }
        bar.set_position(done);
        self.bar = Some(bar);
    }

    fn advance(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish();
        }
    }
}
