import { describe, expect, it } from "vitest";
import type { SeiPayload } from "../generated/effect";
import { ZoneTimeline } from "./timeline";

const payload = (pts: number): SeiPayload => ({ v: 1, pts, wall: 0, w: 640, h: 360, zones: [] });

/** A timeline with frames at 30 fps from media time `start`, Lantern pts from 0. */
function filled(frames: number, start = 10): ZoneTimeline {
  const t = new ZoneTimeline();
  for (let i = 0; i < frames; i++) t.add(start + i / 30, payload(Math.round((i * 1000) / 30)));
  return t;
}

describe("ZoneTimeline", () => {
  it("gives each presented frame its own payload, even with rounding", () => {
    const t = filled(60);
    for (let i = 0; i < 60; i++) {
      const mediaTime = 10 + i / 30;
      expect(t.at(mediaTime)?.payload.pts).toBe(Math.round((i * 1000) / 30));
      // mediaTime is rounded to µs by browsers, and the remuxer may nudge a frame by a ms.
      expect(t.at(mediaTime - 0.001)?.payload.pts).toBe(Math.round((i * 1000) / 30));
      expect(t.at(mediaTime + 0.001)?.payload.pts).toBe(Math.round((i * 1000) / 30));
    }
    expect(t.frameInterval).toBeCloseTo(1 / 30, 3);
  });

  it("shows nothing before the first payload or after a gap", () => {
    const t = filled(30);
    expect(t.at(9.9)).toBeNull();
    expect(t.at(10 + 29 / 30 + 0.05)?.payload.pts).toBe(967);
    expect(t.at(12)).toBeNull();
  });

  it("accepts payloads out of order and replaces repeats", () => {
    const t = new ZoneTimeline();
    t.add(1 + 2 / 30, payload(66));
    t.add(1, payload(0));
    t.add(1 + 1 / 30, payload(33));
    t.add(1 + 1 / 30, payload(34));
    expect(t.size).toBe(3);
    expect(t.at(1 + 1 / 30)?.payload.pts).toBe(34);
    t.add(Number.NaN, payload(1));
    expect(t.size).toBe(3);
  });

  it("is bounded and prunes what was shown", () => {
    const t = new ZoneTimeline(100);
    for (let i = 0; i < 1000; i++) t.add(i / 30, payload(i));
    expect(t.size).toBe(100);
    t.pruneBefore(990 / 30);
    expect(t.size).toBe(10);
    expect(t.at(990 / 30)?.payload.pts).toBe(990);
    t.clear();
    expect(t.size).toBe(0);
  });
});
