//! `lantern bench script`: the script's cost per frame in a scene of 100 sprites that the script
//! moves, rotates and fades every frame. Wall-clock percentiles include preemption by other
//! processes; the CPU figure is the thread's own time in the script's handlers, the figure the
//! frame budget is counted in. Prints one line; nothing is asserted.

use std::time::{Duration, Instant};

use lantern_engine::script::{FrameInput, LayerState, ScriptConfig, ScriptRuntime, apply_commands};

/// Sprites in the benchmark scene.
const SPRITES: usize = 100;

/// Spawns the sprites, then moves, rotates and fades each one per frame.
const SCRIPT: &str = r"
const sprites = [];
lantern.on('start', () => {
  for (let i = 0; i < 100; i++) {
    sprites.push(lantern.spawnSprite('sprite.png', 'sprite-' + i, { x: i * 12, y: 360 }));
  }
});
lantern.on('update', (e) => {
  for (let i = 0; i < sprites.length; i++) {
    const s = sprites[i];
    s.setPosition((s.x + 3) % 1280, 360 + 200 * Math.sin(e.time * 2 + i));
    s.rotation = (s.rotation + 2) % 360;
    s.opacity = 0.5 + 0.5 * Math.sin(e.time + i);
  }
});
";

/// Frames run before measuring.
const WARMUP: u64 = 10;

pub fn run(frames: u32) -> anyhow::Result<()> {
    let sources = [("bench.js".to_owned(), SCRIPT.to_owned())].into();
    let config = ScriptConfig {
        frame_budget: Duration::from_millis(100),
        ..ScriptConfig::default()
    };
    let mut runtime = ScriptRuntime::new(sources, "bench.js", config)?;
    let mut layers: Vec<LayerState> = Vec::with_capacity(SPRITES);
    let mut times = Vec::with_capacity(frames as usize);
    let (mut commands, mut cpu) = (0, Duration::ZERO);
    for frame in 0..u64::from(frames) + WARMUP {
        let input = FrameInput {
            frame,
            dt: 1.0 / 30.0,
            time: frame as f64 / 30.0,
            tracking: None,
            layers: &layers,
            events: &[],
        };
        let started = Instant::now();
        let outcome = runtime.frame(&input);
        let took = started.elapsed();
        if let Some(error) = outcome.errors.first() {
            anyhow::bail!("the benchmark script failed: {error}");
        }
        if frame >= WARMUP {
            cpu += outcome.cpu;
            times.push(took);
            commands = outcome.commands.len();
        }
        apply_commands(&mut layers, &outcome.commands);
    }
    times.sort_unstable();
    let n = frames.max(1);
    let pick = |q: f64| {
        let at = (times.len().saturating_sub(1) as f64 * q) as usize;
        times.get(at).copied().unwrap_or_default()
    };
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "script: {SPRITES} sprites moved by script, {frames} frames: CPU {:.1} µs/frame; wall mean {:.1} µs/frame, p50 {:.1} µs, p95 {:.1} µs, max {:.1} µs; {commands} commands/frame; QuickJS heap {:.1} MB",
        us(cpu / n),
        us(times.iter().sum::<Duration>() / n),
        us(pick(0.5)),
        us(pick(0.95)),
        us(pick(1.0)),
        runtime.memory_used() as f64 / 1e6,
    );
    Ok(())
}
