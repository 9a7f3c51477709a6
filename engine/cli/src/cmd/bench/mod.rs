//! `lantern bench`: measure each stage and print figures (ms per stage, fps, CPU share).
//!
//! Each stage's benchmark lives in its own file here, on the engine crates' public API. The
//! examples' benchmark (each example effect through scene + render) needs their screenshot specs
//! and lives with the golden tests: `cargo bench -p lantern-integration-tests --bench examples`.

use std::process::ExitCode;

mod encode;
mod floor;
mod push;
mod render;
mod roi;
mod script;
mod segment;
mod track;

#[derive(clap::Args)]
pub struct Args {
    /// Which stage to measure.
    #[arg(value_enum, default_value = "all")]
    pub stage: Stage,
    /// Frames (or iterations) to measure per stage.
    #[arg(long, default_value_t = 100)]
    pub frames: u32,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Stage {
    Track,
    Render,
    Script,
    Encode,
    /// The whole push pipeline (not part of `all`: it runs in real time).
    Push,
    All,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let wants = |stage| args.stage == stage || args.stage == Stage::All;
    if wants(Stage::Track) {
        track::run(args.frames)?;
    }
    if wants(Stage::Render) {
        render::run(args.frames)?;
    }
    if wants(Stage::Script) {
        script::run(args.frames)?;
    }
    if wants(Stage::Encode) {
        encode::run(args.frames)?;
    }
    if args.stage == Stage::Push {
        push::run(args.frames)?;
    }
    Ok(ExitCode::SUCCESS)
}
