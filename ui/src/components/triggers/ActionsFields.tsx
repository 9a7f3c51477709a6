import type { Action } from "../../generated/effect";
import { type ActionKind, defaultAction, filledAction } from "../../store/defaults";
import { store, useStudio } from "../../store/store";
import { SelectField } from "../inspectors/fields";
import { ActionDetails } from "./ActionDetails";

const KINDS: { value: ActionKind; label: string }[] = [
  { value: "show", label: "Show" },
  { value: "hide", label: "Hide" },
  { value: "play", label: "Play" },
  { value: "stop", label: "Stop" },
  { value: "restart", label: "Restart" },
  { value: "burst", label: "Burst particles" },
  { value: "setText", label: "Set text" },
  { value: "animate", label: "Play animation" },
  { value: "stopAnimation", label: "Stop animation" },
  { value: "playSound", label: "Play sound" },
  { value: "stopSound", label: "Stop sound" },
  { value: "scriptEvent", label: "Script event" },
];

/** A trigger's actions, in order. */
export function ActionsFields(props: { value: Action[]; onChange: (a: Action[]) => void }) {
  const layers = useStudio((s) => s.history?.present.layers ?? []);
  const { value, onChange } = props;
  const setAt = (i: number, a: Action) => onChange(value.map((x, j) => (j === i ? a : x)));
  const fill = (kind: ActionKind, layer: string): Action => {
    const doc = store.doc();
    return doc ? filledAction(doc, kind, layer) : defaultAction(kind, layer);
  };
  const layerOptions = (a: Action) => {
    const doc = store.doc();
    const animated = (id: string) => !!doc?.animations?.some((x) => x.layer === id);
    const fits = layers.filter((l) =>
      a.do === "burst" ? l.type === "particles" : a.do === "setText" ? l.type === "text" : a.do === "animate" || a.do === "stopAnimation" ? animated(l.id) : true,
    );
    const ids = fits.map((l) => ({ value: l.id, label: l.id }));
    return "layer" in a && !fits.some((l) => l.id === a.layer) ? [{ value: a.layer, label: a.layer || "— choose —" }, ...ids] : ids;
  };
  return (
    <fieldset>
      <legend>Then</legend>
      {value.length === 0 && <p className="muted">No actions yet.</p>}
      <ol className="actions">
        {value.map((a, i) => (
          <li key={i} data-testid={`action-${i}`}>
            <SelectField<ActionKind>
              label="Do"
              value={a.do}
              options={KINDS}
              onChange={(kind) => store.named(`Change action ${i + 1}`, () => setAt(i, fill(kind, "layer" in a ? a.layer : (layers[0]?.id ?? ""))))}
            />
            {"layer" in a && (
              <SelectField label="Layer" value={a.layer} options={layerOptions(a)} onChange={(layer) => setAt(i, a.do === "animate" ? fill("animate", layer) : { ...a, layer })} />
            )}
            <ActionDetails a={a} set={(next) => setAt(i, next)} />
            <button aria-label={`Remove action ${i + 1}`} onClick={() => store.named(`Remove action ${i + 1}`, () => onChange(value.filter((_, j) => j !== i)))}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button onClick={() => store.named("Add action", () => onChange([...value, fill("show", layers[layers.length - 1]?.id ?? "")]))}>
        Add action
      </button>
    </fieldset>
  );
}
