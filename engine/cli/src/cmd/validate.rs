//! `lantern validate`: open a package (folder or .zip) with every check on and list all problems.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use lantern_engine::schema::{Package, PackageError};

#[derive(clap::Args)]
pub struct Args {
    /// The package: a folder with effect.json, or a .zip.
    pub input: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    match Package::open(&args.input) {
        Ok(mut pkg) => {
            if !script_loads(&mut pkg, &args.input, "")?
                || !sounds_decode(&mut pkg, &args.input, "")?
            {
                return Ok(ExitCode::FAILURE);
            }
            for w in &pkg.warnings {
                println!("warning: {w}");
            }
            println!(
                "{}: valid — \"{}\" v{}, {} asset(s), {} layer(s), {} trigger(s), {} file(s) ({:.1} ms)",
                args.input.display(),
                pkg.effect.meta.name,
                pkg.effect.meta.version,
                pkg.effect.assets.len(),
                pkg.effect.layers.len(),
                pkg.effect.triggers.len(),
                pkg.files().len(),
                start.elapsed().as_secs_f64() * 1000.0
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(err @ PackageError::Invalid { .. }) => {
            report_invalid(&err, start)?;
            Ok(ExitCode::FAILURE)
        }
        Err(err) => Err(err.into()),
    }
}

/// Loads the package's script in the sandbox (its top-level code runs, seeing the layers at the
/// effect's target resolution), as going live does: a script that fails to load makes the
/// package invalid. `false` once stderr says why (the file, line and column), followed by
/// `consequence`.
pub fn script_loads(pkg: &mut Package, input: &Path, consequence: &str) -> anyhow::Result<bool> {
    match lantern_engine::scene::check_script(pkg, None) {
        Ok(()) => Ok(true),
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            writeln!(stderr, "{}: invalid{consequence}: {err}", input.display())?;
            Ok(false)
        }
    }
}

/// Decodes the package's sounds as playing it would: a sound that is not audio, is truncated,
/// or takes the package past its audio budgets makes it invalid. `false` once stderr says which
/// asset, its file and the fix, followed by `consequence`; otherwise prints what was decoded.
pub fn sounds_decode(pkg: &mut Package, input: &Path, consequence: &str) -> anyhow::Result<bool> {
    let t0 = Instant::now();
    match lantern_engine::audio::check(pkg) {
        Ok(bank) if bank.is_empty() => Ok(true),
        Ok(bank) => {
            println!(
                "sound: {} clip(s), {:.1} s decoded ({:.1} MB) in {:.0} ms",
                bank.len(),
                bank.seconds(),
                bank.bytes() as f64 / 1e6,
                t0.elapsed().as_secs_f64() * 1000.0
            );
            Ok(true)
        }
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            writeln!(stderr, "{}: invalid{consequence}: {err}", input.display())?;
            Ok(false)
        }
    }
}

/// Print every problem of an invalid package on stderr.
pub fn report_invalid(err: &PackageError, start: Instant) -> anyhow::Result<()> {
    let mut stderr = std::io::stderr().lock();
    if let PackageError::Invalid {
        package,
        diagnostics,
    } = err
    {
        writeln!(
            stderr,
            "{package}: invalid, {} problem(s) ({:.1} ms):",
            diagnostics.len(),
            start.elapsed().as_secs_f64() * 1000.0
        )?;
        for d in diagnostics {
            writeln!(stderr, "  {d}")?;
        }
    }
    Ok(())
}
