//! A moving-face clip made from a photo (pan, zoom, rotate ±20°) must be tracked in ≥ 99% of
//! frames with a stable id; the landmark error against the known motion and the jitter are
//! printed.

mod common;

use common::photo;
use lantern_track::{FrameView, Models, PixelFormat, Tracker, TrackerConfig};

/// Frame `i` of `n`: the photo turned by up to ±20°, zoomed 0.8–1.2x and panned, as an
/// affine map from output pixels to photo pixels (and its inverse for the landmarks).
struct Motion {
    angle: f32,
    zoom: f32,
    pan: (f32, f32),
}

fn motion(i: usize, n: usize) -> Motion {
    let phase = i as f32 / n as f32 * std::f32::consts::TAU;
    Motion {
        angle: 20_f32.to_radians() * phase.sin(),
        zoom: 1.0 + 0.2 * (2.0 * phase).sin(),
        pan: (60.0 * (phase * 1.5).cos(), 40.0 * (phase * 3.0).sin()),
    }
}

impl Motion {
    /// Photo point → output point (output size == photo size, centres aligned).
    fn forward(&self, size: (f32, f32), point: (f32, f32)) -> (f32, f32) {
        let (dx, dy) = (point.0 - size.0 / 2.0, point.1 - size.1 / 2.0);
        let (sin, cos) = self.angle.sin_cos();
        (
            size.0 / 2.0 + self.zoom * (dx * cos - dy * sin) + self.pan.0,
            size.1 / 2.0 + self.zoom * (dx * sin + dy * cos) + self.pan.1,
        )
    }

    fn render(&self, src: &FrameView<'_>, w: u32, h: u32) -> Vec<u8> {
        let (wf, hf) = (w as f32, h as f32);
        let (sin, cos) = self.angle.sin_cos();
        let mut out = vec![0_u8; (w * h * 3) as usize];
        for y in 0..h {
            for x in 0..w {
                let (ox, oy) = (
                    x as f32 + 0.5 - wf / 2.0 - self.pan.0,
                    y as f32 + 0.5 - hf / 2.0 - self.pan.1,
                );
                let (ux, uy) = (
                    (ox * cos + oy * sin) / self.zoom,
                    (-ox * sin + oy * cos) / self.zoom,
                );
                let p = src.sample(ux + wf / 2.0, uy + hf / 2.0).unwrap_or([0.0; 3]);
                let i = ((y * w + x) * 3) as usize;
                out[i..i + 3].copy_from_slice(&p.map(|v| v as u8));
            }
        }
        out
    }
}

#[test]
fn a_moving_face_is_tracked_with_a_stable_id() {
    let img = photo("keijiro_pexels-sam-lion-5709614.jpg");
    let img = image::imageops::resize(
        &img,
        img.width() / 2,
        img.height() / 2,
        image::imageops::FilterType::Triangle,
    );
    let (w, h) = (img.width(), img.height());
    let src = FrameView::from_rgba(&img).unwrap();
    // Reference landmarks on the still photo.
    let mut still = Tracker::new(
        &Models::discover(),
        TrackerConfig {
            hands: false,
            ..TrackerConfig::still()
        },
    )
    .unwrap();
    let reference = still.track(&src, None).unwrap();
    assert_eq!(reference.faces.len(), 1);
    let ref_pts = &reference.faces[0].landmarks;

    let cfg = TrackerConfig {
        hands: false,
        ..TrackerConfig::default()
    };
    let mut tracker = Tracker::new(&Models::discover(), cfg).unwrap();
    let n = 120;
    let (mut tracked, mut ids, mut err_sum, mut err_n) =
        (0, std::collections::BTreeSet::new(), 0.0_f32, 0);
    let mut jitter = Vec::new();
    let mut prev_residual: Option<Vec<(f32, f32)>> = None;
    for i in 0..n {
        let mo = motion(i, n);
        let buf = mo.render(&src, w, h);
        let frame = FrameView::new(&buf, w, h, (w * 3) as usize, PixelFormat::Rgb8).unwrap();
        let tf = tracker.track(&frame, None).unwrap();
        if tf.faces.len() != 1 {
            prev_residual = None;
            continue;
        }
        tracked += 1;
        ids.insert(tf.faces[0].id);
        let residual: Vec<(f32, f32)> = tf.faces[0]
            .landmarks
            .iter()
            .zip(ref_pts)
            .map(|(p, reference)| {
                let (ex, ey) = mo.forward((w as f32, h as f32), (reference.x, reference.y));
                (p.x - ex, p.y - ey)
            })
            .collect();
        err_sum += residual
            .iter()
            .map(|(x, y)| (x * x + y * y).sqrt())
            .sum::<f32>()
            / residual.len() as f32;
        err_n += 1;
        if let Some(prev) = &prev_residual {
            let step = residual
                .iter()
                .zip(prev)
                .map(|(a, b)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt())
                .sum::<f32>()
                / residual.len() as f32;
            jitter.push(step);
        }
        prev_residual = Some(residual);
    }
    let face_px = reference.faces[0].scale;
    println!(
        "clip {w}x{h}, {n} frames: tracked {tracked}, ids {ids:?}, mean landmark error vs known motion {:.2} px, \
         frame-to-frame jitter of that error {:.2} px (face scale {face_px:.0} px)",
        err_sum / err_n.max(1) as f32,
        jitter.iter().sum::<f32>() / jitter.len().max(1) as f32
    );
    assert!(tracked * 100 >= n * 99, "tracked {tracked} of {n}");
    assert_eq!(ids.len(), 1, "ids {ids:?}");
}
