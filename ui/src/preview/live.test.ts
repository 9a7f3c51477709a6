import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FrameInfo } from "../generated/ipc";

const calls: { cmd: string; args: Record<string, unknown> }[] = [];
let failStart: unknown = null;
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push({ cmd, args });
    if (cmd === "start_preview" && failStart) throw failStart;
    return null;
  },
  Channel: class {
    onmessage: (m: ArrayBuffer) => void = () => undefined;
  },
}));

const live = await import("./live");
const { encodeFrame } = await import("./frame");
const { drawAtOnce, info } = await import("./fixtures");
const { Store } = await import("../store/store");
const { emptyEffect } = await import("../store/fixtures");
const { addTrigger } = await import("../store/edits");
const { newTrigger } = await import("../store/defaults");

/** The channel handed to start_preview, to push frames through. */
function channel(): { onmessage: (m: ArrayBuffer) => void } {
  const start = [...calls].reverse().find((c) => c.cmd === "start_preview");
  return start!.args.onFrame as { onmessage: (m: ArrayBuffer) => void };
}

const frame = (patch: Partial<FrameInfo>) => encodeFrame(info({ width: 2, height: 2, ...patch }), new Uint8Array(16));

/** A running photo preview whose edits are watched (fake timers, a 300 ms quiet period). */
async function watchedPreview() {
  vi.useFakeTimers();
  const s = new Store();
  s.load("/p", emptyEffect());
  s.set({ previewMode: "live" });
  const stop = live.watchLive(s, 300);
  await live.startLive(s, { kind: "photo", path: "/a.png" });
  return { s, stop };
}

describe("the live preview", () => {
  beforeEach(() => {
    calls.length = 0;
    failStart = null;
  });
  afterEach(() => {
    live.setFrameTarget(null);
    vi.useRealTimers();
  });

  it("starts at the frame shape's size, draws each frame, acknowledges it, keeps the readout and the console", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    s.set({ orientation: "landscape" });
    const drawn: number[] = [];
    live.setFrameTarget(drawAtOnce(drawn));
    expect(await live.startLive(s, { kind: "photo", path: "/media/face.jpg" })).toBe(true);
    const start = calls.find((c) => c.cmd === "start_preview")!.args;
    expect(start.options).toEqual({ width: 1280, height: 720, fps: 30, overlay: true, shrink: 1 });
    expect(start.source).toEqual({ kind: "photo", path: "/media/face.jpg" });
    expect(s.get().live.status).toBe("running");

    const log = { level: "info" as const, message: "hello", frame: 3 };
    channel().onmessage(frame({ seq: 1, fired: ["t1"], logs: [log], fps: 29, renderMs: 12.5, capturedAtMs: Date.now() - 40 }));
    channel().onmessage(frame({ seq: 2, problem: "the effect has 1 problem(s)" }));
    expect(drawn).toEqual([1, 2]);
    expect(calls.filter((c) => c.cmd === "preview_ack").map((c) => c.args)).toEqual([{ session: 7, seq: 1 }, { session: 7, seq: 2 }]);
    expect(s.get().console).toEqual([log]);
    expect(live.recentlyFired(s.get().live.fired, "t1")).toBe(true);
    expect(live.recentlyFired(s.get().live.fired, "t1", performance.now() + live.FIRED_GLOW_MS)).toBe(false);
    expect(s.get().live.stats).toMatchObject({ fps: 29, renderMs: 12.5, width: 2, height: 2 });
    expect(s.get().live.stats!.latencyMs).toBeGreaterThanOrEqual(40);
    expect(s.get().live.problem).toBe("the effect has 1 problem(s)");

    channel().onmessage(encodeFrame(info({ seq: 3, error: "the camera stopped", ended: true })));
    expect(s.get().live).toMatchObject({ status: "stopped", message: "the camera stopped" });
    expect(drawn).toEqual([1, 2]);
  });

  it("acknowledges only frames drawn: one the window replaced unread is skipped, and its acknowledgement waits", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    const fates: ((fate: "drawn" | "replaced" | "failed") => void)[] = [];
    live.setFrameTarget({ show: (_f, _o, done) => void fates.push(done) });
    await live.startLive(s, { kind: "photo", path: "/a.png" });
    for (const seq of [1, 2, 3]) channel().onmessage(frame({ seq, fired: seq === 2 ? ["t2"] : [] }));
    // What a frame says takes effect when it arrives, drawn or not.
    expect(live.recentlyFired(s.get().live.fired, "t2")).toBe(true);
    const acks = () => calls.filter((c) => c.cmd === "preview_ack").map((c) => c.args.seq);
    expect(acks()).toEqual([]);
    fates[0]!("replaced");
    fates[1]!("replaced");
    expect(acks()).toEqual([]);
    fates[2]!("drawn");
    expect(acks()).toEqual([3]);
    // A failed draw is acknowledged too: the Rust side must not wait for a window that cannot draw.
    channel().onmessage(frame({ seq: 4 }));
    fates[3]!("failed");
    expect(acks()).toEqual([3, 4]);
    // The readout counts the replaced frames as skipped (it refreshes every 250 ms).
    await new Promise((r) => setTimeout(r, live.STATS_EVERY_MS + 10));
    channel().onmessage(frame({ seq: 5 }));
    expect(s.get().live.stats!.skipped).toMatchObject({ skipped: 2, frames: 3 });
  });

  it("shrinks frames to what the canvas shows", () => {
    expect(live.shrinkFor(1280, 0)).toBe(1);
    expect(live.shrinkFor(1280, 620)).toBe(2);
    expect(live.shrinkFor(1280, 1240)).toBe(1);
    expect(live.shrinkFor(720, 60)).toBe(8);
  });

  it("shows why it did not start", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    failStart = { code: "source", message: "no camera found on this computer" };
    expect(await live.startLive(s, { kind: "camera", device: "0" })).toBe(false);
    expect(s.get().live).toMatchObject({ status: "error", message: "no camera found on this computer" });
  });

  it("does not send the document the preview started with", async () => {
    const { stop } = await watchedPreview();
    vi.advanceTimersByTime(1000);
    expect(calls.filter((c) => c.cmd === "update_preview")).toHaveLength(0);
    stop();
  });

  it("sends a burst of edits once after a quiet period, and stops when the project closes", async () => {
    const { s, stop } = await watchedPreview();
    for (let i = 0; i < 4; i++) s.edit((e) => addTrigger(e, newTrigger(e)));
    vi.advanceTimersByTime(299);
    expect(calls.filter((c) => c.cmd === "update_preview")).toHaveLength(0);
    vi.advanceTimersByTime(1);
    const updates = calls.filter((c) => c.cmd === "update_preview");
    expect(updates).toHaveLength(1);
    expect((updates[0]!.args.effect as { triggers: unknown[] }).triggers).toHaveLength(4);

    s.set({ orientation: "square" });
    expect(calls.filter((c) => c.cmd === "start_preview").at(-1)!.args.options).toMatchObject({ width: 720, height: 720 });
    expect(calls.filter((c) => c.cmd === "start_preview")).toHaveLength(2);
    s.set({ previewMode: "layout" });
    expect(calls.some((c) => c.cmd === "stop_preview")).toBe(true);
    calls.length = 0;
    await live.startLive(s, { kind: "photo", path: "/a.png" });
    s.load("/other", emptyEffect());
    expect(calls.some((c) => c.cmd === "stop_preview")).toBe(true);
    expect(s.get().live.status).toBe("off");
    expect(live.isLive()).toBe(false);
    stop();
  });
});
