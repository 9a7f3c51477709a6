// Maps hot-zone rectangles from encoded-frame pixels to the page.
//
// The SEI's rects are in pixels of the `w`×`h` frame the streamer encoded. The page shows the
// video in an element whose box rarely has the same shape: with `object-fit: contain` the
// picture is scaled uniformly and centred (letterbox or pillarbox bars), with `cover` it is
// scaled to fill and cropped, with `fill` it is stretched. The picture's box inside the element
// is the "content box"; a rect is normalised by the frame size and placed in that box, then
// clipped to what is visible.

import type { Rect } from "../generated/effect";

/** An axis-aligned box in CSS pixels, relative to the video element's top-left corner. */
export type Box = { x: number; y: number; width: number; height: number };

export type Fit = "contain" | "cover" | "fill";

/**
 * Where the picture lands inside an element of `elementW`×`elementH` CSS pixels, for a video of
 * intrinsic size `videoW`×`videoH`. Returns the whole element when the video size is unknown.
 */
export function contentBox(
  elementW: number,
  elementH: number,
  videoW: number,
  videoH: number,
  fit: Fit = "contain",
): Box {
  if (fit === "fill" || videoW <= 0 || videoH <= 0) {
    return { x: 0, y: 0, width: elementW, height: elementH };
  }
  const sx = elementW / videoW;
  const sy = elementH / videoH;
  const scale = fit === "contain" ? Math.min(sx, sy) : Math.max(sx, sy);
  const width = videoW * scale;
  const height = videoH * scale;
  return { x: (elementW - width) / 2, y: (elementH - height) / 2, width, height };
}

/**
 * Maps `rect` (pixels of a `frameW`×`frameH` frame) into `content`, clipped to `visible` (the
 * element's own box, or a smaller one). Returns null when nothing of it is visible.
 */
export function mapRect(
  rect: Rect,
  frameW: number,
  frameH: number,
  content: Box,
  visible: Box,
): Box | null {
  if (frameW <= 0 || frameH <= 0) return null;
  const sx = content.width / frameW;
  const sy = content.height / frameH;
  const x0 = content.x + rect.x * sx;
  const y0 = content.y + rect.y * sy;
  const x1 = x0 + rect.w * sx;
  const y1 = y0 + rect.h * sy;
  const cx0 = Math.max(x0, visible.x, content.x);
  const cy0 = Math.max(y0, visible.y, content.y);
  const cx1 = Math.min(x1, visible.x + visible.width, content.x + content.width);
  const cy1 = Math.min(y1, visible.y + visible.height, content.y + content.height);
  if (cx1 - cx0 < 0.5 || cy1 - cy0 < 0.5) return null;
  return { x: cx0, y: cy0, width: cx1 - cx0, height: cy1 - cy0 };
}

/** Reads an element's `object-fit` (anything but cover/fill behaves as contain for video). */
export function fitOf(value: string): Fit {
  return value === "cover" || value === "fill" ? value : "contain";
}

/**
 * The inverse of `mapRect` for a point: where (`x`, `y`) (CSS pixels relative to the element)
 * lies in the `frameW`×`frameH` frame shown in `content`. A hub checks a room's taps in frame
 * pixels, so a tap must be sent there. Null when the point is off the picture (a bar, or the
 * cropped part) or the sizes are unknown.
 */
export function unmapPoint(
  x: number,
  y: number,
  frameW: number,
  frameH: number,
  content: Box,
): { x: number; y: number } | null {
  if (frameW <= 0 || frameH <= 0 || content.width <= 0 || content.height <= 0) return null;
  const fx = ((x - content.x) * frameW) / content.width;
  const fy = ((y - content.y) * frameH) / content.height;
  if (fx < 0 || fy < 0 || fx > frameW || fy > frameH) return null;
  return { x: fx, y: fy };
}
