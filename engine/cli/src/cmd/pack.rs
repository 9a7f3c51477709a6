//! `lantern pack`: validate a package folder, write it as a deterministic .zip, report budgets.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use lantern_engine::schema::package::write::write_zip;
use lantern_engine::schema::{Package, PackageError};

#[derive(clap::Args)]
pub struct Args {
    /// The package folder.
    pub input: PathBuf,
    /// The .zip to write (replaced atomically).
    #[arg(short, long)]
    pub output: PathBuf,
}

fn status(over: bool) -> &'static str {
    if over { "OVER BUDGET" } else { "ok" }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    if !args.input.is_dir() {
        anyhow::bail!(
            "{}: `lantern pack` takes a package folder (with effect.json); to check a .zip use `lantern validate`",
            args.input.display()
        );
    }
    let mut pkg = match Package::open(&args.input) {
        Ok(pkg) => pkg,
        Err(err @ PackageError::Invalid { .. }) => {
            super::validate::report_invalid(&err, start)?;
            return Ok(ExitCode::FAILURE);
        }
        Err(err) => return Err(err.into()),
    };
    if !super::validate::script_loads(&mut pkg, &args.input, ", nothing was packed")?
        || !super::validate::sounds_decode(&mut pkg, &args.input, ", nothing was packed")?
    {
        return Ok(ExitCode::FAILURE);
    }
    for w in &pkg.warnings {
        println!("warning: {w}");
    }
    let size = write_zip(&mut pkg, &args.output)?;
    // Read back what was written: the zip must open with every check, like any received package.
    let packed = Package::open(&args.output).with_context(|| {
        format!(
            "{}: the written package does not reopen",
            args.output.display()
        )
    })?;
    let unpacked: u64 = pkg.files().values().sum();
    println!(
        "packed {} -> {} ({} files, {} bytes, {} bytes unpacked) in {:.1} ms",
        args.input.display(),
        args.output.display(),
        packed.files().len(),
        size,
        unpacked,
        start.elapsed().as_secs_f64() * 1000.0
    );
    println!("budget           used        limit  status");
    let mut over = false;
    for line in pkg.budget(size) {
        over |= line.over();
        let (name, used, limit) = (line.what.label(), line.used, line.limit);
        println!("{name:<14} {used:>10} {limit:>12}  {}", status(line.over()));
    }
    let caps = packed.capabilities();
    println!("capabilities: {caps}");
    Ok(if over {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
