// A particle's curve over its life as a short list of keys (time 0..1 of its life, a value, an
// ease to the next): add, edit, remove. Keys are kept in time order.
import type { Key } from "../../generated/effect";
import { insertKey, moveKey, removeKey, setKey } from "../../store/keys";
import { store } from "../../store/store";
import { EaseField } from "../timeline/KeyFields";
import { ColorField, NumberField } from "./fields";

export function LifeKeys<T extends number | string>(props: { label: string; keys: Key<T>[] | undefined; rest: T; onChange: (keys: Key<T>[]) => void }) {
  const { label, rest, onChange } = props;
  const keys = props.keys ?? [];
  const add = () => {
    // A key after the last (or at the start), holding the last value.
    const last = keys[keys.length - 1];
    const t = last ? Math.min(1, last.time + 0.5 * (1 - last.time) || 1) : 0;
    store.named(`Add ${label.toLowerCase()} key`, () => onChange(insertKey(keys, t, last?.value ?? rest).keys));
  };
  return (
    <fieldset className="life-keys" data-testid={`life-${label.toLowerCase()}`}>
      <legend>{label} over life</legend>
      {keys.length === 0 && <p className="muted">Constant.</p>}
      <ol>
        {keys.map((k, i) => (
          <li key={i} className="row wrap">
            <NumberField label={`${label} key ${i + 1} time`} value={k.time} min={0} max={1} step={0.05} onChange={(t) => onChange(moveKey(keys, i, Math.min(1, t)).keys)} />
            {typeof k.value === "string" ? (
              <ColorField label={`${label} key ${i + 1}`} value={k.value} onChange={(v) => onChange(setKey(keys, i, { value: v as T }))} />
            ) : (
              <NumberField label={`${label} key ${i + 1}`} value={k.value} min={0} step={0.05} onChange={(v) => onChange(setKey(keys, i, { value: v as T }))} />
            )}
            <EaseField value={k.ease} onChange={(ease) => onChange(setKey(keys, i, { ease }))} />
            <button aria-label={`Remove ${label.toLowerCase()} key ${i + 1}`} onClick={() => store.named(`Remove ${label.toLowerCase()} key`, () => onChange(removeKey(keys, i)))}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button onClick={add}>Add {label.toLowerCase()} key</button>
    </fieldset>
  );
}
