//! The tracking overlay: what the tracker found, in output pixels as the effect used it (the
//! driver maps it once), reduced to what the webview draws — boxes, mesh points, anchors, hand
//! landmarks and gesture names.

use lantern_engine::schema::tracking::{Point3, Rect, TrackingFrame};

use super::message::{Overlay, OverlayAnchor, OverlayFace, OverlayHand};

fn bbox(r: Rect) -> [f32; 4] {
    [r.x, r.y, r.w, r.h]
}

/// Flat `x, y` pairs rounded to a tenth of a pixel (keeps the JSON small).
fn flat(points: &[Point3]) -> Vec<f32> {
    let round = |v: f32| (v * 10.0).round() / 10.0;
    points
        .iter()
        .flat_map(|p| [round(p.x), round(p.y)])
        .collect()
}

/// The overlay of `t` (output pixels).
pub fn overlay(t: &TrackingFrame) -> Overlay {
    let mut gestures: Vec<_> = t.hands.iter().filter_map(|h| h.gesture).collect();
    gestures.extend(t.gestures.iter().map(|g| g.gesture));
    gestures.sort();
    gestures.dedup();
    Overlay {
        faces: t
            .faces
            .iter()
            .map(|f| OverlayFace {
                bbox: bbox(f.bbox),
                points: flat(&f.landmarks),
                anchors: f
                    .anchors
                    .iter()
                    .map(|(name, p)| OverlayAnchor {
                        name: *name,
                        x: p.x,
                        y: p.y,
                    })
                    .collect(),
            })
            .collect(),
        hands: t
            .hands
            .iter()
            .map(|h| OverlayHand {
                bbox: bbox(h.bbox),
                points: flat(&h.landmarks),
                handedness: h.handedness,
                gesture: h.gesture,
            })
            .collect(),
        gestures,
    }
}

#[cfg(test)]
#[allow(
    clippy::float_cmp,
    reason = "exact values: no arithmetic rounding in play"
)]
mod tests {
    use lantern_engine::schema::tracking::{Face, Hand, Point2};
    use lantern_engine::schema::vocab::{FaceAnchor, Gesture, Handedness};

    use super::*;

    #[test]
    fn keeps_what_the_webview_draws() {
        let mut face = Face {
            bbox: Rect {
                x: 10.0,
                y: 10.0,
                w: 80.0,
                h: 80.0,
            },
            landmarks: vec![Point3 {
                x: 50.0,
                y: 50.0,
                z: 0.0,
            }],
            ..Face::default()
        };
        face.anchors
            .insert(FaceAnchor::Forehead, Point2 { x: 50.0, y: 20.0 });
        let hand = Hand {
            id: 1,
            score: 1.0,
            handedness: Handedness::Left,
            bbox: Rect::default(),
            landmarks: vec![Point3::default(); 21],
            gesture: Some(Gesture::Heart),
        };
        let t = TrackingFrame {
            width: 100,
            height: 100,
            faces: vec![face],
            hands: vec![hand],
            ..TrackingFrame::default()
        };
        let o = overlay(&t);
        assert_eq!(o.faces[0].bbox, [10.0, 10.0, 80.0, 80.0]);
        assert_eq!(o.faces[0].points, vec![50.0, 50.0]);
        assert_eq!(
            (o.faces[0].anchors[0].x, o.faces[0].anchors[0].y),
            (50.0, 20.0)
        );
        assert_eq!(o.hands[0].points.len(), 42);
        assert_eq!(o.gestures, vec![Gesture::Heart]);
        assert_eq!(overlay(&TrackingFrame::default()), Overlay::default());
    }
}
