import { describe, expect, it, vi } from "vitest";
import { info } from "./fixtures";

/** ImageData as the browser has it (this runs in Node). */
class FakeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}
vi.stubGlobal("ImageData", FakeImageData);
const { imageOf, paintFrame } = await import("./paint");
type Context2D = Parameters<typeof paintFrame>[0];

/** A 2D context that records what is drawn, on a canvas of its own. */
function recorder() {
  const ops: string[] = [];
  const canvas = { width: 300, height: 150 };
  const state: Record<string, unknown> = { canvas, lineWidth: 1 };
  const ctx = new Proxy(state, {
    get: (t, k: string) => (k in t ? t[k] : (...a: unknown[]) => ops.push(`${k}(${a.map((x) => (typeof x === "object" ? x?.constructor.name : x)).join(",")})`)),
    set: (t, k: string, v) => {
      t[k] = v;
      if (k === "lineWidth") ops.push(`lineWidth=${v}`);
      return true;
    },
  }) as unknown as Context2D;
  return { ctx, ops, canvas };
}

const face = { faces: [{ bbox: [1, 2, 3, 4] as [number, number, number, number], points: [], anchors: [] }], hands: [], gestures: [] };

describe("painting a preview frame (main thread and worker alike)", () => {
  it("sizes the canvas to the frame, puts the pixels, then the hot-zones and the overlay in output pixels", () => {
    const { ctx, ops, canvas } = recorder();
    const frame = info({ width: 18, height: 32, shrink: 2, zones: [{ id: "z", kind: "prop", rect: { x: 4, y: 4, w: 8, h: 8 } }], overlay: face });
    paintFrame(ctx, imageOf(new Uint8ClampedArray(18 * 32 * 4), frame), { info: frame, overlay: true, cssWidth: 18 });
    expect(canvas).toEqual({ width: 18, height: 32 });
    expect(ops[0]).toBe("putImageData(FakeImageData,0,0)");
    // Sent at half size: marks are drawn in output pixels, scaled down; 36 output pixels on 18 CSS pixels: unit 2.
    expect(ops).toContain("scale(0.5,0.5)");
    expect(ops).toContain("rect(4,4,8,8)");
    expect(ops).toContain("lineWidth=4");
    expect(ops).toContain("rect(1,2,3,4)");
    expect(ops.at(-1)).toBe("restore()");
  });

  it("draws a decoded bitmap, and no tracking marks with the overlay off", () => {
    const { ctx, ops } = recorder();
    const frame = info({ width: 2, height: 2, overlay: face });
    paintFrame(ctx, new (class ImageBitmap {})() as unknown as ImageBitmap, { info: frame, overlay: false, cssWidth: 2 });
    expect(ops[0]).toBe("drawImage(ImageBitmap,0,0)");
    expect(ops).not.toContain("rect(1,2,3,4)");
  });
});
