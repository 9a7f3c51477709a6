// The Studio's single store: the open project, the effect document with its undo history, and
// what the editor shows (selection, frame shape, dialogs, messages). Components read it with
// `useStudio(selector)` and change it only through the functions in `actions.ts`.
import { useSyncExternalStore } from "react";
import type { Effect, Orientation } from "../generated/effect";
import type { ConsoleLine, LiveStats as PushStats, PreviewSource, RecentProject, Recovery, TrackingState } from "../generated/ipc";
import { type History, commit, endGesture, initHistory, redo, undo } from "./history";

export type Selection = { kind: "layer" | "trigger" | "asset"; id: string } | null;

/** What the Studio knows about an asset's pixels (from the import, or its loaded thumbnail). */
export interface AssetView {
  url?: string;
  width?: number;
  height?: number;
  frames?: number;
}

export interface Notice {
  id: number;
  kind: "error" | "info";
  text: string;
}

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
  /** Frames skipped because the webview was behind, since the start. */
  skipped: number;
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

export const initialLive: LiveState = { status: "off", source: null, message: null, problem: null, overlay: true, stats: null, fired: {} };

/** The newest console lines kept, at most. */
export const CONSOLE_LINES = 500;

export interface StudioState {
  project: { dir: string } | null;
  history: History<Effect> | null;
  /** The document as last saved (or opened): the editor is dirty when the present differs. */
  saved: Effect | null;
  selection: Selection;
  orientation: Orientation;
  assets: Record<string, AssetView>;
  recovery: Recovery | null;
  recent: RecentProject[];
  dialog: "none" | "newProject" | "export";
  notices: Notice[];
  busy: string | null;
  /** The preview shows the editable layout, or the engine's live rendering. */
  previewMode: "layout" | "live";
  live: LiveState;
  goLive: GoLiveState;
  /** The script console: script output and the scene's notes, newest last. */
  console: ConsoleLine[];
  /** The bottom panel's tab. */
  bottomTab: "triggers" | "script" | "console";
}

export const initialState: StudioState = {
  project: null,
  history: null,
  saved: null,
  selection: null,
  orientation: "portrait",
  assets: {},
  recovery: null,
  recent: [],
  dialog: "none",
  notices: [],
  busy: null,
  previewMode: "layout",
  live: initialLive,
  goLive: initialGoLive,
  console: [],
  bottomTab: "triggers",
};

type Listener = () => void;

/** How long a confirmation stays on screen. */
export const INFO_NOTICE_MS = 4000;

/** A minimal external store; `set` takes a patch or a function of the current state. */
export class Store {
  private state: StudioState;
  private listeners = new Set<Listener>();

  constructor(state: StudioState = initialState) {
    this.state = state;
  }

  get = (): StudioState => this.state;

  set = (patch: Partial<StudioState> | ((s: StudioState) => Partial<StudioState>)): void => {
    const p = typeof patch === "function" ? patch(this.state) : patch;
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  };

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** The document being edited, if a project is open. */
  doc(): Effect | null {
    return this.state.history?.present ?? null;
  }

  /** Apply an edit to the document; edits sharing a `gesture` key are one undo step. */
  edit(fn: (e: Effect) => Effect, gesture: string | null = null): void {
    const h = this.state.history;
    if (!h) return;
    const next = fn(h.present);
    if (next !== h.present) this.set({ history: commit(h, next, gesture) });
  }

  /** Close the current gesture (pointer up, field blur). */
  endGesture(): void {
    const h = this.state.history;
    if (h && h.lastKey !== null) this.set({ history: endGesture(h) });
  }

  undo(): void {
    const h = this.state.history;
    if (h) this.set({ history: undo(h) });
  }

  redo(): void {
    const h = this.state.history;
    if (h) this.set({ history: redo(h) });
  }

  /** Start editing `effect` with a fresh history. */
  load(dir: string, effect: Effect, saved: Effect = effect): void {
    this.set({
      project: { dir },
      history: initHistory(effect),
      saved,
      selection: null,
      assets: {},
      dialog: "none",
      previewMode: "layout",
      console: [],
    });
  }

  private nextNotice = 1;

  /** Show a message; confirmations go away by themselves, errors stay until dismissed. */
  /** Add console lines, keeping the newest [`CONSOLE_LINES`]. */
  log(lines: ConsoleLine[]): void {
    if (lines.length === 0) return;
    this.set((s) => ({ console: [...s.console, ...lines].slice(-CONSOLE_LINES) }));
  }

  /** Change the live preview's state. */
  setLive(patch: Partial<LiveState>): void {
    this.set((s) => ({ live: { ...s.live, ...patch } }));
  }

  /** Change the push's state. */
  setGoLive(patch: Partial<GoLiveState>): void {
    this.set((s) => ({ goLive: { ...s.goLive, ...patch } }));
  }

  notify(kind: Notice["kind"], text: string): void {
    const id = this.nextNotice++;
    this.set((s) => ({ notices: [...s.notices.slice(-4), { id, kind, text }] }));
    if (kind === "info") setTimeout(() => this.dismiss(id), INFO_NOTICE_MS);
  }

  dismiss(id: number): void {
    this.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }
}

export const store = new Store();

/** Read part of the store in a component; re-renders when that part changes. */
export function useStudio<T>(select: (s: StudioState) => T): T {
  const read = () => select(store.get());
  return useSyncExternalStore(store.subscribe, read, read);
}

/** Whether the document differs from what is saved. */
export function isDirty(s: StudioState): boolean {
  return !!s.history && s.history.present !== s.saved;
}
