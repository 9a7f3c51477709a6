//! Head pose (yaw, pitch, roll in degrees) from the 3-D face mesh.
//!
//! The face's own axes are built from the mesh: x from the person's right outer eye corner to
//! the left one, y from the forehead top to the chin; the facing direction is their cross
//! product. Yaw and pitch are the angles of that direction, roll the tilt of the eye line.
//! Signs follow [`effect_schema::tracking::HeadPose`].

use effect_schema::tracking::HeadPose;

use crate::face::mesh::{LEFT_EYE_OUTER, Mesh, RIGHT_EYE_OUTER};

const FOREHEAD_TOP: usize = 10;
const CHIN: usize = 152;

fn sub(a: [f32; 3], b: [f32; 3]) -> [f32; 3] {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn cross(a: [f32; 3], b: [f32; 3]) -> [f32; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

fn normalize(a: [f32; 3]) -> [f32; 3] {
    let n = (a[0] * a[0] + a[1] * a[1] + a[2] * a[2]).sqrt().max(1e-6);
    [a[0] / n, a[1] / n, a[2] / n]
}

/// The head pose of `mesh`.
pub fn head_pose(mesh: &Mesh) -> HeadPose {
    let p = &mesh.points;
    let x = normalize(sub(p[LEFT_EYE_OUTER], p[RIGHT_EYE_OUTER]));
    let y = normalize(sub(p[CHIN], p[FOREHEAD_TOP]));
    // Camera looks along +z (MediaPipe's z is negative towards the camera), so x × y points
    // into the scene; the face looks the other way.
    let back = normalize(cross(x, y));
    let f = [-back[0], -back[1], -back[2]];
    let deg = f32::to_degrees;
    HeadPose {
        yaw: deg(f[0].atan2(-f[2])),
        pitch: deg((-f[1]).atan2(-f[2])),
        roll: deg(x[1].atan2(x[0])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mesh_with(right: [f32; 3], left: [f32; 3], top: [f32; 3], chin: [f32; 3]) -> Mesh {
        let mut points = vec![[0.0; 3]; 468];
        points[RIGHT_EYE_OUTER] = right;
        points[LEFT_EYE_OUTER] = left;
        points[FOREHEAD_TOP] = top;
        points[CHIN] = chin;
        Mesh { score: 1.0, points }
    }

    #[test]
    fn frontal_face_is_zero() {
        let m = mesh_with(
            [-1.0, 0.0, 0.0],
            [1.0, 0.0, 0.0],
            [0.0, -1.0, 0.0],
            [0.0, 1.0, 0.0],
        );
        let p = head_pose(&m);
        assert!(
            p.yaw.abs() < 1e-3 && p.pitch.abs() < 1e-3 && p.roll.abs() < 1e-3,
            "{p:?}"
        );
    }

    #[test]
    fn turning_left_is_positive_yaw_and_tilt_is_roll() {
        // The person turns to their left: their left eye moves away from the camera (+z).
        let a = 20_f32.to_radians();
        let m = mesh_with(
            [-a.cos(), 0.0, -a.sin()],
            [a.cos(), 0.0, a.sin()],
            [0.0, -1.0, 0.0],
            [0.0, 1.0, 0.0],
        );
        let p = head_pose(&m);
        assert!((p.yaw - 20.0).abs() < 0.1, "{p:?}");
        let m = mesh_with(
            [-a.cos(), -a.sin(), 0.0],
            [a.cos(), a.sin(), 0.0],
            [a.sin(), -a.cos(), 0.0],
            [-a.sin(), a.cos(), 0.0],
        );
        assert!((head_pose(&m).roll - 20.0).abs() < 0.1);
    }
}
