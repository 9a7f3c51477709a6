//! `lantern publish`: upload a package (folder or .zip) to a Lantern Hub for review. A folder is
//! checked here first, as `lantern pack` does, and packed in memory; the hub checks again.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use lantern_engine::schema::package::write::write_zip;
use lantern_engine::schema::{Package, PackageError};
use lantern_library::HubClient;
use lantern_library::reference::is_package_name;

#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  lantern publish examples/lucky-hat --hub http://127.0.0.1:8470 --token lh_…"
)]
pub struct Args {
    /// The package: a folder with effect.json, or a .zip.
    pub input: PathBuf,
    /// The hub's address.
    #[arg(long, env = "LANTERN_HUB", default_value = "http://127.0.0.1:8470")]
    pub hub: String,
    /// A designer's API token.
    #[arg(long, env = "LANTERN_HUB_TOKEN", hide_env_values = true)]
    pub token: String,
    /// The package's name on the hub (default: the folder's or file's name, else from its title).
    #[arg(long)]
    pub name: Option<String>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let Some(zip) = package_bytes(&args.input)? else {
        return Ok(ExitCode::FAILURE);
    };
    let name = args.name.clone().or_else(|| default_name(&args.input));
    let client = HubClient::new(&args.hub, Some(args.token.clone()));
    let v = client
        .publish(&zip, name.as_deref())
        .map_err(|e| e.into_error(&args.hub))
        .with_context(|| format!("publishing {}", args.input.display()))?;
    let s = &v.summary;
    println!(
        "published {}@{} ({} bytes, sha256 {}): {}",
        s.name,
        s.version,
        s.size,
        s.sha256,
        s.status.as_str()
    );
    for b in &v.report.budgets {
        println!(
            "  {:<14} {:>12} of {:>12} {}",
            b.name, b.used, b.limit, b.unit
        );
    }
    println!("  capabilities: {}", s.capabilities.join(", "));
    println!(
        "  previews: {} rendering; a reviewer approves it with `lantern hub review approve {}@{}`",
        v.report.previews.len(),
        s.name,
        s.version
    );
    Ok(ExitCode::SUCCESS)
}

/// The zip to upload: a .zip as it is, a folder checked and packed; `None` once stderr says why.
fn package_bytes(input: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    if !input.is_dir() {
        return std::fs::read(input)
            .map(Some)
            .with_context(|| format!("reading {}", input.display()));
    }
    let mut pkg = match Package::open(input) {
        Ok(pkg) => pkg,
        Err(err @ PackageError::Invalid { .. }) => {
            super::validate::report_invalid(&err, std::time::Instant::now())?;
            return Ok(None);
        }
        Err(err) => return Err(err.into()),
    };
    let consequence = ", nothing was published";
    if !super::validate::script_loads(&mut pkg, input, consequence)?
        || !super::validate::sounds_decode(&mut pkg, input, consequence)?
    {
        return Ok(None);
    }
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("package.zip");
    write_zip(&mut pkg, &out)?;
    Ok(Some(std::fs::read(&out)?))
}

fn default_name(input: &Path) -> Option<String> {
    let stem = if input.is_dir() {
        input.file_name()?
    } else {
        input.file_stem()?
    };
    let stem = stem.to_str()?.to_lowercase();
    is_package_name(&stem).then_some(stem)
}
