// The script open in the editor: its text as typed and as last saved. The store keeps it (not the
// editor), so it survives switching tabs, and leaving the project knows when it is unsaved.
import * as ipc from "../ipc";
import { isLive } from "../preview/live";
import type { Store, StudioState } from "./store";

export interface ScriptDraft {
  /** The script's file in the project. */
  path: string;
  text: string;
  /** The text as last read or saved. */
  saved: string;
}

export function scriptUnsaved(st: StudioState): boolean {
  return !!st.script && st.script.text !== st.script.saved;
}

/** The editor shows `path`, whose file holds `text`. */
export function openScript(s: Store, path: string, text: string): void {
  s.set({ script: { path, text, saved: text } });
}

/** The person typed: the open script's text is now `text`. */
export function editScript(s: Store, text: string): void {
  s.set((st) => (st.script ? { script: { ...st.script, text } } : {}));
}

/** Save the open script; the running preview reloads it (a syntax error keeps the old one). */
export async function saveScript(s: Store): Promise<boolean> {
  const dir = s.get().project?.dir;
  const doc = s.doc();
  const draft = s.get().script;
  if (!dir || !doc || !draft) return false;
  const { path, text } = draft;
  try {
    await ipc.saveScript(dir, path, text);
    s.set((st) => (st.script?.path === path ? { script: { ...st.script, saved: text } } : {}));
    const live = isLive();
    if (live) await ipc.reloadPreviewScript(dir, doc);
    s.log([{ level: "info", message: `saved ${path}${live ? ": reloading it in the live preview" : ""}`, location: "studio", frame: 0 }]);
    return true;
  } catch (e) {
    s.notifyError(e);
    return false;
  }
}
