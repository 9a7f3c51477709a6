// The Studio's flows that talk to Rust: projects, saving, autosave, import, thumbnails.
// Every failure becomes a readable notice; nothing here throws into a component.
import type { Effect } from "../generated/effect";
import type { ImportAs, OpenedProject } from "../generated/ipc";
import * as ipc from "../ipc";
import { allIds } from "./ids";
import { chooseDownscales } from "./downscale";
import { addAssets } from "./edits";
import { quoted } from "./labels";
import { isDirty, type Store } from "./store";
import { thumbnailPath } from "./usage";

/** Milliseconds of quiet after an edit before it is autosaved. */
export const AUTOSAVE_DELAY_MS = 1500;

async function guarded<T>(s: Store, busy: string, work: () => Promise<T>): Promise<T | undefined> {
  s.set({ busy });
  try {
    return await work();
  } catch (e) {
    s.notifyError(e);
    return undefined;
  } finally {
    s.set({ busy: null });
  }
}

function opened(s: Store, p: OpenedProject): void {
  s.load(p.dir, p.effect);
  s.set({ recovery: p.recovery ?? null });
  void loadThumbnails(s);
  void refreshRecent(s);
}

export async function refreshRecent(s: Store): Promise<void> {
  try {
    s.set({ recent: await ipc.recentProjects() });
  } catch (e) {
    s.notifyError(e, "Could not read the recent projects");
  }
}

export async function createProject(s: Store, dir: string, name: string): Promise<boolean> {
  const p = await guarded(s, "Creating the project…", () => ipc.newProject(dir, name));
  if (p) opened(s, p);
  return !!p;
}

export async function openProject(s: Store, dir: string): Promise<void> {
  const p = await guarded(s, "Opening…", () => ipc.openProject(dir));
  if (p) opened(s, p);
}

/** Take the autosaved edits offered on open (they become an unsaved change, undoable). */
export function restoreRecovery(s: Store): void {
  const r = s.get().recovery;
  if (!r) return;
  s.edit(() => r.effect, { label: "Restore autosaved changes" });
  s.set({ recovery: null });
}

export async function discardRecovery(s: Store): Promise<void> {
  const dir = s.get().project?.dir;
  s.set({ recovery: null });
  if (dir) await guarded(s, "Discarding…", () => ipc.discardRecovery(dir));
}

export async function save(s: Store): Promise<boolean> {
  const dir = s.get().project?.dir;
  const doc = s.doc();
  if (!dir || !doc) return false;
  const done = await guarded(s, "Saving…", () => ipc.saveProject(dir, doc));
  if (done) s.set({ saved: doc });
  return !!done;
}

/**
 * Autosave the document to the recovery file after each quiet period. Returns a function that
 * stops watching.
 */
export function watchAutosave(s: Store, delay = AUTOSAVE_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: Effect | null = null;
  const unsubscribe = s.subscribe(() => {
    const st = s.get();
    const doc = st.history?.present ?? null;
    if (!doc || !st.project || !isDirty(st)) {
      // Saved (or closed) meanwhile: a pending autosave would only write what is saved.
      clearTimeout(timer);
      last = doc;
      return;
    }
    if (doc === last) return;
    last = doc;
    clearTimeout(timer);
    const dir = st.project.dir;
    timer = setTimeout(() => {
      ipc.autosaveProject(dir, doc).catch((e) => s.notifyError(e, "Autosave failed"));
    }, delay);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/**
 * Import files into the project and add their assets to the document (one undo step). Images
 * larger than the effect can show are offered a downscale first (store/downscale.ts).
 */
export async function importFiles(s: Store, paths: string[], how: ImportAs = "auto"): Promise<string[]> {
  const dir = s.get().project?.dir;
  const target = s.doc()?.meta.targetResolution;
  if (!dir || !target || paths.length === 0) return [];
  const plan = await guarded(s, "Checking the files…", () => ipc.planImport(paths, how, target));
  if (!plan) return [];
  const downscale = await chooseDownscales(s, plan);
  const doc = s.doc();
  if (!doc || s.get().project?.dir !== dir) return [];
  const imported = await guarded(s, "Importing…", () => ipc.importAssets(dir, paths, [...allIds(doc)], how, downscale));
  if (!imported) return [];
  s.edit((e) => addAssets(e, imported.map((i) => i.asset)), { label: `Import ${imported.map((i) => quoted(i.asset.id)).join(", ")}` });
  s.set((st) => {
    const assets = { ...st.assets };
    for (const i of imported) assets[i.asset.id] = { ...assets[i.asset.id], width: i.width, height: i.height, frames: i.frames };
    return { assets };
  });
  const ids = imported.map((i) => i.asset.id);
  s.notify("info", `Imported ${ids.join(", ")}${downscale.length ? ` (${downscale.length} downscaled)` : ""}`);
  void loadThumbnails(s);
  return ids;
}

/** Load a thumbnail (and its pixel size) for every asset that has none yet. */
export async function loadThumbnails(s: Store): Promise<void> {
  const dir = s.get().project?.dir;
  const doc = s.doc();
  if (!dir || !doc) return;
  for (const asset of doc.assets) {
    if (s.get().assets[asset.id]?.url) continue;
    const path = thumbnailPath(asset);
    if (!path) continue;
    try {
      const bytes = await ipc.readProjectFile(dir, path);
      const url = URL.createObjectURL(new Blob([bytes]));
      const size = await imageSize(url);
      s.set((st) => ({ assets: { ...st.assets, [asset.id]: { ...st.assets[asset.id], url, ...size } } }));
    } catch {
      // A missing file is reported by validation; the library shows a placeholder.
    }
  }
}

function imageSize(url: string): Promise<{ width?: number; height?: number }> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => resolve({});
    img.src = url;
  });
}
