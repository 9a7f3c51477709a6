import { useState } from "react";
import type { Layer } from "../../generated/effect";
import { renameLayer, updateLayer } from "../../store/edits";
import { ID_PATTERN, allIds } from "../../store/ids";
import { quoted } from "../../store/labels";
import { store } from "../../store/store";
import { layerLabel } from "../LayersPanel";
import { CheckField, Field } from "./fields";
import { ParticlesInspector, StickerInspector, TextInspector } from "./FrameInspectors";
import { HotZoneFields } from "./HotZoneFields";
import { BackgroundInspector, BeautyInspector, ColorFilterInspector } from "./LookInspectors";
import { FacePropInspector, HandPropInspector } from "./PropInspectors";

function KindFields({ layer }: { layer: Layer }) {
  switch (layer.type) {
    case "sticker":
      return <StickerInspector layer={layer} />;
    case "faceProp":
      return <FacePropInspector layer={layer} />;
    case "handProp":
      return <HandPropInspector layer={layer} />;
    case "text":
      return <TextInspector layer={layer} />;
    case "particles":
      return <ParticlesInspector layer={layer} />;
    case "colorFilter":
      return <ColorFilterInspector layer={layer} />;
    case "beauty":
      return <BeautyInspector layer={layer} />;
    case "background":
      return <BackgroundInspector layer={layer} />;
  }
}

/** An id field that only commits a valid, unused id (and renames references with it). */
export function IdField(props: { id: string; onRename: (to: string) => void }) {
  const [draft, setDraft] = useState(props.id);
  const [shownFor, setShownFor] = useState(props.id);
  if (shownFor !== props.id) {
    setShownFor(props.id);
    setDraft(props.id);
  }
  const doc = store.doc();
  const taken = doc ? allIds(doc) : new Set<string>();
  const problem =
    draft === props.id ? null : !ID_PATTERN.test(draft) ? "letters, digits, _ and - only" : taken.has(draft) ? "already used" : null;
  const commit = () => {
    if (draft !== props.id && !problem) props.onRename(draft);
    else setDraft(props.id);
  };
  return (
    <Field label="Id">
      <input aria-label="Id" value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} />
      {problem && <small className="warn">{problem}</small>}
    </Field>
  );
}

export function LayerInspector({ layer }: { layer: Layer }) {
  const patch = (p: Partial<Layer>) => store.edit((e) => updateLayer(e, layer.id, (l) => ({ ...l, ...p }) as Layer));
  return (
    <div className="inspector" data-testid="layer-inspector">
      <h2>
        {layerLabel(layer)} <span className="muted">{layer.id}</span>
      </h2>
      <IdField
        id={layer.id}
        onRename={(to) => {
          store.edit((e) => renameLayer(e, layer.id, to), { label: `Rename layer ${quoted(layer.id)} to ${quoted(to)}` });
          store.set({ selection: { kind: "layer", id: to } });
        }}
      />
      <CheckField label="Visible at start" value={layer.visible} onChange={(visible) => patch({ visible })} />
      <KindFields layer={layer} />
      <HotZoneFields value={layer.hotZone} onChange={(hotZone) => patch({ hotZone })} />
    </div>
  );
}
