import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const calls: { cmd: string; args: unknown }[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: unknown) => {
    calls.push({ cmd, args });
    return cmd === "save_project" ? { savedAtMs: 1 } : null;
  },
}));

const { save, watchAutosave } = await import("./actions");
const { newLayer } = await import("./defaults");
const { addLayer } = await import("./edits");
const { emptyEffect } = await import("./fixtures");
const { Store, isDirty } = await import("./store");

describe("autosave", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    calls.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it("writes the recovery file once after a burst of edits, and not after a save", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    const stop = watchAutosave(s, 1000);
    for (let i = 0; i < 5; i++) s.edit((e) => addLayer(e, newLayer(e, "beauty")));
    vi.advanceTimersByTime(999);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls.map((c) => c.cmd)).toEqual(["autosave_project"]);
    expect((calls[0]!.args as { effect: { layers: unknown[] } }).effect.layers).toHaveLength(5);

    s.edit((e) => addLayer(e, newLayer(e, "beauty")));
    await save(s);
    expect(isDirty(s.get())).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(calls.map((c) => c.cmd)).toEqual(["autosave_project", "save_project"]);
    stop();
  });
});
