//! Only the segmentation rows of `lantern bench track`:
//! `cargo run --release -p lantern-track --example bench_segment [frames]`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let frames = std::env::args()
        .nth(1)
        .map(|f| f.parse::<u32>())
        .transpose()?
        .unwrap_or(60);
    lantern_track::segment::bench::run(frames, &mut std::io::stdout().lock())?;
    Ok(())
}
