// A labelled form field, and the naming of the edits fields make (their undo steps).
import type { ReactNode } from "react";
import { changeOf } from "../../store/labels";
import { store } from "../../store/store";

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** `onChange`, its edits named after the field they come from ("Change offset Y"). */
export function namedChange<T>(label: string, onChange: (v: T) => void): (v: T) => void {
  return (v) => store.named(changeOf(label), () => onChange(v));
}
