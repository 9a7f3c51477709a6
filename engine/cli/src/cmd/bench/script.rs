//! `lantern bench script`: the script cost per frame for a scene of 100 sprites moved by script.

use lantern_engine::script::bench;

pub fn run(frames: u32) -> anyhow::Result<()> {
    let f = bench::hundred_sprites(frames)?;
    let us = |d: std::time::Duration| d.as_secs_f64() * 1e6;
    println!(
        "script: {} sprites moved by script, {} frames: CPU {:.1} µs/frame; wall mean {:.1} µs/frame, p50 {:.1} µs, p95 {:.1} µs, max {:.1} µs; {} commands/frame; QuickJS heap {:.1} MB",
        bench::SPRITES,
        f.frames,
        us(f.cpu_mean),
        us(f.mean),
        us(f.p50),
        us(f.p95),
        us(f.max),
        f.commands_per_frame,
        f.heap_bytes as f64 / 1e6,
    );
    Ok(())
}
