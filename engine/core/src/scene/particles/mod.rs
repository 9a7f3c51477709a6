//! Particle layers, simulated in closed form: particle `k` of an emission (the continuous
//! stream, or one burst) is born at a known time with direction, speed, size, spin and lifetime
//! drawn from a hash of `(seed, emission, k)`, and flies under gravity and drag along a path
//! known at every age ([`path`]). Colours are dealt in turn from a random one of the layer's
//! `colors` (so even a burst of five shells shows several), and shaped over the life by the
//! `overLife` curves ([`look`]). When an `explode` layer's particle dies, its children
//! start where and when it died, each drawn from a hash of the parent's seed and its own index.
//! Trails are the same path sampled at earlier ages. Nothing carries over between frames but
//! the bursts fired and a following emitter's recent path ([`follow`]), so replays, seeks and
//! re-renders give the same pixels.
//!
//! The budget (the effect's `maxParticles`, then the layer's) counts sprites drawn: every live
//! particle (first-generation or child) counts one, newest dropped first; trail copies then
//! take what is left, nearest copies of every particle first, so a tight budget shortens trails
//! before it drops particles.

mod follow;
mod look;
mod path;
#[cfg(test)]
mod tests;

use effect_schema::format::ParticlesLayer;
use effect_schema::tracking::Point2;

use lantern_render::splitmix as mix;

pub use follow::{Emitter, step};

use super::state::LayerState;
use look::Look;
use path::{Forces, Spark};

/// One particle (or trail copy) to draw, in output pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Particle {
    pub position: Point2,
    /// Width in pixels.
    pub size: f32,
    /// Clockwise degrees.
    pub rotation: f32,
    pub opacity: f32,
    /// Seconds since birth (animates sequence sprites).
    pub age: f32,
    /// Multiplies the sprite's colour: its picked colour times the tint over life.
    pub tint: [f32; 4],
    /// Born of an explosion: drawn with the explosion's sprite.
    pub child: bool,
}

/// Where the emitter sits this frame.
#[derive(Clone, Copy, Debug)]
pub struct EmitterPlace {
    /// The emitter's centre, output pixels.
    pub origin: Point2,
    /// Width of the emission line, output pixels.
    pub width: f32,
    /// Output frame size: speeds and gravity are in frame heights, sizes in frame widths.
    pub frame: [f32; 2],
}

/// Seconds a trail lasts behind its particle.
fn trail_span(layer: &ParticlesLayer) -> f32 {
    layer
        .trail
        .map_or(0.0, |t| t.count.clamp(1, 16) as f32 * t.spacing.max(0.0))
}

/// Seconds from a particle's birth until nothing of it (its trail, its children and theirs) is
/// drawn any more.
pub(super) fn visible_span(layer: &ParticlesLayer) -> f32 {
    let longest = |r: effect_schema::format::Range| r.min.max(r.max).max(0.0);
    let trail = trail_span(layer);
    let children = layer
        .explode
        .as_ref()
        .map_or(0.0, |e| longest(e.lifetime) + trail);
    longest(layer.lifetime) + trail + children
}

/// The frame's fixed inputs of one layer.
struct Sim<'a> {
    layer: &'a ParticlesLayer,
    frame: [f32; 2],
    forces: Forces,
    trail: f32,
    /// Live sparks (drawn or trailing) and their ages.
    live: Vec<(Spark, f32)>,
    /// How many of `live` are alive (not only a trail).
    heads: usize,
    max: usize,
}

impl Sim<'_> {
    /// Adds a spark of age `age` if any of it shows.
    fn add(&mut self, spark: Spark, age: f32) {
        if age >= 0.0 && age < spark.life + self.trail && self.heads < self.max {
            self.heads += usize::from(age < spark.life);
            self.live.push((spark, age));
        }
    }

    /// Particle `k` of an emission seeded `seed` from `origin`, `age` seconds old, or its
    /// children once it has died.
    fn emit(&mut self, seed: u64, k: u64, origin: Point2, width: f32, age: f32) {
        let spark = Spark::emit(self.layer, self.frame, seed, k, origin, width);
        self.add(spark, age);
        let Some(e) = &self.layer.explode else {
            return;
        };
        let child_age = age - spark.life;
        if child_age < 0.0 {
            return;
        }
        let cseed = mix(seed ^ mix(k.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        for j in 0..u64::from(e.count) {
            let child = spark.child(e, self.layer.spin, self.frame, &self.forces, cseed, j);
            self.add(child, child_age);
        }
    }
}

/// The particles of `layer` to draw at effect time `now`, back to front, at most `max` of them
/// (see the module's note on the budget).
pub fn simulate(
    layer: &ParticlesLayer,
    state: &LayerState,
    place: &EmitterPlace,
    seed: u64,
    now: f64,
    max: usize,
) -> Vec<Particle> {
    let mut sim = Sim {
        layer,
        frame: place.frame,
        forces: Forces::new(layer, place.frame[1]),
        trail: trail_span(layer),
        live: Vec::new(),
        heads: 0,
        max: max.min(layer.max_particles as usize),
    };
    if layer.rate > 0.0 && state.visible {
        let rate = f64::from(layer.rate);
        let elapsed = now - state.shown_at;
        let last = (elapsed * rate).floor();
        let first = ((elapsed - f64::from(visible_span(layer))) * rate)
            .floor()
            .max(0.0);
        for k in first as u64..=last.max(0.0) as u64 {
            let born = k as f64 / rate;
            let origin = match layer.follow {
                Some(_) => state.emitter.at(state.shown_at + born),
                None => Some(place.origin),
            };
            if sim.heads >= sim.max {
                break;
            }
            if let Some(origin) = origin {
                sim.emit(seed, k, origin, place.width, (elapsed - born) as f32);
            }
        }
    }
    for burst in &state.bursts {
        let age = (now - burst.start) as f32;
        let origin = burst.at.unwrap_or(place.origin);
        let bseed = mix(seed ^ burst.serial.wrapping_mul(0xA24B_AED4_963E_E407));
        for k in 0..u64::from(burst.count) {
            if sim.heads >= sim.max {
                break;
            }
            sim.emit(bseed, k, origin, place.width, age);
        }
    }
    draw_order(&sim, &Look::new(layer))
}

/// Trail copies (farthest first), then the live particles, first-generation before children;
/// copies only as far as the budget goes.
fn draw_order(sim: &Sim<'_>, look: &Look<'_>) -> Vec<Particle> {
    let mut copies = Vec::new();
    if let Some(t) = sim.layer.trail {
        let n = t.count.clamp(1, 16);
        let room = sim.max.saturating_sub(sim.heads);
        'levels: for i in 1..=n {
            let back = i as f32 * t.spacing.max(0.0);
            let scale = 1.0 + (t.tail.clamp(0.0, 1.0) - 1.0) * i as f32 / n as f32;
            for (spark, age) in &sim.live {
                let at = age - back;
                if !(0.0..spark.life).contains(&at) {
                    continue;
                }
                if copies.len() >= room {
                    break 'levels;
                }
                copies.push(look.particle(spark, &sim.forces, at, scale));
            }
        }
        copies.reverse();
    }
    for child in [false, true] {
        for (s, age) in &sim.live {
            if s.child == child && *age < s.life {
                copies.push(look.particle(s, &sim.forces, *age, 1.0));
            }
        }
    }
    copies
}
