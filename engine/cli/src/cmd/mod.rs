//! The subcommands. One file each; `run` dispatches.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod args;
mod bench;
mod ctl;
mod devices;
mod inspect;
mod models;
mod pack;
mod probe;
mod publish;
mod push;
mod render;
mod track;
mod validate;

/// Lantern: a Rust-native effect studio for live streaming.
#[derive(Parser)]
#[command(name = "lantern", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Log more (same as LANTERN_LOG=debug).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check an effect package (folder or .zip); lists every problem found.
    Validate(validate::Args),
    /// Validate a package folder and write it as a .zip.
    Pack(pack::Args),
    /// Summarise a package: layers, triggers, capabilities, size.
    Inspect(inspect::Args),
    /// Render an effect over an image or video, offline and deterministic.
    Render(render::Args),
    /// Run the tracker on an image or video and print what it sees.
    Track(track::Args),
    /// Go live: camera/file -> effect -> H.264/AAC -> RTMP, with SEI hot-zones.
    // Boxed: its many options make it far larger than the other commands.
    Push(Box<push::Args>),
    /// Read a stream or file and print each frame's hot-zones as JSON lines.
    Probe(probe::Args),
    /// Send one request to a running push's control API (`lantern push --control`).
    Ctl(ctl::Args),
    /// Measure each stage (ms per frame, fps, CPU share).
    Bench(bench::Args),
    /// Show where each model is found, its origin and licence, and verify its sha256;
    /// `lantern models fetch` downloads them.
    Models(models::Args),
    /// List cameras.
    Devices(devices::Args),
    /// Upload an effect package to a Lantern Hub for review.
    Publish(publish::Args),
    /// Lantern Hub, the effect library server: serve, tokens, review (as `lantern-hub`).
    Hub {
        #[command(subcommand)]
        command: lantern_hub::cli::Command,
    },
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Validate(args) => validate::run(&args),
        Command::Pack(args) => pack::run(&args),
        Command::Inspect(args) => inspect::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Track(args) => track::run(&args),
        Command::Push(args) => push::run(&args),
        Command::Probe(args) => probe::run(&args),
        Command::Ctl(args) => ctl::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Models(args) => models::run(&args),
        Command::Devices(args) => devices::run(&args),
        Command::Publish(args) => publish::run(&args),
        Command::Hub { command } => Ok(lantern_hub::cli::run(
            lantern_hub::cli::Cli { command },
            vec!["hub".into()],
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory as _;
        super::Cli::command().debug_assert();
    }
}
