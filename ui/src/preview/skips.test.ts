import { describe, expect, it } from "vitest";
import { SKIP_WINDOW_MS, SkipMeter, describeSkips } from "./skips";

describe("skipped preview frames", () => {
  it("are counted over the recent frames, not since the start", () => {
    const m = new SkipMeter();
    // A long run at 30 fps where every other frame is skipped…
    for (let t = 0; t < 60_000; t += 33) m.add(t, 1, 1);
    expect(m.stats().total).toBeGreaterThan(1000);
    expect(describeSkips(m.stats())!.text).toBe("50% frames skipped");
    // …then the window keeps up: the share falls to nothing once the window has passed.
    for (let t = 60_000; t < 60_000 + SKIP_WINDOW_MS + 100; t += 33) m.add(t, 1, 0);
    expect(m.stats()).toMatchObject({ skipped: 0 });
    expect(describeSkips(m.stats())).toBeNull();
  });

  it("say what they are and that they are no error; the normal pacing is not shown", () => {
    expect(describeSkips({ skipped: 1, frames: 150, total: 1234 })).toBeNull();
    const d = describeSkips({ skipped: 12, frames: 150, total: 1234 })!;
    expect(d.text).toBe("8.0% frames skipped");
    expect(d.tooltip).toMatch(/12 of the last 150 \(8\.0%\) in the last 5 s; 1234 since the start/);
    expect(d.tooltip).toMatch(/could not show them because the next one was already there/);
    expect(d.tooltip).toMatch(/not an error/);
    expect(describeSkips({ skipped: 0, frames: 0, total: 0 })).toBeNull();
    expect(describeSkips({ skipped: 3, frames: 10, total: 3 }), "too few frames yet").toBeNull();
  });
});
