//! One Euro smoothing of landmarks: little jitter when still, little lag when moving.
//!
//! The One Euro filter (Casiez et al., 2012) is a low-pass filter whose cutoff rises with the
//! speed of the signal: `min_cutoff` (Hz) sets the jitter when still, `beta` how fast the cutoff
//! opens with speed (less lag). [`PointsFilter`] runs one filter per coordinate and divides by
//! the object's scale first, so the same settings suit a near and a far face.

/// The jitter/lag trade-off.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SmoothingConfig {
    /// Cutoff when still, Hz. Lower: steadier, more lag.
    pub min_cutoff: f32,
    /// Speed coefficient. Higher: less lag when moving.
    pub beta: f32,
    /// Cutoff for the speed estimate, Hz.
    pub d_cutoff: f32,
}

impl Default for SmoothingConfig {
    fn default() -> Self {
        Self {
            min_cutoff: 1.5,
            beta: 8.0,
            d_cutoff: 1.0,
        }
    }
}

fn alpha(cutoff: f32, dt: f32) -> f32 {
    let tau = 1.0 / (std::f32::consts::TAU * cutoff);
    1.0 / (1.0 + tau / dt)
}

/// One scalar One Euro filter.
#[derive(Clone, Copy, Debug, Default)]
pub struct OneEuro {
    x: Option<f32>,
    dx: f32,
}

impl OneEuro {
    /// Filters `value` seen `dt` seconds after the previous one.
    pub fn filter(&mut self, value: f32, dt: f32, cfg: &SmoothingConfig) -> f32 {
        let Some(prev) = self.x else {
            self.x = Some(value);
            return value;
        };
        let dt = dt.max(1e-4);
        let dx = (value - prev) / dt;
        self.dx += alpha(cfg.d_cutoff, dt) * (dx - self.dx);
        let cutoff = cfg.min_cutoff + cfg.beta * self.dx.abs();
        let x = prev + alpha(cutoff, dt) * (value - prev);
        self.x = Some(x);
        x
    }
}

/// One Euro filters for a set of 3-D points, scale-normalised.
#[derive(Clone, Debug, Default)]
pub struct PointsFilter {
    filters: Vec<[OneEuro; 3]>,
}

impl PointsFilter {
    /// Smooths `points` in place; `scale` is the object's size in pixels.
    pub fn apply(&mut self, points: &mut [[f32; 3]], scale: f32, dt: f32, cfg: &SmoothingConfig) {
        if self.filters.len() != points.len() {
            self.filters = vec![[OneEuro::default(); 3]; points.len()];
        }
        let s = scale.max(1.0);
        for (p, f) in points.iter_mut().zip(&mut self.filters) {
            for k in 0..3 {
                p[k] = f[k].filter(p[k] / s, dt, cfg) * s;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn still_noise_is_damped_and_a_step_is_followed() {
        let cfg = SmoothingConfig::default();
        let mut f = OneEuro::default();
        let mut max_dev = 0.0_f32;
        for i in 0..100 {
            let noise = if i % 2 == 0 { 0.01 } else { -0.01 };
            let y = f.filter(1.0 + noise, 1.0 / 30.0, &cfg);
            if i > 10 {
                max_dev = max_dev.max((y - 1.0).abs());
            }
        }
        assert!(max_dev < 0.006, "{max_dev}");
        let mut y = 0.0;
        for _ in 0..15 {
            y = f.filter(2.0, 1.0 / 30.0, &cfg);
        }
        assert!((y - 2.0).abs() < 0.05, "{y}");
    }
}
