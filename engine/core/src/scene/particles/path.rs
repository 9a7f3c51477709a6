//! Where a particle is: its launch (drawn from a hash of its seed and index) and its flight in
//! closed form under gravity and linear drag.
//!
//! With drag `k` (per second) and gravity `g`, velocity obeys `v' = g - k·v`, so
//! `v(t) = v₀·e^{-kt} + g·(1 - e^{-kt})/k` and
//! `x(t) = x₀ + v₀·E₁(t) + g·E₂(t)` with `E₁ = (1 - e^{-kt})/k` and `E₂ = (t - E₁)/k`.
//! Without drag these are `t` and `t²/2`: plain ballistics. Any age can be asked for directly,
//! which is what trails (earlier ages) and explosions (the parent at its death) need.

use effect_schema::format::{Explosion, ParticlesLayer, Range};
use effect_schema::tracking::Point2;

use lantern_render::splitmix as mix;

/// A uniform number in 0..1 from `(seed, k, channel)`.
pub(super) fn unit(seed: u64, k: u64, channel: u64) -> f32 {
    (mix(seed ^ mix(k.wrapping_mul(16).wrapping_add(channel))) >> 40) as f32 / (1u64 << 24) as f32
}

fn lerp(r: Range, t: f32) -> f32 {
    r.min + (r.max - r.min) * t
}

/// Hash channels of a particle's random draws (kept stable: goldens depend on them).
mod ch {
    pub const LIFE: u64 = 0;
    pub const DIRECTION: u64 = 1;
    pub const SPEED: u64 = 2;
    pub const OFFSET: u64 = 3;
    pub const SPIN: u64 = 4;
    pub const SIZE: u64 = 5;
    pub const ROTATION: u64 = 6;
    pub const COLOR: u64 = 7;
    pub const DEPTH: u64 = 8;
}

/// The forces of a layer, in output pixels.
#[derive(Clone, Copy, Debug)]
pub(super) struct Forces {
    /// Pixels per second squared.
    pub gravity: [f32; 2],
    /// Per second.
    pub drag: f32,
}

impl Forces {
    pub fn new(layer: &ParticlesLayer, frame_height: f32) -> Self {
        Self {
            gravity: [
                layer.gravity.x * frame_height,
                layer.gravity.y * frame_height,
            ],
            drag: layer.drag.max(0.0),
        }
    }

    /// `(E₁, E₂)` at age `t`: the weights of the launch velocity and of gravity in the position.
    fn weights(&self, t: f32) -> (f32, f32) {
        let k = f64::from(self.drag);
        let t = f64::from(t);
        if k <= 0.0 {
            return (t as f32, (0.5 * t * t) as f32);
        }
        let kt = k * t;
        let e1 = -(-kt).exp_m1() / k;
        // (t - E₁)/k cancels badly for small kt: its series instead.
        let e2 = if kt < 1e-3 {
            t * t * (0.5 - kt / 6.0 + kt * kt / 24.0)
        } else {
            (t - e1) / k
        };
        (e1 as f32, e2 as f32)
    }
}

/// One particle's launch: everything about it that does not change with age.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Spark {
    /// Output pixels.
    pub origin: Point2,
    /// Pixels per second.
    pub velocity: [f32; 2],
    /// Seconds.
    pub life: f32,
    /// Width, pixels.
    pub size: f32,
    /// Degrees at birth, and degrees per second.
    pub rotation: f32,
    pub spin: f32,
    /// Which of the layer's colours it wears, modulo their number (children keep their
    /// parent's).
    pub color: u64,
    /// Born of an explosion (drawn with the explosion's sprite).
    pub child: bool,
}

impl Spark {
    /// Particle `k` of an emission seeded `seed`, from `origin` (emission line `width` px wide).
    pub fn emit(
        layer: &ParticlesLayer,
        frame: [f32; 2],
        seed: u64,
        k: u64,
        origin: Point2,
        width: f32,
    ) -> Self {
        let [fw, fh] = frame;
        let u = |c| unit(seed, k, c);
        let dir = (layer.direction + layer.spread * (u(ch::DIRECTION) * 2.0 - 1.0)).to_radians();
        let speed = lerp(layer.speed, u(ch::SPEED)) * fh;
        Self {
            origin: Point2 {
                x: origin.x + (u(ch::OFFSET) - 0.5) * width,
                y: origin.y,
            },
            velocity: [dir.sin() * speed, -dir.cos() * speed],
            life: lerp(layer.lifetime, u(ch::LIFE)).max(1e-3),
            size: lerp(layer.size, u(ch::SIZE)) * fw,
            rotation: u(ch::ROTATION) * 360.0,
            spin: lerp(layer.spin, u(ch::SPIN)),
            // Dealt in turn from a random start: a few shells still show different colours.
            color: ((unit(seed, 0, ch::COLOR) * 4096.0) as u64).wrapping_add(k),
            child: false,
        }
    }

    /// Child `j` of this particle's explosion: from where the parent died, with the parent's
    /// velocity plus its own, in a direction uniform on a sphere seen from the front (the
    /// round, filled look of a firework).
    pub fn child(
        &self,
        explosion: &Explosion,
        spin: Range,
        frame: [f32; 2],
        forces: &Forces,
        seed: u64,
        index: u64,
    ) -> Self {
        let [fw, fh] = frame;
        let draw = |channel| unit(seed, index, channel);
        let at = self.position(forces, self.life);
        let moving = self.velocity(forces, self.life);
        let angle = draw(ch::DIRECTION) * std::f32::consts::TAU;
        // The depth of a direction uniform on the sphere: seen from the front, its speed shrinks.
        let depth = draw(ch::DEPTH) * 2.0 - 1.0;
        let speed = lerp(explosion.speed, draw(ch::SPEED)) * fh * (1.0 - depth * depth).sqrt();
        Self {
            origin: at,
            velocity: [
                moving[0] + angle.sin() * speed,
                moving[1] - angle.cos() * speed,
            ],
            life: lerp(explosion.lifetime, draw(ch::LIFE)).max(1e-3),
            size: lerp(explosion.size, draw(ch::SIZE)) * fw,
            rotation: draw(ch::ROTATION) * 360.0,
            spin: lerp(spin, draw(ch::SPIN)),
            color: self.color,
            child: true,
        }
    }

    /// Where it is `age` seconds after birth.
    pub fn position(&self, forces: &Forces, age: f32) -> Point2 {
        let (e1, e2) = forces.weights(age);
        Point2 {
            x: self.origin.x + self.velocity[0] * e1 + forces.gravity[0] * e2,
            y: self.origin.y + self.velocity[1] * e1 + forces.gravity[1] * e2,
        }
    }

    /// Its velocity `age` seconds after birth, pixels per second.
    pub fn velocity(&self, forces: &Forces, age: f32) -> [f32; 2] {
        let (e1, _) = forces.weights(age);
        // e^{-kt} = 1 - k·E₁.
        let decay = 1.0 - forces.drag * e1;
        [
            self.velocity[0] * decay + forces.gravity[0] * e1,
            self.velocity[1] * decay + forces.gravity[1] * e1,
        ]
    }
}
