// Keyframe lists: insertion in time order, drags that re-sort without eating keys, eases as the
// engine computes them (engine/core/src/scene/keys.rs), sampling.
import { describe, expect, it } from "vitest";
import type { Key } from "../generated/effect";
import { ease, easeKind, easeOf, insertKey, moveKey, removeKey, sample, setKey } from "./keys";

const k = (time: number, value: number): Key<number> => ({ time, value, ease: "linear" });

describe("key lists", () => {
  it("insert in time order; a key at the same time takes the new value and keeps its ease", () => {
    let keys: Key<number>[] = [];
    ({ keys } = insertKey(keys, 1, 10));
    ({ keys } = insertKey(keys, 0, 0));
    const mid = insertKey(keys, 0.5, 5);
    expect(mid.index).toBe(1);
    expect(mid.keys.map((x) => x.time)).toEqual([0, 0.5, 1]);
    const eased = setKey(mid.keys, 2, { ease: "easeIn" });
    const same = insertKey(eased, 1.0004, 20);
    expect(same.index).toBe(2);
    expect(same.keys).toHaveLength(3);
    expect(same.keys[2]).toEqual({ time: 1, value: 20, ease: "easeIn" });
    // Times are kept to the millisecond and never below zero.
    expect(insertKey([], 0.12345, 1).keys[0]!.time).toBe(0.123);
    expect(insertKey([], -2, 1).keys[0]!.time).toBe(0);
  });

  it("a dragged key re-sorts, keeps its value and ease, and never removes a key it passes", () => {
    const keys = [k(0, 0), { ...k(1, 1), ease: "step" as const }, k(2, 2)];
    const past = moveKey(keys, 0, 1.5);
    expect(past.index).toBe(1);
    expect(past.keys.map((x) => [x.time, x.value])).toEqual([[1, 1], [1.5, 0], [2, 2]]);
    const onto = moveKey(keys, 2, 1);
    expect(onto.keys).toHaveLength(3);
    expect(onto.keys.map((x) => x.value)).toEqual([0, 1, 2]);
    expect(onto.index).toBe(2);
    const back = moveKey(keys, 1, -1);
    expect(back.keys[0]).toEqual({ time: 0, value: 0, ease: "linear" });
    expect(back.keys[1]).toEqual({ time: 0, value: 1, ease: "step" });
    expect(removeKey(keys, 1).map((x) => x.value)).toEqual([0, 2]);
  });

  it("eases match the engine's curves", () => {
    expect(ease("linear", 0.25)).toBe(0.25);
    expect(ease("easeIn", 0.5)).toBeCloseTo(0.125);
    expect(ease("easeOut", 0.5)).toBeCloseTo(0.875);
    expect(ease("easeInOut", 0.25)).toBeCloseTo(0.0625);
    expect(ease("step", 0.99)).toBe(0);
    expect(ease("step", 1)).toBe(1);
    // CSS's ease-in-out Bézier is symmetric; "linear" Bézier is the identity.
    expect(ease({ cubicBezier: [0.42, 0, 0.58, 1] }, 0.5)).toBeCloseTo(0.5, 4);
    expect(ease({ cubicBezier: [0, 0, 1, 1] }, 0.3)).toBeCloseTo(0.3, 4);
    // A spring ends on the target, and a bouncy one overshoots on the way.
    expect(ease({ spring: { bounce: 0.6 } }, 1)).toBeCloseTo(1, 5);
    expect(Math.max(...[0.3, 0.4, 0.5, 0.6].map((u) => ease({ spring: { bounce: 0.6 } }, u)))).toBeGreaterThan(1);
  });

  it("the ease dropdown keeps a curve's numbers and starts new ones with defaults", () => {
    expect(easeKind("easeOut")).toBe("easeOut");
    expect(easeKind({ spring: { bounce: 0.2 } })).toBe("spring");
    expect(easeOf("spring", { spring: { bounce: 0.2 } })).toEqual({ spring: { bounce: 0.2 } });
    expect(easeOf("cubicBezier", "linear")).toEqual({ cubicBezier: [0.25, 0.1, 0.25, 1] });
    expect(easeOf("step", { spring: { bounce: 0.2 } })).toBe("step");
  });

  it("samples numbers, positions and colours between keys, holding the ends", () => {
    const keys = [k(0.5, 0), k(1.5, 10)];
    expect(sample(keys, 0)).toBe(0);
    expect(sample(keys, 1)).toBeCloseTo(5);
    expect(sample(keys, 9)).toBe(10);
    expect(sample([], 1)).toBeUndefined();
    const pos = [{ time: 0, value: { x: 0, y: 0 }, ease: "linear" as const }, { time: 1, value: { x: 1, y: -1 }, ease: "linear" as const }];
    expect(sample(pos, 0.5)).toEqual({ x: 0.5, y: -0.5 });
    const tint = [{ time: 0, value: "#000000", ease: "linear" as const }, { time: 1, value: "#ffffff", ease: "linear" as const }];
    expect(sample(tint, 0.5)).toBe("#808080");
  });
});
