// The live player: hls.js on a <video>, hot-zone payloads from the stream's SEI, and one
// callback per presented frame with the payload that belongs to it.
//
//   playlist ─hls.js─▶ MSE ─▶ <video> ─requestVideoFrameCallback(mediaTime)─┐
//        └─ FRAG_PARSING_USERDATA {pts, uuid, userData} ─▶ decodeSei ─▶ ZoneTimeline.at(mediaTime)
//                                                                           └─▶ onFrame(frame)
//
// StreamHealth decides when the stream is offline (fatal error or a frozen picture); then the
// player drops hls.js, polls the playlist and starts afresh when it shows a live stream again
// (nginx-rtmp restarts a re-published stream's timeline and fragment numbers from zero).

import Hls, { type ErrorData, type FragParsingUserdataData } from "hls.js/light";
import type { SeiPayload } from "../generated/effect";
import { StreamHealth, playlistIsLive, type StreamStatus } from "./health";
import { decodeSei } from "./sei";
import { RollingStats } from "./stats";
import { ZoneTimeline } from "./timeline";

export type ShownFrame = {
  /** Media time of the presented frame, seconds. */
  mediaTime: number;
  /** The payload carried by that frame, or null when it has none (yet). */
  payload: SeiPayload | null;
};

export type PlayerCallbacks = {
  onFrame(frame: ShownFrame): void;
  onStatus(status: StreamStatus, reason: string): void;
};

export type SeiCounters = { payloads: number; foreign: number; unsupported: number; invalid: number };

const POLL_MS = 1000;
const TICK_MS = 250;

export class LivePlayer {
  readonly timeline = new ZoneTimeline();
  /** Display time (Unix ms) minus the SEI's encode wall-clock time, per presented frame. */
  readonly latency = new RollingStats();
  /** (pts of the payload drawn − pts of the frame shown) in ms, per presented frame. */
  readonly offset = new RollingStats();
  readonly counters: SeiCounters = { payloads: 0, foreign: 0, unsupported: 0, invalid: 0 };
  private readonly health = new StreamHealth(performance.now());
  private hls: Hls | null = null;
  private frozenPlaylist: string | null = null;
  private tickTimer = 0;
  /** Set while offline: the next playlist poll. */
  private pollTimer = 0;
  private polling = false;
  private stopped = false;
  private lastMediaTime = -1;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly src: string,
    private readonly callbacks: PlayerCallbacks,
  ) {}

  get status(): StreamStatus {
    return this.health.status;
  }

  start(): void {
    if (!Hls.isSupported()) {
      this.callbacks.onStatus("offline", "this browser has no Media Source Extensions");
      return;
    }
    this.tickTimer = window.setInterval(() => this.tick(), TICK_MS);
    this.watchFrames();
    this.load();
  }

  stop(): void {
    this.stopped = true;
    window.clearInterval(this.tickTimer);
    window.clearTimeout(this.pollTimer);
    this.hls?.destroy();
    this.hls = null;
  }

  private load(): void {
    this.timeline.clear();
    this.lastMediaTime = -1;
    const hls = new Hls({
      // Stay near the live edge: start two 1 s fragments back, catch up by playing faster.
      liveSyncDurationCount: 2,
      liveMaxLatencyDurationCount: 6,
      maxLiveSyncPlaybackRate: 1.1,
      backBufferLength: 10,
      manifestLoadingMaxRetry: 1,
      levelLoadingMaxRetry: 2,
    });
    hls.on(Hls.Events.FRAG_PARSING_USERDATA, (_e, data) => this.onUserData(data));
    hls.on(Hls.Events.ERROR, (_e, data) => this.onError(data));
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      this.video.play().catch(() => {
        // Autoplay refused (unmuted audio without a gesture): the page shows the play button.
      });
    });
    hls.loadSource(this.src);
    hls.attachMedia(this.video);
    this.hls = hls;
    this.emitStatus();
  }

  private onUserData(data: FragParsingUserdataData): void {
    for (const sample of data.samples) {
      if (sample.uuid === undefined || sample.userData === undefined) continue;
      const decoded = decodeSei(sample.uuid, sample.userData);
      switch (decoded.kind) {
        case "payload":
          this.counters.payloads += 1;
          this.timeline.add(sample.pts, decoded.payload);
          break;
        case "foreign":
          this.counters.foreign += 1;
          break;
        case "unsupported":
          this.counters.unsupported += 1;
          break;
        case "invalid":
          this.counters.invalid += 1;
          console.warn(`lantern viewer: bad hot-zone SEI at ${sample.pts.toFixed(3)} s: ${decoded.reason}`);
          break;
      }
    }
  }

  private onError(data: ErrorData): void {
    if (!data.fatal) return;
    const code = data.response?.code;
    const reason = code ? `${data.details} (HTTP ${code})` : String(data.details);
    this.health.fatal(performance.now(), reason);
    this.goOffline();
  }

  /** Calls `present` for every frame the compositor shows (or every animation frame). */
  private watchFrames(): void {
    const video = this.video;
    if ("requestVideoFrameCallback" in video) {
      const onFrame: VideoFrameRequestCallback = (_now, meta) => {
        this.present(meta.mediaTime, performance.timeOrigin + meta.expectedDisplayTime);
        if (!this.stopped) video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    } else {
      const onAnimation = () => {
        const v = video as HTMLVideoElement;
        if (!v.paused && v.currentTime !== this.lastMediaTime) this.present(v.currentTime, Date.now());
        if (!this.stopped) requestAnimationFrame(onAnimation);
      };
      requestAnimationFrame(onAnimation);
    }
  }

  private present(mediaTime: number, displayedAt: number): void {
    if (this.health.status === "offline" || mediaTime === this.lastMediaTime) return;
    this.lastMediaTime = mediaTime;
    const before = this.health.status;
    this.health.frame(performance.now());
    if (before !== this.health.status) this.emitStatus();
    const hit = this.timeline.at(mediaTime);
    if (hit) {
      this.latency.push(displayedAt - hit.payload.wall);
      this.offset.push((hit.mediaTime - mediaTime) * 1000);
    }
    this.timeline.pruneBefore(mediaTime - 1);
    this.callbacks.onFrame({ mediaTime, payload: hit ? hit.payload : null });
  }

  private tick(): void {
    const before = this.health.status;
    if (this.health.tick(performance.now()) !== before && this.health.status === "offline") {
      this.goOffline();
    }
  }

  private goOffline(): void {
    this.hls?.destroy();
    this.hls = null;
    this.video.removeAttribute("src");
    this.video.load();
    this.timeline.clear();
    this.emitStatus();
    this.callbacks.onFrame({ mediaTime: 0, payload: null });
    if (this.polling) return;
    this.polling = true;
    this.frozenPlaylist = null;
    void this.fetchPlaylist().then((text) => {
      this.frozenPlaylist = text;
      this.pollTimer = window.setTimeout(() => void this.poll(), POLL_MS);
    });
  }

  /** While offline: fetch the playlist until it shows a live stream, then play again. */
  private async poll(): Promise<void> {
    if (this.stopped) return;
    const text = await this.fetchPlaylist();
    if (text !== null && playlistIsLive(text, this.frozenPlaylist)) {
      this.polling = false;
      this.health.retry(performance.now());
      this.load();
      return;
    }
    this.pollTimer = window.setTimeout(() => void this.poll(), POLL_MS);
  }

  private async fetchPlaylist(): Promise<string | null> {
    try {
      const res = await fetch(this.src, { cache: "no-store" });
      return res.ok ? await res.text() : null;
    } catch {
      return null;
    }
  }

  private emitStatus(): void {
    this.callbacks.onStatus(this.health.status, this.health.reason);
  }
}
