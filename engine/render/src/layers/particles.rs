//! Particle layer: emitters simulated deterministically on the CPU, drawn as instanced quads.
//!
//! A particle's whole life is a closed-form function of the emitter's seed, its index and the
//! emitter's age: particle `k` is born at `k / rate` (or all at once for a burst), with a
//! direction, speed, size and spin drawn from a hash of `(seed, k)`, and moves ballistically
//! under gravity with drag. Nothing is carried from frame to frame, so seeking, replays and
//! re-renders give identical pixels, and the cost is one pass over the live particles.

use effect_schema::tracking::Point2;

use crate::pipeline::{self, PREMULTIPLIED, PipelineSpec, TARGET_FORMAT};

/// The shape each particle is drawn with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ParticleShape {
    /// A soft glowing disc.
    #[default]
    Glow,
    /// A four-ray sparkle.
    Sparkle,
}

/// An emitter at a given age. All lengths are output pixels, times seconds, angles degrees.
#[derive(Clone, Debug, PartialEq)]
pub struct Emitter {
    pub seed: u64,
    pub origin: Point2,
    /// Seconds since the emitter started (from the frame index, never the wall clock).
    pub age: f32,
    /// Particles per second; 0 makes a single burst of `burst` particles at age 0.
    pub rate: f32,
    pub burst: u32,
    /// How long the emitter keeps spawning (rate mode).
    pub duration: f32,
    pub lifetime: f32,
    /// Mean direction (0 = right, -90 = up) and the spread either side of it.
    pub direction: f32,
    pub spread: f32,
    pub speed: [f32; 2],
    /// Downward acceleration in pixels/s².
    pub gravity: f32,
    /// Velocity lost per second (0..1).
    pub drag: f32,
    /// Size at birth and at death.
    pub size: [f32; 2],
    /// Colour at birth and at death (straight RGBA).
    pub color: [[f32; 4]; 2],
    pub shape: ParticleShape,
    /// A hard cap on live particles drawn.
    pub max_particles: u32,
}

impl Default for Emitter {
    fn default() -> Self {
        Self {
            seed: 1,
            origin: Point2::default(),
            age: 0.0,
            rate: 0.0,
            burst: 200,
            duration: f32::INFINITY,
            lifetime: 1.5,
            direction: -90.0,
            spread: 180.0,
            speed: [100.0, 300.0],
            gravity: 200.0,
            drag: 0.3,
            size: [10.0, 2.0],
            color: [[1.0, 0.9, 0.4, 1.0], [1.0, 0.2, 0.1, 0.0]],
            shape: ParticleShape::Glow,
            max_particles: 10_000,
        }
    }
}

/// One live particle (what the GPU draws).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Particle {
    pub center: [f32; 2],
    /// Size in pixels and rotation in radians.
    pub size_rot: [f32; 2],
    /// Straight RGBA.
    pub color: [f32; 4],
    pub shape: u32,
}

/// SplitMix64: a tiny, well-mixed hash; `unit` maps it to 0..1. Public for other
/// deterministic effects (the scene's particle layers).
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn unit(seed: u64, k: u64, channel: u64) -> f32 {
    (mix(seed ^ mix(k.wrapping_mul(8).wrapping_add(channel))) >> 40) as f32 / (1u64 << 24) as f32
}

fn lerp(a: f32, b: f32, t: f32) -> f32 {
    a + (b - a) * t
}

impl Emitter {
    /// The live particles at the emitter's `age`, oldest first.
    pub fn simulate(&self) -> Vec<Particle> {
        let life = self.lifetime.max(1e-3);
        if !self.age.is_finite() || self.age < 0.0 {
            return Vec::new();
        }
        let (first, last, born_at): (u64, u64, Box<dyn Fn(u64) -> f32>) = if self.rate > 0.0 {
            let rate = self.rate;
            let spawn_end = self.age.min(self.duration.max(0.0));
            let first = ((self.age - life) * rate).ceil().max(0.0) as u64;
            let last = (spawn_end * rate).floor() as u64 + 1;
            (first, last, Box::new(move |k| k as f32 / rate))
        } else if self.age < life {
            (0, u64::from(self.burst), Box::new(|_| 0.0))
        } else {
            (0, 0, Box::new(|_| 0.0))
        };
        let cap = u64::from(self.max_particles);
        let last = last.min(first.saturating_add(cap));
        let mut out = Vec::with_capacity(last.saturating_sub(first) as usize);
        let drag = self.drag.clamp(0.0, 0.999);
        for k in first..last {
            let t = self.age - born_at(k);
            if !(0.0..life).contains(&t) {
                continue;
            }
            let u = t / life;
            let angle =
                (self.direction + (unit(self.seed, k, 0) * 2.0 - 1.0) * self.spread).to_radians();
            let speed = lerp(self.speed[0], self.speed[1], unit(self.seed, k, 1));
            // Exponential drag: distance = v * (1 - e^{-λt}) / λ.
            let lambda = -(1.0 - drag).ln();
            let travel = if lambda > 1e-4 {
                (1.0 - (-lambda * t).exp()) / lambda
            } else {
                t
            };
            let (s, c) = angle.sin_cos();
            let x = self.origin.x + c * speed * travel;
            let y = self.origin.y + s * speed * travel + 0.5 * self.gravity * t * t;
            let jitter = lerp(0.7, 1.3, unit(self.seed, k, 2));
            let spin = (unit(self.seed, k, 3) * 2.0 - 1.0) * 6.0 * t;
            let color = std::array::from_fn(|i| lerp(self.color[0][i], self.color[1][i], u));
            out.push(Particle {
                center: [x, y],
                size_rot: [lerp(self.size[0], self.size[1], u) * jitter, spin],
                color,
                shape: self.shape as u32,
            });
        }
        out
    }
}

pub(crate) struct ParticleLayer {
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
}

impl ParticleLayer {
    pub(crate) fn new(device: &wgpu::Device) -> Self {
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("particles"),
            entries: &[pipeline::uniform_entry(0)],
        });
        let attrs =
            wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2, 2 => Float32x4, 3 => Uint32];
        let pipeline = pipeline::render_pipeline(
            device,
            &PipelineSpec {
                label: "particles",
                source: include_str!("../shaders/particles.wgsl"),
                layouts: &[&layout],
                buffers: &[wgpu::VertexBufferLayout {
                    array_stride: size_of::<Particle>() as u64,
                    step_mode: wgpu::VertexStepMode::Instance,
                    attributes: &attrs,
                }],
                format: TARGET_FORMAT,
                blend: Some(PREMULTIPLIED),
                fragment_entry: "fs",
            },
        );
        Self { pipeline, layout }
    }

    pub(crate) fn draw(
        &self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        emitter: &Emitter,
        target: (&wgpu::TextureView, [u32; 2]),
    ) {
        let particles = emitter.simulate();
        if particles.is_empty() {
            return;
        }
        let buffer =
            pipeline::instance_buffer(device, "particles", bytemuck::cast_slice(&particles));
        let size = [target.1[0] as f32, target.1[1] as f32, 0.0, 0.0];
        let view = pipeline::uniform_buffer(device, "particle view", bytemuck::cast_slice(&size));
        let bind = pipeline::bind_group(
            device,
            "particles",
            &self.layout,
            [view.as_entire_binding()],
        );
        let mut pass = pipeline::pass(encoder, "particles", target.0, None);
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &bind, &[]);
        pass.set_vertex_buffer(0, buffer.slice(..));
        pass.draw(0..6, 0..particles.len() as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_bounded() {
        let e = Emitter {
            rate: 1000.0,
            lifetime: 2.0,
            age: 5.0,
            ..Emitter::default()
        };
        let a = e.simulate();
        assert_eq!(a, e.simulate());
        // About rate * lifetime particles are alive.
        assert!((1990..=2001).contains(&a.len()), "{}", a.len());
        let other = Emitter {
            seed: 2,
            ..e.clone()
        }
        .simulate();
        assert_ne!(a, other);
        let capped = Emitter {
            max_particles: 100,
            ..e.clone()
        }
        .simulate();
        assert!(capped.len() <= 100);
        // A burst is over after its lifetime; bad ages draw nothing.
        let burst = Emitter {
            age: 0.5,
            ..Emitter::default()
        };
        assert_eq!(burst.simulate().len(), 200);
        assert!(
            Emitter {
                age: 2.0,
                ..Emitter::default()
            }
            .simulate()
            .is_empty()
        );
        assert!(
            Emitter {
                age: f32::NAN,
                ..Emitter::default()
            }
            .simulate()
            .is_empty()
        );
        // Duration stops spawning.
        let stopped = Emitter { duration: 1.0, ..e };
        assert!(stopped.simulate().is_empty());
    }
}
