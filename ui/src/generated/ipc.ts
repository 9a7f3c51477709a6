// Generated from src-tauri by `UPDATE_SNAPSHOTS=1 cargo test -p lantern-studio`. Do not edit.

export type IpcError = { code: string, message: string, };

export type EngineInfo = { version: string, 
/**
 * Model files found and verified, out of those the engine knows.
 */
modelsOk: number, modelsTotal: number, };

