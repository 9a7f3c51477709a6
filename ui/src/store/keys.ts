// Keyframe lists: insert, move, delete, ease, and sample them as the engine does
// (engine/core/src/scene/keys.rs): between two keys the value follows the first key's ease.
import type { Ease, Key, Vec2 } from "../generated/effect";

/** Keys closer than this in time are the same key (a new one replaces it). */
export const SAME_TIME = 0.001;

/** A time rounded to the millisecond (what the timeline shows and writes). */
export function roundTime(t: number): number {
  return Math.round(Math.max(0, t) * 1000) / 1000;
}

/**
 * Put a key at `time` (a key already there takes the new value, keeping its ease); the list stays
 * in time order. Returns the list and the key's index in it.
 */
export function insertKey<T>(keys: readonly Key<T>[], time: number, value: T, ease: Ease = "linear"): { keys: Key<T>[]; index: number } {
  const t = roundTime(time);
  const at = keys.findIndex((k) => Math.abs(k.time - t) < SAME_TIME);
  if (at >= 0) return { keys: keys.map((k, i) => (i === at ? { ...k, value } : k)), index: at };
  const index = keys.filter((k) => k.time < t).length;
  const next = [...keys];
  next.splice(index, 0, { time: t, value, ease });
  return { keys: next, index };
}

/**
 * Move key `index` to `time` (not below 0); the list is re-sorted and the key's new index
 * returned. Keys it passes or lands on stay (a drag over them must not eat them).
 */
export function moveKey<T>(keys: readonly Key<T>[], index: number, time: number): { keys: Key<T>[]; index: number } {
  const moved = keys[index];
  if (!moved) return { keys: [...keys], index };
  const t = roundTime(time);
  const rest = keys.filter((_, i) => i !== index);
  // Among keys at the same time it keeps its side: after them when it came from later.
  const at = rest.filter((k) => k.time < t || (k.time === t && index > rest.indexOf(k))).length;
  rest.splice(at, 0, { ...moved, time: t });
  return { keys: rest, index: at };
}

export function removeKey<T>(keys: readonly Key<T>[], index: number): Key<T>[] {
  return keys.filter((_, i) => i !== index);
}

export function setKey<T>(keys: readonly Key<T>[], index: number, patch: Partial<Key<T>>): Key<T>[] {
  return keys.map((k, i) => (i === index ? { ...k, ...patch } : k));
}

/** The eases by name, for the dropdown ("cubicBezier" and "spring" take numbers). */
export type EaseKind = "linear" | "easeIn" | "easeOut" | "easeInOut" | "step" | "cubicBezier" | "spring";

export function easeKind(e: Ease): EaseKind {
  if (typeof e === "string") return e;
  return "cubicBezier" in e ? "cubicBezier" : "spring";
}

/** An ease of `kind`, keeping the numbers of `from` when it is of that kind already. */
export function easeOf(kind: EaseKind, from: Ease = "linear"): Ease {
  if (kind === "cubicBezier") return typeof from === "object" && "cubicBezier" in from ? from : { cubicBezier: [0.25, 0.1, 0.25, 1] };
  if (kind === "spring") return typeof from === "object" && "spring" in from ? from : { spring: { bounce: 0.4 } };
  return kind;
}

/** Progress 0..1 along an ease at `u` (0..1 of the way between two keys), as the engine computes it. */
export function ease(e: Ease, u: number): number {
  if (e === "linear") return u;
  if (e === "easeIn") return u * u * u;
  if (e === "easeOut") return 1 - (1 - u) ** 3;
  if (e === "easeInOut") return u < 0.5 ? 4 * u * u * u : 1 - (-2 * u + 2) ** 3 / 2;
  if (e === "step") return u >= 1 ? 1 : 0;
  if ("cubicBezier" in e) return cubicBezier(e.cubicBezier, u);
  return spring(e.spring.bounce, u);
}

function cubicBezier([ax1, y1, ax2, y2]: [number, number, number, number], u: number): number {
  const x1 = Math.min(Math.max(ax1, 0), 1);
  const x2 = Math.min(Math.max(ax2, 0), 1);
  const bez = (a: number, b: number, t: number) => 3 * (1 - t) ** 2 * t * a + 3 * (1 - t) * t * t * b + t ** 3;
  // Bisection on x (monotonic for x1, x2 in 0..1), then y at that t.
  let lo = 0;
  let hi = 1;
  let t = u;
  for (let i = 0; i < 40; i++) {
    t = (lo + hi) / 2;
    if (bez(x1, x2, t) < u) lo = t;
    else hi = t;
  }
  return bez(y1, y2, t);
}

function spring(bounce: number, u: number): number {
  const zeta = Math.max(1 - Math.min(Math.max(bounce, 0), 0.9), 0.1);
  const omega = 2 * Math.PI * 1.5;
  const at = (v: number) => {
    if (zeta >= 1) return 1 - (1 + omega * v) * Math.exp(-omega * v);
    const wd = omega * Math.sqrt(1 - zeta * zeta);
    return 1 - Math.exp(-zeta * omega * v) * (Math.cos(wd * v) + ((zeta * omega) / wd) * Math.sin(wd * v));
  };
  return at(u) + (1 - at(1)) * u;
}

/** `#rrggbb[aa]` ↔ channels 0..255. */
export function hexToRgba(hex: string): [number, number, number, number] {
  const h = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex);
  if (!h) return [255, 255, 255, 255];
  const n = parseInt(h[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, h[2] ? parseInt(h[2], 16) : 255];
}

export function rgbaToHex([r, g, b, a]: number[]): string {
  const two = (v: number) => Math.round(Math.min(Math.max(v, 0), 255)).toString(16).padStart(2, "0");
  return `#${two(r!)}${two(g!)}${two(b!)}${a! >= 255 ? "" : two(a!)}`;
}

type Value = number | Vec2 | string;

function lerp<T extends Value>(a: T, b: T, t: number): T {
  if (typeof a === "number") return (a + ((b as number) - a) * t) as T;
  if (typeof a === "string") {
    const x = hexToRgba(a);
    const y = hexToRgba(b as string);
    return rgbaToHex(x.map((v, i) => v + (y[i]! - v) * t)) as T;
  }
  const v = b as Vec2;
  return { x: a.x + (v.x - a.x) * t, y: a.y + (v.y - a.y) * t } as T;
}

/** The track's value at `time` (its ends held), or `undefined` for an empty track. */
export function sample<T extends Value>(keys: readonly Key<T>[], time: number): T | undefined {
  const first = keys[0];
  if (!first) return undefined;
  const next = keys.filter((k) => k.time <= time).length;
  if (next === 0) return first.value;
  const from = keys[next - 1]!;
  const to = keys[next];
  if (!to) return from.value;
  const span = to.time - from.time;
  const u = span > 0 ? Math.min(Math.max((time - from.time) / span, 0), 1) : 1;
  return lerp(from.value, to.value, ease(from.ease, u));
}
