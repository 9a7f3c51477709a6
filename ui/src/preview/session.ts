// One running preview's receiving end: binary frames from a Tauri channel are decoded, handed to
// the frame target the preview component registers (it draws the newest once per animation frame,
// off the main thread where it can: sink.ts, offscreen.ts), acknowledged once drawn, and what they
// say (console lines, fired triggers, problems, figures) goes into the store.
import { Channel } from "@tauri-apps/api/core";
import type { ClipStatus, FrameInfo } from "../generated/ipc";
import * as ipc from "../ipc";
import type { Store } from "../store/store";
import { type DecodedFrame, decodeFrame } from "./frame";
import type { Fate } from "./latest";
import type { FrameSink } from "./sink";
import { SkipMeter } from "./skips";
import { cueSounds } from "./sound";

/** How often the readout is refreshed. */
export const STATS_EVERY_MS = 250;

/** Where frames are drawn: set by the preview component while its canvas exists. */
export type FrameTarget = Pick<FrameSink, "show">;
let target: FrameTarget | null = null;

export function setFrameTarget(t: FrameTarget | null): void {
  target = t;
}

/** One running preview's receiving end. */
export class Session {
  // -Infinity: the first frame always reports (performance.now() may be under 250 ms at start).
  lastStats = Number.NEGATIVE_INFINITY;
  readonly skips = new SkipMeter();
  closed = false;
  readonly channel = new Channel<ArrayBuffer>();

  constructor(private readonly s: Store) {
    this.channel.onmessage = (m) => this.receive(m);
  }

  receive(message: ArrayBuffer): void {
    if (this.closed) return;
    let frame: DecodedFrame;
    try {
      frame = decodeFrame(message instanceof ArrayBuffer ? message : new Uint8Array(message as ArrayLike<number>).buffer);
    } catch (e) {
      this.s.setLive({ status: "error", message: ipc.describeError(e) });
      return;
    }
    const { info, pixels } = frame;
    this.s.log(info.logs);
    cueSounds(this.s, info.sounds);
    this.update(info, !!pixels);
    if (!pixels) this.ack(info);
    else if (target) target.show(frame, this.s.get().live.overlay, (fate) => this.shown(info, fate));
    else this.shown(info, "drawn");
  }

  ack(info: FrameInfo): void {
    ipc.previewAck(info.session, info.seq).catch(() => undefined);
  }

  /**
   * A frame was drawn (or failed): the Rust side may send the next one. A frame replaced by a
   * newer one before it was drawn is not acknowledged (the newer one's acknowledgement covers it),
   * so the Rust side sends no faster than the window draws; it counts as skipped.
   */
  shown(info: FrameInfo, fate: Fate): void {
    this.skips.add(performance.now(), fate === "drawn" ? 1 : 0, fate === "replaced" ? 1 : 0);
    if (fate !== "replaced") this.ack(info);
  }

  update(info: FrameInfo, drawn: boolean): void {
    const now = performance.now();
    const live = this.s.get().live;
    this.skips.add(now, 0, info.skipped);
    const patch: Partial<typeof live> = {};
    if (info.fired.length) {
      const fired = { ...live.fired };
      for (const id of info.fired) fired[id] = now;
      patch.fired = fired;
    }
    if ((info.problem ?? null) !== live.problem) patch.problem = info.problem ?? null;
    // The clip's position moves every frame: the store hears of it with the readout, unless the
    // transport's state changed (a pause shows at once).
    const clip = info.clip ?? null;
    if (!sameTransport(clip, live.clip)) patch.clip = clip;
    if ((info.recording ?? null) === null && live.recording) patch.recording = null;
    if (info.error) patch.message = info.error;
    else if (live.message && drawn) patch.message = null;
    if (info.ended) {
      patch.status = "stopped";
      this.closed = true;
    }
    if (now - this.lastStats >= STATS_EVERY_MS) {
      this.lastStats = now;
      patch.stats = {
        fps: info.fps,
        renderMs: info.renderMs,
        latencyMs: Math.max(0, Date.now() - info.capturedAtMs),
        trackMs: info.tracking.trackMs,
        tracking: info.tracking.state,
        trackingMessage: info.tracking.message ?? null,
        width: info.width * Math.max(1, info.shrink),
        height: info.height * Math.max(1, info.shrink),
        shrink: Math.max(1, info.shrink),
        skipped: this.skips.stats(),
      };
      if (live.status === "starting") patch.status = "running";
      patch.clip = clip;
      patch.recording = info.recording ?? null;
    }
    if (Object.keys(patch).length) this.s.setLive(patch);
  }
}

/** Whether two clip states differ only in position (or are both absent). */
export function sameTransport(a: ClipStatus | null, b: ClipStatus | null): boolean {
  if (!a || !b) return a === b;
  return a.playing === b.playing && a.looping === b.looping && a.durationMs === b.durationMs;
}
