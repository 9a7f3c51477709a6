//! `lantern devices`: list the cameras `lantern push --camera` can open.

use std::process::ExitCode;

use lantern_engine::media::source::camera::list_cameras;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: &Args) -> anyhow::Result<ExitCode> {
    let cams = list_cameras()?;
    if cams.is_empty() {
        println!("no cameras found");
    }
    for cam in cams {
        println!("{}\t{}\t{}", cam.index, cam.name, cam.description);
    }
    Ok(ExitCode::SUCCESS)
}
