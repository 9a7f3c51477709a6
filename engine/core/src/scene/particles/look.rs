//! How a particle looks at an age: its colour (one of the layer's `colors`), and its size,
//! opacity and tint over its life (`overLife` curves, sampled with [`super::super::keys`]), with
//! the layer's end-of-life `fade`.

use effect_schema::format::{Key, ParticlesLayer};

use super::super::keys;
use super::Particle;
use super::path::{Forces, Spark};

/// A layer's colours and curves, parsed once a frame.
pub(super) struct Look<'a> {
    colors: Vec<[f32; 4]>,
    size: &'a [Key<f32>],
    opacity: &'a [Key<f32>],
    tint: Vec<Key<[f32; 4]>>,
    fade: f32,
}

impl<'a> Look<'a> {
    pub fn new(layer: &'a ParticlesLayer) -> Self {
        let o = &layer.over_life;
        Self {
            colors: layer.colors.iter().map(keys::rgba).collect(),
            size: &o.size,
            opacity: &o.opacity,
            tint: o
                .tint
                .iter()
                .map(|k| Key {
                    time: k.time,
                    value: keys::rgba(&k.value),
                    ease: k.ease,
                })
                .collect(),
            fade: layer.fade,
        }
    }

    /// The particle `spark` is at `age` (within its life), drawn at `scale` of its size and
    /// opacity (trail copies are smaller and fainter).
    pub fn particle(&self, spark: &Spark, forces: &Forces, age: f32, scale: f32) -> Particle {
        let u = (age / spark.life).clamp(0.0, 1.0);
        let fade = if self.fade > 0.0 && u > 1.0 - self.fade {
            ((1.0 - u) / self.fade).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let size = keys::sample(self.size, u, |v| *v).unwrap_or(1.0).max(0.0);
        let opacity = keys::sample(self.opacity, u, |v| *v).unwrap_or(1.0);
        let tint = keys::sample(&self.tint, u, |v| *v).unwrap_or([1.0; 4]);
        let color = self.color(spark.color);
        Particle {
            position: spark.position(forces, age),
            size: spark.size * size * scale,
            rotation: spark.rotation + spark.spin * age,
            opacity: (fade * opacity * scale).clamp(0.0, 1.0),
            age,
            tint: std::array::from_fn(|i| color[i] * tint[i]),
            child: spark.child,
        }
    }

    /// Colour number `pick` (modulo the layer's colours); white without colours.
    fn color(&self, pick: u64) -> [f32; 4] {
        let n = self.colors.len() as u64;
        if n == 0 {
            return [1.0; 4];
        }
        self.colors[(pick % n) as usize]
    }
}
