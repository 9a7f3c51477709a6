// Number fields: typed freely ("-", "-0.", "1e" are kept as typed), committed whenever the text is
// a number, put back to the last good value when the field is left with text that is not one.
// Arrow keys step (Shift: ten steps). Edits carry the field's name for the undo history; leaving
// the field (or Enter) ends the typing burst's undo step.
import { useState } from "react";
import { store } from "../../store/store";
import { Field, namedChange } from "./Field";
import { parseNumber, shownText, stepped } from "./numberText";

interface InputProps {
  label: string;
  value: number | undefined;
  /** Called with `undefined` only when `optional` and the text is emptied. */
  onChange: (v: number | undefined) => void;
  optional: boolean;
  step: number;
  min?: number;
  max?: number;
  placeholder?: string;
}

function NumberInput(props: InputProps) {
  const { label, value, optional, step, min, max } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const commit = namedChange(label, props.onChange);
  const type = (text: string) => {
    setDraft(text);
    const v = parseNumber(text);
    if (v !== null) commit(v);
    else if (optional && text.trim() === "" && value !== undefined) commit(undefined);
  };
  const finish = () => {
    const v = draft === null ? null : parseNumber(draft);
    if (v !== null && v !== value) commit(v);
    // Text that is not a number goes back to the last good value.
    setDraft(null);
    store.endGesture();
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") finish();
    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
    e.preventDefault();
    const from = parseNumber(e.currentTarget.value) ?? value ?? 0;
    type(String(stepped(from, (e.key === "ArrowUp" ? step : -step) * (e.shiftKey ? 10 : 1), min, max)));
  };
  return (
    <input
      type="text"
      inputMode="decimal"
      role="spinbutton"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      autoComplete="off"
      spellCheck={false}
      placeholder={props.placeholder}
      value={shownText(draft, value)}
      onChange={(e) => type(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={finish}
    />
  );
}

export function NumberField(props: { label: string; value: number; onChange: (v: number) => void; step?: number; min?: number; max?: number }) {
  const { label, value, onChange, step = 0.01, min, max } = props;
  return (
    <Field label={label}>
      <NumberInput
        label={label}
        value={Number.isFinite(value) ? value : undefined}
        onChange={(v) => v !== undefined && onChange(v)}
        optional={false}
        step={step}
        min={min}
        max={max}
      />
    </Field>
  );
}

/** A number that may be left unset: empty means "not set" (`undefined`), and shows `placeholder`. */
export function OptionalNumberField(props: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  placeholder?: string;
  step?: number;
  min?: number;
  max?: number;
}) {
  const { label, step = 0.01 } = props;
  return (
    <Field label={label}>
      <NumberInput {...props} step={step} optional />
    </Field>
  );
}
