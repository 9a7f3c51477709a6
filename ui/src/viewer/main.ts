// Entry of the web viewer (ui/viewer.html): plays a Lantern stream over HLS and rebuilds its
// hot-zones over the picture.
//
//   viewer.html?src=/hls/<key>.m3u8   the stream (default /hls/demo.m3u8, relative to the page)
//              &debug=1               start with the zones outlined and the figures shown
//              &room=ID               join Lantern Hub's live room ID (docs/rooms.md): play its
//                                     stream (unless src is given), and let the hub judge taps
//
// LivePlayer hands over each presented frame with its SEI payload; this module maps the zones
// through the video element's letterboxing (layout.ts) into the ZoneOverlay, turns taps into
// catches (catches.ts) and keeps the status line, the debug figures and `window.lanternViewer`
// (a read-only view for tests and the console) up to date. In a room (roomSession.ts) a tap goes
// to the hub at its point in the frame's pixels, and only the hub's answer counts as a catch.

import "./viewer.css";
import type { HotZone, SeiPayload } from "../generated/effect";
import { CATCHES_KEY, CatchLog } from "./catches";
import { contentBox, fitOf, mapRect, unmapPoint, type Box } from "./layout";
import { ZoneOverlay, type TapPoint, type ZoneView } from "./overlay";
import { LivePlayer, type ShownFrame } from "./player";
import { openRoom } from "./roomSession";
import { formatSummary } from "./stats";
import type { StreamStatus } from "./health";
import { installInspector } from "./inspector";

const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: "Connecting to the stream…",
  playing: "",
  offline: "The stream is offline. Waiting for the host to go live…",
};

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`viewer.html lacks #${id}`);
  return el as T;
}

const params = new URLSearchParams(location.search);
const roomId = params.get("room");
const video = byId<HTMLVideoElement>("video");
const status = byId<HTMLElement>("status");
const outline = byId<HTMLButtonElement>("outline");
const count = byId<HTMLElement>("catch-count");
const toast = byId<HTMLElement>("toast");
const figures = byId<HTMLElement>("figures");
const stage = byId<HTMLElement>("stage");

let storage: Storage | null = null;
try {
  storage = window.localStorage;
} catch {
  // Storage blocked: catches last for this page only.
}
// A room's catches are kept apart: the count is what that room's hub paid this browser.
const catches = new CatchLog(storage, roomId ? `${CATCHES_KEY}.room.${roomId}` : CATCHES_KEY);
let shown: ShownFrame = { mediaTime: 0, payload: null };
let views: ZoneView[] = [];
/** The picture's box in the video element as last drawn: a tap is mapped back through it. */
let content: Box = { x: 0, y: 0, width: 0, height: 0 };
let toastTimer = 0;
let player: LivePlayer | null = null;

const overlay = new ZoneOverlay(byId("zones"), onTap);
const room = roomId
  ? openRoom(roomId, {
      catches,
      say: showToast,
      changed: () => {
        count.textContent = String(catches.list().length);
        draw();
      },
      onRoom: (info) => play(params.get("src") ?? info.hls),
      onJoinFailed: (message) => {
        status.textContent = message;
      },
    })
  : null;

/** Starts the player on `address` (relative to the page); once: later calls are ignored. */
function play(address: string | null): void {
  if (player) return;
  if (!address) {
    onStatus("offline", "The room has no stream address yet.");
    return;
  }
  player = new LivePlayer(video, new URL(address, location.href).href, { onFrame, onStatus });
  player.start();
}

function onFrame(frame: ShownFrame): void {
  shown = frame;
  draw();
}

/** Places the shown frame's zones over the picture as it is laid out right now. */
function draw(): void {
  const payload = shown.payload;
  views = payload ? layoutZones(payload) : [];
  catches.keepOnly(new Set(views.map((v) => v.zone.id)));
  overlay.render(views, (id) => catches.has(id));
  stage.dataset.pts = payload ? String(payload.pts) : "";
}

function layoutZones(payload: SeiPayload): ZoneView[] {
  const element: Box = { x: 0, y: 0, width: video.clientWidth, height: video.clientHeight };
  content = contentBox(
    element.width,
    element.height,
    video.videoWidth,
    video.videoHeight,
    fitOf(getComputedStyle(video).objectFit),
  );
  const out: ZoneView[] = [];
  for (const zone of payload.zones) {
    const box = mapRect(zone.rect, payload.w, payload.h, content, element);
    if (box) out.push({ zone, box });
  }
  return out;
}

function onTap(zone: HotZone, at: TapPoint): void {
  if (room) {
    const payload = shown.payload;
    const point = payload && unmapPoint(at.x, at.y, payload.w, payload.h, content);
    if (payload && point) void room.taps.tap(zone, payload.pts, point.x, point.y);
    return;
  }
  const pts = shown.payload?.pts ?? 0;
  const caught = catches.record(zone, pts);
  if (!caught) return;
  showToast(caught.message);
  count.textContent = String(catches.list().length);
  draw();
}

function showToast(message: string): void {
  toast.textContent = message;
  toast.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    toast.hidden = true;
  }, 2500);
}

function onStatus(next: StreamStatus, reason: string): void {
  stage.dataset.status = next;
  status.hidden = next === "playing";
  status.textContent = STATUS_TEXT[next];
  if (next === "offline" && reason) {
    const detail = document.createElement("small");
    detail.textContent = reason;
    status.append(detail);
  }
  if (next !== "playing") {
    shown = { mediaTime: 0, payload: null };
    draw();
  }
}

function setDebug(on: boolean): void {
  stage.classList.toggle("debug", on);
  outline.setAttribute("aria-pressed", String(on));
  figures.hidden = !on;
}

outline.addEventListener("click", () => setDebug(outline.getAttribute("aria-pressed") !== "true"));
window.addEventListener("keydown", (e) => {
  if (e.key === "d" && !e.ctrlKey && !e.metaKey && !e.altKey) outline.click();
});
new ResizeObserver(() => draw()).observe(video);
window.setInterval(() => {
  if (figures.hidden || !player) return;
  figures.textContent =
    `latency ${formatSummary(player.latency.summary())}\n` +
    `zone offset ${formatSummary(player.offset.summary())}\n` +
    `sei ${player.counters.payloads} ok · ${player.counters.invalid} bad`;
}, 500);

count.textContent = String(catches.list().length);
setDebug(params.get("debug") === "1");
installInspector(() => ({ player, catches, shown, views, video, room: room?.snapshot() ?? null }));
onStatus("connecting", "");
if (!room) play(params.get("src") ?? "hls/demo.m3u8");
