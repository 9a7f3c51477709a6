// Small form fields the inspectors share. Each names the edits it makes after its label ("Change
// opacity"), for the undo history. Numeric edits carry a gesture key so a burst of typing or a
// slider drag is one undo step; leaving the field ends the step.
import type { Asset, Range, Vec2 } from "../../generated/effect";
import { toggleOf } from "../../store/labels";
import { store, useStudio } from "../../store/store";
import { Field, namedChange } from "./Field";
import { NumberField } from "./NumberField";

export { Field } from "./Field";
export { NumberField, OptionalNumberField } from "./NumberField";

export function SliderField(props: { label: string; value: number; onChange: (v: number) => void; min?: number; max?: number; step?: number }) {
  const { label, value, min = 0, max = 1, step = 0.01 } = props;
  const onChange = namedChange(label, props.onChange);
  return (
    <Field label={`${label} ${value.toFixed(2)}`}>
      <input
        type="range"
        aria-label={label}
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(e.target.valueAsNumber)}
        onPointerUp={() => store.endGesture()}
        onBlur={() => store.endGesture()}
      />
    </Field>
  );
}

export function TextField(props: { label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  const onChange = namedChange(props.label, props.onChange);
  return (
    <Field label={props.label}>
      <input
        aria-label={props.label}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => store.endGesture()}
      />
    </Field>
  );
}

export function CheckField(props: { label: string; value: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="field check">
      <input
        type="checkbox"
        checked={props.value}
        onChange={(e) => {
          const on = e.target.checked;
          store.named(toggleOf(props.label, on), () => props.onChange(on));
        }}
      />
      <span>{props.label}</span>
    </label>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[] | readonly { value: T; label: string }[];
  onChange: (v: T) => void;
}) {
  const options = props.options.map((o) => (typeof o === "string" ? { value: o, label: o } : o));
  const onChange = namedChange(props.label, props.onChange);
  return (
    <Field label={props.label}>
      <select aria-label={props.label} value={props.value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function Vec2Field(props: { label: string; value: Vec2; onChange: (v: Vec2) => void; step?: number }) {
  const { label, value, onChange, step } = props;
  return (
    <div className="pair">
      <NumberField label={`${label} x`} value={value.x} step={step} onChange={(x) => onChange({ ...value, x })} />
      <NumberField label={`${label} y`} value={value.y} step={step} onChange={(y) => onChange({ ...value, y })} />
    </div>
  );
}

export function RangeField(props: { label: string; value: Range; onChange: (v: Range) => void; step?: number }) {
  const { label, value, onChange, step } = props;
  return (
    <div className="pair">
      <NumberField label={`${label} min`} value={value.min} step={step} onChange={(min) => onChange({ ...value, min })} />
      <NumberField label={`${label} max`} value={value.max} step={step} onChange={(max) => onChange({ ...value, max })} />
    </div>
  );
}

/** Pick an asset of the given types; shows a warning when the current id is missing. */
export function AssetSelect(props: { label: string; value: string; types: Asset["type"][]; onChange: (id: string) => void }) {
  const assets = useStudio((s) => s.history?.present.assets ?? []);
  const fits = assets.filter((a) => props.types.includes(a.type));
  const missing = props.value !== "" && !fits.some((a) => a.id === props.value);
  const onChange = namedChange(props.label, props.onChange);
  return (
    <Field label={props.label}>
      <select aria-label={props.label} value={props.value} onChange={(e) => onChange(e.target.value)}>
        <option value="">— choose —</option>
        {missing && <option value={props.value}>{props.value} (missing)</option>}
        {fits.map((a) => (
          <option key={a.id} value={a.id}>
            {a.id}
          </option>
        ))}
      </select>
      {props.value === "" && <small className="warn">Choose or import a {props.types.join("/")} asset</small>}
    </Field>
  );
}

export function ColorField(props: { label: string; value: string; onChange: (v: string) => void }) {
  const six = /^#[0-9a-fA-F]{6}/.test(props.value) ? props.value.slice(0, 7) : "#ffffff";
  const onChange = namedChange(props.label, props.onChange);
  return (
    <Field label={props.label}>
      <span className="row">
        <input type="color" aria-label={`${props.label} picker`} value={six} onChange={(e) => onChange(e.target.value)} />
        <input aria-label={props.label} value={props.value} onChange={(e) => onChange(e.target.value)} onBlur={() => store.endGesture()} />
      </span>
    </Field>
  );
}

/** Which face: one by index, or `undefined` for every face (`anyLabel`). */
export function FaceIndexField(props: { label: string; value: number | undefined; anyLabel: string; onChange: (v: number | undefined) => void }) {
  return (
    <SelectField
      label={props.label}
      value={props.value === undefined ? "any" : String(props.value)}
      options={[
        { value: "any", label: props.anyLabel },
        { value: "0", label: "First face" },
        { value: "1", label: "Second face" },
      ]}
      onChange={(v) => props.onChange(v === "any" ? undefined : Number(v))}
    />
  );
}
