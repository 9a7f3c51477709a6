// The timeline's flows over the store: which clip is open, the playhead (scrubbing poses the
// clip in the live preview), and key edits as named undo steps.
import type { Animation, Ease, Effect } from "../generated/effect";
import { poseInPreview } from "../preview/animate";
import {
  type TrackName,
  addAnimation,
  addKeyAt,
  animationsOf,
  findAnimation,
  removeAnimation,
  renameAnimation,
  setTrack,
  trackKeys,
  uniqueAnimationName,
} from "./animations";
import { moveKey, removeKey, roundTime, setKey } from "./keys";
import { quoted } from "./labels";
import type { Store, TimelineState } from "./store";

/** The selected layer's id, if a layer is selected. */
export function selectedLayer(s: Store): string | null {
  const sel = s.get().selection;
  return sel?.kind === "layer" ? sel.id : null;
}

/** The open clip: the one chosen if it is still the layer's, else the layer's first. */
export function openAnimation(effect: Effect, layer: string, chosen: string | null): Animation | undefined {
  return (chosen ? findAnimation(effect, layer, chosen) : undefined) ?? animationsOf(effect, layer)[0];
}

function setTimeline(s: Store, patch: Partial<TimelineState>): void {
  s.set((st) => ({ timeline: { ...st.timeline, ...patch } }));
}

/** Move the playhead to `seconds`; the live preview shows the clip's pose there. */
export function scrub(s: Store, layer: string, animation: string, seconds: number): void {
  const playhead = roundTime(seconds);
  setTimeline(s, { playhead });
  poseInPreview(layer, animation, playhead);
}

export function chooseAnimation(s: Store, name: string): void {
  setTimeline(s, { animation: name, key: null });
}

export function newAnimation(s: Store, layer: string): void {
  const doc = s.doc();
  if (!doc) return;
  const name = uniqueAnimationName(doc, layer);
  s.edit((e) => addAnimation(e, layer, name), { label: `Add animation ${quoted(name)} to ${quoted(layer)}` });
  setTimeline(s, { animation: name, key: null, playhead: 0 });
}

export function renameOpen(s: Store, layer: string, from: string, to: string): void {
  s.edit((e) => renameAnimation(e, layer, from, to), { label: `Rename animation ${quoted(from)} to ${quoted(to)}` });
  setTimeline(s, { animation: to });
}

export function deleteAnimation(s: Store, layer: string, name: string): void {
  s.edit((e) => removeAnimation(e, layer, name), { label: `Delete animation ${quoted(name)}` });
  setTimeline(s, { animation: null, key: null });
}

/** Add a key to `track` at the playhead, holding the value the track has there; it is selected. */
export function addKeyAtPlayhead(s: Store, layer: string, animation: string, track: TrackName): void {
  const doc = s.doc();
  if (!doc) return;
  const t = s.get().timeline.playhead;
  const out = addKeyAt(doc, layer, animation, track, t);
  if (out.index < 0) return;
  s.edit(() => out.effect, { label: `Add ${track} key at ${t} s` });
  setTimeline(s, { key: { track, index: out.index } });
  poseInPreview(layer, animation, t);
}

function editKeys(s: Store, layer: string, animation: string, track: TrackName, label: string, gesture: string | null, fn: (keys: ReturnType<typeof trackKeys>) => ReturnType<typeof trackKeys>): void {
  s.edit(
    (e) => {
      const anim = findAnimation(e, layer, animation);
      return anim ? setTrack(e, layer, animation, track, fn(trackKeys(anim, track))) : e;
    },
    { label, gesture },
  );
}

/** Drag key `index` to `seconds` (one undo step per drag: `gesture`); the key stays selected. */
export function dragKey(s: Store, layer: string, animation: string, track: TrackName, index: number, seconds: number, gesture: string): number {
  let moved = index;
  editKeys(s, layer, animation, track, `Move ${track} key`, gesture, (keys) => {
    const out = moveKey(keys, index, seconds);
    moved = out.index;
    return out.keys;
  });
  setTimeline(s, { key: { track, index: moved } });
  return moved;
}

export function deleteKey(s: Store, layer: string, animation: string, track: TrackName, index: number): void {
  editKeys(s, layer, animation, track, `Delete ${track} key`, null, (keys) => removeKey(keys, index));
  setTimeline(s, { key: null });
}

export function setKeyEase(s: Store, layer: string, animation: string, track: TrackName, index: number, ease: Ease): void {
  editKeys(s, layer, animation, track, `Change ease of ${track} key`, `${layer}.${animation}.${track}.${index}.ease`, (keys) => setKey(keys, index, { ease }));
}

export function setKeyValue(s: Store, layer: string, animation: string, track: TrackName, index: number, value: unknown): void {
  editKeys(s, layer, animation, track, `Change ${track} key`, `${layer}.${animation}.${track}.${index}.value`, (keys) => setKey(keys, index, { value }));
  poseInPreview(layer, animation, s.get().timeline.playhead);
}

/** Type a key's time: it moves there (re-sorted) and stays selected. */
export function setKeyTime(s: Store, layer: string, animation: string, track: TrackName, index: number, seconds: number): void {
  dragKey(s, layer, animation, track, index, seconds, `${layer}.${animation}.${track}.time`);
}
