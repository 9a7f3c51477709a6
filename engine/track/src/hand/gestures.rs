//! One-hand gestures from the 21 hand landmarks, by rules.
//!
//! Each finger is judged [`Finger::Extended`], [`Finger::Folded`] or [`Finger::Unclear`] from
//! the 3-D bend at its middle joints and how far its tip reaches from the wrist; the thumb from
//! its bend and how far its tip sits from the index finger's base. A gesture needs every finger
//! it names in a clear state, so an in-between hand (HaGRID's `four`, `three`, `two_up`) reports
//! no gesture instead of a wrong one. Distances are divided by the palm size (wrist → middle
//! finger base), so the rules hold at any scale and rotation.

use effect_schema::vocab::Gesture;

/// A finger's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finger {
    Extended,
    Folded,
    Unclear,
}

/// What the rules saw, for debugging and for the two-hand rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HandShape {
    /// Thumb, index, middle, ring, pinky.
    pub fingers: [Finger; 5],
    /// Palm size in pixels (wrist to middle finger base).
    pub palm: f32,
    /// Thumb tip to index tip, over palm size.
    pub pinch: f32,
    /// Angle between the index and middle fingers' directions, degrees.
    pub spread: f32,
    /// Where the thumb tip lies across the palm: 0 at the index finger's base, 1 at the little
    /// finger's; above ~0.3 the thumb is folded across the palm (HaGRID's `four`).
    pub thumb_across: f32,
}

type P = [f32; 3];

fn sub(a: P, b: P) -> P {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn len(a: P) -> f32 {
    (a[0] * a[0] + a[1] * a[1] + a[2] * a[2]).sqrt()
}

fn dist(a: P, b: P) -> f32 {
    len(sub(a, b))
}

fn dist2(a: P, b: P) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// The angle between two vectors, degrees.
fn angle(a: P, b: P) -> f32 {
    let d = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    (d / (len(a) * len(b)).max(1e-6))
        .clamp(-1.0, 1.0)
        .acos()
        .to_degrees()
}

/// The bend (sum of joint angles, degrees) along a chain of joints.
fn bend(pts: &[P], chain: &[usize]) -> f32 {
    chain
        .windows(3)
        .map(|w| angle(sub(pts[w[1]], pts[w[0]]), sub(pts[w[2]], pts[w[1]])))
        .sum()
}

/// Judges the hand's shape. `pts` are the 21 landmarks (any consistent units).
pub fn shape(pts: &[P]) -> Option<HandShape> {
    if pts.len() < 21 {
        return None;
    }
    let palm = dist(pts[0], pts[9]).max(1e-3);
    let mut fingers = [Finger::Unclear; 5];
    for (f, base) in [(1, 5_usize), (2, 9), (3, 13), (4, 17)] {
        let b = bend(pts, &[base, base + 1, base + 2, base + 3]);
        let b_mcp = bend(pts, &[0, base, base + 1]);
        let reach = dist(pts[0], pts[base + 3]) / dist(pts[0], pts[base + 1]).max(1e-3);
        fingers[f] = if b < 50.0 && b_mcp < 60.0 && reach > 1.25 {
            Finger::Extended
        } else if b + b_mcp > 110.0 || reach < 1.0 {
            Finger::Folded
        } else {
            Finger::Unclear
        };
    }
    let thumb_bend = bend(pts, &[1, 2, 3, 4]);
    let thumb_out = dist(pts[4], pts[5]).max(dist(pts[4], pts[9]) * 0.8) / palm;
    let thumb_reach = dist(pts[4], pts[9]) / palm;
    fingers[0] = if thumb_bend < 45.0 && thumb_out > 0.55 && thumb_reach > 0.75 {
        Finger::Extended
    } else if thumb_out < 0.5 || thumb_bend > 70.0 {
        Finger::Folded
    } else {
        Finger::Unclear
    };
    let spread = angle(sub(pts[8], pts[5]), sub(pts[12], pts[9]));
    let lateral = sub(pts[17], pts[5]);
    let l2 =
        (lateral[0] * lateral[0] + lateral[1] * lateral[1] + lateral[2] * lateral[2]).max(1e-6);
    let tip = sub(pts[4], pts[5]);
    let thumb_across = (tip[0] * lateral[0] + tip[1] * lateral[1] + tip[2] * lateral[2]) / l2;
    Some(HandShape {
        fingers,
        palm,
        pinch: dist(pts[4], pts[8]) / palm,
        spread,
        thumb_across,
    })
}

/// The one-hand gesture of `pts`, if one matches clearly.
pub fn classify(pts: &[P]) -> Option<Gesture> {
    use Finger::{Extended as E, Folded as F};
    let s = shape(pts)?;
    let [thumb, index, middle, ring, pinky] = s.fingers;
    let three_folded = middle == F && ring == F && pinky == F;
    // Thumb direction in the image (y down), for thumbs up/down: within ~55° of vertical (a
    // thumbs-up tilted 30–45° is still one; a sideways thumb is neither).
    let dir = sub(pts[4], pts[2]);
    let vertical = dir[1].abs() > dir[0].abs() * 0.7;
    // The thumb-index loop of OK and finger heart.
    if s.pinch < 0.35 && index != E {
        if middle == E && ring == E && pinky == E {
            return Some(Gesture::Ok);
        }
        let index_tip_out = dist2(pts[8], pts[0]) / s.palm > 0.9;
        if three_folded && index_tip_out && thumb != F {
            return Some(Gesture::FingerHeart);
        }
    }
    let four = index == E && middle == E && ring == E && pinky == E;
    if four {
        // A flat hand with the thumb alongside is an open palm; folded across it, it is not.
        return (s.thumb_across < 0.25).then_some(Gesture::OpenPalm);
    }
    match (thumb, index, middle, ring, pinky) {
        (F, F, F, F, F) => Some(Gesture::Fist),
        (E, F, F, F, F) if vertical => Some(if dir[1] < 0.0 {
            Gesture::ThumbsUp
        } else {
            Gesture::ThumbsDown
        }),
        (E, F, F, F, E) => Some(Gesture::Call),
        (_, E, E, F, F) if thumb != E && s.spread > 12.0 => Some(Gesture::Victory),
        (F, E, F, F, F) => Some(Gesture::Pointing),
        (_, E, F, F, E) => Some(Gesture::Rock),
        _ => None,
    }
}

/// Two-hand gestures from both hands' landmarks (frame pixels).
pub fn classify_two(a: &[P], b: &[P]) -> Option<Gesture> {
    let (sa, sb) = (shape(a)?, shape(b)?);
    let palm = (sa.palm + sb.palm) * 0.5;
    // Heart: thumb tips meet below, index (or middle) tips meet above.
    let thumbs = dist2(a[4], b[4]) / palm;
    let tops = (dist2(a[8], b[8]).min(dist2(a[12], b[12]))) / palm;
    let above = (a[8][1] + b[8][1]) < (a[4][1] + b[4][1]);
    if thumbs < 0.6 && tops < 0.8 && above {
        return Some(Gesture::Heart);
    }
    // Salute: one fist held inside the other, open hand; their palms overlap.
    let centre = |p: &[P]| {
        let mut c = [0.0; 3];
        for i in [0, 5, 9, 13, 17] {
            for k in 0..3 {
                c[k] += p[i][k] / 5.0;
            }
        }
        c
    };
    let close = dist2(centre(a), centre(b)) / palm < 1.0;
    let fist = |s: &HandShape| s.fingers[1..].iter().all(|f| *f == Finger::Folded);
    let open = |s: &HandShape| s.fingers[1..].iter().all(|f| *f == Finger::Extended);
    if close && ((fist(&sa) && open(&sb)) || (fist(&sb) && open(&sa))) {
        return Some(Gesture::Salute);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A synthetic upright right hand: fingers straight up from their bases, or curled.
    fn hand(ext: [bool; 5]) -> Vec<P> {
        let mut p = vec![[0.0; 3]; 21];
        p[0] = [0.0, 0.0, 0.0];
        let bases = [[-0.35, -0.9], [-0.12, -1.0], [0.1, -1.0], [0.3, -0.9]];
        for (f, b) in bases.iter().enumerate() {
            let i = 5 + 4 * f;
            p[i] = [b[0], b[1], 0.0];
            for k in 1..4 {
                let k32 = k as f32;
                p[i + k] = if ext[f + 1] {
                    [b[0], b[1] - 0.3 * k32, 0.0]
                } else {
                    // Curl down towards the palm.
                    [
                        [b[0], b[1] - 0.3, 0.0],
                        [b[0], b[1] - 0.3, -0.3],
                        [b[0], b[1] + 0.05, -0.3],
                    ][k - 1]
                };
            }
        }
        p[1] = [-0.3, -0.2, 0.0];
        p[2] = [-0.55, -0.4, 0.0];
        if ext[0] {
            p[3] = [-0.8, -0.6, 0.0];
            p[4] = [-1.05, -0.8, 0.0];
        } else {
            p[3] = [-0.4, -0.6, 0.0];
            p[4] = [-0.1, -0.7, 0.0];
        }
        p
    }

    #[test]
    fn basic_shapes() {
        assert_eq!(classify(&hand([true; 5])), Some(Gesture::OpenPalm));
        assert_eq!(classify(&hand([false; 5])), Some(Gesture::Fist));
        assert_eq!(
            classify(&hand([false, true, false, false, false])),
            Some(Gesture::Pointing)
        );
        assert_eq!(
            classify(&hand([true, true, false, false, true])),
            Some(Gesture::Rock)
        );
        // Four fingers with the thumb folded is not an open palm.
        assert_eq!(classify(&hand([false, true, true, true, true])), None);
    }

    #[test]
    fn too_few_points_is_no_gesture() {
        assert_eq!(classify(&[[0.0; 3]; 5]), None);
    }
}
