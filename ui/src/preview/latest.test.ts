import { describe, expect, it } from "vitest";
import { type Fate, Latest } from "./latest";

/** A scheduler run by hand: `frame()` is one animation frame. */
function manual() {
  let queued: (() => void)[] = [];
  return {
    schedule: (run: () => void) => void queued.push(run),
    frame: async () => {
      const runs = queued;
      queued = [];
      for (const r of runs) r();
      // Let an asynchronous draw finish.
      await new Promise((r) => setTimeout(r, 0));
    },
    get waiting() {
      return queued.length;
    },
  };
}

describe("newest-only drawing", () => {
  it("draws only the newest frame once per animation frame; older ones are replaced unread", async () => {
    const clock = manual();
    const drawn: number[] = [];
    const fates: [number, Fate][] = [];
    const latest = new Latest<number>((n) => void drawn.push(n), clock.schedule);
    for (const n of [1, 2, 3]) latest.offer(n, (f) => fates.push([n, f]));
    expect(clock.waiting).toBe(1);
    await clock.frame();
    expect(drawn).toEqual([3]);
    expect(fates).toEqual([[1, "replaced"], [2, "replaced"], [3, "drawn"]]);
    await clock.frame();
    expect(drawn).toEqual([3]);
    expect(clock.waiting).toBe(0);

    latest.offer(4, (f) => fates.push([4, f]));
    await clock.frame();
    expect(drawn).toEqual([3, 4]);
  });

  it("keeps one draw under way; a frame offered meanwhile waits for the next animation frame", async () => {
    const clock = manual();
    let release = () => undefined as void;
    const drawn: number[] = [];
    const latest = new Latest<number>((n) => new Promise<void>((r) => (release = () => (drawn.push(n), r()))), clock.schedule);
    const fates: [number, Fate][] = [];
    latest.offer(1, (f) => fates.push([1, f]));
    await clock.frame();
    latest.offer(2, (f) => fates.push([2, f]));
    latest.offer(3, (f) => fates.push([3, f]));
    expect(clock.waiting).toBe(0);
    release();
    await clock.frame();
    expect(fates).toEqual([[2, "replaced"], [1, "drawn"]]);
    expect(clock.waiting).toBe(1);
    await clock.frame();
    release();
    await clock.frame();
    expect(drawn).toEqual([1, 3]);
    expect(fates.at(-1)).toEqual([3, "drawn"]);
  });

  it("reports a failed draw and goes on; after close nothing is drawn", async () => {
    const clock = manual();
    const latest = new Latest<number>((n) => {
      if (n === 1) throw new Error("no context");
    }, clock.schedule);
    const fates: Fate[] = [];
    latest.offer(1, (f) => fates.push(f));
    await clock.frame();
    latest.offer(2, (f) => fates.push(f));
    await clock.frame();
    expect(fates).toEqual(["failed", "drawn"]);
    latest.offer(3, (f) => fates.push(f));
    latest.close();
    await clock.frame();
    latest.offer(4, (f) => fates.push(f));
    await clock.frame();
    expect(fates).toEqual(["failed", "drawn"]);
  });
});
