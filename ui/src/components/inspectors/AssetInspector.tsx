import type { Asset, Playback } from "../../generated/effect";
import { updateAsset } from "../../store/edits";
import { store, useStudio } from "../../store/store";
import { assetUsers } from "../../store/usage";
import { NumberField, SelectField } from "./fields";

/** An asset's files and, for animations, its frame rate and playback. */
export function AssetInspector({ asset }: { asset: Asset }) {
  const doc = useStudio((s) => s.history?.present);
  const view = useStudio((s) => s.assets[asset.id]);
  const users = doc ? assetUsers(doc).get(asset.id) ?? [] : [];
  const set = (fn: (a: Asset) => Asset, key: string) => store.edit((e) => updateAsset(e, asset.id, fn), { gesture: `${asset.id}.${key}` });
  return (
    <div className="inspector" data-testid="asset-inspector">
      <h2>
        {asset.type} <span className="muted">{asset.id}</span>
      </h2>
      {view?.url && <img className="preview-thumb" src={view.url} alt={asset.id} />}
      <p className="muted">
        {"path" in asset ? asset.path : JSON.stringify(asset.source)}
        {view?.width ? ` · ${view.width}×${view.height}` : ""}
        {view?.frames && view.frames > 1 ? ` · ${view.frames} frames` : ""}
      </p>
      <p>{users.length ? `Used by ${users.join(", ")}` : <span className="warn">Unused: it is packed anyway. Remove it or use it in a layer.</span>}</p>
      {asset.type === "sequence" && (
        <>
          <NumberField
            label="Frames per second"
            value={asset.fps}
            min={0.1}
            step={1}
            onChange={(fps) => set((a) => (a.type === "sequence" ? { ...a, fps } : a), "fps")}
          />
          <SelectField<Playback>
            label="Playback"
            value={asset.playback}
            options={["loop", "once", "pingPong"]}
            onChange={(playback) => set((a) => (a.type === "sequence" ? { ...a, playback } : a), "playback")}
          />
        </>
      )}
    </div>
  );
}
