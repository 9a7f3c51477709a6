// Typed calls into the Studio's Rust side. Errors arrive as `{code, message}` (IpcError).
import { invoke } from "@tauri-apps/api/core";
import type { Effect } from "./generated/effect";
import type {
  EngineInfo,
  ExportReport,
  ImportAs,
  ImportedAsset,
  IpcError,
  OpenedProject,
  PackageReport,
  RecentProject,
  Saved,
} from "./generated/ipc";

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** A readable message for any error an IPC call may throw. */
export function describeError(e: unknown): string {
  if (isIpcError(e)) return `${e.message} (${e.code})`;
  if (e instanceof Error) return e.message;
  return String(e);
}

export function engineInfo(): Promise<EngineInfo> {
  return invoke<EngineInfo>("engine_info");
}

export function newProject(dir: string, name: string): Promise<OpenedProject> {
  return invoke("new_project", { dir, name });
}

export function openProject(dir: string): Promise<OpenedProject> {
  return invoke("open_project", { dir });
}

export function saveProject(dir: string, effect: Effect): Promise<Saved> {
  return invoke("save_project", { dir, effect });
}

export function autosaveProject(dir: string, effect: Effect): Promise<void> {
  return invoke("autosave_project", { dir, effect });
}

export function discardRecovery(dir: string): Promise<void> {
  return invoke("discard_recovery", { dir });
}

export function recentProjects(): Promise<RecentProject[]> {
  return invoke("recent_projects");
}

export function forgetRecentProject(dir: string): Promise<RecentProject[]> {
  return invoke("forget_recent_project", { dir });
}

export function importAssets(dir: string, paths: string[], taken: string[], how: ImportAs = "auto"): Promise<ImportedAsset[]> {
  return invoke("import_assets", { dir, paths, taken, how });
}

/** A project file's bytes (sent as raw binary, not JSON). */
export async function readProjectFile(dir: string, path: string): Promise<ArrayBuffer> {
  const data = await invoke<ArrayBuffer | number[] | Uint8Array>("read_project_file", { dir, path });
  if (data instanceof ArrayBuffer) return data;
  return new Uint8Array(data).buffer as ArrayBuffer;
}

export function checkPackage(dir: string, effect: Effect): Promise<PackageReport> {
  return invoke("check_package", { dir, effect });
}

export function exportPackage(dir: string, effect: Effect, out: string): Promise<ExportReport> {
  return invoke("export_package", { dir, effect, out });
}
