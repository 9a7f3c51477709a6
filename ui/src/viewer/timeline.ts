// Pairs hot-zone payloads with video frames by presentation time.
//
// hls.js reports each SEI with the pts of the access unit that carried it, converted to the
// media element's timeline (seconds, the same clock as `video.currentTime` and
// `requestVideoFrameCallback`'s `mediaTime`). A payload belongs to exactly one frame, so the zones
// to draw for the frame on screen are those of the newest payload whose pts is not after that
// frame's mediaTime (half a frame of slack absorbs rounding). Payloads arrive a fragment ahead of
// the picture; the timeline keeps them sorted and bounded.

import type { SeiPayload } from "../generated/effect";

export type TimedPayload = {
  /** Media time of the frame that carried it, seconds. */
  mediaTime: number;
  payload: SeiPayload;
};

/** At most this many payloads are kept (about 100 s at 30 fps); the oldest are dropped first. */
export const TIMELINE_CAPACITY = 3000;

const DEFAULT_FRAME_SECONDS = 1 / 30;

export class ZoneTimeline {
  private entries: TimedPayload[] = [];
  private frameSeconds = DEFAULT_FRAME_SECONDS;

  constructor(private readonly capacity = TIMELINE_CAPACITY) {}

  get size(): number {
    return this.entries.length;
  }

  /** The frame interval estimated from the payloads seen (seconds). */
  get frameInterval(): number {
    return this.frameSeconds;
  }

  /** Adds the payload carried by the frame at `mediaTime`; a repeat of a time replaces it. */
  add(mediaTime: number, payload: SeiPayload): void {
    if (!Number.isFinite(mediaTime)) return;
    const i = this.upperBound(mediaTime);
    const prev = this.entries[i - 1];
    if (prev && Math.abs(prev.mediaTime - mediaTime) < 1e-6) {
      prev.payload = payload;
      return;
    }
    this.entries.splice(i, 0, { mediaTime, payload });
    this.learnInterval(i);
    if (this.entries.length > this.capacity) {
      this.entries.splice(0, this.entries.length - this.capacity);
    }
  }

  /**
   * The payload of the frame shown at `mediaTime`, or null when there is none: before the first
   * payload, or when the newest earlier one is more than two frames old (a gap in the data: show
   * nothing rather than stale zones).
   */
  at(mediaTime: number): TimedPayload | null {
    const slack = this.frameSeconds / 2;
    const i = this.upperBound(mediaTime + slack) - 1;
    const hit = this.entries[i];
    if (!hit || mediaTime - hit.mediaTime > 2 * this.frameSeconds) return null;
    return hit;
  }

  /** Drops payloads older than `mediaTime` (already shown). */
  pruneBefore(mediaTime: number): void {
    const i = this.upperBound(mediaTime) - 1;
    if (i > 0) this.entries.splice(0, i);
  }

  clear(): void {
    this.entries = [];
    this.frameSeconds = DEFAULT_FRAME_SECONDS;
  }

  /** Index of the first entry whose time is greater than `t`. */
  private upperBound(t: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid].mediaTime <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Follows the frame interval (a smoothed gap between neighbours, ignoring holes). */
  private learnInterval(i: number): void {
    const a = this.entries[i - 1];
    const b = this.entries[i];
    if (!a || !b) return;
    const gap = b.mediaTime - a.mediaTime;
    if (gap > 0.004 && gap < 0.25) {
      this.frameSeconds = this.frameSeconds * 0.9 + gap * 0.1;
    }
  }
}
