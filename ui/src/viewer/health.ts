// Is the stream live? A small state machine the player feeds with events and a clock:
//
//   connecting ──first frame──▶ playing ──no frame for stallMs──▶ offline
//        │                          │                                │
//        └──fatal error / startMs───┴──────────fatal error───────────┘
//   offline ──playlist changed (the host is back)──▶ connecting
//
// "No frame" is measured with presented frames (requestVideoFrameCallback), which is what a
// viewer sees: a live HLS playlist that stops growing never errors, the picture just freezes.

export type StreamStatus = "connecting" | "playing" | "offline";

export type HealthOptions = {
  /** Playing → offline after this long without a new frame. */
  stallMs: number;
  /** Connecting → offline after this long without a first frame. */
  startMs: number;
};

export const DEFAULT_HEALTH: HealthOptions = { stallMs: 3500, startMs: 12_000 };

export class StreamHealth {
  private state: StreamStatus = "connecting";
  private since: number;
  private lastFrame = -Infinity;
  private reasonText = "";

  constructor(
    now: number,
    private readonly opts: HealthOptions = DEFAULT_HEALTH,
  ) {
    this.since = now;
  }

  get status(): StreamStatus {
    return this.state;
  }

  /** Why the stream is offline (for the page and the log). */
  get reason(): string {
    return this.reasonText;
  }

  /** A new frame was presented. */
  frame(now: number): StreamStatus {
    this.lastFrame = now;
    if (this.state !== "playing") this.enter("playing", now, "");
    return this.state;
  }

  /** The player gave up (playlist 404, network error, decode error). */
  fatal(now: number, reason: string): StreamStatus {
    if (this.state !== "offline") this.enter("offline", now, reason);
    return this.state;
  }

  /** The host is back: try to play again. */
  retry(now: number): StreamStatus {
    if (this.state === "offline") this.enter("connecting", now, "");
    return this.state;
  }

  /** Advances the clock; returns the (maybe new) status. */
  tick(now: number): StreamStatus {
    if (this.state === "playing" && now - this.lastFrame > this.opts.stallMs) {
      this.enter("offline", now, "no new video");
    } else if (this.state === "connecting" && now - this.since > this.opts.startMs) {
      this.enter("offline", now, "no video arrived");
    }
    return this.state;
  }

  private enter(state: StreamStatus, now: number, reason: string): void {
    this.state = state;
    this.since = now;
    this.reasonText = reason;
  }
}

/**
 * Whether a playlist fetched while offline shows a stream that is live again: it lists media
 * segments and differs from the one seen when the stream went offline (a stopped stream's
 * playlist stays frozen until nginx-rtmp cleans it up).
 */
export function playlistIsLive(text: string, frozen: string | null): boolean {
  return text.includes("#EXTINF") && text !== frozen;
}
