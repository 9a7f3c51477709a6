// `window.lanternViewer`: a read-only view of the viewer for the end-to-end test and for the
// browser console. Everything is copied out in one synchronous call, so a snapshot describes a
// single presented frame even though the picture keeps moving.

import type { JsonValue, Rect, SeiPayload } from "../generated/effect";
import type { Catch, CatchLog } from "./catches";
import type { ZoneView } from "./overlay";
import type { LivePlayer, SeiCounters, ShownFrame } from "./player";
import type { RoomSnapshot } from "./roomSession";
import type { Summary } from "./stats";

type PageBox = { x: number; y: number; width: number; height: number };

export type ViewerSnapshot = {
  status: string;
  mediaTime: number;
  /** The shown frame's SEI (Lantern pts, frame size), or null. */
  frame: Pick<SeiPayload, "pts" | "wall" | "w" | "h"> | null;
  /** The video element in viewport pixels, and the intrinsic size of its picture. */
  video: PageBox & { videoWidth: number; videoHeight: number; objectFit: string };
  /** Zones drawn: SEI rect in frame pixels, and the button's box in viewport pixels. */
  zones: { id: string; kind: string; payload: JsonValue | null; rect: Rect; page: PageBox }[];
};

export type ViewerInspector = {
  snapshot(): ViewerSnapshot;
  catches(): Catch[];
  figures(): { latencyMs: Summary | null; offsetMs: Summary | null; sei: SeiCounters };
  /** In a live room (`?room=ID`): who this viewer is, the socket's state and the hub's last tap answer. */
  readonly room: RoomSnapshot | null;
};

declare global {
  interface Window {
    lanternViewer?: ViewerInspector;
  }
}

type Sources = () => {
  /** Null until it starts (in a room: once joined). */
  player: LivePlayer | null;
  catches: CatchLog;
  shown: ShownFrame;
  views: ZoneView[];
  video: HTMLVideoElement;
  room: RoomSnapshot | null;
};

const pageBox = (r: DOMRect): PageBox => ({ x: r.x, y: r.y, width: r.width, height: r.height });

export function installInspector(sources: Sources): void {
  window.lanternViewer = {
    snapshot() {
      const { player, shown, video } = sources();
      const p = shown.payload;
      const buttons = new Map<string, Element>();
      for (const el of document.querySelectorAll<HTMLElement>(".zone[data-zone-id]")) {
        buttons.set(el.dataset.zoneId ?? "", el);
      }
      return {
        status: player?.status ?? "connecting",
        mediaTime: shown.mediaTime,
        frame: p ? { pts: p.pts, wall: p.wall, w: p.w, h: p.h } : null,
        video: {
          ...pageBox(video.getBoundingClientRect()),
          videoWidth: video.videoWidth,
          videoHeight: video.videoHeight,
          objectFit: getComputedStyle(video).objectFit,
        },
        zones: sources().views.flatMap(({ zone }) => {
          const el = buttons.get(zone.id);
          if (!el) return [];
          return [
            {
              id: zone.id,
              kind: zone.kind,
              payload: zone.payload ?? null,
              rect: { ...zone.rect },
              page: pageBox(el.getBoundingClientRect()),
            },
          ];
        }),
      };
    },
    catches() {
      return [...sources().catches.list()];
    },
    figures() {
      const { player } = sources();
      if (!player) return { latencyMs: null, offsetMs: null, sei: { payloads: 0, foreign: 0, unsupported: 0, invalid: 0 } };
      return {
        latencyMs: player.latency.summary(),
        offsetMs: player.offset.summary(),
        sei: { ...player.counters },
      };
    },
    get room() {
      return sources().room;
    },
  };
}
