// Generated from src-tauri by `UPDATE_SNAPSHOTS=1 cargo test -p lantern-studio`. Do not edit.

import type { Asset, Capabilities, Effect, FaceAnchor, Gesture, Handedness, HotZone } from "./effect";

export type ErrorCode = "io" | "document" | "notFound" | "alreadyExists" | "import" | "invalid" | "export" | "models" | "source" | "preview" | "live" | "hub";

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

export type Oversized = { 
/**
 * The path as given to the import: a file, a folder of frames, or a sequence's first frame.
 */
source: string, width: number, height: number, 
/**
 * 1 for a still, the frame count of a sequence.
 */
frames: number, 
/**
 * Decoded texture memory at this size (all frames).
 */
textureBytes: number, 
/**
 * The longest side the effect can show.
 */
maxSide: number, proposedWidth: number, proposedHeight: number, 
/**
 * Decoded texture memory at the proposed size (all frames).
 */
proposedTextureBytes: number, };

export type Downscale = { source: string, maxSide: number, };

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

export type PublishDefaults = { 
/**
 * The hub last published to from this machine, else [`DEFAULT_HUB`].
 */
hubUrl: string, 
/**
 * The hubs (normalised addresses: no trailing `/`) this machine keeps a token for.
 */
savedTokens: Array<string>, 
/**
 * The package's name on the hub: the one this project was last published under, else
 * [`default_name`]; empty when neither gives one.
 */
name: string, };

export type PublishRequest = { hubUrl: string, 
/**
 * The designer's token as typed; `null` or empty: the one kept for this hub.
 */
token: string | null, 
/**
 * The package's name on the hub.
 */
name: string, };

export type HubStatus = "pending" | "approved" | "rejected" | "yanked";

export type HubPreviewStatus = "rendering" | "ready" | "failed";

export type HubPreview = { photo: string, status: HubPreviewStatus, error: string | null, };

export type HubVersion = { 
/**
 * The hub it is on (normalised).
 */
hubUrl: string, name: string, version: string, title: string, status: HubStatus, 
/**
 * Why it was rejected or yanked.
 */
reason: string | null, reviewedBy: string | null, 
/**
 * RFC 3339.
 */
reviewedAt: string | null, uploadedAt: string, size: number, sha256: string, previews: Array<HubPreview>, };

export type Published = { version: HubVersion, 
/**
 * This machine keeps the token for the hub now (it was accepted).
 */
tokenSaved: boolean, 
/**
 * The Studio's own check of what was uploaded (budgets, capabilities), as Export shows it.
 */
report: PackageReport, };

export type PreviewSource = { "kind": "photo", path: string, } | { "kind": "video", path: string, } | { "kind": "camera", device: string, };

export type PreviewOptions = { 
/**
 * Output size in pixels (even, 16..=3840).
 */
width: number, height: number, 
/**
 * Frames per second to aim for (1..=60).
 */
fps: number, 
/**
 * Send what the tracker sees with each frame.
 */
overlay: boolean, 
/**
 * Send the pixels shrunk by this factor (1..=8; the canvas shows fewer pixels than the
 * engine renders). Coordinates in the header stay in output pixels.
 */
shrink: number, };

export type CameraDevice = { 
/**
 * What to pass as `device`.
 */
id: string, name: string, };

export type FrameInfo = { 
/**
 * Which preview sent it (acknowledgements name it).
 */
session: number, 
/**
 * The message's number from 1; the webview acknowledges it once drawn (`preview_ack`).
 */
seq: number, 
/**
 * The scene's frame index (its clock: index / fps seconds).
 */
index: number, 
/**
 * Size of the pixels that follow; 0 x 0 for a message without a picture.
 */
width: number, height: number, 
/**
 * Output pixels per sent pixel (the header's coordinates are in output pixels).
 */
shrink: number, 
/**
 * Frames sent per second, over the last second.
 */
fps: number, 
/**
 * Time in the engine for this frame: scene, render and readback.
 */
renderMs: number, 
/**
 * From taking the source frame to the message being ready (tracking hand-off, render,
 * overlay, packing).
 */
frameMs: number, 
/**
 * When the source frame was taken, Unix milliseconds (the webview adds the rest).
 */
capturedAtMs: number, 
/**
 * Frames not rendered since the last message because the webview was still drawing.
 */
skipped: number, tracking: TrackingStatus, 
/**
 * Ids of the triggers that fired in this frame.
 */
fired: Array<string>, 
/**
 * Sounds the effect started or stopped on this frame (trigger actions, the script), for the
 * webview to play.
 */
sounds?: Array<SoundEvent>, 
/**
 * Script console lines (and the scene's notes) since the last message.
 */
logs: Array<ConsoleLine>, 
/**
 * The frame's hot-zones, in output pixels.
 */
zones: Array<HotZone>, 
/**
 * What the tracker sees, in output pixels; only while the overlay is on.
 */
overlay?: Overlay, 
/**
 * Why the last document change is not playing (the previous one keeps playing).
 */
problem?: string, 
/**
 * Why this frame has no picture.
 */
error?: string, 
/**
 * The preview stopped after this message (the source failed or ended).
 */
ended: boolean, 
/**
 * Where a video source stands (the transport bar); absent for photos and cameras.
 */
clip?: ClipStatus, 
/**
 * The recording in progress, if any.
 */
recording?: RecordingStatus, };

export type TrackingStatus = { state: TrackingState, 
/**
 * Why tracking is unavailable (`state: "error"`).
 */
message?: string, 
/**
 * How long the tracker took on its last frame.
 */
trackMs: number, };

export type TrackingState = "off" | "loading" | "running" | "error";

export type ConsoleLine = { level: ConsoleLevel, message: string, 
/**
 * `file:line` inside the package, when known.
 */
location?: string, frame: number, };

export type ConsoleLevel = "debug" | "info" | "warn" | "error";

export type Overlay = { faces: Array<OverlayFace>, hands: Array<OverlayHand>, 
/**
 * Gestures in progress (two-hand ones included), by name.
 */
gestures: Array<Gesture>, };

export type OverlayFace = { 
/**
 * `[x, y, w, h]`.
 */
bbox: [number, number, number, number], points: Array<number>, anchors: Array<OverlayAnchor>, };

export type OverlayAnchor = { name: FaceAnchor, x: number, y: number, };

export type OverlayHand = { bbox: [number, number, number, number], points: Array<number>, handedness: Handedness, gesture?: Gesture, };

export type ClipStatus = { 
/**
 * The picture's time from the clip's start, in ms.
 */
positionMs: number, 
/**
 * The clip's length, when the file says.
 */
durationMs: number | null, playing: boolean, looping: boolean, };

export type TransportRequest = { playing?: boolean, 
/**
 * Jump to this time from the clip's start, in ms.
 */
seekMs?: number, looping?: boolean, };

export type AnimationRequest = { "kind": "pose", layer: string, animation: string, seconds: number, } | { "kind": "play", layer: string, animation: string, } | { "kind": "stop", layer: string, };

export type SoundEvent = { "cue": "play", sound: string, 
/**
 * 0..1.
 */
volume: number, loop: boolean, } | { "cue": "stop", sound: string, };

export type Captured = { path: string, width: number, height: number, 
/**
 * Frames in the file (recordings).
 */
frames: number, 
/**
 * Frames the recorder could not keep up with.
 */
dropped: number, bytes: number, };

export type RecordingStatus = { path: string, seconds: number, dropped: number, };

export type LiveTarget = { 
/**
 * `rtmp://host[:port]/app` (or `rtmps://`), or a file path ending in `.flv`/`.mp4`.
 */
url: string, 
/**
 * The stream key, appended to the URL; never logged.
 */
key: string, };

export type LiveOptions = { 
/**
 * Output size (even, 16..=3840), from the project's frame shape.
 */
width: number, height: number, 
/**
 * 1..=60.
 */
fps: number, 
/**
 * Video kbit/s (100..=50000).
 */
videoKbps: number, 
/**
 * Start with the effect's gameplay script running.
 */
gameplay: boolean, };

export type LiveState = "connecting" | "live" | "reconnecting" | "ended" | "failed";

export type LiveStats = { uptimeS: number, 
/**
 * Frames sent per second.
 */
fpsOut: number, 
/**
 * Frames captured per second.
 */
fpsIn: number, 
/**
 * Bits on the wire, kbit/s (audio + video + container).
 */
kbps: number, framesSent: number, 
/**
 * Frames dropped since the start, all stages.
 */
dropped: number, reconnects: number, 
/**
 * Render stage ms per frame (median of the interval).
 */
renderMs: number, 
/**
 * From the Go live click to the first packet written to the server, ms.
 */
firstPacketMs?: number, 
/**
 * Frames of the push shown in the Studio's preview per second.
 */
previewFps: number, 
/**
 * Process CPU over wall time, % of one core.
 */
cpuPercent?: number, };

export type LiveEvent = { "kind": "status", state: LiveState, 
/**
 * The server URL with the key masked, or the file.
 */
url: string, 
/**
 * Why it failed (`failed`), what is happening (`reconnecting`).
 */
message?: string, 
/**
 * The reconnect attempt under way.
 */
attempt?: number, } | { "kind": "stats", stats: LiveStats, };

