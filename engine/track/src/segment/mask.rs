//! The person mask: one byte per frame pixel, 0 = background, 255 = person, in the frame's
//! geometry (same width and height as the frame it was computed from), row-major, no padding.
//! The renderer's background layer samples it as a single-channel texture.

use std::path::Path;

use crate::error::TrackError;

/// Where the person is in one frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonMask {
    pub width: u32,
    pub height: u32,
    /// `width * height` bytes, row after row; 255 = person, 0 = background.
    pub data: Vec<u8>,
}

impl PersonMask {
    /// The value at pixel (x, y); 0 outside the mask.
    pub fn at(&self, x: u32, y: u32) -> u8 {
        if x >= self.width || y >= self.height {
            return 0;
        }
        self.data
            .get(y as usize * self.width as usize + x as usize)
            .copied()
            .unwrap_or(0)
    }

    /// The share (0..1) of pixels in the rectangle `x, y, w, h` (clipped to the mask) that are
    /// person (value > 128); 0 for an empty rectangle.
    pub fn coverage_in(&self, x: u32, y: u32, w: u32, h: u32) -> f32 {
        let x1 = x.saturating_add(w).min(self.width);
        let y1 = y.saturating_add(h).min(self.height);
        let (mut on, mut all) = (0_u64, 0_u64);
        for yy in y.min(y1)..y1 {
            for xx in x.min(x1)..x1 {
                all += 1;
                on += u64::from(self.at(xx, yy) > 128);
            }
        }
        if all == 0 {
            0.0
        } else {
            on as f32 / all as f32
        }
    }

    /// The share (0..1) of the whole mask that is person.
    pub fn coverage(&self) -> f32 {
        self.coverage_in(0, 0, self.width, self.height)
    }

    /// The mask as a grayscale image (white = person).
    pub fn to_image(&self) -> image::GrayImage {
        image::GrayImage::from_fn(self.width, self.height, |x, y| image::Luma([self.at(x, y)]))
    }

    /// Writes the mask as a grayscale PNG.
    pub fn save_png(&self, path: &Path) -> Result<(), TrackError> {
        self.to_image()
            .save_with_format(path, image::ImageFormat::Png)
            .map_err(|e| TrackError::Image {
                path: path.to_owned(),
                detail: format!("writing the mask PNG: {e}"),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_counts_person_pixels_and_clips() {
        let m = PersonMask {
            width: 4,
            height: 2,
            data: vec![255, 255, 0, 0, 200, 0, 0, 129],
        };
        assert_eq!(m.at(0, 1), 200);
        assert_eq!(m.at(9, 9), 0);
        assert!((m.coverage() - 0.5).abs() < 1e-6);
        assert!((m.coverage_in(0, 0, 2, 2) - 0.75).abs() < 1e-6);
        assert!((m.coverage_in(2, 0, 100, 100) - 0.25).abs() < 1e-6);
        assert!(m.coverage_in(10, 10, 5, 5).abs() < 1e-9);
        let img = m.to_image();
        assert_eq!(
            (img.width(), img.height(), img.get_pixel(3, 1).0),
            (4, 2, [129])
        );
    }

    #[test]
    fn saves_a_png_and_names_the_path_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let m = PersonMask {
            width: 3,
            height: 3,
            data: vec![7; 9],
        };
        let p = dir.path().join("mask.png");
        m.save_png(&p).unwrap();
        let back = image::open(&p).unwrap().to_luma8();
        assert_eq!(back.as_raw(), &m.data);
        let bad = dir.path().join("missing").join("mask.png");
        let err = m.save_png(&bad).unwrap_err().to_string();
        assert!(err.contains("mask.png"), "{err}");
    }
}
