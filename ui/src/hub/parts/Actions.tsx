// What can be done to a version: download it, approve or reject it (reviewers), yank it.
import { useState } from "react";
import { zipPath } from "../api";
import { zipFileName } from "../format";
import { useAction } from "../hooks";
import { useSession } from "../session";
import type { Decision, VersionSummary } from "../types";
import { ErrorText } from "./bits";

/** Saves `blob` as a file named `name` through a temporary link. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DownloadButton({ v }: { v: VersionSummary }) {
  const { hub, me } = useSession();
  const { busy, error, run } = useAction();
  const download = () => run(async () => saveBlob(await hub.blob(zipPath(v.name, v.version)), zipFileName(v.name, v.version)));
  return (
    <div className="download">
      <button className="primary" onClick={download} disabled={busy}>
        {busy ? "Downloading…" : `Download ${zipFileName(v.name, v.version)}`}
      </button>
      <ErrorText error={error} role={me.role} />
    </div>
  );
}

/** A reason and a button: used for rejecting and for yanking, where the reason is required. */
function ReasonForm({ label, action, busy, onSubmit }: { label: string; action: string; busy: boolean; onSubmit: (reason: string) => void }) {
  const [reason, setReason] = useState("");
  return (
    <form
      className="reason"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onSubmit(reason.trim());
      }}
    >
      <label className="field">
        <span>{label}</span>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} />
      </label>
      <button type="submit" className="danger" disabled={busy || !reason.trim()}>
        {action}
      </button>
    </form>
  );
}

/** Approve, or reject with a reason; `onDone` gets the version as the server now has it. */
export function ReviewActions({ v, onDone }: { v: VersionSummary; onDone: (v: VersionSummary) => void }) {
  const { hub, me } = useSession();
  const { busy, error, run } = useAction();
  const decide = (decision: Decision, reason?: string) => run(async () => onDone(await hub.review(v.name, v.version, decision, reason)));
  return (
    <div className="actions-box" aria-label={`Review ${v.name} ${v.version}`} role="group">
      <button className="primary" disabled={busy} onClick={() => decide("approve")}>
        Approve {v.name} {v.version}
      </button>
      <ReasonForm label="Reason for rejecting (required, the designer reads it)" action="Reject" busy={busy} onSubmit={(r) => decide("reject", r)} />
      <ErrorText error={error} role={me.role} />
    </div>
  );
}

export function YankForm({ v, onDone }: { v: VersionSummary; onDone: (v: VersionSummary) => void }) {
  const { hub, me } = useSession();
  const { busy, error, run } = useAction();
  const [open, setOpen] = useState(false);
  if (!open) return <button onClick={() => setOpen(true)}>Yank this version…</button>;
  const yank = (reason: string) => run(async () => onDone(await hub.yank(v.name, v.version, reason)));
  return (
    <div className="actions-box" role="group" aria-label={`Yank ${v.name} ${v.version}`}>
      <p className="warn">Hosts will no longer be offered a yanked version.</p>
      <ReasonForm label="Reason for yanking (required)" action="Yank" busy={busy} onSubmit={yank} />
      <button onClick={() => setOpen(false)}>Cancel</button>
      <ErrorText error={error} role={me.role} />
    </div>
  );
}
