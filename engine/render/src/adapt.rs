//! Frame adaptation: fitting a source frame (camera, mask) into the output and mapping tracking
//! coordinates along with it, so one effect renders right at 1280x720, 720x1280 and 1080x1080.
//!
//! The camera frame is fitted with [`Fit`]; [`FrameMap`] carries the same scale and offset to
//! turn tracker pixels (source frame) into output pixels, where sprites are placed. Per-orientation
//! overrides are the scene's business; [`Orientation`] and [`safe_rect`] give it the facts.

use effect_schema::tracking::{Point2, Rect};

/// How a source image fills the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fit {
    /// Fill the output, cropping the source's overflow (centred). What a camera feed wants.
    #[default]
    Cover,
    /// Show the whole source, letterboxed.
    Contain,
    /// Stretch to the output, ignoring aspect.
    Stretch,
}

/// The output's orientation, for per-orientation overrides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    Landscape,
    Portrait,
    Square,
}

impl Orientation {
    /// The orientation of a `width` x `height` frame.
    pub fn of(width: u32, height: u32) -> Self {
        match width.cmp(&height) {
            std::cmp::Ordering::Greater => Self::Landscape,
            std::cmp::Ordering::Less => Self::Portrait,
            std::cmp::Ordering::Equal => Self::Square,
        }
    }
}

/// Maps source-frame pixels to output pixels: `out = src * scale + offset`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameMap {
    pub scale: [f32; 2],
    pub offset: [f32; 2],
}

impl FrameMap {
    /// The mapping that `fit` applies to a `src` sized frame drawn into a `dst` sized output.
    pub fn new(src: [u32; 2], dst: [u32; 2], fit: Fit) -> Self {
        let (sw, sh) = (src[0].max(1) as f32, src[1].max(1) as f32);
        let (dw, dh) = (dst[0] as f32, dst[1] as f32);
        let (sx, sy) = match fit {
            Fit::Stretch => (dw / sw, dh / sh),
            Fit::Cover => {
                let s = (dw / sw).max(dh / sh);
                (s, s)
            }
            Fit::Contain => {
                let s = (dw / sw).min(dh / sh);
                (s, s)
            }
        };
        Self {
            scale: [sx, sy],
            offset: [(dw - sw * sx) * 0.5, (dh - sh * sy) * 0.5],
        }
    }

    /// A source point in output pixels.
    pub fn point(&self, p: Point2) -> Point2 {
        Point2 {
            x: p.x * self.scale[0] + self.offset[0],
            y: p.y * self.scale[1] + self.offset[1],
        }
    }

    /// A source rectangle in output pixels.
    pub fn rect(&self, r: Rect) -> Rect {
        let p = self.point(Point2 { x: r.x, y: r.y });
        Rect {
            x: p.x,
            y: p.y,
            w: r.w * self.scale[0],
            h: r.h * self.scale[1],
        }
    }

    /// A source length (face size, prop scale) in output pixels (mean of the two axes).
    pub fn length(&self, l: f32) -> f32 {
        l * (self.scale[0] + self.scale[1]) * 0.5
    }

    /// The output→source UV transform the shaders use: `uv_src = uv_out * a + b`.
    pub(crate) fn uv_transform(&self, src: [u32; 2], dst: [u32; 2]) -> [f32; 4] {
        let (sw, sh) = (src[0].max(1) as f32, src[1].max(1) as f32);
        let (dw, dh) = (dst[0] as f32, dst[1] as f32);
        // out_px = src_px * scale + offset  =>  src_uv = (out_uv * d - offset) / (scale * s)
        [
            dw / (self.scale[0] * sw),
            dh / (self.scale[1] * sh),
            -self.offset[0] / (self.scale[0] * sw),
            -self.offset[1] / (self.scale[1] * sh),
        ]
    }
}

/// The part of a `width` x `height` output left after insets given as fractions of each side
/// (`[top, right, bottom, left]`), e.g. to keep text clear of a platform's UI overlays.
pub fn safe_rect(width: u32, height: u32, insets: [f32; 4]) -> Rect {
    let (w, h) = (width as f32, height as f32);
    let [t, r, b, l] = insets.map(|v| v.clamp(0.0, 0.5));
    Rect {
        x: w * l,
        y: h * t,
        w: w * (1.0 - l - r),
        h: h * (1.0 - t - b),
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values are exact in binary floating point
mod tests {
    use super::*;

    #[test]
    fn cover_crops_the_long_side_and_maps_points() {
        // A 4:3 camera into 16:9: scale by width, crop top and bottom.
        let m = FrameMap::new([640, 480], [1280, 720], Fit::Cover);
        assert_eq!(m.scale, [2.0, 2.0]);
        assert_eq!(m.offset, [0.0, -120.0]);
        let c = m.point(Point2 { x: 320.0, y: 240.0 });
        assert_eq!((c.x, c.y), (640.0, 360.0));
        // Portrait output from a landscape camera: scale by height, crop the sides.
        let p = FrameMap::new([1280, 720], [720, 1280], Fit::Cover);
        assert!((p.scale[0] - 1280.0 / 720.0).abs() < 1e-6);
        assert!(p.offset[0] < 0.0 && p.offset[1].abs() < 1e-3);
        let r = p.rect(Rect {
            x: 0.0,
            y: 0.0,
            w: 1280.0,
            h: 720.0,
        });
        assert!((r.h - 1280.0).abs() < 1e-3 && (r.x + r.w * 0.5 - 360.0).abs() < 1e-3);
    }

    #[test]
    fn uv_transform_inverts_the_point_map() {
        for fit in [Fit::Cover, Fit::Contain, Fit::Stretch] {
            let (src, dst) = ([640, 480], [1080, 1080]);
            let m = FrameMap::new(src, dst, fit);
            let p = m.point(Point2 { x: 100.0, y: 50.0 });
            let [a, b, c, d] = m.uv_transform(src, dst);
            let u = (p.x / 1080.0) * a + c;
            let v = (p.y / 1080.0) * b + d;
            assert!(
                (u - 100.0 / 640.0).abs() < 1e-5 && (v - 50.0 / 480.0).abs() < 1e-5,
                "{fit:?}"
            );
        }
    }

    #[test]
    fn orientation_and_safe_area() {
        assert_eq!(Orientation::of(1280, 720), Orientation::Landscape);
        assert_eq!(Orientation::of(720, 1280), Orientation::Portrait);
        assert_eq!(Orientation::of(1080, 1080), Orientation::Square);
        let r = safe_rect(1000, 500, [0.1, 0.0, 0.2, 0.05]);
        assert_eq!((r.x, r.y, r.w, r.h), (50.0, 50.0, 950.0, 350.0));
    }
}
