//! Where things go in the output frame: tracking mapped from camera pixels to output pixels
//! (the same `Cover` fit the camera frame is drawn with), frame placements resolved for the
//! output's orientation and safe area, and the transforms of props that follow a face or hand.

use effect_schema::format::{FacePropLayer, HandPropLayer, HandSelect, Placement, RelativeTo};
use effect_schema::tracking::{Face, Hand, Point2, Point3, Rect, TrackingFrame};
use effect_schema::vocab::{FaceAnchor, Handedness};
use lantern_render::SpriteTransform;
use lantern_render::adapt::{Fit, FrameMap, safe_rect};

use super::animate::Pose;

/// The output frame's geometry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Output {
    pub width: u32,
    pub height: u32,
    /// Safe-area insets `[top, right, bottom, left]` as fractions.
    pub safe_area: [f32; 4],
}

impl Output {
    /// The rectangle a placement is relative to.
    pub fn reference(&self, relative_to: RelativeTo) -> Rect {
        match relative_to {
            RelativeTo::Frame => Rect {
                x: 0.0,
                y: 0.0,
                w: self.width as f32,
                h: self.height as f32,
            },
            RelativeTo::SafeArea => safe_rect(self.width, self.height, self.safe_area),
        }
    }

    /// The size of the rectangle `placement` is relative to in this output (its orientation's
    /// override applied): the unit of its position, and of an animation's offsets.
    pub fn unit(&self, placement: &Placement) -> [f32; 2] {
        let orientation = effect_schema::format::Orientation::of(self.width, self.height);
        let relative_to = placement
            .override_for(orientation)
            .and_then(|o| o.relative_to)
            .unwrap_or(placement.relative_to);
        let r = self.reference(relative_to);
        [r.w, r.h]
    }

    /// `placement` (overrides applied for this output's orientation) as a sprite transform for
    /// content of aspect `aspect` (height / width).
    pub fn place(&self, placement: &Placement, aspect: f32) -> SpriteTransform {
        let p = placement.resolve(effect_schema::format::Orientation::of(
            self.width,
            self.height,
        ));
        let r = self.reference(p.relative_to);
        let w = p.width * r.w;
        SpriteTransform {
            position: Point2 {
                x: r.x + p.position.x * r.w,
                y: r.y + p.position.y * r.h,
            },
            size: [w, w * aspect],
            anchor: [p.pivot.x, p.pivot.y],
            rotation: p.rotation,
            opacity: 1.0,
            yaw: None,
        }
    }
}

/// Maps a tracking frame from the camera's pixels into the output's, as the camera frame is drawn.
pub fn map_tracking(t: &TrackingFrame, output: &Output) -> TrackingFrame {
    let map = FrameMap::new(
        [t.width, t.height],
        [output.width, output.height],
        Fit::Cover,
    );
    let p2 = |p: Point2| map.point(p);
    let p3 = |p: Point3| {
        let q = map.point(Point2 { x: p.x, y: p.y });
        Point3 {
            x: q.x,
            y: q.y,
            z: map.length(p.z),
        }
    };
    let mut out = t.clone();
    out.width = output.width;
    out.height = output.height;
    for f in &mut out.faces {
        f.bbox = map.rect(f.bbox);
        f.scale = map.length(f.scale);
        for a in f.anchors.values_mut() {
            *a = p2(*a);
        }
        for l in &mut f.landmarks {
            *l = p3(*l);
        }
    }
    for h in &mut out.hands {
        h.bbox = map.rect(h.bbox);
        for l in &mut h.landmarks {
            *l = p3(*l);
        }
    }
    out
}

/// Rotates `v` clockwise (y down) by `degrees`.
fn rotate(v: Point2, degrees: f32) -> Point2 {
    let (s, c) = degrees.to_radians().sin_cos();
    Point2 {
        x: v.x * c - v.y * s,
        y: v.x * s + v.y * c,
    }
}

/// The transform of a face prop on `face` (output pixels), for content of aspect `aspect`, with
/// an animation's `pose` (offsets in face sizes, in the face's frame).
pub fn face_prop(
    layer: &FacePropLayer,
    face: &Face,
    aspect: f32,
    pose: &Pose,
) -> Option<SpriteTransform> {
    let anchor = face_anchor(face, layer.anchor)?;
    let roll = if layer.follow_rotation {
        face.pose.roll
    } else {
        0.0
    };
    let s = face.scale.max(1.0);
    let offset = rotate(
        Point2 {
            x: (layer.offset.x + pose.offset.x) * s,
            y: (layer.offset.y + pose.offset.y) * s,
        },
        roll,
    );
    let w = layer.scale * pose.scale * s;
    Some(SpriteTransform {
        position: Point2 {
            x: anchor.x + offset.x,
            y: anchor.y + offset.y,
        },
        size: [w, w * aspect],
        anchor: [layer.pivot.x, layer.pivot.y],
        rotation: layer.rotation + pose.rotation + roll,
        opacity: 1.0,
        yaw: layer.follow_rotation.then_some(face.pose.yaw),
    })
}

/// A face's anchor point; falls back to the box when the tracker gave no anchors.
pub(super) fn face_anchor(face: &Face, anchor: FaceAnchor) -> Option<Point2> {
    if let Some(p) = face.anchors.get(&anchor) {
        return Some(*p);
    }
    let b = face.bbox;
    if b.w <= 0.0 || b.h <= 0.0 {
        return None;
    }
    let (fx, fy) = match anchor {
        FaceAnchor::Forehead => (0.5, 0.1),
        FaceAnchor::BetweenEyes => (0.5, 0.35),
        FaceAnchor::NoseTip => (0.5, 0.55),
        FaceAnchor::Mouth => (0.5, 0.75),
        FaceAnchor::Chin => (0.5, 0.95),
        FaceAnchor::LeftEye => (0.7, 0.38),
        FaceAnchor::RightEye => (0.3, 0.38),
        FaceAnchor::LeftCheek => (0.8, 0.6),
        FaceAnchor::RightCheek => (0.2, 0.6),
    };
    Some(Point2 {
        x: b.x + b.w * fx,
        y: b.y + b.h * fy,
    })
}

/// Whether `hand` is the one `select` asks for.
pub fn hand_selected(hand: &Hand, select: HandSelect) -> bool {
    match select {
        HandSelect::Any => true,
        HandSelect::Left => hand.handedness == Handedness::Left,
        HandSelect::Right => hand.handedness == Handedness::Right,
    }
}

/// The transform of a hand prop on `hand` (output pixels), with an animation's `pose` (offsets
/// in palm widths, in the hand's frame).
pub fn hand_prop(
    layer: &HandPropLayer,
    hand: &Hand,
    aspect: f32,
    pose: &Pose,
) -> Option<SpriteTransform> {
    let lm = |i: usize| hand.landmarks.get(i).map(|p| Point2 { x: p.x, y: p.y });
    let (wrist, index_mcp, middle_mcp, pinky_mcp) = (lm(0)?, lm(5)?, lm(9)?, lm(17)?);
    let point = if let Some(i) = layer.landmark.index() {
        lm(i)?
    } else {
        // The palm centre: the mean of the wrist and the four finger bases.
        let ring_mcp = lm(13)?;
        let pts = [wrist, index_mcp, middle_mcp, ring_mcp, pinky_mcp];
        Point2 {
            x: pts.iter().map(|p| p.x).sum::<f32>() / 5.0,
            y: pts.iter().map(|p| p.y).sum::<f32>() / 5.0,
        }
    };
    let palm = ((index_mcp.x - pinky_mcp.x).powi(2) + (index_mcp.y - pinky_mcp.y).powi(2))
        .sqrt()
        .max(1.0);
    // The hand's roll: 0 when the fingers point up.
    let roll = if layer.follow_rotation {
        (middle_mcp.x - wrist.x)
            .atan2(wrist.y - middle_mcp.y)
            .to_degrees()
    } else {
        0.0
    };
    let offset = rotate(
        Point2 {
            x: (layer.offset.x + pose.offset.x) * palm,
            y: (layer.offset.y + pose.offset.y) * palm,
        },
        roll,
    );
    let w = layer.scale * pose.scale * palm;
    Some(SpriteTransform {
        position: Point2 {
            x: point.x + offset.x,
            y: point.y + offset.y,
        },
        size: [w, w * aspect],
        anchor: [0.5, 0.5],
        rotation: layer.rotation + pose.rotation + roll,
        opacity: 1.0,
        yaw: None,
    })
}
