// What the store knows of the live preview and of going live (the panels' state, not the document).
import type { ClipStatus, LiveStats as PushStats, PreviewSource, RecordingStatus, TrackingState } from "../generated/ipc";
import type { SkipStats } from "../preview/skips";

/** The live preview's readout (updated a few times a second, not every frame). */
export interface LiveStats {
  fps: number;
  /** Engine time per frame: scene, render, readback. */
  renderMs: number;
  /** From taking the source frame to the picture drawn in the canvas. */
  latencyMs: number;
  trackMs: number;
  tracking: TrackingState;
  trackingMessage: string | null;
  /** The engine's output size. */
  width: number;
  height: number;
  /** Output pixels per pixel sent to the canvas. */
  shrink: number;
  /** Frames the window could not show (a newer one was there): recently, and since the start. */
  skipped: SkipStats;
}

export interface LiveState {
  status: "off" | "starting" | "running" | "stopped" | "error";
  source: PreviewSource | null;
  /** Why it stopped or did not start. */
  message: string | null;
  /** Why the latest edit is not playing (the previous version keeps playing). */
  problem: string | null;
  overlay: boolean;
  stats: LiveStats | null;
  /** Trigger id → when it last fired (`performance.now()` ms), for the live indicator. */
  fired: Record<string, number>;
  /** Where the video source stands (the transport bar); null for photos and cameras. */
  clip: ClipStatus | null;
  /** The recording in progress. */
  recording: RecordingStatus | null;
}

/** Going live: the push's state as its events report it. */
export interface GoLiveState {
  status: "off" | "connecting" | "live" | "reconnecting" | "ended" | "failed";
  /** The server URL with the key masked (or the file). */
  url: string | null;
  /** Why it failed or what is happening. */
  message: string | null;
  /** The reconnect attempt under way. */
  attempt: number | null;
  /** When it went live (`Date.now()` ms), for the badge's duration. */
  since: number | null;
  stats: PushStats | null;
  /** The effect's gameplay script runs. */
  gameplay: boolean;
}

export const initialGoLive: GoLiveState = { status: "off", url: null, message: null, attempt: null, since: null, stats: null, gameplay: true };

/** Whether a push is under way (connecting, live or reconnecting). */
export function isOnAir(g: GoLiveState): boolean {
  return g.status === "connecting" || g.status === "live" || g.status === "reconnecting";
}

export const initialLive: LiveState = { status: "off", source: null, message: null, problem: null, overlay: true, stats: null, fired: {}, clip: null, recording: null };
