import type { Trigger } from "../../generated/effect";
import { newTrigger } from "../../store/defaults";
import { addTrigger, removeTrigger } from "../../store/edits";
import { quoted } from "../../store/labels";
import { recentlyFired } from "../../preview/live";
import { store, useStudio } from "../../store/store";
import { useNow } from "../LivePreview";

/** A one-line summary: "heart (begin) → show hatProp". */
export function summarize(t: Trigger): string {
  const w = t.when;
  const source =
    w.on === "gesture" ? `${w.gesture} (${w.phase})`
    : w.on === "face" ? `${w.event} (${w.phase})`
    : w.on === "timer" ? `every ${w.every}s`
    : w.on === "tap" ? `tap ${w.layer ?? "any zone"}`
    : `command "${w.name}"`;
  const actions = t.actions.map((a) => `${a.do} ${"layer" in a ? a.layer : "sound" in a ? a.sound : a.name}`).join(", ");
  return `${source} → ${actions || "nothing yet"}`;
}

/** Triggers: "when this happens, do that". */
export function TriggersPanel() {
  const triggers = useStudio((s) => s.history?.present.triggers ?? []);
  const selection = useStudio((s) => s.selection);
  const fired = useStudio((s) => s.live.fired);
  const now = useNow(useStudio((s) => s.live.status === "running"));
  const add = () => {
    const doc = store.doc();
    if (!doc) return;
    const t = newTrigger(doc);
    store.edit((e) => addTrigger(e, t), { label: "Add trigger" });
    store.set({ selection: { kind: "trigger", id: t.id } });
  };
  return (
    <section className="panel triggers" aria-label="Triggers">
      <h2>Triggers</h2>
      <button onClick={add}>Add trigger</button>
      <ul className="list">
        {triggers.map((t) => (
          <li key={t.id} className={selection?.kind === "trigger" && selection.id === t.id ? "selected" : ""} data-testid={`trigger-${t.id}`}>
            <button className="grow" onClick={() => store.set({ selection: { kind: "trigger", id: t.id } })}>
              {recentlyFired(fired, t.id, now) && <span className="fired-dot" title="Fired in the live preview">● </span>}
              <strong>{t.id}</strong> <span className="muted">{summarize(t)}</span>
            </button>
            <button aria-label={`Delete ${t.id}`} onClick={() => store.edit((e) => removeTrigger(e, t.id), { label: `Delete trigger ${quoted(t.id)}` })}>
              ✕
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
