//! Layers' keyframe animations: which clip each layer plays, and its [`Pose`] on a frame.
//!
//! A clip starts on a frame (an `animate` action, a script's `layer.animate`, a layer with an
//! `autoplay` clip becoming visible) and its time is the effect's clock since then, so the pose
//! of a frame depends only on the frame index. The Studio's timeline can also hold a clip at a
//! fixed time (scrubbing). The pose combines with the layer's own placement in the draw pass:
//! offsets add (in the placement's units), scale and opacity multiply, rotation adds, the tint
//! multiplies the colour.

use effect_schema::format::{Animation, AnimationPlayback, Vec2};

use super::keys::{self, sample};

/// A clip playing on a layer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClipPlay {
    /// Index into `effect.animations`.
    pub clip: usize,
    /// Effect time the clip started, seconds.
    pub start: f64,
    /// Held at this clip time (the Studio's scrubbing) instead of running.
    pub held_at: Option<f32>,
}

impl ClipPlay {
    /// The clip's time at effect time `now`, after its playback mode; `None` once a `once` clip
    /// has ended.
    pub fn time(&self, anim: &Animation, now: f64) -> Option<f32> {
        let elapsed = self.held_at.unwrap_or(((now - self.start).max(0.0)) as f32);
        clip_time(anim.playback, anim.duration(), elapsed)
    }
}

/// Where `elapsed` seconds of playing lands in a clip of `duration` seconds.
fn clip_time(playback: AnimationPlayback, duration: f32, elapsed: f32) -> Option<f32> {
    if duration <= 0.0 {
        return (playback != AnimationPlayback::Once).then_some(0.0);
    }
    match playback {
        AnimationPlayback::Hold => Some(elapsed.min(duration)),
        AnimationPlayback::Once => (elapsed <= duration).then_some(elapsed),
        AnimationPlayback::Loop => Some(elapsed.rem_euclid(duration)),
        AnimationPlayback::PingPong => {
            let t = elapsed.rem_euclid(2.0 * duration);
            Some(if t > duration { 2.0 * duration - t } else { t })
        }
    }
}

/// What an animation does to a layer on one frame; [`Pose::REST`] changes nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pose {
    /// Added to the layer's position, in its placement's units.
    pub offset: Vec2,
    pub scale: f32,
    /// Degrees clockwise, added.
    pub rotation: f32,
    pub opacity: f32,
    /// Multiplies the colour (straight RGBA).
    pub tint: [f32; 4],
    /// Share of a text's characters shown.
    pub reveal: f32,
}

impl Pose {
    /// No change.
    pub const REST: Pose = Pose {
        offset: Vec2 { x: 0.0, y: 0.0 },
        scale: 1.0,
        rotation: 0.0,
        opacity: 1.0,
        tint: [1.0; 4],
        reveal: 1.0,
    };

    /// `anim`'s pose `time` seconds into it.
    pub fn of(anim: &Animation, time: f32) -> Pose {
        let t = &anim.tracks;
        let rest = Self::REST;
        Pose {
            offset: sample(&t.position, time, |v| *v).unwrap_or(rest.offset),
            scale: sample(&t.scale, time, |v| *v).map_or(rest.scale, |s| s.max(0.0)),
            rotation: sample(&t.rotation, time, |v| *v).unwrap_or(rest.rotation),
            opacity: sample(&t.opacity, time, |v| *v).map_or(rest.opacity, |o| o.clamp(0.0, 1.0)),
            tint: sample(&t.tint, time, keys::rgba).unwrap_or(rest.tint),
            reveal: sample(&t.reveal, time, |v| *v).map_or(rest.reveal, |r| r.clamp(0.0, 1.0)),
        }
    }

    /// The pose of the clip `play` at effect time `now` (rest when nothing plays or it ended).
    pub fn at(animations: &[Animation], play: Option<&ClipPlay>, now: f64) -> Pose {
        play.and_then(|p| {
            let anim = animations.get(p.clip)?;
            Some(Self::of(anim, p.time(anim, now)?))
        })
        .unwrap_or(Self::REST)
    }

    /// Multiplies a straight RGBA colour by the tint.
    pub fn tinted(&self, color: [f32; 4]) -> [f32; 4] {
        std::array::from_fn(|i| color[i] * self.tint[i])
    }
}

/// The index of `layer`'s clip called `name` in `animations`.
pub fn find(animations: &[Animation], layer: &str, name: &str) -> Option<usize> {
    animations
        .iter()
        .position(|a| a.layer == layer && a.name == name)
}

/// `layer`'s clip names, for messages.
pub fn names<'a>(animations: &'a [Animation], layer: &str) -> Vec<&'a str> {
    animations
        .iter()
        .filter(|a| a.layer == layer)
        .map(|a| a.name.as_str())
        .collect()
}

/// The clip `layer` plays by itself whenever it becomes visible.
pub fn autoplay(animations: &[Animation], layer: &str) -> Option<usize> {
    animations
        .iter()
        .position(|a| a.layer == layer && a.autoplay)
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // keys hold exact values: the ends are those values
mod tests {
    use super::*;
    use effect_schema::format::{Ease, Key, Tracks};

    fn pop(playback: AnimationPlayback) -> Animation {
        let k = |time, value| Key {
            time,
            value,
            ease: Ease::Linear,
        };
        Animation {
            layer: "hat".into(),
            name: "pop".into(),
            playback,
            autoplay: false,
            tracks: Tracks {
                scale: vec![k(0.0, 0.0), k(0.5, 1.0)],
                opacity: vec![k(0.0, 0.0), k(0.25, 1.0)],
                ..Tracks::default()
            },
        }
    }

    #[test]
    fn a_clip_poses_the_layer_on_the_effect_clock() {
        let anims = [pop(AnimationPlayback::Hold)];
        let play = ClipPlay {
            clip: 0,
            start: 2.0,
            held_at: None,
        };
        let at = |now| Pose::at(&anims, Some(&play), now);
        assert_eq!(at(1.0).scale, 0.0, "before the start: the first key");
        assert!((at(2.25).scale - 0.5).abs() < 1e-5);
        assert_eq!(at(2.25).opacity, 1.0);
        assert_eq!(at(9.0).scale, 1.0, "held after the end");
        assert_eq!(Pose::at(&anims, None, 2.25), Pose::REST);
    }

    #[test]
    fn playback_modes_wrap_hold_or_end() {
        let d = 0.5;
        assert_eq!(clip_time(AnimationPlayback::Hold, d, 0.7), Some(0.5));
        assert_eq!(clip_time(AnimationPlayback::Once, d, 0.7), None);
        assert!((clip_time(AnimationPlayback::Loop, d, 0.7).unwrap() - 0.2).abs() < 1e-5);
        assert!((clip_time(AnimationPlayback::PingPong, d, 0.7).unwrap() - 0.3).abs() < 1e-5);
        let anims = [pop(AnimationPlayback::Once)];
        let play = ClipPlay {
            clip: 0,
            start: 0.0,
            held_at: None,
        };
        assert_eq!(
            Pose::at(&anims, Some(&play), 3.0),
            Pose::REST,
            "a once clip lets go"
        );
    }

    #[test]
    fn a_held_clip_stays_where_the_timeline_put_it() {
        let anims = [pop(AnimationPlayback::Loop)];
        let play = ClipPlay {
            clip: 0,
            start: 0.0,
            held_at: Some(0.25),
        };
        for now in [0.0, 1.0, 7.3] {
            assert!((Pose::at(&anims, Some(&play), now).scale - 0.5).abs() < 1e-5);
        }
    }
}
