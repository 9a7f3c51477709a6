//! Particle layers, simulated in closed form: particle `k` of an emission is born at a known time
//! with direction, speed, size, spin and lifetime drawn from a hash of `(seed, emission, k)`, and
//! flies ballistically under gravity. Nothing carries over between frames, so replays, seeks and
//! re-renders give the same pixels. Particles are drawn as sprites of the layer's image or
//! sequence asset.

use effect_schema::format::ParticlesLayer;
use effect_schema::tracking::Point2;

use lantern_render::splitmix as mix;

use super::state::LayerState;

/// One live particle, in output pixels.
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

fn unit(seed: u64, k: u64, channel: u64) -> f32 {
    (mix(seed ^ mix(k.wrapping_mul(16).wrapping_add(channel))) >> 40) as f32 / (1u64 << 24) as f32
}

fn lerp(a: f32, b: f32, t: f32) -> f32 {
    a + (b - a) * t
}

/// One particle of an emission born at `born` (effect seconds), if it is alive at `now`.
fn particle(
    layer: &ParticlesLayer,
    place: &EmitterPlace,
    origin: Point2,
    seed: u64,
    k: u64,
    age: f32,
) -> Option<Particle> {
    let life = lerp(layer.lifetime.min, layer.lifetime.max, unit(seed, k, 0)).max(1e-3);
    if !(0.0..life).contains(&age) {
        return None;
    }
    let [fw, fh] = place.frame;
    let dir = (layer.direction + layer.spread * (unit(seed, k, 1) * 2.0 - 1.0)).to_radians();
    let speed = lerp(layer.speed.min, layer.speed.max, unit(seed, k, 2)) * fh;
    let (vx, vy) = (dir.sin() * speed, -dir.cos() * speed);
    let (gx, gy) = (layer.gravity.x * fh, layer.gravity.y * fh);
    let x0 = origin.x + (unit(seed, k, 3) - 0.5) * place.width;
    let spin = lerp(layer.spin.min, layer.spin.max, unit(seed, k, 4));
    let size = lerp(layer.size.min, layer.size.max, unit(seed, k, 5)) * fw;
    let u = age / life;
    let opacity = if layer.fade > 0.0 && u > 1.0 - layer.fade {
        ((1.0 - u) / layer.fade).clamp(0.0, 1.0)
    } else {
        1.0
    };
    Some(Particle {
        position: Point2 {
            x: x0 + vx * age + 0.5 * gx * age * age,
            y: origin.y + vy * age + 0.5 * gy * age * age,
        },
        size,
        rotation: unit(seed, k, 6) * 360.0 + spin * age,
        opacity,
        age,
    })
}

/// The live particles of `layer` at effect time `now`, at most `max` of them (newest dropped).
pub fn simulate(
    layer: &ParticlesLayer,
    state: &LayerState,
    place: &EmitterPlace,
    seed: u64,
    now: f64,
    max: usize,
) -> Vec<Particle> {
    let max = max.min(layer.max_particles as usize);
    let mut out = Vec::new();
    let longest = f64::from(layer.lifetime.max.max(layer.lifetime.min).max(0.0));
    if layer.rate > 0.0 && state.visible {
        let rate = f64::from(layer.rate);
        let elapsed = now - state.shown_at;
        let last = (elapsed * rate).floor();
        let first = ((elapsed - longest) * rate).floor().max(0.0);
        let mut k = first as u64;
        while (k as f64) <= last && out.len() < max {
            let age = (elapsed - k as f64 / rate) as f32;
            out.extend(particle(layer, place, place.origin, seed, k, age));
            k += 1;
        }
    }
    for burst in &state.bursts {
        let age = (now - burst.start) as f32;
        let origin = burst.at.unwrap_or(place.origin);
        let bseed = mix(seed ^ burst.serial.wrapping_mul(0xA24B_AED4_963E_E407));
        for k in 0..u64::from(burst.count) {
            if out.len() >= max {
                return out;
            }
            out.extend(particle(layer, place, origin, bseed, k, age));
        }
    }
    out
}

/// Drops bursts whose particles are all dead at `now`.
pub fn prune(layer: &ParticlesLayer, state: &mut LayerState, now: f64) {
    let longest = f64::from(layer.lifetime.max.max(layer.lifetime.min));
    state.bursts.retain(|b| now - b.start <= longest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use effect_schema::format::Layer;

    fn layer() -> ParticlesLayer {
        let json = serde_json::json!({
            "type": "particles", "id": "p", "sprite": "s",
            "placement": { "position": { "x": 0.5, "y": 0.5 }, "width": 0.2 },
            "rate": 10, "burst": 50, "maxParticles": 1000,
            "lifetime": { "min": 1, "max": 2 }, "speed": { "min": 0.1, "max": 0.2 },
            "spread": 30, "gravity": { "x": 0, "y": 0.5 }, "size": { "min": 0.01, "max": 0.02 },
            "fade": 0.5
        });
        match serde_json::from_value(json).unwrap() {
            Layer::Particles(p) => p,
            _ => unreachable!(),
        }
    }

    #[test]
    fn deterministic_bounded_and_bursts_die() {
        let l = layer();
        let mut s = LayerState::new(&Layer::Particles(l.clone()));
        let place = EmitterPlace {
            origin: Point2 { x: 640.0, y: 360.0 },
            width: 256.0,
            frame: [1280.0, 720.0],
        };
        let a = simulate(&l, &s, &place, 7, 3.0, 10_000);
        assert_eq!(a, simulate(&l, &s, &place, 7, 3.0, 10_000));
        // 10/s with 1-2 s lifetimes: between 10 and 21 alive.
        assert!((10..=21).contains(&a.len()), "{}", a.len());
        s.bursts.push(super::super::state::Burst {
            start: 3.0,
            count: 50,
            at: None,
            serial: 1,
        });
        assert_eq!(simulate(&l, &s, &place, 7, 3.0, 10_000).len(), a.len() + 50);
        assert_eq!(simulate(&l, &s, &place, 7, 3.0, 5).len(), 5);
        prune(&l, &mut s, 6.0);
        assert!(s.bursts.is_empty());
    }
}
