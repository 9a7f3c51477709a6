//! `lantern bench track`: ms per model and per frame for face-only, hands-only and face+hands,
//! in detection and tracking frames, with 1 and 2 intra-op threads, over the test photos at
//! 1280x720 (`$LANTERN_MEDIA` or `shared/media` beside the checkout). The measuring lives in
//! `lantern_track::bench`; this prints its table.

/// Runs the tracking benchmark over `frames` frames per scenario.
pub fn run(frames: u32) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    lantern_engine::track::bench::run(frames, &mut stdout)?;
    Ok(())
}
