//! `lantern inspect`.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The package: a folder or a .zip.
    pub input: PathBuf,
}

pub fn run(_args: &Args) -> anyhow::Result<ExitCode> {
    super::not_yet("inspect", 3)
}
