// Painting one preview frame onto a 2D context: the picture, then the hot-zones and (when on)
// the tracking overlay. The same code runs on the main thread and in the paint worker
// (paint.worker.ts), on a canvas or an OffscreenCanvas.
import type { FrameInfo } from "../generated/ipc";
import { drawTracking, drawZones, overlayUnit } from "./overlay";

/** A 2D context on a canvas or an OffscreenCanvas. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The picture: pixels to put, or a decoded bitmap to draw. */
export type Picture = ImageData | ImageBitmap;

/** What the painter needs besides the picture. */
export interface PaintJob {
  info: FrameInfo;
  /** Whether the tracking overlay is on. */
  overlay: boolean;
  /** The CSS width the canvas is shown at (marks are sized in CSS pixels). */
  cssWidth: number;
}

/** Paint `picture` and the marks of `job` onto `ctx`, sizing its canvas to the frame. */
export function paintFrame(ctx: Context2D, picture: Picture, { info, overlay, cssWidth }: PaintJob): void {
  const canvas = ctx.canvas;
  if (canvas.width !== info.width || canvas.height !== info.height) {
    canvas.width = info.width;
    canvas.height = info.height;
  }
  if (picture instanceof ImageData) ctx.putImageData(picture, 0, 0);
  else ctx.drawImage(picture, 0, 0);
  // The header's coordinates are in output pixels; the picture may have been sent smaller.
  const k = Math.max(1, info.shrink);
  const unit = overlayUnit(info.width * k, cssWidth);
  ctx.save();
  ctx.scale(1 / k, 1 / k);
  drawZones(ctx, info.zones, unit);
  if (overlay && info.overlay) drawTracking(ctx, info.overlay, unit);
  ctx.restore();
}

/** The frame's pixels as ImageData (a view on the same buffer, no copy). */
export function imageOf(pixels: Uint8ClampedArray, info: FrameInfo): ImageData {
  return new ImageData(pixels as Uint8ClampedArray<ArrayBuffer>, info.width, info.height);
}

/** A frame for the paint worker: its pixels travel transferred, not copied. */
export interface FrameJob extends PaintJob {
  id: number;
  pixels: Uint8ClampedArray;
}

/** Messages to the paint worker. */
export type ToPainter = { kind: "canvas"; canvas: OffscreenCanvas } | ({ kind: "frame" } & FrameJob);

/** Messages from it: it has loaded, and what became of each frame. */
export type FromPainter = { kind: "ready" } | { kind: "fate"; id: number; fate: "drawn" | "replaced" | "failed" };
