// Frame adaptation in the preview: the three output shapes, their safe areas, and where a
// frame-placed layer lands (the same rules as effect-schema's `Placement::resolve`).
import type { Orientation, Placement, PlacementOverride, Vec2 } from "../generated/effect";

export interface FramePreset {
  orientation: Orientation;
  label: string;
  width: number;
  height: number;
  /** Platform UI margins as fractions of each side: [top, right, bottom, left]. */
  safeInsets: [number, number, number, number];
}

/**
 * The preview's output shapes. Safe-area insets are the Studio's defaults for where platforms
 * draw their own UI (titles on top, comments and buttons at the bottom).
 */
export const FRAMES: Record<Orientation, FramePreset> = {
  landscape: { orientation: "landscape", label: "16:9", width: 1280, height: 720, safeInsets: [0.08, 0.05, 0.12, 0.05] },
  portrait: { orientation: "portrait", label: "9:16", width: 720, height: 1280, safeInsets: [0.1, 0.06, 0.22, 0.06] },
  square: { orientation: "square", label: "1:1", width: 1080, height: 1080, safeInsets: [0.08, 0.05, 0.14, 0.05] },
};

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The safe area of a `width` x `height` frame, in the same units. */
export function safeRect(width: number, height: number, insets: [number, number, number, number]): Rect {
  const [t, r, b, l] = insets.map((v) => Math.min(Math.max(v, 0), 0.5));
  return { x: width * l, y: height * t, w: width * (1 - l - r), h: height * (1 - t - b) };
}

/** The placement used in a frame of this orientation, overrides applied. */
export function resolvePlacement(p: Placement, orientation: Orientation): Placement {
  const o: PlacementOverride | undefined = p.overrides?.[orientation];
  const { overrides: _ignored, ...base } = p;
  if (!o) return base;
  return {
    ...base,
    relativeTo: o.relativeTo ?? base.relativeTo,
    position: o.position ?? base.position,
    width: o.width ?? base.width,
    rotation: o.rotation ?? base.rotation,
  };
}

/** Where a placed layer sits in a frame: its pivot point, size and rotation, in frame units. */
export interface Box {
  /** The pivot point. */
  cx: number;
  cy: number;
  w: number;
  h: number;
  /** Which point of the box is the pivot, as fractions of it. */
  pivot: Vec2;
  /** Clockwise, degrees. */
  rotation: number;
}

/** The reference rectangle a placement is relative to. */
export function referenceRect(p: Placement, frame: FramePreset, scale = 1): Rect {
  const w = frame.width * scale;
  const h = frame.height * scale;
  return p.relativeTo === "safeArea" ? safeRect(w, h, frame.safeInsets) : { x: 0, y: 0, w, h };
}

/**
 * The box of a resolved placement. `aspect` is the content's width / height; the frame is drawn
 * `scale` times its pixel size.
 */
export function placementBox(p: Placement, frame: FramePreset, aspect: number, scale = 1): Box {
  const ref = referenceRect(p, frame, scale);
  const w = p.width * ref.w;
  return {
    cx: ref.x + p.position.x * ref.w,
    cy: ref.y + p.position.y * ref.h,
    w,
    h: w / (aspect > 0 ? aspect : 1),
    pivot: p.pivot,
    rotation: p.rotation,
  };
}

/** The four corners of a box, clockwise from top-left, rotated about its pivot. */
export function boxCorners(b: Box): Vec2[] {
  const rad = (b.rotation * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const left = -b.pivot.x * b.w;
  const top = -b.pivot.y * b.h;
  return [
    [left, top],
    [left + b.w, top],
    [left + b.w, top + b.h],
    [left, top + b.h],
  ].map(([x, y]) => ({ x: b.cx + x * cos - y * sin, y: b.cy + x * sin + y * cos }));
}
