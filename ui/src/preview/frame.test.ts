import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame } from "./frame";
import { info } from "./fixtures";
import { DOT_RADIUS, HAND_BONES, type Pen, drawTracking, drawZones, overlayUnit, zoneAt } from "./overlay";

describe("preview frame messages", () => {
  it("round-trip header and pixels, the pixels a view at a 4-aligned offset", () => {
    for (const name of ["a", "ab", "abc", "abcd"]) {
      const rgba = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
      const { info: i, pixels } = decodeFrame(encodeFrame(info({ width: 2, height: 1, fired: [name] }), rgba));
      expect(i.fired).toEqual([name]);
      expect([...pixels!]).toEqual([...rgba]);
      expect(pixels!.byteOffset % 4).toBe(0);
    }
  });

  it("a message without a picture has no pixels; broken ones are refused", () => {
    expect(decodeFrame(encodeFrame(info({ error: "gone", ended: true }))).pixels).toBeNull();
    expect(() => decodeFrame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer)).toThrow(/not a preview frame/);
    const short = encodeFrame(info({ width: 4, height: 4 }), new Uint8Array(8));
    expect(() => decodeFrame(short)).toThrow(/needs 64 bytes/);
  });
});

/** A pen that records what is drawn. */
function recorder() {
  const ops: string[] = [];
  const pen = new Proxy({ strokeStyle: "", fillStyle: "", lineWidth: 1, font: "" } as unknown as Pen, {
    get: (t, k) => (k in t ? (t as never)[k] : (...a: unknown[]) => ops.push(`${String(k)}(${a.join(",")})`)),
  });
  return { pen, ops };
}

describe("the tracking overlay", () => {
  it("draws every hand bone, the gesture names and the face's anchors", () => {
    const { pen, ops } = recorder();
    const points = Array.from({ length: 42 }, (_, i) => i);
    drawTracking(pen, {
      faces: [{ bbox: [1, 2, 3, 4], points: [10, 10, 20, 20], anchors: [{ name: "forehead", x: 5, y: 6 }] }],
      hands: [{ bbox: [0, 50, 10, 10], points, handedness: "left", gesture: "heart" }],
      gestures: ["heart"],
    }, 2);
    expect(ops.filter((o) => o.startsWith("lineTo"))).toHaveLength(HAND_BONES.length);
    expect(ops).toContain("rect(1,2,3,4)");
    expect(ops.some((o) => o.startsWith("fillText(left · heart"))).toBe(true);
    expect(ops.some((o) => o.startsWith("arc(5,6"))).toBe(true);
  });

  it("draws landmark dots a few CSS pixels wide, mesh points smaller than hand landmarks, outlined", () => {
    // A 1280-pixel output shown 640 CSS pixels wide: one CSS pixel is two output pixels.
    const unit = overlayUnit(1280, 640);
    expect(unit).toBe(2);
    expect(overlayUnit(1280, 0)).toBe(1);
    const { pen, ops } = recorder();
    const radius = (x: number, y: number) => Number(ops.find((o) => o.startsWith(`arc(${x},${y},`))!.split(",")[2]);
    drawTracking(pen, {
      faces: [{ bbox: [0, 0, 9, 9], points: [100, 100], anchors: [{ name: "chin", x: 200, y: 200 }] }],
      hands: [{ bbox: [0, 0, 9, 9], points: [300, 300], handedness: "right" }],
      gestures: [],
    }, unit);
    expect(radius(100, 100)).toBe(DOT_RADIUS.mesh * unit);
    expect(radius(300, 300)).toBe(DOT_RADIUS.hand * unit);
    expect(radius(200, 200)).toBe(DOT_RADIUS.anchor * unit);
    expect(DOT_RADIUS.mesh).toBeGreaterThanOrEqual(2);
    expect(DOT_RADIUS.mesh).toBeLessThan(DOT_RADIUS.hand);
    expect(DOT_RADIUS.hand).toBeLessThanOrEqual(3);
    // Every set of dots is filled, then outlined.
    const fills = ops.map((o, i) => (o === "fill()" ? ops[i + 1] : null)).filter((o) => o !== null);
    expect(fills).toEqual(["stroke()", "stroke()", "stroke()"]);
  });

  it("outlines hot-zones and finds the topmost one under a tap", () => {
    const zones = [
      { id: "back", kind: "k", rect: { x: 0, y: 0, w: 100, h: 100 } },
      { id: "front", kind: "k", rect: { x: 40, y: 40, w: 20, h: 20 } },
    ];
    const { pen, ops } = recorder();
    drawZones(pen, zones, 2);
    expect(ops.filter((o) => o.startsWith("rect("))).toHaveLength(2);
    expect(zoneAt(zones, 50, 50)?.id).toBe("front");
    expect(zoneAt(zones, 10, 10)?.id).toBe("back");
    expect(zoneAt(zones, 200, 10)).toBeNull();
  });
});
