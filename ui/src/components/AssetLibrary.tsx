import type { Asset } from "../generated/effect";
import type { ImportAs } from "../generated/ipc";
import { askPaths, pickFiles } from "../dialogs";
import { importFiles } from "../store/actions";
import { type LayerKind, newLayer } from "../store/defaults";
import { addLayer, removeAsset } from "../store/edits";
import { quoted } from "../store/labels";
import { type Prompt, ask } from "../store/prompt";
import { store, useStudio } from "../store/store";
import { assetUsers } from "../store/usage";
import { AudioAsset } from "./AudioAsset";

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
    case "audio":
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
  const dragOver = useStudio((s) => s.dragOver);
  if (!doc) return null;
  const users = assetUsers(doc);
  const remove = async (asset: Asset) => {
    const used = users.get(asset.id) ?? [];
    if (used.length && (await ask(store, removePrompt(asset.id, used))).choice !== "remove") return;
    store.edit((e) => removeAsset(e, asset.id), { label: `Remove asset ${quoted(asset.id)}` });
  };
  return (
    <section className={`panel assets${dragOver ? " drag-over" : ""}`} aria-label="Assets">
      <h2>Assets</h2>
      <div className="row wrap">
        <button onClick={() => importAsked("auto")}>Import…</button>
        <button onClick={() => importAsked("sequence")}>Import sequence…</button>
        <button onClick={() => importAsked("lut")}>Import LUT…</button>
      </div>
      {doc.assets.length === 0 && <p className="muted">Import images, animations, fonts, LUTs, scripts or sounds, or drop files here.</p>}
      <ul className="list">
        {doc.assets.map((a) => {
          const view = views[a.id];
          const used = users.get(a.id) ?? [];
          const selected = selection?.kind === "asset" && selection.id === a.id;
          return (
            <li key={a.id} className={selected ? "selected" : ""} data-testid={`asset-${a.id}`}>
              <button className="asset-main" onClick={() => store.set({ selection: { kind: "asset", id: a.id } })}>
                {view?.url ? <img className="thumb" src={view.url} alt="" /> : <span className="thumb placeholder">{a.type === "audio" ? "♪" : a.type}</span>}
                <span>
                  <strong>{a.id}</strong>
                  <span className="muted"> {a.type}{view?.width ? ` ${view.width}×${view.height}` : ""}</span>
                  {used.length === 0 && <span className="warn" title="Nothing uses this asset; it is still packed"> unused</span>}
                </span>
              </button>
              {a.type === "audio" && <AudioAsset id={a.id} />}
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

const IMPORT_TITLES: Record<ImportAs, string> = {
  auto: "Import assets",
  sequence: "Choose the frames of one sequence",
  lut: "Import a colour LUT",
};

/** Ask for files (typed, pasted, browsed for or dropped) and import them. */
async function importAsked(how: ImportAs): Promise<void> {
  const title = IMPORT_TITLES[how];
  try {
    const paths = await askPaths(store, {
      kind: "files",
      title,
      action: "Import",
      placeholder: "/home/you/Pictures/hat.png (Shift+Enter for another)",
      browse: () => pickFiles(title),
    });
    if (paths.length) await importFiles(store, paths, how);
  } catch (e) {
    store.notifyError(e);
  }
}

function removePrompt(id: string, users: string[]): Prompt {
  return {
    title: `Remove ${quoted(id)}?`,
    text: `${users.join(", ")} ${users.length > 1 ? "use" : "uses"} it.`,
    choices: [
      { id: "cancel", label: "Cancel" },
      { id: "remove", label: "Remove" },
    ],
    primary: "cancel",
    cancel: "cancel",
  };
}
