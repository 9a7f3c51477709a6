// Asking for paths. `askPaths` is the one way the Studio asks for a file or a folder: a prompt
// where the path can be typed or pasted, or chosen in the native dialog (Browse…), or dropped on
// the window. The pick* functions open the native dialogs (Tauri's dialog plugin; null or [] when
// the person cancels). The real-app end-to-end test scripts the answers (LANTERN_STUDIO_TEST_DIALOGS,
// see src-tauri/src/commands/testing.rs): when the Rust side has one, nothing opens.
import { invoke } from "@tauri-apps/api/core";
import { homeDir } from "@tauri-apps/api/path";
import { open, save } from "@tauri-apps/plugin-dialog";
import { cleanPath, withHome } from "./paths";
import { ask } from "./store/prompt";
import type { Store } from "./store/store";

type Kind = "folder" | "files" | "photo" | "video" | "save" | "snapshot" | "recording";

/** The scripted answer for a dialog, or undefined to open it. */
async function scripted(kind: Kind): Promise<unknown> {
  try {
    const a = await invoke<unknown>("test_dialog_answer", { kind });
    return a === null ? undefined : a;
  } catch {
    return undefined;
  }
}

export async function pickFolder(title: string): Promise<string | null> {
  const a = await scripted("folder");
  if (typeof a === "string") return a;
  const r = await open({ title, directory: true, multiple: false });
  return typeof r === "string" ? r : null;
}

export const IMPORT_FILTERS = [
  { name: "Images and animations", extensions: ["png", "jpg", "jpeg", "webp", "gif", "apng"] },
  { name: "Fonts", extensions: ["ttf", "otf", "ttc"] },
  { name: "Colour LUTs", extensions: ["cube", "png"] },
  { name: "Scripts", extensions: ["js"] },
  { name: "Sounds", extensions: ["wav", "ogg", "mp3", "m4a", "aac"] },
];

export async function pickFiles(title: string): Promise<string[]> {
  const a = await scripted("files");
  if (Array.isArray(a)) return a.map(String);
  const r = await open({ title, multiple: true, directory: false, filters: IMPORT_FILTERS });
  if (r === null) return [];
  return Array.isArray(r) ? r : [r];
}

export async function pickZip(defaultPath: string): Promise<string | null> {
  const a = await scripted("save");
  if (typeof a === "string") return a;
  return save({ title: "Export the effect package", defaultPath, filters: [{ name: "Effect package", extensions: ["zip"] }] });
}

/** Where to save a screenshot (PNG) or a recording (MP4) of the preview. */
export async function pickCapturePath(kind: "snapshot" | "recording", defaultPath: string): Promise<string | null> {
  const a = await scripted(kind);
  if (typeof a === "string") return a;
  return kind === "snapshot"
    ? save({ title: "Save a screenshot of the preview", defaultPath, filters: [{ name: "PNG image", extensions: ["png"] }] })
    : save({ title: "Record the preview", defaultPath, filters: [{ name: "MP4 video", extensions: ["mp4"] }] });
}

export const MEDIA_FILTERS = {
  photo: [{ name: "Photos", extensions: ["png", "jpg", "jpeg", "webp"] }],
  video: [{ name: "Videos", extensions: ["mp4", "mov", "m4v", "mkv", "webm", "avi"] }],
};

/** A photo or a video file to preview the effect over. */
export async function pickMedia(kind: "photo" | "video"): Promise<string | null> {
  const a = await scripted(kind);
  if (typeof a === "string") return a;
  const title = kind === "photo" ? "Preview over a photo" : "Preview over a video file";
  const r = await open({ title, multiple: false, directory: false, filters: MEDIA_FILTERS[kind] });
  return typeof r === "string" ? r : null;
}

/** What a path prompt asks for, and how. */
export interface PathRequest {
  kind: "folder" | "files" | "photo" | "video";
  title: string;
  /** The button that takes the path ("Open", "Import"). */
  action: string;
  placeholder: string;
  /** The native dialog behind Browse…. */
  browse: () => Promise<string[]>;
}

/** Ask for a path (several for "files"); none when the person cancels. */
export async function askPaths(s: Store, r: PathRequest): Promise<string[]> {
  const a = await scripted(r.kind);
  if (typeof a === "string") return [a];
  if (Array.isArray(a)) return a.map(String);
  const multiple = r.kind === "files";
  const answer = await ask(s, {
    title: r.title,
    text: multiple
      ? "Type or paste their paths (one a line), choose them with Browse…, or drop them on the window."
      : "Type or paste its path, choose it with Browse…, or drop it on the window.",
    choices: [
      { id: "cancel", label: "Cancel" },
      { id: "take", label: r.action },
    ],
    primary: "take",
    cancel: "cancel",
    path: { multiple, placeholder: r.placeholder, browse: r.browse },
  });
  return answer.choice === "take" ? withHome(answer.paths, homeDir) : [];
}

/** A single path from the native dialog, as a list (empty when cancelled). */
export const one = (p: string | null): string[] => (p ? [p] : []);

/** A path typed into a field (PathField) as the Rust side takes it: quotes and file:// off, ~ at home. */
export async function typedPath(text: string): Promise<string> {
  const [p = ""] = await withHome([cleanPath(text)], homeDir);
  return p;
}
