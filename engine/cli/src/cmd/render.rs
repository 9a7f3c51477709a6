//! `lantern render`.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The effect package.
    pub input: PathBuf,
}

pub fn run(_args: &Args) -> anyhow::Result<ExitCode> {
    super::not_yet("render", 5)
}
