// Small pieces every page uses: an error sentence, a status badge, capability chips, a time.
import { describeError } from "../errors";
import { STATUS_LABELS, formatDate } from "../format";
import type { Role, Status } from "../types";

/** An error as a plain sentence (the code in the tooltip). */
export function ErrorText({ error, role }: { error: unknown; role?: Role }) {
  if (error == null) return null;
  const code = typeof error === "object" && "code" in error && typeof error.code === "string" ? error.code : undefined;
  return (
    <p role="alert" className="error" title={code}>
      {describeError(error, role)}
    </p>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function Chips({ items, label }: { items: string[]; label: string }) {
  if (items.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="chips" aria-label={label}>
      {items.map((c) => (
        <li key={c} className="chip">
          {c}
        </li>
      ))}
    </ul>
  );
}

export function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {formatDate(iso)}
    </time>
  );
}

/** Shown while a page loads for the first time. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}
