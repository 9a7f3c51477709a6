//! `lantern inspect`: summarise a package — assets, layers, triggers, capabilities, size.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use lantern_engine::schema::format::When;
use lantern_engine::schema::{Package, PackageError};

#[derive(clap::Args)]
pub struct Args {
    /// The package: a folder or a .zip.
    pub input: PathBuf,
}

fn when(w: &When) -> String {
    match w {
        When::Gesture {
            gesture,
            hand,
            phase,
        } => format!("gesture {gesture:?} ({hand:?} hand, {phase:?})"),
        When::Face { event, phase, face } => match face {
            Some(i) => format!("face {i} {event:?} ({phase:?})"),
            None => format!("any face {event:?} ({phase:?})"),
        },
        When::Timer { every, after } => format!("every {every} s after {after} s"),
        When::Tap { layer } => format!("tap on {}", layer.as_deref().unwrap_or("any hot-zone")),
        When::Command { name } => format!("host command \"{name}\""),
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let pkg = match Package::open(&args.input) {
        Ok(pkg) => pkg,
        Err(err @ PackageError::Invalid { .. }) => {
            super::validate::report_invalid(&err, start)?;
            return Ok(ExitCode::FAILURE);
        }
        Err(err) => return Err(err.into()),
    };
    let e = &pkg.effect;
    let files = pkg.files();
    println!(
        "{} v{} by {} (format {})",
        e.meta.name, e.meta.version, e.meta.author, e.format_version
    );
    if !e.meta.description.is_empty() {
        println!("  {}", e.meta.description);
    }
    println!(
        "target {}x{}; {} files, {} bytes unpacked; textures {} bytes",
        e.meta.target_resolution.width,
        e.meta.target_resolution.height,
        files.len(),
        files.values().sum::<u64>(),
        pkg.texture_bytes()
    );
    println!("assets:");
    for a in &pkg.assets {
        let size = if a.frames > 0 {
            format!(" {}x{} x{} frame(s)", a.width, a.height, a.frames)
        } else {
            String::new()
        };
        println!(
            "  {:<16} {:<9} {:>9} bytes{size}",
            a.id,
            a.kind.name(),
            a.bytes
        );
    }
    println!("layers (bottom to top):");
    for l in &e.layers {
        let hot = l
            .hot_zone()
            .map(|h| format!(" hot-zone:{}", h.kind))
            .unwrap_or_default();
        let vis = if l.visible() { "" } else { " (hidden)" };
        println!("  {:<16} {}{vis}{hot}", l.id(), l.kind());
    }
    println!("triggers:");
    for t in &e.triggers {
        let actions: Vec<String> = t
            .actions
            .iter()
            .map(|a| match a.layer() {
                Some(l) => format!("{} {l}", a.name()),
                None => a.name().to_owned(),
            })
            .collect();
        println!("  {:<16} {} -> {}", t.id, when(&t.when), actions.join(", "));
    }
    println!("capabilities: {}", pkg.capabilities());
    Ok(ExitCode::SUCCESS)
}
