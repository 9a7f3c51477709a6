import { beforeEach, describe, expect, it, vi } from "vitest";
import type { LiveEvent, LiveStats } from "../generated/ipc";

const calls: { cmd: string; args: Record<string, unknown> }[] = [];
let fail: Record<string, unknown> = {};
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push({ cmd, args });
    if (fail[cmd]) throw fail[cmd];
    return null;
  },
  Channel: class {
    onmessage: (m: unknown) => void = () => undefined;
  },
}));

const golive = await import("./golive");
const live = await import("./live");
const { encodeFrame } = await import("./frame");
const { drawAtOnce, info } = await import("./fixtures");
const { Store } = await import("../store/store");
const { emptyEffect } = await import("../store/fixtures");

/** A Storage in memory. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

const stats: LiveStats = { uptimeS: 2, fpsOut: 29.6, fpsIn: 30, kbps: 2480.4, framesSent: 60, dropped: 1, reconnects: 0, renderMs: 20, previewFps: 24, firstPacketMs: 900 };
const form = { url: " rtmp://127.0.0.1:1935/live ", key: "sk_secret", fps: 30, videoKbps: 2500 };

function started() {
  return calls.filter((c) => c.cmd === "start_live").at(-1)!.args;
}
const events = () => started().onEvent as { onmessage: (e: LiveEvent) => void };
const frames = () => started().onFrame as { onmessage: (m: ArrayBuffer) => void };

describe("going live", () => {
  beforeEach(() => {
    calls.length = 0;
    fail = {};
    vi.stubGlobal("localStorage", memoryStorage());
  });

  it("pushes the edited document over the preview's source, follows the events, shows the push's frames, stops and resumes the preview", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    s.set({ orientation: "landscape" });
    await live.startLive(s, { kind: "photo", path: "/media/face.jpg" });
    const drawn: number[] = [];
    live.setFrameTarget(drawAtOnce(drawn));
    expect(await golive.goLive(s, form)).toBe(true);
    const a = started();
    expect(a.target).toEqual({ url: "rtmp://127.0.0.1:1935/live", key: "sk_secret" });
    expect(a.source).toEqual({ kind: "photo", path: "/media/face.jpg" });
    expect(a.options).toEqual({ width: 1280, height: 720, fps: 30, videoKbps: 2500, gameplay: true });
    expect(a.effect).toBe(s.doc());
    expect(s.get().previewMode).toBe("live");
    expect(s.get().goLive.status).toBe("live");
    expect(live.isPushing()).toBe(true);

    events().onmessage({ kind: "status", state: "live", url: "rtmp://127.0.0.1:1935/live/••••" });
    events().onmessage({ kind: "stats", stats });
    expect(s.get().goLive).toMatchObject({ status: "live", url: "rtmp://127.0.0.1:1935/live/••••", stats });
    // The panel draws the push's frames and acknowledges them.
    frames().onmessage(encodeFrame(info({ session: 42, seq: 1, width: 2, height: 2 }), new Uint8Array(16)));
    expect(drawn).toEqual([1]);
    expect(calls.filter((c) => c.cmd === "preview_ack").at(-1)!.args).toEqual({ session: 42, seq: 1 });
    // Edits and shape changes do not restart anything while live; changing the source is refused.
    s.set({ orientation: "square" });
    expect(calls.filter((c) => c.cmd === "start_preview")).toHaveLength(1);
    expect(await live.startLive(s, { kind: "photo", path: "/b.png" })).toBe(false);
    expect(s.get().notices.at(-1)!.text).toMatch(/^Stop the stream before changing/);

    events().onmessage({ kind: "status", state: "reconnecting", url: "x", message: "the connection dropped", attempt: 2 });
    expect(s.get().goLive).toMatchObject({ status: "reconnecting", attempt: 2 });
    await golive.stopGoLive(s);
    expect(calls.some((c) => c.cmd === "stop_live")).toBe(true);
    expect(s.get().goLive.status).toBe("ended");
    expect(live.isPushing()).toBe(false);
    // The preview is back over the same source.
    expect(calls.filter((c) => c.cmd === "start_preview").at(-1)!.args.source).toEqual({ kind: "photo", path: "/media/face.jpg" });
    // Remembered per project without the key.
    expect(golive.loadSettings("/p")).toEqual({ url: "rtmp://127.0.0.1:1935/live", fps: 30, videoKbps: 2500 });
    expect(JSON.stringify(localStorage.getItem("lantern.goLive:/p"))).not.toContain("sk_secret");
    expect(golive.rememberedKey()).toBe("sk_secret");
    live.setFrameTarget(null);
  });

  it("shows why it did not go live, and gives the panel back to the preview", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    fail.start_live = { code: "live", message: "cannot reach rtmp://nowhere/app (Connection refused)" };
    expect(await golive.goLive(s, form)).toBe(false);
    expect(s.get().goLive).toMatchObject({ status: "failed", message: "cannot reach rtmp://nowhere/app (Connection refused)" });
    expect(live.isPushing()).toBe(false);
    fail.start_live = { code: "invalid", message: "not going live: the effect has 1 problem(s)" };
    await golive.goLive(s, form);
    expect(s.get().goLive.message).toMatch(/not going live/);
  });

  it("a stream that fails while live says so, and the project closing stops the stream", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    await golive.goLive(s, form);
    events().onmessage({ kind: "status", state: "failed", url: "x", message: "gave up after 25 reconnect attempts" });
    expect(s.get().goLive).toMatchObject({ status: "failed", message: "gave up after 25 reconnect attempts" });
    expect(s.get().notices.at(-1)!.text).toMatch(/stream stopped: gave up/);

    const stop = golive.watchGoLive(s);
    await golive.goLive(s, form);
    s.load("/other", emptyEffect());
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === "stop_live")).toBe(true));
    stop();
  });

  it("controls the gameplay and sends host commands with JSON arguments", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    await golive.setGameplay(s, false);
    expect(s.get().goLive.gameplay).toBe(false);
    expect(await golive.sendCommand(s, " boss ", '{"level": 2}')).toBe(true);
    expect(calls.at(-1)).toEqual({ cmd: "live_command", args: { name: "boss", args: { level: 2 } } });
    expect(await golive.sendCommand(s, "boss", "{level")).toBe(false);
    expect(s.get().notices.at(-1)!.text).toMatch(/must be JSON/);
    fail.live_gameplay = { code: "live", message: "not live: go live first" };
    await golive.setGameplay(s, true);
    expect(s.get().notices.at(-1)!.text).toBe("Could not run the gameplay: not live: go live first");
    expect(s.get().notices.at(-1)!.code).toBe("live");
    expect(s.get().goLive.gameplay).toBe(false);
  });

  it("formats durations", () => {
    expect(golive.formatDuration(0)).toBe("00:00");
    expect(golive.formatDuration(75_400)).toBe("01:15");
    expect(golive.formatDuration(3_725_000)).toBe("1:02:05");
  });
});
