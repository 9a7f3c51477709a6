import { store, useStudio } from "../store/store";
import { AssetInspector } from "./inspectors/AssetInspector";
import { LayerInspector } from "./inspectors/LayerInspector";
import { MetaInspector } from "./inspectors/MetaInspector";
import { TriggerEditor } from "./triggers/TriggerEditor";

/** Edits whatever is selected; the effect's metadata when nothing is. */
export function Inspector() {
  const doc = useStudio((s) => s.history?.present);
  const selection = useStudio((s) => s.selection);
  if (!doc) return null;
  const content = (() => {
    if (selection?.kind === "layer") {
      const layer = doc.layers.find((l) => l.id === selection.id);
      if (layer) return <LayerInspector layer={layer} />;
    }
    if (selection?.kind === "trigger") {
      const trigger = doc.triggers.find((t) => t.id === selection.id);
      if (trigger) return <TriggerEditor trigger={trigger} />;
    }
    if (selection?.kind === "asset") {
      const asset = doc.assets.find((a) => a.id === selection.id);
      if (asset) return <AssetInspector asset={asset} />;
    }
    return <MetaInspector effect={doc} />;
  })();
  return (
    <aside className="panel inspector-panel" aria-label="Inspector">
      {selection && (
        <button className="link" onClick={() => store.set({ selection: null })}>
          ← Effect settings
        </button>
      )}
      {content}
    </aside>
  );
}
