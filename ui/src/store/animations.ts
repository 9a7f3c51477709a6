// Pure edits of a layer's animations (named clips of keyframe tracks) and the tracks each kind of
// layer can animate, as the format's checks allow them (effect-schema/src/validate/motion.rs).
import type { Action, Animation, AnimationPlayback, Effect, Key, Layer, Tracks } from "../generated/effect";
import { insertKey, sample } from "./keys";

export type TrackName = keyof Tracks;

export interface TrackSpec {
  name: TrackName;
  label: string;
  /** The value a layer has when the track is absent (what a first key starts from). */
  rest: number | { x: number; y: number } | string;
  step: number;
}

export const TRACKS: TrackSpec[] = [
  { name: "position", label: "Position", rest: { x: 0, y: 0 }, step: 0.01 },
  { name: "scale", label: "Scale", rest: 1, step: 0.05 },
  { name: "rotation", label: "Rotation (°)", rest: 0, step: 1 },
  { name: "opacity", label: "Opacity", rest: 1, step: 0.05 },
  { name: "tint", label: "Tint", rest: "#ffffff", step: 0 },
  { name: "reveal", label: "Reveal", rest: 1, step: 0.05 },
];

/** The tracks a layer of this kind can animate (opacity works on every layer). */
export function tracksFor(layer: Layer): TrackSpec[] {
  const sprite = layer.type === "sticker" || layer.type === "faceProp" || layer.type === "handProp";
  const text = layer.type === "text";
  const particles = layer.type === "particles";
  const fits: Record<TrackName, boolean> = {
    position: sprite || text || particles,
    scale: sprite || text,
    rotation: sprite,
    opacity: true,
    tint: sprite || text || particles,
    reveal: text,
  };
  return TRACKS.filter((t) => fits[t.name]);
}

export function animationsOf(effect: Effect, layer: string): Animation[] {
  return (effect.animations ?? []).filter((a) => a.layer === layer);
}

export function findAnimation(effect: Effect, layer: string, name: string): Animation | undefined {
  return effect.animations?.find((a) => a.layer === layer && a.name === name);
}

/** A name not used on the layer: `base`, `base2`, … */
export function uniqueAnimationName(effect: Effect, layer: string, base = "anim"): string {
  const taken = new Set(animationsOf(effect, layer).map((a) => a.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

function withAnimations(effect: Effect, animations: Animation[]): Effect {
  const { animations: _old, ...rest } = effect;
  return animations.length ? { ...rest, animations } : rest;
}

/**
 * A new clip on `layer`. A clip needs a key to be valid, so it starts with the layer as it is:
 * opacity 1 at 0 s (every layer can animate opacity).
 */
export function addAnimation(effect: Effect, layer: string, name = uniqueAnimationName(effect, layer)): Effect {
  const anim: Animation = { layer, name, playback: "hold", autoplay: false, tracks: { opacity: [{ time: 0, value: 1, ease: "linear" }] } };
  return withAnimations(effect, [...(effect.animations ?? []), anim]);
}

export function updateAnimation(effect: Effect, layer: string, name: string, fn: (a: Animation) => Animation): Effect {
  if (!findAnimation(effect, layer, name)) return effect;
  return withAnimations(effect, (effect.animations ?? []).map((a) => (a.layer === layer && a.name === name ? fn(a) : a)));
}

function mapActions(effect: Effect, fn: (a: Action) => Action | null): Effect {
  return {
    ...effect,
    triggers: effect.triggers.map((t) => ({ ...t, actions: t.actions.map(fn).filter((a): a is Action => a !== null) })),
  };
}

const plays = (a: Action, layer: string, name: string) => a.do === "animate" && a.layer === layer && a.animation === name;

/** Rename a clip; the `animate` actions that start it follow. */
export function renameAnimation(effect: Effect, layer: string, from: string, to: string): Effect {
  if (from === to || findAnimation(effect, layer, to)) return effect;
  const renamed = updateAnimation(effect, layer, from, (a) => ({ ...a, name: to }));
  return mapActions(renamed, (a) => (plays(a, layer, from) ? { ...a, animation: to } : a));
}

/** Delete a clip and the `animate` actions that start it. */
export function removeAnimation(effect: Effect, layer: string, name: string): Effect {
  const kept = (effect.animations ?? []).filter((a) => !(a.layer === layer && a.name === name));
  return mapActions(withAnimations(effect, kept), (a) => (plays(a, layer, name) ? null : a));
}

export function setPlayback(effect: Effect, layer: string, name: string, playback: AnimationPlayback): Effect {
  return updateAnimation(effect, layer, name, (a) => ({ ...a, playback }));
}

/** Change one track's keys (an emptied track is left out of the file). */
export function setTrack(effect: Effect, layer: string, name: string, track: TrackName, keys: Key<unknown>[]): Effect {
  return updateAnimation(effect, layer, name, (a) => {
    const { [track]: _old, ...rest } = a.tracks;
    return { ...a, tracks: keys.length ? ({ ...rest, [track]: keys } as Tracks) : rest };
  });
}

export function trackKeys(anim: Animation, track: TrackName): Key<unknown>[] {
  return (anim.tracks[track] as Key<unknown>[] | undefined) ?? [];
}

/**
 * Add a key at `time` to a track holding the value the track has there (the layer's own value
 * when the track is empty). Returns the document and the new key's index.
 */
export function addKeyAt(effect: Effect, layer: string, name: string, track: TrackName, time: number): { effect: Effect; index: number } {
  const anim = findAnimation(effect, layer, name);
  if (!anim) return { effect, index: -1 };
  const keys = trackKeys(anim, track) as Key<number | { x: number; y: number } | string>[];
  const value = sample(keys, time) ?? TRACKS.find((t) => t.name === track)!.rest;
  const out = insertKey(keys, time, value);
  return { effect: setTrack(effect, layer, name, track, out.keys), index: out.index };
}

/** A clip's length: its last key's time. */
export function duration(anim: Animation): number {
  return Math.max(0, ...TRACKS.flatMap((t) => trackKeys(anim, t.name).map((k) => k.time)));
}

/** When a layer is renamed, its clips (and the actions starting them, via renameLayer) follow. */
export function retargetAnimations(effect: Effect, from: string, to: string): Effect {
  if (!effect.animations?.some((a) => a.layer === from)) return effect;
  return withAnimations(effect, effect.animations.map((a) => (a.layer === from ? { ...a, layer: to } : a)));
}

/** When a layer is removed, its clips go with it. */
export function dropAnimations(effect: Effect, layer: string): Effect {
  if (!effect.animations?.some((a) => a.layer === layer)) return effect;
  return withAnimations(effect, effect.animations.filter((a) => a.layer !== layer));
}
