// The Studio's single store: the open project, the effect document with its undo history, and
// what the editor shows (selection, frame shape, dialogs, messages). Components read it with
// `useStudio(selector)` and change it only through the functions in `actions.ts`.
import { useSyncExternalStore } from "react";
import type { Effect, Orientation } from "../generated/effect";
import type { ConsoleLine, RecentProject, Recovery } from "../generated/ipc";
import { describeError, errorCode } from "../errors";
import { sameJson } from "./equal";
import { type History, commit, endGesture, initHistory, redo, undo } from "./history";
import { type GoLiveState, type LiveState, initialGoLive, initialLive } from "./liveState";
import type { OpenPrompt } from "./prompt";
import { type PublishState, initialPublish } from "./publishState";
import type { ScriptDraft } from "./script";
import type { TrackName } from "./animations";

export { type GoLiveState, type LiveState, type LiveStats, initialGoLive, initialLive, isOnAir } from "./liveState";
export { type PublishState, initialPublish } from "./publishState";

/** The timeline: which clip of the selected layer, the playhead (s), the selected key. */
export interface TimelineState {
  animation: string | null;
  playhead: number;
  key: { track: TrackName; index: number } | null;
}

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
  /** The error's code ("import", "live", …), shown as a tooltip, not in the text. */
  code?: string;
}

/** How an edit is named in the undo history and grouped into steps. */
export interface EditOptions {
  /** The step's name ("Move layer “hat”"); by default the name of the field being changed ([`Store.named`]). */
  label?: string;
  /** Edits sharing a gesture key (one drag, one typing burst in a field) are one undo step. */
  gesture?: string | null;
}

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
  dialog: "none" | "newProject" | "export" | "publish";
  notices: Notice[];
  busy: string | null;
  /** The preview shows the editable layout, or the engine's live rendering. */
  previewMode: "layout" | "live";
  live: LiveState;
  goLive: GoLiveState;
  /** The last upload to Lantern Hub and its review. */
  publish: PublishState;
  /** The script console: script output and the scene's notes, newest last. */
  console: ConsoleLine[];
  /** The bottom panel's tab. */
  bottomTab: "triggers" | "timeline" | "script" | "console";
  /** The timeline's clip (of the selected layer), playhead and selected key. */
  timeline: TimelineState;
  /** The live preview's sound is muted. */
  muted: boolean;
  /** The script open in the editor, with its unsaved text. */
  script: ScriptDraft | null;
  /** The question on screen (save before closing?, a path), if any. */
  prompt: OpenPrompt | null;
  /** Files are being dragged over the window. */
  dragOver: boolean;
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
  publish: initialPublish,
  console: [],
  bottomTab: "triggers",
  timeline: { animation: null, playhead: 0, key: null },
  muted: false,
  script: null,
  prompt: null,
  dragOver: false,
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

  /** The names given by [`Store.named`] calls under way, innermost last. */
  private names: string[] = [];

  /**
   * Run `fn`; the edits it makes that bring no label of their own are named `label` (a form
   * field names the change it makes: "Change offset Y"). Nested calls: the innermost name wins.
   */
  named(label: string, fn: () => void): void {
    this.names.push(label);
    try {
      fn();
    } finally {
      this.names.pop();
    }
  }

  /**
   * Apply an edit to the document as one named undo step (or part of the gesture's step). An
   * edit that changes nothing the document would save is no step at all.
   */
  edit(fn: (e: Effect) => Effect, opts: EditOptions = {}): void {
    const h = this.state.history;
    if (!h) return;
    const next = fn(h.present);
    if (next === h.present || sameJson(next, h.present)) return;
    const label = opts.label ?? this.names[this.names.length - 1] ?? "Edit";
    this.set({ history: commit(h, next, label, opts.gesture ?? null) });
  }

  /** Close the current gesture (pointer up, field blur); one that changed nothing leaves no step. */
  endGesture(): void {
    const h = this.state.history;
    if (h && h.lastKey !== null) this.set({ history: endGesture(h, sameJson) });
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
      script: null,
      timeline: { animation: null, playhead: 0, key: null },
    });
  }

  private nextNotice = 1;

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

  /** Change the state of publishing to the hub. */
  setPublish(patch: Partial<PublishState>): void {
    this.set((s) => ({ publish: { ...s.publish, ...patch } }));
  }

  /** Show a message; confirmations go away by themselves, errors stay until dismissed. */
  notify(kind: Notice["kind"], text: string, code?: string): void {
    const id = this.nextNotice++;
    const notice: Notice = code === undefined ? { id, kind, text } : { id, kind, text, code };
    this.set((s) => ({ notices: [...s.notices.slice(-4), notice] }));
    if (kind === "info") setTimeout(() => this.dismiss(id), INFO_NOTICE_MS);
  }

  /** Show an error as a sentence (after `context`, e.g. "Autosave failed"), its code as a tooltip. */
  notifyError(e: unknown, context?: string): void {
    const text = describeError(e);
    this.notify("error", context ? `${context}: ${text}` : text, errorCode(e));
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
