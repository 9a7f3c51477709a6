// Generated from src-tauri by `UPDATE_SNAPSHOTS=1 cargo test -p lantern-studio`. Do not edit.

import type { Asset, Capabilities, Effect } from "./effect";

export type ErrorCode = "io" | "document" | "notFound" | "alreadyExists" | "import" | "invalid" | "export" | "models";

export type IpcError = { code: ErrorCode, message: string, };

export type EngineInfo = { version: string, modelsOk: number, modelsTotal: number, };

export type OpenedProject = { dir: string, effect: Effect, recovery?: Recovery, };

export type Saved = { savedAtMs: number, };

export type Recovery = { savedAtMs: number, effect: Effect, };

export type RecentProject = { dir: string, name: string, openedAtMs: number, exists: boolean, };

export type ImportAs = "auto" | "lut" | "sequence";

export type ImportedAsset = { asset: Asset, files: Array<string>, bytes: number, width: number, height: number, frames: number, };

export type Problem = { file: string, pointer: string, message: string, };

export type BudgetLine = { name: string, used: number, limit: number, over: boolean, };

export type PackageReport = { valid: boolean, problems: Array<Problem>, warnings: Array<Problem>, budget: Array<BudgetLine>, capabilities: Capabilities, files: number, unpackedBytes: number, };

export type ExportReport = { path: string, report: PackageReport, };
