import { useState } from "react";
import { store } from "../store/store";

export interface PathFieldProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
  placeholder?: string;
  /** Several paths, one a line (Shift+Enter starts another). */
  multiple?: boolean;
  /** Opens the native dialog; what it gives is the caller's to use. */
  onBrowse: () => Promise<void>;
  /** Enter in the field. */
  onEnter?: () => void;
  autoFocus?: boolean;
}

/** A path to type or paste, or to choose with Browse… (the native dialog): everywhere a path is asked for. */
export function PathField({ label, value, onChange, placeholder, multiple, onBrowse, onEnter, autoFocus }: PathFieldProps) {
  const [browsing, setBrowsing] = useState(false);
  const browse = async () => {
    setBrowsing(true);
    try {
      await onBrowse();
    } catch (e) {
      store.notifyError(e);
    } finally {
      setBrowsing(false);
    }
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== "Enter" || e.shiftKey || !onEnter) return;
    e.preventDefault();
    onEnter();
  };
  const common = { "aria-label": label, value, placeholder, autoFocus, spellCheck: false, onKeyDown };
  return (
    <label className="path-field">
      {label}
      <span className="row">
        {multiple ? (
          <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...common} onChange={(e) => onChange(e.target.value)} />
        )}
        <button onClick={browse} disabled={browsing}>
          Browse…
        </button>
      </span>
    </label>
  );
}
