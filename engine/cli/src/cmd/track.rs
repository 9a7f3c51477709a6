//! `lantern track`.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// An image or a video.
    pub input: PathBuf,
}

pub fn run(_args: &Args) -> anyhow::Result<ExitCode> {
    super::not_yet("track", 4)
}
