// Direct manipulation: turning pointer moves over a box into new placement values.
// All functions are pure: they take the state at the start of a gesture and the pointer now.
import type { Vec2 } from "../generated/effect";

/** Moving: the pivot follows the pointer; returns the new position in reference fractions. */
export function dragPosition(start: Vec2, from: Vec2, to: Vec2, ref: { w: number; h: number }): Vec2 {
  return {
    x: round(start.x + (to.x - from.x) / ref.w),
    y: round(start.y + (to.y - from.y) / ref.h),
  };
}

/**
 * Scaling from a corner: the size changes by the ratio of the pointer's distance from the pivot
 * now to its distance when the gesture started. Never below `min`.
 */
export function scaleBy(startValue: number, pivot: Vec2, from: Vec2, to: Vec2, min = 0.01): number {
  const d0 = Math.hypot(from.x - pivot.x, from.y - pivot.y);
  const d1 = Math.hypot(to.x - pivot.x, to.y - pivot.y);
  if (d0 < 1e-6) return startValue;
  return round(Math.max(min, (startValue * d1) / d0));
}

/**
 * Rotating around the pivot: the start rotation plus the angle the pointer swept, in degrees,
 * normalised to -180..180; snapped to `snap` degrees when given.
 */
export function rotateBy(startRotation: number, pivot: Vec2, from: Vec2, to: Vec2, snap = 0): number {
  const a0 = Math.atan2(from.y - pivot.y, from.x - pivot.x);
  const a1 = Math.atan2(to.y - pivot.y, to.x - pivot.x);
  let deg = startRotation + ((a1 - a0) * 180) / Math.PI;
  if (snap > 0) deg = Math.round(deg / snap) * snap;
  deg = ((((deg + 180) % 360) + 360) % 360) - 180;
  return round(deg, 1);
}

/** Round to `digits` decimals so documents stay readable (0.1 not 0.10000000149). */
export function round(v: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
