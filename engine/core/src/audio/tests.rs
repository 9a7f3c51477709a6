//! The mixer to the sample: cue timing, late cues, stops, music fades and loops, ducking under
//! speech, the limiter, effect switches, determinism; and a package's sounds against budgets.

#![allow(clippy::float_cmp)] // clips of constant values mix to exact binary fractions

use std::sync::Arc;
use std::time::Instant;

use effect_schema::format::Music;

use super::*;

const R: usize = RATE as usize;

/// A clip of `frames` stereo frames, every sample `value`.
fn dc(frames: usize, value: f32) -> Vec<f32> {
    vec![value; frames * 2]
}

/// A one-frame click followed by silence.
fn click(frames: usize) -> Vec<f32> {
    let mut c = vec![0.0; frames * 2];
    c[0] = 0.5;
    c[1] = 0.5;
    c
}

fn bank(clips: Vec<(&str, Vec<f32>)>, music: Option<Music>) -> Arc<SoundBank> {
    Arc::new(SoundBank::from_clips(
        clips.into_iter().map(|(id, c)| (id.to_owned(), c)),
        music,
    ))
}

fn play(sound: &str) -> SoundCue {
    SoundCue::Play {
        sound: sound.into(),
        volume: 1.0,
        looping: false,
    }
}

fn music(looping: bool, fade_in: f32, fade_out: f32, duck: f32) -> Music {
    Music {
        sound: "music".into(),
        volume: 1.0,
        looping,
        fade_in,
        fade_out,
        duck,
    }
}

/// Mixes `frames` stereo frames over `input` (silence when empty) in blocks of `block`.
fn run(sound: &mut EffectSound, frames: usize, block: usize, input: &[f32]) -> Vec<f32> {
    let mut out = if input.is_empty() {
        vec![0.0; frames * 2]
    } else {
        input.to_vec()
    };
    let mut at = 0;
    while at < frames {
        let n = block.min(frames - at);
        sound.mix(at as u64, &mut out[at * 2..(at + n) * 2], 2);
        at += n;
    }
    out
}

fn first_sound(samples: &[f32]) -> Option<usize> {
    samples.iter().position(|s| s.abs() > 1e-6).map(|i| i / 2)
}

#[test]
fn a_cue_on_frame_n_starts_at_its_sample_whatever_the_blocks() {
    assert_eq!(frame_sample(7, 30.0), 11_200);
    assert_eq!(frame_sample(1, 29.97), 1602); // 1601.6 rounded
    for block in [1024, 1000, 1600, 4096] {
        let mut s = EffectSound::new(bank(vec![("bang", click(100))], None), 0);
        s.frame_cues(7, 30.0, &[play("bang")]);
        let out = run(&mut s, R, block, &[]);
        assert_eq!(first_sound(&out), Some(11_200), "blocks of {block}");
    }
}

#[test]
fn a_late_cue_starts_at_the_next_block_and_mono_gets_both_channels() {
    let mut s = EffectSound::new(bank(vec![("bang", click(100))], None), 0);
    let mut mono = vec![0.0f32; 1000];
    s.mix(0, &mut mono, 1);
    s.cue(500, play("bang")); // its samples went out already
    let mut next = vec![0.0f32; 1000];
    s.mix(1000, &mut next, 1);
    assert_eq!(next[0], 0.5);
    assert!(next[1..].iter().all(|x| *x == 0.0));
}

#[test]
fn play_again_restarts_stop_fades_out_in_10_ms_and_loops_repeat() {
    let b = bank(vec![("tone", dc(R, 0.25))], None);
    let mut s = EffectSound::new(b, 0);
    s.cue(0, play("tone"));
    s.cue(100, play("tone")); // a restart: one voice, not two
    s.cue(
        1000,
        SoundCue::Stop {
            sound: "tone".into(),
        },
    );
    let out = run(&mut s, 3000, 256, &[]);
    assert_eq!(
        out[600 * 2],
        0.25,
        "one voice once the restart's 10 ms crossfade is over"
    );
    assert!((out[1240 * 2] - 0.125).abs() < 0.01, "{}", out[1240 * 2]);
    assert!(out[1480 * 2..].iter().all(|x| *x == 0.0));
    assert_eq!(s.voices(), 0);
    // A looping sound plays past its end until stopped.
    let mut s = EffectSound::new(bank(vec![("tone", dc(1000, 0.25))], None), 0);
    s.cue(
        0,
        SoundCue::Play {
            sound: "tone".into(),
            volume: 0.5,
            looping: true,
        },
    );
    let out = run(&mut s, 5000, 700, &[]);
    assert!(out.iter().all(|x| *x == 0.125));
    assert_eq!(s.voices(), 1);
}

#[test]
fn music_fades_in_once_fades_out_every_pass_and_loops() {
    let b = bank(
        vec![("music", dc(R, 0.5))],
        Some(music(true, 0.5, 0.25, 1.0)),
    );
    let mut s = EffectSound::new(b, 0);
    let out = run(&mut s, 2 * R + R / 2, 1024, &[]);
    let at = |sec: f64| out[(sec * R as f64) as usize * 2];
    assert_eq!(at(0.0), 0.0);
    assert!((at(0.25) - 0.25).abs() < 1e-3, "{}", at(0.25));
    assert!((at(0.6) - 0.5).abs() < 1e-6);
    assert!((at(0.875) - 0.25).abs() < 1e-3, "{}", at(0.875));
    assert!(
        (at(1.1) - 0.5).abs() < 1e-6,
        "the second pass does not fade in"
    );
    assert!((at(1.875) - 0.25).abs() < 1e-3, "every pass fades out");
    // Once through, not looping: silent after its end.
    let b = bank(
        vec![("music", dc(R, 0.5))],
        Some(music(false, 0.0, 0.0, 1.0)),
    );
    let out = run(&mut EffectSound::new(b, 0), 2 * R, 1024, &[]);
    assert_eq!(out[(R - 1) * 2], 0.5);
    assert!(out[R * 2..].iter().all(|x| *x == 0.0));
}

#[test]
fn music_ducks_under_speech_in_the_input_and_comes_back() {
    // Input: a 1 kHz "voice" at -14 dBFS from 1 s to 2 s; music: DC 0.3 ducked to a quarter.
    let frames = 4 * R;
    let mut input = vec![0.0f32; frames * 2];
    for i in R..2 * R {
        let v = 0.2 * (i as f32 * 2.0 * std::f32::consts::PI * 1000.0 / R as f32).sin();
        input[i * 2] = v;
        input[i * 2 + 1] = v;
    }
    let b = bank(
        vec![("music", dc(frames, 0.3))],
        Some(music(false, 0.0, 0.0, 0.25)),
    );
    let out = run(&mut EffectSound::new(b, 0), frames, 960, &input);
    // The music alone: the output less the input (the limiter is idle at these levels).
    let music_at = |sec: f64| {
        let i = (sec * R as f64) as usize;
        out[i * 2] - input[i * 2]
    };
    assert!((music_at(0.5) - 0.3).abs() < 1e-6);
    assert!((music_at(1.5) - 0.075).abs() < 0.005, "{}", music_at(1.5));
    assert!(
        music_at(1.05) < 0.15,
        "ducks within 50 ms: {}",
        music_at(1.05)
    );
    assert!(music_at(2.1) < 0.1, "held between words: {}", music_at(2.1));
    assert!(
        (music_at(3.9) - 0.3).abs() < 0.01,
        "comes back: {}",
        music_at(3.9)
    );
}

#[test]
fn the_limiter_keeps_a_loud_sum_under_the_ceiling_without_wrapping() {
    let b = bank(vec![("loud", dc(R, 0.8))], None);
    let mut s = EffectSound::new(b, 0);
    s.cue(0, play("loud"));
    let mut input = vec![0.8f32; R * 2];
    input[10] = f32::NAN;
    input[11] = f32::INFINITY;
    let out = run(&mut s, R, 1024, &input);
    assert!(
        out.iter()
            .all(|x| x.is_finite() && *x >= 0.0 && *x <= CEILING + 1e-6)
    );
    assert!(out[1000] > 0.85, "held near the ceiling: {}", out[1000]);
    assert_eq!(out[10], 0.0);
    // Quiet audio goes through untouched.
    let mut quiet: Vec<f32> = (0..2000).map(|i| (i as f32 * 0.01).sin() * 0.5).collect();
    let copy = quiet.clone();
    Limiter::new().process(&mut quiet, 2);
    assert_eq!(quiet, copy);
}

#[test]
fn a_switch_fades_the_old_sounds_out_and_starts_the_new_music_there() {
    let old = bank(vec![("hum", dc(R, 0.2))], None);
    let new = bank(
        vec![("music", dc(R, 0.1))],
        Some(music(true, 0.0, 0.0, 1.0)),
    );
    let mut s = EffectSound::new(old, 0);
    s.cue(
        0,
        SoundCue::Play {
            sound: "hum".into(),
            volume: 1.0,
            looping: true,
        },
    );
    s.switch(new, 10_000);
    let out = run(&mut s, 20_000, 1024, &[]);
    assert_eq!(out[9_999 * 2], 0.2);
    assert!(
        (out[10_000 * 2] - 0.3).abs() < 1e-6,
        "old and new overlap for the fade"
    );
    assert!(
        (out[11_000 * 2] - 0.1).abs() < 1e-6,
        "only the new music after 10 ms"
    );
    assert_eq!(s.voices(), 1);
}

#[test]
fn the_same_cues_give_the_same_samples_in_any_blocks() {
    let make = || {
        let b = bank(
            vec![("bang", click(4000)), ("music", dc(R / 3, 0.2))],
            Some(music(true, 0.1, 0.1, 0.5)),
        );
        let mut s = EffectSound::new(b, 0);
        for n in [3, 10, 11, 40] {
            s.frame_cues(n, 30.0, &[play("bang")]);
        }
        s
    };
    let input: Vec<f32> = (0..4 * R).map(|i| ((i / 7) % 5) as f32 * 0.05).collect();
    let a = run(&mut make(), 2 * R, 480, &input);
    let b = run(&mut make(), 2 * R, 1601, &input);
    assert_eq!(a, b);
}

#[test]
fn an_offline_track_gives_each_frame_its_span() {
    let b = bank(vec![("bang", click(100))], None);
    let mut track = OfflineTrack::new(b, 30.0);
    let mut total = 0;
    let mut onset = None;
    for n in 0..30u64 {
        let cues = if n == 12 { vec![play("bang")] } else { vec![] };
        let block = track.frame(n, &cues);
        assert_eq!(block.len(), 1600 * 2);
        if onset.is_none()
            && let Some(i) = first_sound(&block)
        {
            onset = Some(total + i);
        }
        total += block.len() / 2;
    }
    assert_eq!(onset, Some(12 * 1600));
}

/// Prints the mixer's CPU per second of audio (`--nocapture`): four sounds and ducked music
/// over a "voice", in 1024-frame blocks as the push sends them.
#[test]
fn mixer_cpu_per_second_of_audio() {
    let b = bank(
        vec![
            ("a", dc(R, 0.1)),
            ("b", dc(R, 0.1)),
            ("music", dc(10 * R, 0.1)),
        ],
        Some(music(true, 1.0, 1.0, 0.3)),
    );
    let mut s = EffectSound::new(b, 0);
    for (i, id) in ["a", "b", "a", "b"].iter().enumerate() {
        s.cue(
            i as u64 * 100,
            SoundCue::Play {
                sound: (*id).into(),
                volume: 0.5,
                looping: true,
            },
        );
    }
    let input: Vec<f32> = (0..20 * R * 2)
        .map(|i| ((i % 97) as f32 - 48.0) * 0.004)
        .collect();
    let t0 = Instant::now();
    let out = run(&mut s, 20 * R, 1024, &input);
    let per_second = t0.elapsed() / 20;
    assert!(out.iter().all(|x| x.abs() <= 1.0));
    println!("mixer: {per_second:?} of CPU per second of audio (music ducked + 2 sounds)");
}
