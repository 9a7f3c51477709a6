// Decodes Lantern's hot-zone SEI (docs/sei-hotzones.md) from what hls.js hands the page.
//
// hls.js's TS demuxer splits each access unit into NAL units, removes emulation-prevention
// bytes, walks the SEI messages and, for every `user_data_unregistered` (payload type 5), emits
// `{pts, uuid, userData}` with `FRAG_PARSING_USERDATA`. This module does the rest of the spec:
// match the UUID, parse the JSON, refuse unknown versions and malformed payloads, so the rest of
// the viewer only ever sees well-formed `SeiPayload`s.

import type { HotZone, JsonValue, SeiPayload } from "../generated/effect";

/** The UUID of Lantern's messages, as hls.js formats it (the ASCII of "lantern-hotzones"). */
export const LANTERN_SEI_UUID = "6c616e74-6572-6e2d-686f-747a6f6e6573";

/** The payload version this viewer understands. */
export const SEI_VERSION = 1;

export type SeiDecode =
  | { kind: "payload"; payload: SeiPayload }
  /** Another vendor's user data (x264 writes its own on the first keyframe): ignore. */
  | { kind: "foreign" }
  /** A Lantern payload of a version this viewer does not know: ignore (spec, "Versioning"). */
  | { kind: "unsupported"; version: unknown }
  | { kind: "invalid"; reason: string };

/** Decodes one `user_data_unregistered` message: its UUID and its bytes after the UUID. */
export function decodeSei(uuid: string, userData: string): SeiDecode {
  if (uuid.toLowerCase() !== LANTERN_SEI_UUID) return { kind: "foreign" };
  let json: unknown;
  try {
    json = JSON.parse(userData);
  } catch (err) {
    return { kind: "invalid", reason: `not JSON: ${(err as Error).message}` };
  }
  if (!isObject(json)) return { kind: "invalid", reason: "the payload is not a JSON object" };
  if (json.v !== SEI_VERSION) return { kind: "unsupported", version: json.v };
  for (const field of ["pts", "wall", "w", "h"] as const) {
    if (!isFiniteNumber(json[field])) {
      return { kind: "invalid", reason: `"${field}" must be a number` };
    }
  }
  if ((json.w as number) <= 0 || (json.h as number) <= 0) {
    return { kind: "invalid", reason: `frame size ${json.w}x${json.h} is empty` };
  }
  if (!Array.isArray(json.zones)) return { kind: "invalid", reason: `"zones" must be an array` };
  const zones: HotZone[] = [];
  for (const [i, zone] of json.zones.entries()) {
    const checked = checkZone(zone);
    if (typeof checked === "string") {
      return { kind: "invalid", reason: `zones[${i}]: ${checked}` };
    }
    zones.push(checked);
  }
  return {
    kind: "payload",
    payload: {
      v: SEI_VERSION,
      pts: json.pts as number,
      wall: json.wall as number,
      w: json.w as number,
      h: json.h as number,
      zones,
    },
  };
}

function checkZone(zone: unknown): HotZone | string {
  if (!isObject(zone)) return "not an object";
  if (typeof zone.id !== "string") return `"id" must be a string`;
  if (typeof zone.kind !== "string") return `"kind" must be a string`;
  const rect = zone.rect;
  if (!isObject(rect)) return `"rect" must be an object`;
  for (const field of ["x", "y", "w", "h"] as const) {
    if (!isFiniteNumber(rect[field])) return `"rect.${field}" must be a number`;
  }
  const out: HotZone = { id: zone.id, kind: zone.kind, rect: { x: rect.x as number, y: rect.y as number, w: rect.w as number, h: rect.h as number } };
  if (zone.payload !== undefined && zone.payload !== null) out.payload = zone.payload as JsonValue;
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}
