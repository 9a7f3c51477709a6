//! The worker's side of a preview: the effect rendered over one reference photo held still for
//! a second (animations settle, triggers fire), with live tracking when the models are installed
//! and without when they are not. Runs in its own limited process, like the check.

use std::path::Path;

use lantern_engine::driver::{Driver, DriverOptions, TrackingSpec};
use lantern_engine::offline::{self, open_source};
use lantern_engine::render::PixelFormat;
use lantern_engine::schema::Package;
use lantern_engine::{PlayerOptions, schema::package::Limits};

/// Frames rendered before the one kept (one second at 30 fps).
const FRAMES: u64 = 30;
/// The long side of a preview, pixels.
const LONG_SIDE: u32 = 640;

/// Renders `package` over `photo` into the PNG `out`; returns a note when tracking was off.
pub fn preview(package: &Path, photo: &Path, out: &Path) -> anyhow::Result<Option<String>> {
    match render(package, photo, out, TrackingSpec::Models) {
        Ok(()) => Ok(None),
        Err(e) => {
            let note = format!("rendered without tracking ({e})");
            render(package, photo, out, TrackingSpec::Off)?;
            Ok(Some(note))
        }
    }
}

fn render(package: &Path, photo: &Path, out: &Path, tracking: TrackingSpec) -> anyhow::Result<()> {
    let pkg = Package::from_zip_bytes(std::fs::read(package)?, &Limits::default())?;
    let target = pkg.effect.meta.target_resolution;
    let scale = f64::from(LONG_SIDE) / f64::from(target.width.max(target.height).max(1));
    let even = |v: u32| ((f64::from(v) * scale) as u32 & !1).max(2);
    let (width, height) = (even(target.width), even(target.height));
    let mut source = open_source(photo, 30)?;
    let player = PlayerOptions {
        width,
        height,
        fps: 30.0,
        ..PlayerOptions::default()
    };
    let options = DriverOptions::new(player, tracking, source.is_still());
    let mut driver = Driver::new(pkg, options)?;
    let mut last = None;
    offline::render(
        &mut driver,
        &mut source,
        Some(FRAMES),
        PixelFormat::Rgba,
        |f| {
            last = Some(f.clone());
            Ok(())
        },
    )?;
    let frame = last.ok_or_else(|| anyhow::anyhow!("no frame was rendered"))?;
    let img = image::RgbaImage::from_raw(frame.width, frame.height, frame.bytes)
        .ok_or_else(|| anyhow::anyhow!("the renderer returned a short frame"))?;
    img.save(out)?;
    Ok(())
}
