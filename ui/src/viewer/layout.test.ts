import { describe, expect, it } from "vitest";
import { contentBox, fitOf, mapRect, unmapPoint } from "./layout";

describe("contentBox", () => {
  it("letterboxes a 16:9 picture in a tall element", () => {
    expect(contentBox(1000, 800, 1280, 720)).toEqual({ x: 0, y: 118.75, width: 1000, height: 562.5 });
  });
  it("pillarboxes it in a wide element", () => {
    expect(contentBox(1600, 450, 1280, 720)).toEqual({ x: 400, y: 0, width: 800, height: 450 });
  });
  it("crops with cover and stretches with fill", () => {
    expect(contentBox(1000, 1000, 1280, 720, "cover")).toEqual({
      x: (1000 - 1777.7777777777778) / 2,
      y: 0,
      width: 1777.7777777777778,
      height: 1000,
    });
    expect(contentBox(300, 200, 1280, 720, "fill")).toEqual({ x: 0, y: 0, width: 300, height: 200 });
  });
  it("uses the whole element before the video size is known", () => {
    expect(contentBox(300, 200, 0, 0)).toEqual({ x: 0, y: 0, width: 300, height: 200 });
  });
  it("reads object-fit", () => {
    expect(fitOf("cover")).toBe("cover");
    expect(fitOf("scale-down")).toBe("contain");
  });
});

describe("mapRect", () => {
  const element = { x: 0, y: 0, width: 1000, height: 800 };
  const content = contentBox(1000, 800, 1280, 720);

  it("scales and offsets a rect into the letterboxed picture", () => {
    const box = mapRect({ x: 640, y: 360, w: 128, h: 72 }, 1280, 720, content, element);
    expect(box).toEqual({ x: 500, y: 118.75 + 281.25, width: 100, height: 56.25 });
  });

  it("maps by the SEI's frame size, not the video's (a CDN may rescale)", () => {
    const box = mapRect({ x: 320, y: 180, w: 64, h: 36 }, 640, 360, content, element);
    expect(box).toEqual({ x: 500, y: 400, width: 100, height: 56.25 });
  });

  it("clips to the picture and drops what is outside", () => {
    const box = mapRect({ x: -100, y: 700, w: 200, h: 100 }, 1280, 720, content, element);
    expect(box).toEqual({ x: 0, y: 118.75 + 546.875, width: 78.125, height: 15.625 });
    expect(mapRect({ x: 1300, y: 0, w: 10, h: 10 }, 1280, 720, content, element)).toBeNull();
    expect(mapRect({ x: 0, y: 0, w: 10, h: 10 }, 0, 720, content, element)).toBeNull();
  });

  it("clips a cropped (cover) picture to the element", () => {
    const cover = contentBox(1000, 1000, 1280, 720, "cover");
    const box = mapRect({ x: 0, y: 0, w: 640, h: 720 }, 1280, 720, cover, { x: 0, y: 0, width: 1000, height: 1000 });
    expect(box?.x).toBe(0);
    expect(box?.width).toBeCloseTo(1777.78 / 2 + cover.x, 1);
  });
});

describe("unmapPoint", () => {
  const content = contentBox(1000, 800, 1280, 720);

  it("turns a point on the letterboxed picture into frame pixels", () => {
    // The centre of the element is the centre of the frame; the picture's corners are its corners.
    expect(unmapPoint(500, 400, 1280, 720, content)).toEqual({ x: 640, y: 360 });
    expect(unmapPoint(0, 118.75, 1280, 720, content)).toEqual({ x: 0, y: 0 });
    expect(unmapPoint(1000, 681.25, 1280, 720, content)).toEqual({ x: 1280, y: 720 });
  });

  it("inverts mapRect: the mapped rect's corners come back", () => {
    const rect = { x: 200, y: 100, w: 128, h: 72 };
    for (const [fit, w, h] of [["contain", 1000, 800], ["cover", 700, 900], ["fill", 333, 222]] as const) {
      const box = contentBox(w, h, 1280, 720, fit);
      const mapped = mapRect(rect, 640, 360, box, { x: -1e6, y: -1e6, width: 2e6, height: 2e6 });
      if (!mapped) throw new Error("not visible");
      const a = unmapPoint(mapped.x, mapped.y, 640, 360, box);
      const b = unmapPoint(mapped.x + mapped.width, mapped.y + mapped.height, 640, 360, box);
      expect(a?.x).toBeCloseTo(rect.x, 6);
      expect(a?.y).toBeCloseTo(rect.y, 6);
      expect(b?.x).toBeCloseTo(rect.x + rect.w, 6);
      expect(b?.y).toBeCloseTo(rect.y + rect.h, 6);
    }
  });

  it("is null on the bars and before the sizes are known", () => {
    expect(unmapPoint(500, 50, 1280, 720, content)).toBeNull();
    expect(unmapPoint(500, 400, 0, 720, content)).toBeNull();
    expect(unmapPoint(500, 400, 1280, 720, { x: 0, y: 0, width: 0, height: 0 })).toBeNull();
  });
});
