import { store, useStudio } from "../store/store";

/** Errors and confirmations, newest last; errors stay until dismissed. */
export function Notices() {
  const notices = useStudio((s) => s.notices);
  const busy = useStudio((s) => s.busy);
  return (
    <div className="notices" aria-live="polite">
      {busy && <div className="notice info">{busy}</div>}
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice ${n.kind}`}
          role={n.kind === "error" ? "alert" : "status"}
          title={n.code ? `Error code: ${n.code}` : undefined}
          data-code={n.code}
        >
          <span>{n.text}</span>
          <button aria-label="Dismiss" onClick={() => store.dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
