import { Suspense, lazy, useEffect, useState } from "react";
import type { Asset } from "../generated/effect";
import * as ipc from "../ipc";
import { addAssets, setScript } from "../store/edits";
import { allIds } from "../store/ids";
import { quoted } from "../store/labels";
import { editScript, openScript, saveScript, scriptUnsaved } from "../store/script";
import { store, useStudio } from "../store/store";

// CodeMirror is loaded when the script tab first opens, not with the Studio.
const ScriptEditor = lazy(() => import("./ScriptEditor").then((m) => ({ default: m.ScriptEditor })));

type ScriptAsset = Extract<Asset, { type: "script" }>;

/** Create a script from the starter, make it the effect's script, and open it. */
export async function newScript(): Promise<string | null> {
  const dir = store.get().project?.dir;
  const doc = store.doc();
  if (!dir || !doc) return null;
  try {
    const made = await ipc.createScript(dir, "main", [...allIds(doc)]);
    store.edit((e) => setScript(addAssets(e, [made.asset]), made.asset.id), { label: `Add script ${quoted(made.asset.id)}` });
    return made.asset.id;
  } catch (e) {
    store.notifyError(e);
    return null;
  }
}

function chooseScript(id: string | null): void {
  store.edit((x) => setScript(x, id), { label: id ? `Run script ${quoted(id)}` : "Run no script" });
}

/** The effect's gameplay script: which one runs, and its text in an editor. */
export function ScriptPanel() {
  const dir = useStudio((s) => s.project?.dir);
  const assets = useStudio((s) => s.history?.present.assets ?? []);
  const running = useStudio((s) => s.history?.present.script ?? null);
  const scripts = assets.filter((a): a is ScriptAsset => a.type === "script");
  const [openId, setOpenId] = useState<string | null>(null);
  const open = scripts.find((s) => s.id === (openId ?? running)) ?? scripts[0] ?? null;
  const draft = useStudio((s) => s.script);
  const unsaved = useStudio(scriptUnsaved);
  const [error, setError] = useState<string | null>(null);
  const shown = draft && draft.path === open?.path ? draft : null;
  useEffect(() => {
    // The draft of this script is kept (with its unsaved text) when the panel opens again.
    if (!dir || !open || store.get().script?.path === open.path) return;
    let cancelled = false;
    ipc.readProjectFile(dir, open.path).then(
      (bytes) => {
        if (cancelled) return;
        openScript(store, open.path, new TextDecoder().decode(bytes));
        setError(null);
      },
      (e) => !cancelled && setError(ipc.describeError(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [dir, open?.path]);
  const save = () => saveScript(store);
  return (
    <div aria-label="Script" data-testid="script-panel">
      <div className="row wrap">
        <label className="row">
          Runs with the effect:
          <select aria-label="Effect script" value={running ?? ""} onChange={(e) => chooseScript(e.target.value || null)}>
            <option value="">no script</option>
            {scripts.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </select>
        </label>
        {scripts.length > 1 && (
          <select aria-label="Open script" value={open?.id ?? ""} onChange={(e) => setOpenId(e.target.value)}>
            {scripts.map((s) => (
              <option key={s.id} value={s.id}>
                {s.path}
              </option>
            ))}
          </select>
        )}
        <button onClick={() => newScript().then((id) => id && setOpenId(id))}>New script</button>
        <button onClick={save} disabled={!shown || !unsaved} title="Ctrl+S in the editor">
          Save script
        </button>
        {open && <span className="muted">{open.path}{shown && unsaved && " ●"}</span>}
      </div>
      {error && <p className="error">{error}</p>}
      {open ? (
        <Suspense fallback={<p className="muted">Loading the editor…</p>}>
          {shown && <ScriptEditor text={shown.text} onChange={(t) => editScript(store, t)} onSave={save} />}
        </Suspense>
      ) : (
        <p className="muted">No script yet: “New script” starts one from a template (or import a .js file).</p>
      )}
    </div>
  );
}
