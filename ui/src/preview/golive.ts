// Going live from the Studio: start the engine's push with the edited document over the preview's
// source, follow its status and stats events, let the preview panel show the push's own frames,
// control it (gameplay, host commands), stop it — and stop it when the project closes. The URL,
// fps and bitrate are remembered per project (localStorage); the stream key never is: it stays in
// memory for this session only. Nothing here throws into a component.
import { Channel } from "@tauri-apps/api/core";
import type { LiveEvent } from "../generated/ipc";
import * as ipc from "../ipc";
import { type Store, initialGoLive, isOnAir } from "../store/store";
import { endPush, outputSize, takeOverForPush } from "./live";

/** What the host fills in. */
export interface GoLiveForm {
  url: string;
  key: string;
  fps: number;
  videoKbps: number;
}

export type GoLiveSettings = Omit<GoLiveForm, "key">;

export const DEFAULT_SETTINGS: GoLiveSettings = { url: "", fps: 30, videoKbps: 2500 };

const settingsKey = (dir: string) => `lantern.goLive:${dir}`;

/** The project's remembered URL, fps and bitrate (never a key). */
export function loadSettings(dir: string, storage: Storage | undefined = globalThis.localStorage): GoLiveSettings {
  try {
    const raw = storage?.getItem(settingsKey(dir));
    if (!raw) return { ...DEFAULT_SETTINGS };
    const v = JSON.parse(raw) as Partial<GoLiveSettings>;
    return {
      url: typeof v.url === "string" ? v.url : "",
      fps: typeof v.fps === "number" ? v.fps : DEFAULT_SETTINGS.fps,
      videoKbps: typeof v.videoKbps === "number" ? v.videoKbps : DEFAULT_SETTINGS.videoKbps,
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(dir: string, f: GoLiveForm, storage: Storage | undefined = globalThis.localStorage): void {
  const kept: GoLiveSettings = { url: f.url.trim(), fps: f.fps, videoKbps: f.videoKbps };
  try {
    storage?.setItem(settingsKey(dir), JSON.stringify(kept));
  } catch {
    // Storage full or disabled: the fields just start empty next time.
  }
}

/** The key typed this session (memory only). */
let sessionKey = "";

export function rememberedKey(): string {
  return sessionKey;
}

/** Numbers pushes: events from an older one are ignored. */
let current = 0;

/** Apply one event of the push to the store. */
export function applyEvent(s: Store, e: LiveEvent): void {
  if (e.kind === "stats") {
    s.setGoLive({ stats: e.stats });
    return;
  }
  const g = s.get().goLive;
  switch (e.state) {
    case "connecting":
      s.setGoLive({ status: "connecting", url: e.url, message: null });
      break;
    case "live":
      s.setGoLive({ status: "live", url: e.url, message: null, attempt: null, since: g.since ?? Date.now() });
      break;
    case "reconnecting":
      s.setGoLive({ status: "reconnecting", message: e.message ?? null, attempt: e.attempt ?? null });
      break;
    case "ended":
      s.setGoLive({ status: "ended", message: null });
      void endPush(s);
      break;
    case "failed":
      if (g.status === "live" || g.status === "reconnecting") s.notify("error", `The stream stopped: ${e.message ?? "unknown error"}`);
      s.setGoLive({ status: "failed", message: e.message ?? "the stream failed" });
      void endPush(s);
      break;
  }
}

/** Go live with the document as edited now; false (with the reason in the store) when not. */
export async function goLive(s: Store, form: GoLiveForm): Promise<boolean> {
  const dir = s.get().project?.dir;
  const doc = s.doc();
  if (!dir || !doc || isOnAir(s.get().goLive)) return false;
  saveSettings(dir, form);
  sessionKey = form.key;
  const { width, height } = outputSize(s.get().orientation);
  const source = s.get().live.source;
  const token = ++current;
  const frames = takeOverForPush(s);
  // The panel shows the push's frames.
  s.set({ previewMode: "live" });
  const events = new Channel<LiveEvent>();
  events.onmessage = (e) => {
    if (token === current) applyEvent(s, e);
  };
  s.setGoLive({ ...initialGoLive, status: "connecting" });
  try {
    const target = { url: form.url.trim(), key: form.key.trim() };
    await ipc.startLive(dir, doc, source, target, { width, height, fps: form.fps, videoKbps: form.videoKbps, gameplay: true }, events, frames);
    if (token === current && s.get().goLive.status === "connecting") s.setGoLive({ status: "live", since: Date.now() });
    return true;
  } catch (e) {
    if (token !== current) return false;
    s.setGoLive({ status: "failed", message: ipc.describeError(e), since: null });
    await endPush(s);
    return false;
  }
}

/** End the stream; the preview resumes over its source. */
export async function stopGoLive(s: Store): Promise<void> {
  if (!isOnAir(s.get().goLive)) return;
  try {
    await ipc.stopLive();
  } catch (e) {
    s.notifyError(e, "Could not stop the stream");
  }
  if (isOnAir(s.get().goLive)) s.setGoLive({ status: "ended" });
  await endPush(s);
}

/** Run or pause the effect's gameplay script while live. */
export async function setGameplay(s: Store, on: boolean): Promise<void> {
  // The checkbox follows at once; a refusal puts it back.
  const was = s.get().goLive.gameplay;
  s.setGoLive({ gameplay: on });
  try {
    await ipc.liveGameplay(on);
  } catch (e) {
    s.setGoLive({ gameplay: was });
    s.notifyError(e, `Could not ${on ? "run" : "pause"} the gameplay`);
  }
}

/** Send a host command; `args` is JSON text (empty: none). True when it went out. */
export async function sendCommand(s: Store, name: string, args: string): Promise<boolean> {
  let parsed: unknown = null;
  if (args.trim()) {
    try {
      parsed = JSON.parse(args);
    } catch {
      s.notify("error", `Command arguments must be JSON, e.g. {"level": 2}: ${args}`);
      return false;
    }
  }
  try {
    await ipc.liveCommand(name.trim(), parsed);
    return true;
  } catch (e) {
    s.notifyError(e, `Could not send the command "${name.trim()}"`);
    return false;
  }
}

/** `mm:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(ms: number): string {
  const t = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(t / 3600);
  const mm = String(Math.floor((t % 3600) / 60)).padStart(2, "0");
  const ss = String(t % 60).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Stop the stream when the project closes or another one opens. Returns the unsubscriber. */
export function watchGoLive(s: Store): () => void {
  let dir = s.get().project?.dir ?? null;
  return s.subscribe(() => {
    const now = s.get().project?.dir ?? null;
    if (now === dir) return;
    dir = now;
    if (isOnAir(s.get().goLive)) void stopGoLive(s);
    else s.setGoLive({ ...initialGoLive });
  });
}
