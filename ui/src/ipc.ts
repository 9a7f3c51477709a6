// Typed calls into the Studio's Rust side. Errors arrive as `{code, message}` (IpcError).
import { invoke } from "@tauri-apps/api/core";
import type { EngineInfo, IpcError } from "./generated/ipc";

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
