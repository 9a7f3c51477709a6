import { useState } from "react";
import type { Effect, Layer } from "../generated/effect";
import { LAYER_KINDS, type LayerKind, newLayer } from "../store/defaults";
import { addLayer, moveLayer, removeLayer, toggleVisible } from "../store/edits";
import { quoted } from "../store/labels";
import { store, useStudio } from "../store/store";

/** The first asset that suits a new layer of `kind`, or "". */
function firstAssetFor(doc: Effect, kind: LayerKind): string {
  const needs = LAYER_KINDS.find((k) => k.kind === kind)?.needs;
  const fits = doc.assets.find((a) =>
    needs === "image" ? a.type === "image" || a.type === "sequence" : needs === "font" ? a.type === "font" : a.type === "lut",
  );
  return needs && fits ? fits.id : "";
}

export function layerLabel(l: Layer): string {
  return LAYER_KINDS.find((k) => k.kind === l.type)?.label ?? l.type;
}

/** Layers, top-most first: add, remove, reorder, show/hide, select. */
export function LayersPanel() {
  const doc = useStudio((s) => s.history?.present);
  const selection = useStudio((s) => s.selection);
  const [kind, setKind] = useState<LayerKind>("sticker");
  if (!doc) return null;
  const add = () => {
    const layer = newLayer(doc, kind, firstAssetFor(doc, kind));
    store.edit((e) => addLayer(e, layer), { label: `Add layer ${quoted(layer.id)}` });
    store.set({ selection: { kind: "layer", id: layer.id } });
  };
  const top = [...doc.layers].reverse();
  return (
    <section className="panel layers" aria-label="Layers">
      <h2>Layers</h2>
      <div className="row">
        <select aria-label="Layer kind" value={kind} onChange={(e) => setKind(e.target.value as LayerKind)}>
          {LAYER_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <button onClick={add}>Add layer</button>
      </div>
      {doc.layers.length === 0 && <p className="muted">No layers yet.</p>}
      <ul className="list">
        {top.map((l, i) => {
          const selected = selection?.kind === "layer" && selection.id === l.id;
          return (
            <li key={l.id} className={selected ? "selected" : ""} data-testid={`layer-${l.id}`}>
              <input
                type="checkbox"
                aria-label={`Show ${l.id}`}
                checked={l.visible}
                onChange={() => store.edit((e) => toggleVisible(e, l.id), { label: `${l.visible ? "Hide" : "Show"} layer ${quoted(l.id)}` })}
              />
              <button className="grow" onClick={() => store.set({ selection: { kind: "layer", id: l.id } })}>
                <strong>{l.id}</strong> <span className="muted">{layerLabel(l)}</span>
              </button>
              <button aria-label={`Move ${l.id} up`} disabled={i === 0} onClick={() => store.edit((e) => moveLayer(e, l.id, 1), { label: `Move layer ${quoted(l.id)} up` })}>
                ↑
              </button>
              <button
                aria-label={`Move ${l.id} down`}
                disabled={i === top.length - 1}
                onClick={() => store.edit((e) => moveLayer(e, l.id, -1), { label: `Move layer ${quoted(l.id)} down` })}
              >
                ↓
              </button>
              <button aria-label={`Delete ${l.id}`} onClick={() => store.edit((e) => removeLayer(e, l.id), { label: `Delete layer ${quoted(l.id)}` })}>
                ✕
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
