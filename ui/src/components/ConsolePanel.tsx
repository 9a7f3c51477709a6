import { useEffect, useRef } from "react";
import { store, useStudio } from "../store/store";

/** The script console: `console.*` output, script errors and the scene's notes, newest last. */
export function ConsolePanel() {
  const lines = useStudio((s) => s.console);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <div aria-label="Console">
      <div className="row">
        <span className="muted grow">{lines.length ? `${lines.length} lines` : "Script output shows here while the live preview runs."}</span>
        <button onClick={() => store.set({ console: [] })} disabled={!lines.length}>
          Clear
        </button>
      </div>
      <ol className="console" ref={list} data-testid="console">
        {lines.map((l, i) => (
          <li key={i} className={l.level}>
            <span>{l.message}</span>
            <span className="where">
              {l.location ?? ""} · frame {l.frame}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
