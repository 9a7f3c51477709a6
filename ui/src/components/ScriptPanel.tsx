import { Suspense, lazy, useEffect, useState } from "react";
import type { Asset } from "../generated/effect";
import * as ipc from "../ipc";
import { isLive } from "../preview/live";
import { addAssets, setScript } from "../store/edits";
import { allIds } from "../store/ids";
import { quoted } from "../store/labels";
import { store, useStudio } from "../store/store";

// CodeMirror is loaded when the script tab first opens, not with the Studio.
const ScriptEditor = lazy(() => import("./ScriptEditor").then((m) => ({ default: m.ScriptEditor })));

type ScriptAsset = Extract<Asset, { type: "script" }>;

/** Save a script file; the running preview reloads its script (a syntax error keeps the old one). */
export async function saveScriptFile(path: string, text: string): Promise<boolean> {
  const dir = store.get().project?.dir;
  const doc = store.doc();
  if (!dir || !doc) return false;
  try {
    await ipc.saveScript(dir, path, text);
    const live = isLive();
    if (live) await ipc.reloadPreviewScript(dir, doc);
    store.log([{ level: "info", message: `saved ${path}${live ? ": reloading it in the live preview" : ""}`, location: "studio", frame: 0 }]);
    return true;
  } catch (e) {
    store.notifyError(e);
    return false;
  }
}

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
  const [text, setText] = useState("");
  const [saved, setSaved] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!dir || !open) return;
    let cancelled = false;
    ipc.readProjectFile(dir, open.path).then(
      (bytes) => {
        if (cancelled) return;
        const t = new TextDecoder().decode(bytes);
        setText(t);
        setSaved(t);
        setError(null);
      },
      (e) => !cancelled && setError(ipc.describeError(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [dir, open?.path]);
  const save = async () => {
    if (open && (await saveScriptFile(open.path, text))) setSaved(text);
  };
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
        <button onClick={save} disabled={!open || text === saved} title="Ctrl+S in the editor">
          Save script
        </button>
        {open && <span className="muted">{open.path}{text !== saved && " ●"}</span>}
      </div>
      {error && <p className="error">{error}</p>}
      {open ? (
        <Suspense fallback={<p className="muted">Loading the editor…</p>}>
          <ScriptEditor text={text} onChange={setText} onSave={save} />
        </Suspense>
      ) : (
        <p className="muted">No script yet: “New script” starts one from a template (or import a .js file).</p>
      )}
    </div>
  );
}
