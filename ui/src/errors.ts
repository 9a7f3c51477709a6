// Errors as people read them. The Rust side sends `{code, message}` (IpcError): the message is the
// sentence to show; the code is for logs and tooltips, never a trailing "(import)" in the text.
import type { IpcError } from "./generated/ipc";

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** A readable message for any error an IPC call may throw. */
export function describeError(e: unknown): string {
  if (isIpcError(e)) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The IPC error's code ("import", "live", …), for a tooltip or a log; undefined for other errors. */
export function errorCode(e: unknown): string | undefined {
  return isIpcError(e) ? e.code : undefined;
}
