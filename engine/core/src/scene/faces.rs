//! Faces as props see them: each tracked face with a fade, so props fade in when a face is
//! found and fade out (staying where the face was last seen) when it is lost, instead of
//! popping. Ids come from the tracker and are stable while a face stays in view.

use std::collections::BTreeMap;

use effect_schema::tracking::Face;

/// Seconds a prop takes to fade in or out.
pub const FADE_SECONDS: f64 = 0.2;

/// A face to draw props on, in output pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct FaceView {
    pub face: Face,
    /// 0..1.
    pub alpha: f32,
}

#[derive(Clone, Debug)]
struct Seen {
    first: f64,
    last: f64,
    face: Face,
}

/// Remembers faces across frames for the fades.
#[derive(Clone, Debug, Default)]
pub struct FaceMemory {
    seen: BTreeMap<u32, Seen>,
    /// Whether any frame was seen yet: faces in the very first frame are shown at once.
    started: bool,
}

impl FaceMemory {
    /// Updates with this frame's faces (output pixels) and returns the faces to draw: those in
    /// view in the tracker's order, then those fading out.
    pub fn update(&mut self, faces: &[Face], now: f64) -> Vec<FaceView> {
        let first_seen = if self.started {
            now
        } else {
            now - FADE_SECONDS
        };
        self.started = true;
        for f in faces {
            let e = self.seen.entry(f.id).or_insert_with(|| Seen {
                first: first_seen,
                last: now,
                face: f.clone(),
            });
            e.last = now;
            e.face = f.clone();
        }
        self.seen.retain(|_, s| now - s.last <= FADE_SECONDS);
        let mut out: Vec<FaceView> = faces
            .iter()
            .map(|f| {
                let first = self.seen.get(&f.id).map_or(now, |s| s.first);
                FaceView {
                    face: f.clone(),
                    alpha: ((now - first) / FADE_SECONDS).clamp(0.2, 1.0) as f32,
                }
            })
            .collect();
        for s in self.seen.values() {
            if s.last < now {
                out.push(FaceView {
                    face: s.face.clone(),
                    alpha: (1.0 - (now - s.last) / FADE_SECONDS).clamp(0.0, 1.0) as f32,
                });
            }
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::many_single_char_names)]
mod tests {
    use super::*;

    #[test]
    fn fades_in_and_out() {
        let mut memory = FaceMemory::default();
        let f = Face {
            id: 3,
            ..Face::default()
        };
        // A face in the first frame shows at once; a face found later fades in.
        let g = Face {
            id: 4,
            ..Face::default()
        };
        assert!((memory.update(std::slice::from_ref(&g), 0.0)[0].alpha - 1.0).abs() < 1e-6);
        let a = memory.update(std::slice::from_ref(&f), 0.01);
        assert!(a[0].alpha < 0.5);
        let b = memory.update(std::slice::from_ref(&f), 0.3);
        assert!((b[0].alpha - 1.0).abs() < 1e-6);
        let c = memory.update(&[], 0.4);
        assert_eq!(c.len(), 1);
        assert!(c[0].alpha > 0.0 && c[0].alpha < 1.0);
        assert!(memory.update(&[], 0.6).is_empty());
    }
}
