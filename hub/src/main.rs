//! `lantern-hub`: see the crate's README.

fn main() -> std::process::ExitCode {
    lantern_hub::cli::main()
}
