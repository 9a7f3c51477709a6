// Pure edits of the effect document. Each returns a new document (or the same one when nothing
// changes) so the history can keep every version cheaply.
import type { Action, Asset, Effect, Layer, Music, Trigger, When } from "../generated/effect";
import { dropAnimations, retargetAnimations } from "./animations";
import { autoTriggerId, isAutoTriggerId } from "./defaults";
import { uniqueId } from "./ids";

export function updateMeta(effect: Effect, patch: Partial<Effect["meta"]>): Effect {
  return { ...effect, meta: { ...effect.meta, ...patch } };
}

export function addAssets(effect: Effect, assets: Asset[]): Effect {
  return assets.length ? { ...effect, assets: [...effect.assets, ...assets] } : effect;
}

export function updateAsset(effect: Effect, id: string, fn: (a: Asset) => Asset): Effect {
  return { ...effect, assets: effect.assets.map((a) => (a.id === id ? fn(a) : a)) };
}

export function removeAsset(effect: Effect, id: string): Effect {
  return { ...effect, assets: effect.assets.filter((a) => a.id !== id) };
}

export function addLayer(effect: Effect, layer: Layer): Effect {
  return { ...effect, layers: [...effect.layers, layer] };
}

export function updateLayer(effect: Effect, id: string, fn: (l: Layer) => Layer): Effect {
  let changed = false;
  const layers = effect.layers.map((l) => {
    if (l.id !== id) return l;
    const next = fn(l);
    changed ||= next !== l;
    return next;
  });
  return changed ? { ...effect, layers } : effect;
}

/** Remove a layer, its animations and the actions that targeted it. */
export function removeLayer(effect: Effect, id: string): Effect {
  return {
    ...dropAnimations(effect, id),
    layers: effect.layers.filter((l) => l.id !== id),
    triggers: effect.triggers.map((t) => ({
      ...t,
      actions: t.actions.filter((a) => !("layer" in a) || a.layer !== id),
      when: t.when.on === "tap" && t.when.layer === id ? { on: "tap" as const } : t.when,
    })),
  };
}

/** Move a layer `delta` places in drawing order (+1 = one step towards the top). */
export function moveLayer(effect: Effect, id: string, delta: number): Effect {
  const from = effect.layers.findIndex((l) => l.id === id);
  const to = Math.min(Math.max(from + delta, 0), effect.layers.length - 1);
  if (from < 0 || to === from) return effect;
  const layers = [...effect.layers];
  const [moved] = layers.splice(from, 1);
  layers.splice(to, 0, moved!);
  return { ...effect, layers };
}

export function toggleVisible(effect: Effect, id: string): Effect {
  return updateLayer(effect, id, (l) => ({ ...l, visible: !l.visible }));
}

/** Rename a layer, following every trigger reference to it and its animations. */
export function renameLayer(effect: Effect, from: string, to: string): Effect {
  if (from === to) return effect;
  const retarget = (a: Action): Action => ("layer" in a && a.layer === from ? { ...a, layer: to } : a);
  return {
    ...retargetAnimations(effect, from, to),
    layers: effect.layers.map((l) => (l.id === from ? { ...l, id: to } : l)),
    triggers: effect.triggers.map((t) => ({
      ...t,
      actions: t.actions.map(retarget),
      when: t.when.on === "tap" && t.when.layer === from ? { ...t.when, layer: to } : t.when,
    })),
  };
}

export function addTrigger(effect: Effect, trigger: Trigger): Effect {
  return { ...effect, triggers: [...effect.triggers, trigger] };
}

export function updateTrigger(effect: Effect, id: string, fn: (t: Trigger) => Trigger): Effect {
  return { ...effect, triggers: effect.triggers.map((t) => (t.id === id ? fn(t) : t)) };
}

/**
 * Change what fires trigger `id`. When the source changes and the trigger still has the automatic
 * id of the old source (or a numbered one), it takes the new source's, unique in the document; an
 * id the user chose stays. Returns the document and the trigger's id afterwards.
 */
export function changeTriggerWhen(effect: Effect, id: string, when: When): { effect: Effect; id: string } {
  const old = effect.triggers.find((t) => t.id === id);
  if (!old) return { effect, id };
  const renamed = old.when.on !== when.on && isAutoTriggerId(id, old.when.on);
  const to = renamed ? uniqueId(effect, autoTriggerId(when.on)) : id;
  return { effect: updateTrigger(effect, id, (t) => ({ ...t, id: to, when })), id: to };
}

type BurstAction = Extract<Action, { do: "burst" }>;

/** A burst of `count` particles, or, with `undefined`, of the layer's own burst count (no `count` in the file). */
export function withBurstCount(a: BurstAction, count: number | undefined): BurstAction {
  const { count: _old, ...rest } = a;
  return count === undefined ? rest : { ...rest, count: Math.max(0, Math.round(count)) };
}

export function removeTrigger(effect: Effect, id: string): Effect {
  return { ...effect, triggers: effect.triggers.filter((t) => t.id !== id) };
}

/** Choose the script asset that runs with the effect (`null`: none). */
export function setScript(effect: Effect, id: string | null): Effect {
  if ((effect.script ?? null) === id) return effect;
  const { script: _old, ...rest } = effect;
  return id === null ? rest : { ...rest, script: id };
}

/** Choose the background music (`null`: none). */
export function setMusic(effect: Effect, music: Music | null): Effect {
  const { music: _old, ...rest } = effect;
  return music === null ? rest : { ...rest, music };
}
