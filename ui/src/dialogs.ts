// Native file dialogs (Tauri's dialog plugin). Each returns null when the person cancels.
import { open, save } from "@tauri-apps/plugin-dialog";

export async function pickFolder(title: string): Promise<string | null> {
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
  const r = await open({ title, multiple: true, directory: false, filters: IMPORT_FILTERS });
  if (r === null) return [];
  return Array.isArray(r) ? r : [r];
}

export async function pickZip(defaultPath: string): Promise<string | null> {
  return save({ title: "Export the effect package", defaultPath, filters: [{ name: "Effect package", extensions: ["zip"] }] });
}

export const MEDIA_FILTERS = {
  photo: [{ name: "Photos", extensions: ["png", "jpg", "jpeg", "webp"] }],
  video: [{ name: "Videos", extensions: ["mp4", "mov", "m4v", "mkv", "webm", "avi"] }],
};

/** A photo or a video file to preview the effect over. */
export async function pickMedia(kind: "photo" | "video"): Promise<string | null> {
  const title = kind === "photo" ? "Preview over a photo" : "Preview over a video file";
  const r = await open({ title, multiple: false, directory: false, filters: MEDIA_FILTERS[kind] });
  return typeof r === "string" ? r : null;
}
