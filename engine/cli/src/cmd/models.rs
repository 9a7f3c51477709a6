//! `lantern models`: where the ONNX models are found, and whether their sha256 matches.

use std::process::ExitCode;

use lantern_engine::track::Models;

#[derive(clap::Args)]
pub struct Args {}

#[expect(clippy::print_stdout, reason = "a report for the user")]
pub fn run(_args: &Args) -> anyhow::Result<ExitCode> {
    let models = Models::discover();
    println!("model search path:");
    for dir in models.dirs() {
        println!("  {} ({})", dir.path.display(), dir.origin);
    }
    let mut first_error = None;
    for status in models.status()? {
        match status.result {
            Ok(path) => println!("ok      {:<40} {}", status.spec.file, path.display()),
            Err(err) => {
                println!("FAILED  {:<40} {}", status.spec.file, status.spec.task);
                first_error.get_or_insert(err);
            }
        }
    }
    match first_error {
        None => Ok(ExitCode::SUCCESS),
        Some(err) => Err(err.into()),
    }
}
