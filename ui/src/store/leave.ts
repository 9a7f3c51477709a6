// Leaving the open project (closing the window, opening or starting another) with unsaved changes:
// the Studio asks "Save changes to “X” before closing?" with Save (the default), Don't save and
// Cancel (Escape). Save saves the document and the open script, and leaves only when that worked;
// Don't save leaves, the document's changes kept in the project's recovery file; Cancel stays.
import { askPaths, one, pickFolder } from "../dialogs";
import * as ipc from "../ipc";
import { openProject, save } from "./actions";
import { quoted } from "./labels";
import { type Prompt, ask } from "./prompt";
import { saveScript, scriptUnsaved } from "./script";
import { type Store, type StudioState, isDirty } from "./store";
import { listening } from "../tauriEvents";

/** Whether anything would be lost by leaving: the document or the open script. */
export function hasUnsaved(st: StudioState): boolean {
  return isDirty(st) || scriptUnsaved(st);
}

/** The question before `doing` ("closing", "opening another project"). */
export function leavePrompt(st: StudioState, doing: string): Prompt {
  const name = st.history?.present.meta.name.trim() || "this project";
  const script = scriptUnsaved(st) ? st.script?.path : undefined;
  const kept = "stay in the project's recovery file and are offered when you open it again";
  let text = `If you don't save, the changes ${kept}.`;
  if (script) text = isDirty(st) ? `If you don't save, the changes to ${script} are lost; the project's other changes ${kept}.` : `If you don't save, the changes to ${script} are lost.`;
  return {
    title: `Save changes to ${quoted(name)} before ${doing}?`,
    text,
    choices: [
      { id: "discard", label: "Don't save" },
      { id: "cancel", label: "Cancel" },
      { id: "save", label: "Save" },
    ],
    primary: "save",
    cancel: "cancel",
  };
}

/** Save what is unsaved: the document, then the open script. */
async function saveAll(s: Store): Promise<boolean> {
  if (isDirty(s.get()) && !(await save(s))) return false;
  return !scriptUnsaved(s.get()) || saveScript(s);
}

/** Whether the open project may be left before `doing`: nothing unsaved, saved, or not to be saved. */
export async function confirmLeave(s: Store, doing: string): Promise<boolean> {
  if (!hasUnsaved(s.get())) return true;
  const { choice } = await ask(s, leavePrompt(s.get(), doing));
  if (choice === "save") return saveAll(s);
  if (choice !== "discard") return false;
  // The last edits may be newer than the last autosave: the recovery file gets them now.
  const dir = s.get().project?.dir;
  const doc = s.doc();
  if (dir && doc && isDirty(s.get())) await ipc.autosaveProject(dir, doc).catch((e) => s.notifyError(e, "Autosave failed"));
  return true;
}

/** Ask for a project folder (typed, pasted or browsed for) and open it, after the open one is left. */
export async function openAnother(s: Store): Promise<void> {
  if (s.get().project && !(await confirmLeave(s, "opening another project"))) return;
  try {
    const [dir] = await askPaths(s, {
      kind: "folder",
      title: "Open an effect project",
      action: "Open",
      placeholder: "/home/you/effects/my-effect",
      browse: async () => one(await pickFolder("Open an effect project folder")),
    });
    if (dir) await openProject(s, dir);
  } catch (e) {
    s.notifyError(e);
  }
}

/** Show the new-project dialog, after the open project is left. */
export async function startNew(s: Store): Promise<void> {
  if (await confirmLeave(s, "starting a new project")) s.set({ dialog: "newProject" });
}

/** The parts of Tauri's window the close guard uses. */
export interface ClosingWindow {
  onCloseRequested(handler: (e: { preventDefault(): void }) => void): Promise<() => void>;
  destroy(): Promise<void>;
}

/**
 * Ask before the window closes with unsaved changes; close it (destroy: no second close request)
 * when the person agrees. Returns a function that stops watching.
 */
export function watchClose(s: Store, win: ClosingWindow): () => void {
  let asking = false;
  const closeAfterAsking = async () => {
    asking = true;
    try {
      if (await confirmLeave(s, "closing")) await win.destroy();
    } catch (e) {
      s.notifyError(e, "Could not close the window");
    } finally {
      asking = false;
    }
  };
  return listening(() =>
    win.onCloseRequested((e) => {
      // Nothing unsaved: Tauri closes the window.
      if (!hasUnsaved(s.get())) return;
      e.preventDefault();
      if (!asking) void closeAfterAsking();
    }),
  );
}
