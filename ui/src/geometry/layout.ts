// Where each layer shows in the preview, in displayed pixels: frame-placed layers from their
// placement, face props from the stand-in face, hand props from a stand-in hand. Whole-frame
// looks (colour filter, beauty, background) have no box.
import type { Layer, Orientation, Vec2 } from "../generated/effect";
import { standInFace, facePropPoint } from "./face";
import { type Box, type FramePreset, type Rect, placementBox, referenceRect, resolvePlacement } from "./frame";

export type LayerBox =
  | { mode: "frame"; box: Box; ref: Rect }
  | { mode: "anchored"; box: Box; origin: Vec2; unit: number };

/** The stand-in hand: its landmark point and palm width, in displayed pixels. */
export function standInHand(w: number, h: number): { origin: Vec2; size: number } {
  return { origin: { x: w * 0.75, y: h * 0.68 }, size: Math.min(w, h) * 0.14 };
}

/** The box of `layer` in a frame drawn at `scale`; `aspect` is its content's width / height. */
export function layerBox(layer: Layer, frame: FramePreset, o: Orientation, scale: number, aspect: number): LayerBox | null {
  const w = frame.width * scale;
  const h = frame.height * scale;
  switch (layer.type) {
    case "sticker":
    case "particles":
    case "text": {
      const p = resolvePlacement(layer.placement, o);
      const ref = referenceRect(p, frame, scale);
      let a = aspect;
      if (layer.type === "particles") a = (p.width * ref.w) / Math.max(ref.h * 0.06, 1);
      if (layer.type === "text") {
        const chars = Math.max(layer.template.length, 1);
        const lineH = layer.size * ref.h;
        a = layer.vertical ? (p.width * ref.w) / (lineH * chars) : (p.width * ref.w) / lineH;
      }
      return { mode: "frame", box: placementBox(p, frame, a, scale), ref };
    }
    case "faceProp":
    case "handProp": {
      const stand = layer.type === "faceProp" ? standInFace(w, h) : standInHand(w, h);
      const at =
        layer.type === "faceProp"
          ? facePropPoint(layer.anchor, layer.offset, stand)
          : { x: stand.origin.x + layer.offset.x * stand.size, y: stand.origin.y + layer.offset.y * stand.size };
      const bw = layer.scale * stand.size;
      const pivot = layer.type === "faceProp" ? layer.pivot : { x: 0.5, y: 0.5 };
      return {
        mode: "anchored",
        box: { cx: at.x, cy: at.y, w: bw, h: bw / (aspect > 0 ? aspect : 1), pivot, rotation: layer.rotation },
        origin: { x: at.x - layer.offset.x * stand.size, y: at.y - layer.offset.y * stand.size },
        unit: stand.size,
      };
    }
    default:
      return null;
  }
}
