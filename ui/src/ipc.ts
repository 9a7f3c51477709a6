// Typed calls into the Studio's Rust side. Errors arrive as `{code, message}` (IpcError).
import { type Channel, invoke } from "@tauri-apps/api/core";
import type { Effect, Resolution } from "./generated/effect";
import type {
  AnimationRequest,
  CameraDevice,
  Downscale,
  Captured,
  EngineInfo,
  ExportReport,
  HubVersion,
  ImportAs,
  ImportedAsset,
  LiveEvent,
  LiveOptions,
  LiveTarget,
  OpenedProject,
  Oversized,
  PackageReport,
  PreviewOptions,
  PreviewSource,
  PublishDefaults,
  PublishRequest,
  Published,
  RecentProject,
  Saved,
  TransportRequest,
} from "./generated/ipc";

export { describeError, errorCode, isIpcError } from "./errors";

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

/** The images among `paths` larger than an effect made for `target` can show (nothing is copied). */
export function planImport(paths: string[], how: ImportAs, target: Resolution): Promise<Oversized[]> {
  return invoke("plan_import", { paths, how, target });
}

export function importAssets(dir: string, paths: string[], taken: string[], how: ImportAs = "auto", downscale: Downscale[] = []): Promise<ImportedAsset[]> {
  return invoke("import_assets", { dir, paths, taken, how, downscale });
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

/** What the Publish dialog starts from: the hub, the hubs this machine keeps a token for, the name. */
export function publishDefaults(dir: string, title: string): Promise<PublishDefaults> {
  return invoke("publish_defaults", { dir, title });
}

/** Forget the designer token kept for `hubUrl`; returns the hubs a token is still kept for. */
export function forgetHubToken(hubUrl: string): Promise<string[]> {
  return invoke("forget_hub_token", { hubUrl });
}

/** Pack the edited document as Export does and upload it to the hub for review. */
export function publishToHub(dir: string, effect: Effect, request: PublishRequest): Promise<Published> {
  return invoke("publish_to_hub", { dir, effect, request });
}

/** Where a published version is in review (`token`: as typed; null: the one kept for that hub). */
export function hubVersionStatus(hubUrl: string, token: string | null, name: string, version: string): Promise<HubVersion> {
  return invoke("hub_version_status", { hubUrl, token, name, version });
}

/** Start the live preview of the edited document; frames arrive on `onFrame` as binary messages. */
export function startPreview(dir: string, effect: Effect, source: PreviewSource, options: PreviewOptions, onFrame: Channel<ArrayBuffer>): Promise<void> {
  return invoke("start_preview", { dir, effect, source, options, onFrame });
}

/** The document changed: the preview rebuilds its player from it. */
export function updatePreview(effect: Effect): Promise<void> {
  return invoke("update_preview", { effect });
}

/** A script was saved: the preview hot-reloads the script from the project's files. */
export function reloadPreviewScript(dir: string, effect: Effect): Promise<void> {
  return invoke("reload_preview_script", { dir, effect });
}

export function setPreviewOverlay(on: boolean): Promise<void> {
  return invoke("set_preview_overlay", { on });
}

/** Frame `seq` of preview `session` is drawn (the Rust side sends at most two frames ahead). */
export function previewAck(session: number, seq: number): Promise<void> {
  return invoke("preview_ack", { session, seq });
}

export function previewTap(zoneId: string, payload: unknown): Promise<void> {
  return invoke("preview_tap", { zoneId, payload });
}

/** Play, pause, scrub or loop the video the preview plays over (fields left out stay). */
export function previewTransport(request: TransportRequest): Promise<void> {
  return invoke("preview_transport", { request });
}

/** Pose (scrub), play or stop a layer's clip in the running preview. */
export function previewAnimation(request: AnimationRequest): Promise<void> {
  return invoke("preview_animation", { request });
}

/** Save the next preview frame, at the engine's full output size, as a PNG. */
export function previewSnapshot(path: string): Promise<Captured> {
  return invoke("preview_snapshot", { path });
}

/** Start recording the preview at full size to a video file (.mp4, .mkv, .mov). */
export function previewRecordStart(path: string): Promise<Captured> {
  return invoke("preview_record_start", { path });
}

/** Stop the recording; says what the file holds. */
export function previewRecordStop(): Promise<Captured> {
  return invoke("preview_record_stop");
}

export function stopPreview(): Promise<void> {
  return invoke("stop_preview");
}

export function listCameras(): Promise<CameraDevice[]> {
  return invoke("list_cameras");
}

/** Create `scripts/<name>.js` from the starter; returns the asset to add. */
export function createScript(dir: string, name: string, taken: string[]): Promise<ImportedAsset> {
  return invoke("create_script", { dir, name, taken });
}

export function saveScript(dir: string, path: string, text: string): Promise<void> {
  return invoke("save_script", { dir, path, text });
}

/**
 * Go live: push the edited document over `source` (the preview's; null = the test pattern) to
 * `target`. Resolves once live; status and stats arrive on `onEvent`, the push's outgoing frames
 * on `onFrame` (as preview frames, acknowledged with `previewAck`).
 */
export function startLive(
  dir: string,
  effect: Effect,
  source: PreviewSource | null,
  target: LiveTarget,
  options: LiveOptions,
  onEvent: Channel<LiveEvent>,
  onFrame: Channel<ArrayBuffer>,
): Promise<void> {
  return invoke("start_live", { dir, effect, source, target, options, onEvent, onFrame });
}

/** End the stream (the pipeline drains and the connection closes). */
export function stopLive(): Promise<void> {
  return invoke("stop_live");
}

/** The document changed while live: the stream plays it from the next frame on (no reconnect). */
export function updateLive(dir: string, effect: Effect): Promise<void> {
  return invoke("update_live", { dir, effect });
}

export function liveGameplay(on: boolean): Promise<void> {
  return invoke("live_gameplay", { on });
}

/** A host command for the effect's script and `host` triggers while live. */
export function liveCommand(name: string, args: unknown = null): Promise<void> {
  return invoke("live_command", { name, args });
}
