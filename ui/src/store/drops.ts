// Files dropped on the window (Tauri's drag-drop event): they answer a prompt that asks for a path,
// else they are imported into the open project, else (the home screen) a dropped folder is opened.
import { listening } from "../tauriEvents";
import { importFiles, openProject } from "./actions";
import type { Store } from "./store";

/** Tauri's drag-drop payloads, as far as the Studio reads them. */
export type DragDrop = { type: "enter"; paths: string[] } | { type: "over" } | { type: "drop"; paths: string[] } | { type: "leave" };

/** The part of Tauri's webview the drop watcher uses. */
export interface DropTarget {
  onDragDropEvent(handler: (e: { payload: DragDrop }) => void): Promise<() => void>;
}

/** Where dropped `paths` go. */
export async function dropped(s: Store, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  const prompt = s.get().prompt;
  if (prompt?.path) return prompt.answer({ choice: prompt.primary, paths: prompt.path.multiple ? paths : paths.slice(0, 1) });
  // Another question is open: it is answered first.
  if (prompt) return;
  if (s.get().project) await importFiles(s, paths);
  else await openProject(s, paths[0]!);
}

/** Follow drags over the window (`dragOver`) and take drops. Returns a function that stops it. */
export function watchDrops(s: Store, target: DropTarget): () => void {
  return listening(() =>
    target.onDragDropEvent(({ payload }) => {
      const over = payload.type === "enter" || payload.type === "over";
      if (over !== s.get().dragOver) s.set({ dragOver: over });
      if (payload.type === "drop") void dropped(s, payload.paths);
    }),
  );
}
