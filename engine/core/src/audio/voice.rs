//! One sound playing: a clip placed on the effect's sample clock, with its volume, loop, stop
//! fade and — for music — fade in/out and ducking. Positions are absolute samples, so a voice
//! started or stopped in the middle of a block is heard from exactly that sample.

use std::sync::Arc;

use effect_schema::format::Music;

use super::RATE;

/// Samples a stopped voice takes to fall silent (10 ms: no click).
pub(super) const STOP_FADE: u64 = RATE as u64 / 100;

/// Music's own shaping.
#[derive(Clone, Copy, Debug)]
pub(super) struct MusicShape {
    fade_in: u64,
    fade_out: u64,
    /// The gain under speech (1 = no ducking).
    pub(super) duck: f32,
}

/// A clip playing.
#[derive(Clone, Debug)]
pub(super) struct Voice {
    /// The asset id (a `playSound` of an id already playing restarts it).
    pub(super) sound: String,
    clip: Arc<[f32]>,
    /// The sample its first frame plays at.
    start: u64,
    gain: f32,
    looping: bool,
    /// From this sample it fades out over [`STOP_FADE`].
    stop: Option<u64>,
    pub(super) music: Option<MusicShape>,
}

fn seconds(s: f32) -> u64 {
    (f64::from(s.max(0.0)) * f64::from(RATE)).round() as u64
}

impl Voice {
    pub(super) fn sound(
        sound: &str,
        clip: Arc<[f32]>,
        start: u64,
        volume: f32,
        looping: bool,
    ) -> Self {
        Self {
            sound: sound.to_owned(),
            clip,
            start,
            gain: volume.clamp(0.0, 1.0),
            looping,
            stop: None,
            music: None,
        }
    }

    pub(super) fn music(music: &Music, clip: Arc<[f32]>, start: u64) -> Self {
        let mut voice = Self::sound(&music.sound, clip, start, music.volume, music.looping);
        voice.music = Some(MusicShape {
            fade_in: seconds(music.fade_in),
            fade_out: seconds(music.fade_out),
            duck: music.duck.clamp(0.0, 1.0),
        });
        voice
    }

    /// Frames (samples per channel) in the clip.
    fn len(&self) -> u64 {
        self.clip.len() as u64 / 2
    }

    /// Fades out from sample `at` (kept when it was stopped earlier).
    pub(super) fn stop_at(&mut self, at: u64) {
        let at = at.max(self.start);
        self.stop = Some(self.stop.map_or(at, |s| s.min(at)));
    }

    /// The first sample it is silent from for good (`u64::MAX` while it loops unstopped).
    pub(super) fn end(&self) -> u64 {
        let natural = if self.looping {
            u64::MAX
        } else {
            self.start + self.len()
        };
        self.stop.map_or(natural, |s| natural.min(s + STOP_FADE))
    }

    /// Adds samples `from..from + frames` of the voice into `out` (stereo), music scaled by
    /// `duck` (the speech amount per frame, 0..1) when it ducks.
    pub(super) fn mix(&self, from: u64, out: &mut [f32], speech: Option<&[f32]>) {
        let frames = out.len() as u64 / 2;
        let (lo, hi) = (from.max(self.start), (from + frames).min(self.end()));
        let len = self.len();
        if lo >= hi || len == 0 {
            return;
        }
        for t in lo..hi {
            let since = t - self.start;
            let pos = if self.looping { since % len } else { since };
            let mut gain = self.gain * self.stop_gain(t);
            if let Some(shape) = self.music {
                gain *= shape.fade(since, pos, len);
                if let Some(speech) = speech {
                    let amount = speech[(t - from) as usize];
                    gain *= 1.0 - amount * (1.0 - shape.duck);
                }
            }
            let (dst, src) = (((t - from) * 2) as usize, (pos * 2) as usize);
            out[dst] += self.clip[src] * gain;
            out[dst + 1] += self.clip[src + 1] * gain;
        }
    }

    fn stop_gain(&self, t: u64) -> f32 {
        match self.stop {
            Some(s) if t >= s => 1.0 - (t - s) as f32 / STOP_FADE as f32,
            _ => 1.0,
        }
    }
}

impl MusicShape {
    /// The fade gain at `i` samples since the start, `p` into the clip of `len`: a fade in on
    /// the first pass, a fade out before the end of every pass.
    fn fade(&self, i: u64, p: u64, len: u64) -> f32 {
        let mut g = 1.0;
        if i < self.fade_in {
            g *= i as f32 / self.fade_in as f32;
        }
        let left = len - p;
        if left < self.fade_out {
            g *= left as f32 / self.fade_out as f32;
        }
        g
    }
}
