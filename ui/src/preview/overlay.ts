// The tracking overlay, drawn over the preview's pixels in the canvas: hot-zones (always), and
// when the overlay is on, face boxes, mesh points and anchors, hand skeletons and gesture names.
// Everything arrives in output pixels, the canvas's own coordinates; marks are sized in CSS pixels
// (`unit`: output pixels per CSS pixel), so they read the same whatever the output size, the
// shrink and the screen's devicePixelRatio.
import type { HotZone } from "../generated/effect";
import type { Overlay } from "../generated/ipc";

/** The bones of a hand, as pairs of MediaPipe landmark indices. */
export const HAND_BONES: ReadonlyArray<readonly [number, number]> = [
  [0, 1], [1, 2], [2, 3], [3, 4],
  [0, 5], [5, 6], [6, 7], [7, 8],
  [5, 9], [9, 10], [10, 11], [11, 12],
  [9, 13], [13, 14], [14, 15], [15, 16],
  [13, 17], [0, 17], [17, 18], [18, 19], [19, 20],
];

/** The part of a 2D context the overlay uses (a recording fake in tests). */
export type Pen = Pick<
  CanvasRenderingContext2D,
  "beginPath" | "moveTo" | "lineTo" | "stroke" | "rect" | "arc" | "fill" | "fillText" | "setLineDash" | "save" | "restore"
> & { strokeStyle: unknown; fillStyle: unknown; lineWidth: number; font: string };

/** Radii of the dots, in CSS pixels: face mesh points smaller than hand landmarks and anchors. */
export const DOT_RADIUS = { mesh: 2, hand: 3, anchor: 3 } as const;

/** Output pixels per CSS pixel of a canvas `cssWidth` wide showing an `outputWidth` frame. */
export function overlayUnit(outputWidth: number, cssWidth: number): number {
  return cssWidth > 0 && outputWidth > 0 ? outputWidth / cssWidth : 1;
}

function label(pen: Pen, text: string, x: number, y: number, color: string, px: number) {
  pen.font = `600 ${px}px system-ui, sans-serif`;
  pen.fillStyle = "rgba(0,0,0,0.6)";
  pen.fillText(text, x + px / 12, y + px / 12);
  pen.fillStyle = color;
  pen.fillText(text, x, y);
}

/** Filled dots of radius `r` with a dark outline, so they show on light and dark pictures alike. */
function dots(pen: Pen, points: number[], r: number, fill: string, unit: number) {
  pen.beginPath();
  for (let i = 0; i + 1 < points.length; i += 2) {
    pen.moveTo(points[i]! + r, points[i + 1]!);
    pen.arc(points[i]!, points[i + 1]!, r, 0, Math.PI * 2);
  }
  pen.fillStyle = fill;
  pen.fill();
  pen.strokeStyle = "rgba(0,0,0,0.8)";
  pen.lineWidth = unit;
  pen.stroke();
}

/** Hot-zones: dashed boxes named by their layer. */
export function drawZones(pen: Pen, zones: HotZone[], unit: number) {
  const px = 12 * unit;
  pen.save();
  pen.lineWidth = 2 * unit;
  pen.setLineDash([8 * unit, 5 * unit]);
  pen.strokeStyle = "#ffb020";
  for (const z of zones) {
    pen.beginPath();
    pen.rect(z.rect.x, z.rect.y, z.rect.w, z.rect.h);
    pen.stroke();
    label(pen, z.id, z.rect.x + 4 * unit, z.rect.y + px + 2 * unit, "#ffb020", px);
  }
  pen.restore();
}

/** What the tracker sees. */
export function drawTracking(pen: Pen, o: Overlay, unit: number) {
  const px = 13 * unit;
  pen.save();
  pen.setLineDash([]);
  for (const f of o.faces) {
    pen.strokeStyle = "#3ddc84";
    pen.lineWidth = 2 * unit;
    pen.beginPath();
    pen.rect(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]);
    pen.stroke();
    dots(pen, f.points, DOT_RADIUS.mesh * unit, "rgba(80,200,255,0.95)", unit);
    dots(pen, f.anchors.flatMap((a) => [a.x, a.y]), DOT_RADIUS.anchor * unit, "#ff4d4d", unit);
  }
  for (const h of o.hands) {
    pen.strokeStyle = "#ffe14d";
    pen.lineWidth = 2 * unit;
    pen.beginPath();
    for (const [a, b] of HAND_BONES) {
      if (2 * Math.max(a, b) + 1 >= h.points.length) continue;
      pen.moveTo(h.points[2 * a]!, h.points[2 * a + 1]!);
      pen.lineTo(h.points[2 * b]!, h.points[2 * b + 1]!);
    }
    pen.stroke();
    dots(pen, h.points, DOT_RADIUS.hand * unit, "#4d7dff", unit);
    const name = h.gesture ? `${h.handedness} · ${h.gesture}` : h.handedness;
    label(pen, name, h.bbox[0], Math.max(px, h.bbox[1] - 6 * unit), "#ffe14d", px);
  }
  if (o.gestures.length) label(pen, o.gestures.join(" + "), 10 * unit, px * 1.3 + 8 * unit, "#ffe14d", px * 1.3);
  pen.restore();
}

/** The hot-zone under a point of the canvas (topmost last), for taps. */
export function zoneAt(zones: HotZone[], x: number, y: number): HotZone | null {
  for (let i = zones.length - 1; i >= 0; i--) {
    const z = zones[i]!;
    if (x >= z.rect.x && y >= z.rect.y && x <= z.rect.x + z.rect.w && y <= z.rect.y + z.rect.h) return z;
  }
  return null;
}
