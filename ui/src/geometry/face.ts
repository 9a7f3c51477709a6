// The stand-in face of the preview and of the anchor picker. Anchor positions are in face sizes
// (the distance between the outer eye corners) from the point between the eyes, y down — the same
// unit face props use for `offset` and `scale`. Left/right are the person's, so the person's left
// eye is on the viewer's right.
import type { FaceAnchor, Vec2 } from "../generated/effect";

export const FACE_ANCHORS: Record<FaceAnchor, { at: Vec2; label: string }> = {
  forehead: { at: { x: 0, y: -0.6 }, label: "Forehead" },
  betweenEyes: { at: { x: 0, y: 0 }, label: "Between the eyes" },
  noseTip: { at: { x: 0, y: 0.45 }, label: "Nose tip" },
  mouth: { at: { x: 0, y: 0.85 }, label: "Mouth" },
  chin: { at: { x: 0, y: 1.25 }, label: "Chin" },
  leftEye: { at: { x: 0.38, y: 0 }, label: "Left eye (person's)" },
  rightEye: { at: { x: -0.38, y: 0 }, label: "Right eye (person's)" },
  leftCheek: { at: { x: 0.52, y: 0.6 }, label: "Left cheek (person's)" },
  rightCheek: { at: { x: -0.52, y: 0.6 }, label: "Right cheek (person's)" },
};

export const ANCHOR_NAMES = Object.keys(FACE_ANCHORS) as FaceAnchor[];

/** Where the stand-in face sits in a `w` x `h` frame: the between-the-eyes point and face size. */
export function standInFace(w: number, h: number): { origin: Vec2; size: number } {
  return { origin: { x: w / 2, y: h * 0.42 }, size: Math.min(w, h) * 0.16 };
}

/** A face prop's pivot point in frame units: anchor + offset, both in face sizes. */
export function facePropPoint(anchor: FaceAnchor, offset: Vec2, face: { origin: Vec2; size: number }): Vec2 {
  const a = FACE_ANCHORS[anchor].at;
  return { x: face.origin.x + (a.x + offset.x) * face.size, y: face.origin.y + (a.y + offset.y) * face.size };
}
