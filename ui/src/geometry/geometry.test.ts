import { describe, expect, it } from "vitest";
import type { Placement } from "../generated/effect";
import { defaultPlacement, newLayer } from "../store/defaults";
import { emptyEffect } from "../store/fixtures";
import { addOverride, patchPlacement, removeOverride } from "../store/placement";
import { FRAMES, boxCorners, placementBox, resolvePlacement, safeRect } from "./frame";
import { facePropPoint, standInFace } from "./face";
import { layerBox } from "./layout";
import { dragPosition, rotateBy, scaleBy } from "./manipulate";

const base: Placement = { ...defaultPlacement(), position: { x: 0.2, y: 0.3 }, width: 0.25 };

describe("frame adaptation", () => {
  it("applies only the current orientation's override", () => {
    const p: Placement = { ...base, overrides: { portrait: { position: { x: 0.3, y: 0.2 }, width: 0.5 } } };
    expect(resolvePlacement(p, "portrait")).toMatchObject({ position: { x: 0.3, y: 0.2 }, width: 0.5, rotation: 0 });
    expect(resolvePlacement(p, "landscape")).toMatchObject({ position: { x: 0.2, y: 0.3 }, width: 0.25 });
    expect(resolvePlacement(p, "landscape").overrides).toBeUndefined();
  });

  it("places boxes in the frame or its safe area", () => {
    const f = FRAMES.landscape;
    const b = placementBox(base, f, 2, 0.5);
    expect(b).toMatchObject({ cx: 0.2 * 640, cy: 0.3 * 360, w: 0.25 * 640, h: 0.25 * 640 * 0.5 });
    const safe = safeRect(1000, 500, [0.1, 0, 0.2, 0.05]);
    expect(safe).toEqual({ x: 50, y: 50, w: 950, h: 350 });
    const s = placementBox({ ...base, relativeTo: "safeArea", position: { x: 0, y: 0 } }, f, 1);
    expect(s.cx).toBeCloseTo(1280 * 0.05);
    expect(s.cy).toBeCloseTo(720 * 0.08);
  });

  it("rotates corners about the pivot", () => {
    const c = boxCorners({ cx: 0, cy: 0, w: 2, h: 2, pivot: { x: 0.5, y: 0.5 }, rotation: 90 });
    expect(c[0]!.x).toBeCloseTo(1);
    expect(c[0]!.y).toBeCloseTo(-1);
  });

  it("writes edits into an override only when the orientation has one", () => {
    const edited = patchPlacement(base, "portrait", { width: 0.4 });
    expect(edited.width).toBe(0.4);
    const own = addOverride(base, "portrait");
    expect(own.overrides?.portrait).toEqual({ relativeTo: "frame", position: base.position, width: 0.25, rotation: 0 });
    const moved = patchPlacement(own, "portrait", { position: { x: 0.9, y: 0.9 } });
    expect(moved.position).toEqual(base.position);
    expect(resolvePlacement(moved, "portrait").position).toEqual({ x: 0.9, y: 0.9 });
    expect(removeOverride(moved, "portrait")).toEqual(base);
  });
});

describe("direct manipulation", () => {
  it("drags in reference fractions, scales by distance, rotates by swept angle", () => {
    expect(dragPosition({ x: 0.5, y: 0.5 }, { x: 100, y: 100 }, { x: 164, y: 64 }, { w: 640, h: 360 })).toEqual({ x: 0.6, y: 0.4 });
    expect(scaleBy(0.3, { x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 0 })).toBeCloseTo(0.6);
    expect(scaleBy(0.3, { x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 0 })).toBe(0.01);
    expect(rotateBy(0, { x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 })).toBeCloseTo(90);
    expect(rotateBy(170, { x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 })).toBeCloseTo(-100);
    expect(rotateBy(0, { x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 2 }, 15)).toBe(15);
  });

  it("puts face props on their anchor, offset in face sizes", () => {
    const face = standInFace(600, 600);
    const p = facePropPoint("forehead", { x: 0, y: -0.5 }, face);
    expect(p.x).toBeCloseTo(300);
    expect(p.y).toBeCloseTo(face.origin.y - 1.1 * face.size);
    const e = emptyEffect();
    const prop = { ...newLayer(e, "faceProp", "hat"), scale: 2 } as const;
    const lb = layerBox(prop, FRAMES.square, "square", 600 / 1080, 2)!;
    expect(lb.mode).toBe("anchored");
    expect(lb.box.w).toBeCloseTo(2 * face.size);
    expect(lb.box.h).toBeCloseTo(face.size);
    expect(layerBox(newLayer(e, "beauty"), FRAMES.square, "square", 1, 1)).toBeNull();
  });
});
