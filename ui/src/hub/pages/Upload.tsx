// Upload (designers): pick or drop a package .zip, send it, then show the server's report and the
// version's status, or, when refused, each problem with where it is in the package.
import { useState } from "react";
import { HubError } from "../errors";
import { formatBytes } from "../format";
import { useAction, useVersionDetail } from "../hooks";
import { ErrorText, StatusBadge } from "../parts/bits";
import { ReportView } from "../parts/Report";
import { packageHref } from "../routes";
import { useSession } from "../session";
import type { Problem, VersionDetail } from "../types";

/** Where a problem is: "effect.json /layers/2/image", or nothing for the package as a whole. */
export function problemPlace(p: Problem): string {
  return [p.file, p.pointer].filter((s): s is string => !!s).join(" ");
}

export function ProblemList({ problems }: { problems: Problem[] }) {
  return (
    <ul className="problems" aria-label="Problems">
      {problems.map((p, i) => (
        <li key={i}>
          {problemPlace(p) && <code>{problemPlace(p)}</code>} {p.message}
        </li>
      ))}
    </ul>
  );
}

function Uploaded({ first }: { first: VersionDetail }) {
  const { hub, me } = useSession();
  const detail = useVersionDetail(hub, first.name, first.version);
  const v = detail.data ?? first;
  return (
    <section className="panel" aria-label="Uploaded">
      <h2>Uploaded</h2>
      <p role="status">
        <a href={packageHref(v.name, v.version)}>
          {v.title} ({v.name} {v.version})
        </a>{" "}
        is <StatusBadge status={v.status} />
        {v.status === "pending" && " — a reviewer will approve or reject it."}
      </p>
      <ReportView name={v.name} version={v.version} report={v.report} />
      <ErrorText error={detail.error} role={me.role} />
    </section>
  );
}

function isZip(file: File): boolean {
  return file.name.toLowerCase().endsWith(".zip") || file.type === "application/zip";
}

export function Upload() {
  const { hub, me } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [drag, setDrag] = useState(false);
  const [result, setResult] = useState<VersionDetail | null>(null);
  const [notZip, setNotZip] = useState<Error | null>(null);
  const { busy, error, run, clear } = useAction();
  const pick = (f: File | undefined) => {
    setResult(null);
    clear();
    setNotZip(f && !isZip(f) ? new Error(`${f.name} is not a .zip file`) : null);
    setFile(f && isZip(f) ? f : null);
  };
  const send = (zip: File) =>
    run(async () => {
      setResult(null);
      setResult(await hub.upload(zip));
    });
  const problems = error instanceof HubError ? error.problems : [];
  return (
    <main className="hub-page">
      <h1>Upload a package</h1>
      <p>Export the effect from Lantern Studio as a .zip; the hub checks it and renders previews, then a reviewer decides.</p>
      <div
        className={`dropzone${drag ? " drag-over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDrag(true);
        }}
        onDragLeave={() => setDrag(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDrag(false);
          pick(e.dataTransfer.files[0]);
        }}
      >
        <label className="field">
          <span>Package (.zip) — choose one or drop it here</span>
          <input type="file" accept=".zip,application/zip" onChange={(e) => pick(e.target.files?.[0])} />
        </label>
        {file && (
          <p>
            {file.name} <span className="muted">({formatBytes(file.size)})</span>
          </p>
        )}
        <button className="primary" disabled={!file || busy} onClick={() => file && send(file)}>
          {busy ? "Uploading…" : "Upload"}
        </button>
      </div>
      <ErrorText error={notZip ?? error} role={me.role} />
      {problems.length > 0 && <ProblemList problems={problems} />}
      {result && <Uploaded key={`${result.name}\n${result.version}`} first={result} />}
    </main>
  );
}
