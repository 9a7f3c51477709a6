//! The script benchmark: a scene of 100 sprites that the script moves every frame. Used by
//! `lantern bench script`.

use std::time::{Duration, Instant};

use crate::config::ScriptConfig;
use crate::cputime;
use crate::error::LoadError;
use crate::runtime::ScriptRuntime;
use crate::snapshot::{FrameInput, LayerState, apply_commands};

/// The benchmark script: spawns `SPRITES` sprites, then moves, rotates and fades each per frame.
pub const SCRIPT: &str = r"
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

/// Sprites in the benchmark scene.
pub const SPRITES: usize = 100;

/// Per-frame cost of the script call (events, handlers, command recording), host apply excluded.
/// Wall-clock percentiles include preemption by other processes; `cpu_mean` is the thread's own
/// CPU time per frame, the figure the time budget is measured in.
#[derive(Clone, Debug)]
pub struct BenchFigures {
    pub frames: u32,
    pub cpu_mean: Duration,
    pub mean: Duration,
    pub p50: Duration,
    pub p95: Duration,
    pub max: Duration,
    pub commands_per_frame: usize,
    pub heap_bytes: i64,
}

/// Runs the benchmark for `frames` frames (after 10 warm-up frames).
pub fn hundred_sprites(frames: u32) -> Result<BenchFigures, LoadError> {
    let sources = [("bench.js".to_owned(), SCRIPT.to_owned())].into();
    let config = ScriptConfig {
        frame_budget: Duration::from_millis(100),
        ..ScriptConfig::default()
    };
    let mut runtime = ScriptRuntime::new(sources, "bench.js", config)?;
    let mut layers: Vec<LayerState> = Vec::with_capacity(SPRITES);
    let mut times = Vec::with_capacity(frames as usize);
    let mut commands = 0;
    let mut cpu_total = Duration::ZERO;
    let warmup = 10;
    for frame in 0..u64::from(frames) + warmup {
        let input = FrameInput {
            frame,
            dt: 1.0 / 30.0,
            time: frame as f64 / 30.0,
            tracking: None,
            layers: &layers,
            events: &[],
        };
        let (started, cpu_started) = (Instant::now(), cputime::now());
        let outcome = runtime.frame(&input);
        let took = started.elapsed();
        if frame >= warmup {
            cpu_total += cputime::now().saturating_sub(cpu_started);
            times.push(took);
            commands = outcome.commands.len();
        }
        apply_commands(&mut layers, &outcome.commands);
    }
    times.sort_unstable();
    let pick = |q: f64| {
        times
            .get(((times.len().saturating_sub(1)) as f64 * q) as usize)
            .copied()
            .unwrap_or_default()
    };
    let total: Duration = times.iter().sum();
    Ok(BenchFigures {
        frames,
        cpu_mean: cpu_total / frames.max(1),
        mean: total / frames.max(1),
        p50: pick(0.5),
        p95: pick(0.95),
        max: pick(1.0),
        commands_per_frame: commands,
        heap_bytes: runtime.memory_used(),
    })
}
