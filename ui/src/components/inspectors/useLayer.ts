import type { Layer } from "../../generated/effect";
import { updateLayer } from "../../store/edits";
import { store } from "../../store/store";

export type LayerOf<K extends Layer["type"]> = Extract<Layer, { type: K }>;

/** A setter for one layer's fields; `field` names the undo gesture (typing in one field = one step). */
export function layerSetter<K extends Layer["type"]>(layer: LayerOf<K>) {
  return (patch: Partial<LayerOf<K>>, field = Object.keys(patch).join(",")) =>
    store.edit((e) => updateLayer(e, layer.id, (l) => ({ ...l, ...patch }) as Layer), { gesture: `${layer.id}.${field}` });
}
