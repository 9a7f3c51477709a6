import { useEffect, useState } from "react";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { Asset } from "../generated/effect";
import type { ImportAs } from "../generated/ipc";
import { pickFiles } from "../dialogs";
import { importFiles } from "../store/actions";
import { type LayerKind, newLayer } from "../store/defaults";
import { addLayer, removeAsset } from "../store/edits";
import { quoted } from "../store/labels";
import { store, useStudio } from "../store/store";
import { assetUsers } from "../store/usage";

/** The layer kinds an asset of this type can start. */
function addable(asset: Asset): { kind: LayerKind; label: string }[] {
  switch (asset.type) {
    case "image":
    case "sequence":
      return [
        { kind: "sticker", label: "sticker" },
        { kind: "faceProp", label: "face prop" },
        { kind: "handProp", label: "hand prop" },
        { kind: "particles", label: "particles" },
      ];
    case "font":
      return [{ kind: "text", label: "text" }];
    case "lut":
      return [{ kind: "colorFilter", label: "colour filter" }];
    case "script":
      return [];
  }
}

export function addLayerFrom(asset: Asset, kind: LayerKind): void {
  const doc = store.doc();
  if (!doc) return;
  const layer = newLayer(doc, kind, asset.id);
  store.edit((e) => addLayer(e, layer), { label: `Add layer ${quoted(layer.id)}` });
  store.set({ selection: { kind: "layer", id: layer.id } });
}

/** Imported files, with thumbnails, where they are used, and warnings for unused ones. */
export function AssetLibrary() {
  const doc = useStudio((s) => s.history?.present);
  const views = useStudio((s) => s.assets);
  const selection = useStudio((s) => s.selection);
  const [dragOver, setDragOver] = useState(false);
  useDropImport(setDragOver);
  if (!doc) return null;
  const users = assetUsers(doc);
  const pick = async (how: ImportAs) => {
    try {
      const paths = await pickFiles(how === "sequence" ? "Choose the frames of one sequence" : "Import assets");
      if (paths.length) await importFiles(store, paths, how);
    } catch (e) {
      store.notifyError(e);
    }
  };
  const remove = (asset: Asset) => {
    const used = users.get(asset.id) ?? [];
    if (used.length && !window.confirm(`${asset.id} is used by ${used.join(", ")}. Remove it anyway?`)) return;
    store.edit((e) => removeAsset(e, asset.id), { label: `Remove asset ${quoted(asset.id)}` });
  };
  return (
    <section className={`panel assets${dragOver ? " drag-over" : ""}`} aria-label="Assets">
      <h2>Assets</h2>
      <div className="row wrap">
        <button onClick={() => pick("auto")}>Import…</button>
        <button onClick={() => pick("sequence")}>Import sequence…</button>
        <button onClick={() => pick("lut")}>Import LUT…</button>
      </div>
      {doc.assets.length === 0 && <p className="muted">Import images, animations, fonts, LUTs or scripts, or drop files here.</p>}
      <ul className="list">
        {doc.assets.map((a) => {
          const view = views[a.id];
          const used = users.get(a.id) ?? [];
          const selected = selection?.kind === "asset" && selection.id === a.id;
          return (
            <li key={a.id} className={selected ? "selected" : ""} data-testid={`asset-${a.id}`}>
              <button className="asset-main" onClick={() => store.set({ selection: { kind: "asset", id: a.id } })}>
                {view?.url ? <img className="thumb" src={view.url} alt="" /> : <span className="thumb placeholder">{a.type}</span>}
                <span>
                  <strong>{a.id}</strong>
                  <span className="muted"> {a.type}{view?.width ? ` ${view.width}×${view.height}` : ""}</span>
                  {used.length === 0 && <span className="warn" title="Nothing uses this asset; it is still packed"> unused</span>}
                </span>
              </button>
              <span className="row wrap">
                {addable(a).map((k) => (
                  <button key={k.kind} onClick={() => addLayerFrom(a, k.kind)}>
                    + {k.label}
                  </button>
                ))}
                <button aria-label={`Remove ${a.id}`} onClick={() => remove(a)}>
                  Remove
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Files dropped on the window are imported (Tauri reports their paths). */
function useDropImport(setOver: (v: boolean) => void) {
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    try {
      getCurrentWebview()
        .onDragDropEvent((event) => {
          const p = event.payload;
          if (p.type === "enter" || p.type === "over") setOver(true);
          else setOver(false);
          if (p.type === "drop" && p.paths.length) void importFiles(store, p.paths);
        })
        .then((u) => (cancelled ? u() : (unlisten = u)))
        .catch(() => undefined);
    } catch {
      // Not inside Tauri (a plain browser): drag-and-drop import is unavailable.
    }
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, [setOver]);
}
