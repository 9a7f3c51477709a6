//! Offline rendering (`lantern render`, the examples' golden tests): the [`Driver`]'s pacing for files — an
//! effect over a still image or a video file, every frame in order on the deterministic clock,
//! each frame waiting for its own tracking (from a tape, the live tracker, or none). The sound
//! cues each frame's step left ([`render_with_sound`]) let a video output carry the effect's
//! sound on the same clock ([`crate::audio::OfflineTrack`]).

use std::path::Path;

use lantern_render::{FrameData, PixelFormat};

use crate::driver::{Driver, Frame, InputSpec, Source, SourceOptions, Wait};
use crate::error::Result;
use crate::scene::SoundCue;

/// Opens `path` for an offline render: an image as a still, anything else as a video that is
/// read once, every frame, at its own size.
pub fn open_source(path: &Path, fps: u32) -> Result<Source> {
    Source::open(
        &InputSpec::file(path),
        &SourceOptions {
            output: (0, 0),
            fps,
            cover: false,
            looping: false,
        },
    )
}

/// Renders up to `frames` frames (`None`: to the end of a video; 1 for a still), each with its
/// own tracking (the driver waits for every result: the same input gives the same pixels),
/// calling `sink` with each. Returns how many were rendered.
pub fn render(
    driver: &mut Driver,
    source: &mut Source,
    frames: Option<u64>,
    format: PixelFormat,
    mut sink: impl FnMut(&FrameData) -> Result<()>,
) -> Result<u64> {
    render_with_sound(driver, source, frames, format, |frame, _| sink(frame))
}

/// [`render`], also handing `sink` the sounds each frame started or stopped.
pub fn render_with_sound(
    driver: &mut Driver,
    source: &mut Source,
    frames: Option<u64>,
    format: PixelFormat,
    mut sink: impl FnMut(&FrameData, &[SoundCue]) -> Result<()>,
) -> Result<u64> {
    let limit = frames.unwrap_or(if source.is_still() { 1 } else { u64::MAX });
    let fps = f64::from(driver.player().fps().max(1.0));
    let mut index = 0;
    while index < limit {
        let Some(pixels) = source.next(index)? else {
            break;
        };
        let frame = Frame {
            index,
            time_s: index as f64 / fps,
            pixels,
        };
        let out = driver.frame(&frame, &[], Wait::Exact, format)?;
        sink(&out.data, &driver.player().scene().report().sounds)?;
        index += 1;
    }
    Ok(index)
}
