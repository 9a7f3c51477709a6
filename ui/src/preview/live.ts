// The live preview's flows: start it over a source (frames arrive on the session's channel,
// session.ts), hand the panel to a push and back, and rebuild the engine's player when the
// document changes (debounced). Nothing here throws into a component.
import type { Channel } from "@tauri-apps/api/core";
import type { Effect, Orientation } from "../generated/effect";
import type { PreviewSource } from "../generated/ipc";
import * as ipc from "../ipc";
import { type Store, initialLive } from "../store/store";
import { Session } from "./session";

export { type FrameTarget, STATS_EVERY_MS, setFrameTarget } from "./session";

/** Quiet time after an edit before the preview rebuilds from the document. */
export const RELOAD_DELAY_MS = 300;
/** How long a fired trigger stays lit. */
export const FIRED_GLOW_MS = 1200;

/** The engine's output size for each frame shape. */
export function outputSize(o: Orientation): { width: number; height: number } {
  if (o === "landscape") return { width: 1280, height: 720 };
  if (o === "square") return { width: 720, height: 720 };
  return { width: 720, height: 1280 };
}

/** Device pixels the canvas is shown at (set by the preview component). */
let displayWidth = 0;

export function setDisplayWidth(px: number): void {
  displayWidth = px;
}

/** How much to shrink frames before sending: the canvas shows no more than `display` pixels. */
export function shrinkFor(outputWidth: number, display: number): number {
  if (display <= 0) return 1;
  return Math.min(8, Math.max(1, Math.floor(outputWidth / display)));
}

let session: Session | null = null;
/** The frame shape the running preview renders. */
let sessionOrientation: Orientation | null = null;
/**
 * While live, the panel shows the push's outgoing frames: edits, shape changes and the preview
 * mode leave it alone, and the preview's source stays released (a camera opens only once).
 */
let pushing = false;
/** The document the preview (or the push) last received. */
let lastSent: unknown = null;

export function isPushing(): boolean {
  return pushing;
}

/**
 * Hand the preview panel to a push: the preview's session ends (the Rust side stops it and
 * releases its source) and a new one receives the push's frames on the returned channel.
 */
export function takeOverForPush(s: Store): Channel<ArrayBuffer> {
  if (session) session.closed = true;
  const next = new Session(s);
  session = next;
  pushing = true;
  // The push starts with the document as it is: only later edits go into the stream.
  lastSent = s.get().history?.present ?? null;
  s.setLive({ status: "starting", message: null, problem: null, stats: null, fired: {} });
  return next.channel;
}

/** The push ended: the panel goes back to the preview, over the same source. */
export async function endPush(s: Store): Promise<void> {
  if (!pushing) return;
  pushing = false;
  if (session) session.closed = true;
  session = null;
  const { live, previewMode } = s.get();
  if (previewMode === "live" && live.source) await startLive(s, live.source);
  else s.setLive({ status: "stopped", stats: null });
}

/** Start the preview over `source` (stopping a running one). */
export async function startLive(s: Store, source: PreviewSource): Promise<boolean> {
  const dir = s.get().project?.dir;
  const doc = s.doc();
  if (!dir || !doc) return false;
  if (pushing) {
    s.notify("error", "Stop the stream before changing the preview's source.");
    return false;
  }
  if (session) session.closed = true;
  const next = new Session(s);
  session = next;
  // Before the store changes: the watcher compares it with the frame shape.
  sessionOrientation = s.get().orientation;
  // The preview starts with this document: the edit watcher must not send it again.
  lastSent = doc;
  s.setLive({ status: "starting", source, message: null, problem: null, stats: null, fired: {}, clip: null, recording: null });
  try {
    const { width, height } = outputSize(sessionOrientation);
    const options = { width, height, fps: 30, overlay: s.get().live.overlay, shrink: shrinkFor(width, displayWidth) };
    await ipc.startPreview(dir, doc, source, options, next.channel);
    if (session === next && s.get().live.status === "starting") s.setLive({ status: "running" });
    return true;
  } catch (e) {
    // A newer start replaced this one meanwhile: its outcome is the one to show.
    if (session !== next) return false;
    session = null;
    s.setLive({ status: "error", message: ipc.describeError(e) });
    return false;
  }
}

/** Stop the preview (the canvas keeps its last picture). */
export async function stopLive(s: Store): Promise<void> {
  if (pushing) return;
  if (session) session.closed = true;
  session = null;
  if (s.get().live.status !== "off") s.setLive({ status: "stopped", stats: null });
  await ipc.stopPreview().catch((e) => s.notifyError(e, "Could not stop the preview"));
}

export function setOverlay(s: Store, on: boolean): void {
  s.setLive({ overlay: on });
  if (session) ipc.setPreviewOverlay(on).catch(() => undefined);
}

/** A tap on a hot-zone of the preview picture. */
export function tapZone(zoneId: string, payload: unknown): void {
  if (session) ipc.previewTap(zoneId, payload ?? null).catch(() => undefined);
}

export function isLive(): boolean {
  return session !== null;
}


/**
 * Send document edits to the running preview after each quiet period; stop the preview when
 * the project closes or changes. Returns a function that stops watching.
 */
export function watchLive(s: Store, delay = RELOAD_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dir = s.get().project?.dir ?? null;
  const unsubscribe = s.subscribe(() => {
    const st = s.get();
    const nowDir = st.project?.dir ?? null;
    if (nowDir !== dir) {
      dir = nowDir;
      clearTimeout(timer);
      // A push is stopped by the go-live watcher (`watchGoLive`).
      if (session && !pushing) void stopLive(s);
      s.set({ live: { ...initialLive, overlay: st.live.overlay } });
      return;
    }
    if (!session) return;
    if (pushing) {
      // While live, edits go into the stream (checked first; a bad one leaves the stream as it is).
      sendEdit(st.history?.present ?? null, (doc) => ipc.updateLive(nowDir ?? "", doc), (e) => s.notifyError(e));
      return;
    }
    if (st.previewMode !== "live") {
      // Nobody sees it: do not keep the engine busy.
      void stopLive(s);
      return;
    }
    if (st.orientation !== sessionOrientation && st.live.source) {
      // A new output shape needs a new player size: restart over the same source.
      void startLive(s, st.live.source);
      return;
    }
    sendEdit(st.history?.present ?? null, ipc.updatePreview, (e) => s.setLive({ problem: ipc.describeError(e) }));
  });
  /** Sends `doc` with `send` after the quiet period, unless it was the last one sent. */
  function sendEdit(doc: Effect | null, send: (doc: Effect) => Promise<void>, failed: (e: unknown) => void): void {
    if (!doc || doc === lastSent) return;
    lastSent = doc;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (session) send(doc).catch(failed);
    }, delay);
  }
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/** Whether a trigger fired within the glow time. */
export function recentlyFired(fired: Record<string, number>, id: string, now = performance.now()): boolean {
  const at = fired[id];
  return at !== undefined && now - at < FIRED_GLOW_MS;
}
