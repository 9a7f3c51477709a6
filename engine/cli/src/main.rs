//! `lantern`: the command-line face of the engine.
//!
//! Each subcommand lives in `cmd/<name>.rs` with its own `Args` and `run`; this file only parses
//! the command line, sets up logging, and prints the one error a failed command returns.

use std::process::ExitCode;

use clap::Parser as _;

mod cmd;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("LANTERN_LOG").unwrap_or_else(|_| {
        // The windowing crates (the push monitor) are chatty about a software GPU and Xvfb.
        tracing_subscriber::EnvFilter::new(if cli.verbose {
            "debug"
        } else {
            "info,winit=error,egui_wgpu=error"
        })
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    match cmd::run(cli.command) {
        Ok(code) => code,
        Err(err) => {
            #[expect(
                clippy::print_stderr,
                reason = "the one place a failed command is reported"
            )]
            {
                eprintln!("error: {err:#}");
            }
            ExitCode::FAILURE
        }
    }
}
