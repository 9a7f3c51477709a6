// New layers and triggers with every required field filled, ready to edit.
import type { Action, Effect, Layer, Placement, Trigger, When } from "../generated/effect";
import { uniqueId } from "./ids";

export type LayerKind = Layer["type"];

export const LAYER_KINDS: { kind: LayerKind; label: string; needs?: "image" | "font" | "lut" }[] = [
  { kind: "sticker", label: "Sticker", needs: "image" },
  { kind: "faceProp", label: "Face prop", needs: "image" },
  { kind: "handProp", label: "Hand prop", needs: "image" },
  { kind: "text", label: "Text", needs: "font" },
  { kind: "particles", label: "Particles", needs: "image" },
  { kind: "colorFilter", label: "Colour filter", needs: "lut" },
  { kind: "beauty", label: "Beauty" },
  { kind: "background", label: "Background" },
];

export function defaultPlacement(): Placement {
  return { relativeTo: "frame", position: { x: 0.5, y: 0.5 }, width: 0.3, pivot: { x: 0.5, y: 0.5 }, rotation: 0 };
}

/** A new layer of `kind`; `asset` is the image/sequence, font or LUT id it starts with ("" if none yet). */
export function newLayer(effect: Effect, kind: LayerKind, asset = ""): Layer {
  const id = uniqueId(effect, asset ? `${asset}${kind[0]!.toUpperCase()}${kind.slice(1)}` : kind);
  const common = { id, visible: true };
  switch (kind) {
    case "sticker":
      return { type: "sticker", ...common, asset, placement: defaultPlacement(), opacity: 1 };
    case "faceProp":
      return {
        type: "faceProp", ...common, asset, anchor: "forehead", offset: { x: 0, y: 0 }, scale: 1,
        rotation: 0, followRotation: true, face: 0, pivot: { x: 0.5, y: 0.5 },
      };
    case "handProp":
      return {
        type: "handProp", ...common, asset, landmark: "indexTip", hand: "any", offset: { x: 0, y: 0 },
        scale: 1, rotation: 0, followRotation: true,
      };
    case "text":
      return {
        type: "text", ...common, template: "Hello {name}", font: asset, size: 0.05, fill: "#ffffff",
        vertical: false, placement: { ...defaultPlacement(), position: { x: 0.5, y: 0.15 }, width: 0.6 },
      };
    case "particles":
      return {
        type: "particles", ...common, sprite: asset,
        placement: { ...defaultPlacement(), position: { x: 0.5, y: 0.9 }, width: 0.6 },
        rate: 0, burst: 60, maxParticles: 300, lifetime: { min: 0.8, max: 1.6 }, speed: { min: 0.3, max: 0.8 },
        direction: 0, spread: 30, gravity: { x: 0, y: 0.5 }, spin: { min: 0, max: 0 },
        size: { min: 0.02, max: 0.04 }, fade: 0.3, drag: 0, blend: "normal",
      };
    case "colorFilter":
      return { type: "colorFilter", ...common, lut: asset, intensity: 1 };
    case "beauty":
      return { type: "beauty", ...common, smoothing: 0.4, brightening: 0.2 };
    case "background":
      return { type: "background", ...common, mode: { blur: { strength: 0.6 } } };
  }
}

export type WhenKind = When["on"];

export function defaultWhen(on: WhenKind): When {
  switch (on) {
    case "gesture":
      return { on, gesture: "heart", hand: "any", phase: "begin" };
    case "face":
      return { on, event: "mouthOpen", phase: "begin" };
    case "timer":
      return { on, every: 10, after: 0 };
    case "tap":
      return { on };
    case "command":
      return { on, name: "gift" };
  }
}

export type ActionKind = Action["do"];

export function defaultAction(kind: ActionKind, layer: string): Action {
  switch (kind) {
    case "burst":
      return { do: kind, layer };
    case "setText":
      return { do: kind, layer, text: "Thank you {name}" };
    case "scriptEvent":
      return { do: kind, name: "event" };
    case "animate":
      return { do: kind, layer, animation: "" };
    case "playSound":
      return { do: kind, sound: "", volume: 1, loop: false };
    case "stopSound":
      return { do: kind, sound: "" };
    default:
      return { do: kind, layer };
  }
}

/**
 * A new action of `kind` on `layer`, its references filled where the document has something to
 * point at: the layer's first animation, the first sound.
 */
export function filledAction(effect: Effect, kind: ActionKind, layer: string): Action {
  const animated = effect.animations ?? [];
  // Animation actions go to an animated layer: this one if it is, else the first that is.
  if ((kind === "animate" || kind === "stopAnimation") && !animated.some((x) => x.layer === layer)) layer = animated[0]?.layer ?? layer;
  const a = defaultAction(kind, layer);
  const sound = effect.assets.find((x) => x.type === "audio")?.id ?? "";
  if (a.do === "animate") return { ...a, animation: animated.find((x) => x.layer === layer)?.name ?? "" };
  if (a.do === "playSound" || a.do === "stopSound") return { ...a, sound };
  return a;
}

/** The id a new trigger on `on` starts with ("gestureTrigger"; numbered when taken). */
export function autoTriggerId(on: WhenKind): string {
  return `${on}Trigger`;
}

/** Whether `id` is still the automatic id of a trigger on `on`: "gestureTrigger", "gestureTrigger2", … */
export function isAutoTriggerId(id: string, on: WhenKind): boolean {
  const base = autoTriggerId(on);
  return id.startsWith(base) && /^(|[2-9]|[1-9]\d+)$/.test(id.slice(base.length));
}

export function newTrigger(effect: Effect, on: WhenKind = "gesture"): Trigger {
  return {
    id: uniqueId(effect, autoTriggerId(on)),
    when: defaultWhen(on),
    cooldown: 1,
    hysteresis: { beginFrames: 3, endFrames: 5 },
    actions: [],
  };
}
