// Native file dialogs (Tauri's dialog plugin). Each returns null when the person cancels.
// The real-app end-to-end test scripts the answers (LANTERN_STUDIO_TEST_DIALOGS, see
// src-tauri/src/commands/testing.rs): when the Rust side has one, no dialog opens.
import { invoke } from "@tauri-apps/api/core";
import { open, save } from "@tauri-apps/plugin-dialog";

type Kind = "folder" | "files" | "photo" | "video" | "save";

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
