//! Keyframe sampling: the value of a track of [`Key`]s at a time, shaped by each key's [`Ease`].
//!
//! Closed form and stateless, so a frame's pose depends only on its time (goldens stay exact).
//! Animations sample at seconds from the clip's start; particle curves at 0..1 of a life.

use effect_schema::format::{Ease, Key, Vec2};

/// Values a track can interpolate.
pub trait Lerp: Copy {
    fn lerp(self, to: Self, t: f32) -> Self;
}

impl Lerp for f32 {
    fn lerp(self, to: Self, t: f32) -> Self {
        self + (to - self) * t
    }
}

impl Lerp for Vec2 {
    fn lerp(self, to: Self, t: f32) -> Self {
        Vec2 {
            x: self.x.lerp(to.x, t),
            y: self.y.lerp(to.y, t),
        }
    }
}

impl Lerp for [f32; 4] {
    fn lerp(self, to: Self, t: f32) -> Self {
        std::array::from_fn(|i| self[i].lerp(to[i], t))
    }
}

/// The track's value at `time`: the first key's before it, the last key's after it; `None` for
/// an empty track. `value` reads a key's value (colour keys parse their `#rrggbb`).
pub fn sample<T, V: Lerp>(keys: &[Key<T>], time: f32, value: impl Fn(&T) -> V) -> Option<V> {
    let first = keys.first()?;
    // The first key later than `time`: the segment is (next - 1, next).
    let next = keys.partition_point(|k| k.time <= time);
    if next == 0 {
        return Some(value(&first.value));
    }
    let from = &keys[next - 1];
    let Some(to) = keys.get(next) else {
        return Some(value(&from.value));
    };
    let span = to.time - from.time;
    let u = if span > 0.0 {
        ((time - from.time) / span).clamp(0.0, 1.0)
    } else {
        1.0
    };
    Some(value(&from.value).lerp(value(&to.value), ease(from.ease, u)))
}

/// Progress 0..1 through a segment shaped by `e` (may overshoot 1 for springs and Béziers).
pub fn ease(e: Ease, u: f32) -> f32 {
    match e {
        Ease::Linear => u,
        Ease::EaseIn => u * u * u,
        Ease::EaseOut => 1.0 - (1.0 - u).powi(3),
        Ease::EaseInOut => {
            if u < 0.5 {
                4.0 * u * u * u
            } else {
                1.0 - (-2.0 * u + 2.0).powi(3) / 2.0
            }
        }
        Ease::Step => {
            if u >= 1.0 {
                1.0
            } else {
                0.0
            }
        }
        Ease::CubicBezier([x1, y1, x2, y2]) => cubic_bezier(x1, y1, x2, y2, u),
        Ease::Spring(s) => spring(s.bounce, u),
    }
}

/// CSS's `cubic-bezier`: find the curve parameter whose x is `u` (Newton, then bisection), and
/// return its y.
fn cubic_bezier(x1: f32, y1: f32, x2: f32, y2: f32, u: f32) -> f32 {
    let x1 = x1.clamp(0.0, 1.0);
    let x2 = x2.clamp(0.0, 1.0);
    let bez = |a: f32, b: f32, t: f32| {
        let s = 1.0 - t;
        3.0 * s * s * t * a + 3.0 * s * t * t * b + t * t * t
    };
    let slope = |a: f32, b: f32, t: f32| {
        let s = 1.0 - t;
        3.0 * s * s * a + 6.0 * s * t * (b - a) + 3.0 * t * t * (1.0 - b)
    };
    let mut t = u;
    for _ in 0..8 {
        let dx = bez(x1, x2, t) - u;
        let d = slope(x1, x2, t);
        if dx.abs() < 1e-6 || d.abs() < 1e-6 {
            break;
        }
        t = (t - dx / d).clamp(0.0, 1.0);
    }
    if (bez(x1, x2, t) - u).abs() > 1e-4 {
        let (mut lo, mut hi) = (0.0f32, 1.0f32);
        for _ in 0..32 {
            t = f32::midpoint(lo, hi);
            if bez(x1, x2, t) < u {
                lo = t;
            } else {
                hi = t;
            }
        }
    }
    bez(y1, y2, t)
}

/// A damped spring from 0 to 1 over the segment: one natural period per segment, damping
/// `1 - bounce`; what is left of the swing at the end is spread linearly over the segment so it
/// lands exactly on 1.
fn spring(bounce: f32, u: f32) -> f32 {
    let zeta = (1.0 - bounce.clamp(0.0, 0.9)).max(0.1);
    let omega = 2.0 * std::f32::consts::PI * 1.5;
    let at = |u: f32| {
        if zeta >= 1.0 {
            1.0 - (1.0 + omega * u) * (-omega * u).exp()
        } else {
            let wd = omega * (1.0 - zeta * zeta).sqrt();
            let decay = (-zeta * omega * u).exp();
            1.0 - decay * ((wd * u).cos() + zeta * omega / wd * (wd * u).sin())
        }
    };
    at(u) + (1.0 - at(1.0)) * u
}

/// A colour key's value as straight RGBA in 0..1.
pub fn rgba<S: AsRef<str>>(hex: &S) -> [f32; 4] {
    super::color(hex.as_ref())
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // keys hold exact values: the ends are those values
mod tests {
    use super::*;
    use effect_schema::format::Spring;

    fn key(time: f32, value: f32, ease: Ease) -> Key<f32> {
        Key { time, value, ease }
    }

    #[test]
    fn a_track_holds_its_ends_and_interpolates_between_keys() {
        let keys = [key(0.5, 0.0, Ease::Linear), key(1.5, 10.0, Ease::Linear)];
        let at = |t| sample(&keys, t, |v| *v).unwrap();
        assert_eq!(at(0.0), 0.0);
        assert!((at(1.0) - 5.0).abs() < 1e-5);
        assert_eq!(at(9.0), 10.0);
        assert!(sample::<f32, f32>(&[], 1.0, |v| *v).is_none());
    }

    #[test]
    fn a_step_key_holds_until_the_next() {
        let keys = [key(0.0, 1.0, Ease::Step), key(1.0, 2.0, Ease::Linear)];
        assert_eq!(sample(&keys, 0.99, |v| *v), Some(1.0));
        assert_eq!(sample(&keys, 1.0, |v| *v), Some(2.0));
    }

    #[test]
    fn eases_start_at_zero_and_end_at_one() {
        let all = [
            Ease::Linear,
            Ease::EaseIn,
            Ease::EaseOut,
            Ease::EaseInOut,
            Ease::Step,
            Ease::CubicBezier([0.25, 0.1, 0.25, 1.0]),
            Ease::CubicBezier([0.3, -0.5, 0.2, 1.6]),
            Ease::Spring(Spring { bounce: 0.0 }),
            Ease::Spring(Spring { bounce: 0.5 }),
            Ease::Spring(Spring { bounce: 0.9 }),
        ];
        for e in all {
            assert!(ease(e, 0.0).abs() < 1e-4, "{e:?} at 0: {}", ease(e, 0.0));
            assert!(
                (ease(e, 1.0) - 1.0).abs() < 1e-4,
                "{e:?} at 1: {}",
                ease(e, 1.0)
            );
        }
        assert!(ease(Ease::EaseIn, 0.5) < 0.5 && ease(Ease::EaseOut, 0.5) > 0.5);
    }

    #[test]
    fn a_bouncy_spring_overshoots_and_a_stiff_one_does_not() {
        let peak = |bounce| {
            (0..=100)
                .map(|i| ease(Ease::Spring(Spring { bounce }), i as f32 / 100.0))
                .fold(0.0f32, f32::max)
        };
        assert!(peak(0.5) > 1.1, "{}", peak(0.5));
        assert!(peak(0.0) <= 1.0 + 1e-4, "{}", peak(0.0));
    }

    #[test]
    fn css_ease_matches_its_published_midpoint() {
        // cubic-bezier(0.25, 0.1, 0.25, 1) ("ease") is at 0.8024 halfway through.
        let y = ease(Ease::CubicBezier([0.25, 0.1, 0.25, 1.0]), 0.5);
        assert!((y - 0.8024).abs() < 2e-3, "{y}");
    }
}
