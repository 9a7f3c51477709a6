// Generated from src-tauri by `UPDATE_SNAPSHOTS=1 cargo test -p lantern-studio`. Do not edit.

import type { Asset, Capabilities, Effect } from "./effect";

export type ErrorCode = "io" | "document" | "notFound" | "alreadyExists" | "import" | "invalid" | "export" | "models";

export type IpcError = { code: ErrorCode, message: string, };

export type EngineInfo = { version: string, 
/**
 * Model files found and verified, out of those the engine knows.
 */
modelsOk: number, modelsTotal: number, };

export type OpenedProject = { 
/**
 * The project folder, absolute.
 */
dir: string, 
/**
 * `effect.json` as saved.
 */
effect: Effect, 
/**
 * Edits autosaved after the last save (the Studio was closed or crashed): offer to restore.
 */
recovery?: Recovery, };

export type Saved = { 
/**
 * Milliseconds since the Unix epoch.
 */
savedAtMs: number, };

export type Recovery = { 
/**
 * When they were autosaved, milliseconds since the Unix epoch.
 */
savedAtMs: number, effect: Effect, };

export type RecentProject = { 
/**
 * The project folder.
 */
dir: string, 
/**
 * The effect's name when it was last opened or saved.
 */
name: string, 
/**
 * Milliseconds since the Unix epoch.
 */
openedAtMs: number, 
/**
 * Whether the folder still has an `effect.json` (filled in when listing).
 */
exists: boolean, };

export type ImportAs = "auto" | "lut" | "sequence";

export type ImportedAsset = { asset: Asset, 
/**
 * The files written into the project, package-relative.
 */
files: Array<string>, 
/**
 * Their total size.
 */
bytes: number, 
/**
 * Image or frame size (0 for fonts, LUT files and scripts).
 */
width: number, height: number, 
/**
 * 1 for stills, the frame count for animations, 0 otherwise.
 */
frames: number, };

export type Problem = { 
/**
 * The file inside the package (`effect.json`, `images/hat.png`).
 */
file: string, 
/**
 * The JSON pointer in `effect.json` (`/layers/3/anchor`), or empty for a whole file.
 */
pointer: string, message: string, };

export type BudgetLine = { 
/**
 * `packageBytes`, `textureBytes` or `particles`.
 */
name: string, used: number, limit: number, over: boolean, };

export type PackageReport = { 
/**
 * No problems: the package would export.
 */
valid: boolean, problems: Array<Problem>, 
/**
 * Worth knowing, not blocking (files nothing references).
 */
warnings: Array<Problem>, 
/**
 * Empty when the package is not valid.
 */
budget: Array<BudgetLine>, 
/**
 * The trackers the effect needs.
 */
capabilities: Capabilities, 
/**
 * Files in the package (with `effect.json`).
 */
files: number, unpackedBytes: number, };

export type ExportReport = { 
/**
 * The `.zip` written.
 */
path: string, report: PackageReport, };

