//! `lantern probe`.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// An rtmp:// URL, or an .flv/.mp4 file.
    pub input: PathBuf,
}

pub fn run(_args: &Args) -> anyhow::Result<ExitCode> {
    super::not_yet("probe", 7)
}
