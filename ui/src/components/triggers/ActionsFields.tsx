import type { Action } from "../../generated/effect";
import { type ActionKind, defaultAction } from "../../store/defaults";
import { withBurstCount } from "../../store/edits";
import { store, useStudio } from "../../store/store";
import { OptionalNumberField, SelectField, TextField } from "../inspectors/fields";

const KINDS: { value: ActionKind; label: string }[] = [
  { value: "show", label: "Show" },
  { value: "hide", label: "Hide" },
  { value: "play", label: "Play" },
  { value: "stop", label: "Stop" },
  { value: "restart", label: "Restart" },
  { value: "burst", label: "Burst particles" },
  { value: "setText", label: "Set text" },
  { value: "scriptEvent", label: "Script event" },
];

/** A trigger's actions, in order. */
export function ActionsFields(props: { value: Action[]; onChange: (a: Action[]) => void }) {
  const layers = useStudio((s) => s.history?.present.layers ?? []);
  const { value, onChange } = props;
  const setAt = (i: number, a: Action) => onChange(value.map((x, j) => (j === i ? a : x)));
  // Empty shows what a burst without a count sends: the layer's own burst.
  const burstOf = (id: string) => {
    const l = layers.find((x) => x.id === id);
    return l?.type === "particles" ? `${l.burst} (the layer's burst)` : undefined;
  };
  const layerOptions = (a: Action) => {
    const fits = layers.filter((l) => (a.do === "burst" ? l.type === "particles" : a.do === "setText" ? l.type === "text" : true));
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
              onChange={(kind) => store.named(`Change action ${i + 1}`, () => setAt(i, defaultAction(kind, "layer" in a ? a.layer : (layers[0]?.id ?? ""))))}
            />
            {"layer" in a && (
              <SelectField label="Layer" value={a.layer} options={layerOptions(a)} onChange={(layer) => setAt(i, { ...a, layer })} />
            )}
            {a.do === "burst" && (
              <OptionalNumberField
                label="Count (empty = layer's burst)"
                value={a.count}
                placeholder={burstOf(a.layer)}
                min={0}
                step={10}
                onChange={(c) => setAt(i, withBurstCount(a, c))}
              />
            )}
            {a.do === "setText" && <TextField label="Text" value={a.text} onChange={(text) => setAt(i, { ...a, text })} />}
            {a.do === "scriptEvent" && <TextField label="Event name" value={a.name} onChange={(name) => setAt(i, { ...a, name })} />}
            <button aria-label={`Remove action ${i + 1}`} onClick={() => store.named(`Remove action ${i + 1}`, () => onChange(value.filter((_, j) => j !== i)))}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button onClick={() => store.named("Add action", () => onChange([...value, defaultAction("show", layers[layers.length - 1]?.id ?? "")]))}>
        Add action
      </button>
    </fieldset>
  );
}
