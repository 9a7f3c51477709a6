//! The tracking overlay: what the tracker saw in this frame, drawn over the outgoing picture —
//! face boxes with their mesh points and named anchors, hand skeletons (MediaPipe's 21-point
//! topology) with handedness and the held gesture. Coordinates arrive in output pixels
//! (`Preview.tracking`) and go through the frame view's [`Mapping`].

use eframe::egui::{Align2, Color32, FontId, Painter, Stroke, StrokeKind, vec2};
use lantern_engine::schema::tracking::{Face, Hand, TrackingFrame};

use crate::frame_view::Mapping;

const FACE: Color32 = Color32::from_rgb(0, 220, 255);
const MESH: Color32 = Color32::from_rgba_premultiplied(0, 160, 190, 160);
const ANCHOR: Color32 = Color32::from_rgb(255, 80, 200);
const HAND: Color32 = Color32::from_rgb(90, 255, 120);

/// The bones of a hand, as pairs of MediaPipe landmark indices (wrist 0; thumb 1–4; index
/// 5–8; middle 9–12; ring 13–16; little 17–20; the palm joins the knuckles).
pub const HAND_BONES: [(usize, usize); 21] = [
    (0, 1),
    (1, 2),
    (2, 3),
    (3, 4),
    (0, 5),
    (5, 6),
    (6, 7),
    (7, 8),
    (5, 9),
    (9, 10),
    (10, 11),
    (11, 12),
    (9, 13),
    (13, 14),
    (14, 15),
    (15, 16),
    (13, 17),
    (0, 17),
    (17, 18),
    (18, 19),
    (19, 20),
];

/// Draws every face and hand of `t`.
pub fn draw(painter: &Painter, map: &Mapping, t: &TrackingFrame) {
    for face in &t.faces {
        draw_face(painter, map, face);
    }
    for hand in &t.hands {
        draw_hand(painter, map, hand);
    }
}

fn draw_face(painter: &Painter, map: &Mapping, face: &Face) {
    let b = face.bbox;
    let r = map.rect(b.x, b.y, b.w, b.h);
    painter.rect_stroke(r, 0.0, Stroke::new(1.5, FACE), StrokeKind::Middle);
    for p in &face.landmarks {
        painter.circle_filled(map.point(p.x, p.y), 1.0, MESH);
    }
    for (anchor, p) in &face.anchors {
        let at = map.point(p.x, p.y);
        painter.circle_filled(at, 3.0, ANCHOR);
        painter.text(
            at + vec2(4.0, 0.0),
            Align2::LEFT_CENTER,
            anchor.name(),
            FontId::proportional(10.0),
            ANCHOR,
        );
    }
    label(
        painter,
        r.left_bottom() + vec2(0.0, 2.0),
        &format!("face {} · {:.2}", face.id, face.score),
        FACE,
    );
}

fn draw_hand(painter: &Painter, map: &Mapping, hand: &Hand) {
    let pts: Vec<_> = hand.landmarks.iter().map(|p| map.point(p.x, p.y)).collect();
    for &(a, b) in &HAND_BONES {
        if let (Some(&pa), Some(&pb)) = (pts.get(a), pts.get(b)) {
            painter.line_segment([pa, pb], Stroke::new(2.0, HAND));
        }
    }
    for &p in &pts {
        painter.circle_filled(p, 2.5, Color32::WHITE);
    }
    let b = hand.bbox;
    let r = map.rect(b.x, b.y, b.w, b.h);
    let gesture = hand.gesture.map_or_else(String::new, |g| {
        serde_json::to_value(g)
            .ok()
            .and_then(|v| v.as_str().map(|s| format!(" · {s}")))
            .unwrap_or_default()
    });
    let side = serde_json::to_value(hand.handedness)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    label(
        painter,
        r.left_top() - vec2(0.0, 16.0),
        &format!("{side} hand {}{gesture}", hand.id),
        HAND,
    );
}

/// A small caption with a dark backing, readable on any picture.
fn label(painter: &Painter, at: eframe::egui::Pos2, text: &str, color: Color32) {
    let galley = painter.layout_no_wrap(text.to_owned(), FontId::proportional(12.0), color);
    let bg = eframe::egui::Rect::from_min_size(at, galley.size() + vec2(6.0, 2.0));
    painter.rect_filled(bg, 2.0, Color32::from_black_alpha(170));
    painter.galley(at + vec2(3.0, 1.0), galley, color);
}

#[cfg(test)]
mod tests {
    use super::HAND_BONES;

    #[test]
    fn the_hand_skeleton_reaches_all_21_landmarks() {
        let mut seen = [false; 21];
        for (a, b) in HAND_BONES {
            seen[a] = true;
            seen[b] = true;
        }
        assert!(seen.iter().all(|s| *s));
    }
}
