//! `lantern inspect`: summarise a package — assets, layers, triggers, capabilities, size.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use lantern_engine::schema::format::{Action, Effect, When};
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
            .map(|a| match (a, a.layer()) {
                (Action::Animate { layer, animation }, _) => format!("animate {layer}.{animation}"),
                (Action::PlaySound { sound, .. } | Action::StopSound { sound }, _) => {
                    format!("{} {sound}", a.name())
                }
                (_, Some(l)) => format!("{} {l}", a.name()),
                (_, None) => a.name().to_owned(),
            })
            .collect();
        println!("  {:<16} {} -> {}", t.id, when(&t.when), actions.join(", "));
    }
    motion(e);
    println!("capabilities: {}", pkg.capabilities());
    Ok(ExitCode::SUCCESS)
}

/// The effect's keyframe clips and music, when it has any.
fn motion(e: &Effect) {
    if !e.animations.is_empty() {
        println!("animations:");
    }
    for a in &e.animations {
        let tracks: Vec<&str> = a
            .tracks
            .times()
            .into_iter()
            .filter(|(_, times)| !times.is_empty())
            .map(|(name, _)| name)
            .collect();
        let auto = if a.autoplay { " autoplay" } else { "" };
        println!(
            "  {:<24} {:.2} s {:?}{auto} ({})",
            format!("{}.{}", a.layer, a.name),
            a.duration(),
            a.playback,
            tracks.join(", ")
        );
    }
    if let Some(m) = &e.music {
        let looping = if m.looping { ", looping" } else { "" };
        println!("music: {} (volume {}{looping})", m.sound, m.volume);
    }
}
