import { useEffect, useState } from "react";
import type { Capabilities, Effect } from "../generated/effect";
import type { BudgetLine, ExportReport, PackageReport, Problem } from "../generated/ipc";
import { pickZip, typedPath } from "../dialogs";
import { checkPackage, describeError, exportPackage } from "../ipc";
import { type Selection, store, useStudio } from "../store/store";
import { GoLivePanel } from "./GoLive";
import { PathField } from "./PathField";

const BUDGET_NAMES: Record<string, string> = { packageBytes: "Package size", textureBytes: "Texture memory", particles: "Particles" };

/** The element a JSON pointer in effect.json names, to select it. */
export function selectionForPointer(effect: Effect, pointer: string): Selection {
  // An animation's problem selects its layer (the timeline shows the clip).
  const anim = /^\/animations\/(\d+)/.exec(pointer);
  const layer = anim ? effect.animations?.[Number(anim[1])]?.layer : undefined;
  if (anim) return layer && effect.layers.some((l) => l.id === layer) ? { kind: "layer", id: layer } : null;
  const m = /^\/(layers|triggers|assets)\/(\d+)/.exec(pointer);
  if (!m) return null;
  const i = Number(m[2]);
  const list = m[1] === "layers" ? effect.layers : m[1] === "triggers" ? effect.triggers : effect.assets;
  const id = list[i]?.id;
  if (id === undefined) return null;
  return { kind: m[1] === "layers" ? "layer" : m[1] === "triggers" ? "trigger" : "asset", id };
}

export function formatAmount(name: string, v: number): string {
  if (name.endsWith("Bytes")) return v >= 1048576 ? `${(v / 1048576).toFixed(2)} MiB` : `${(v / 1024).toFixed(1)} KiB`;
  return String(v);
}

export function describeCapabilities(c: Capabilities): string {
  const parts: string[] = [];
  if (c.face) parts.push(`face tracking (up to ${c.maxFaces})`);
  if (c.faceMesh) parts.push("face mesh");
  if (c.iris) parts.push("iris");
  if (c.hands) {
    const anchors = c.handAnchors ? ", props follow them" : "";
    const gestures = c.gestures.length ? `; gestures: ${c.gestures.join(", ")}` : "";
    parts.push(`hands (up to ${c.maxHands}${anchors}${gestures})`);
  }
  if (c.segmentation) parts.push("person segmentation");
  if (c.script) parts.push("script");
  return parts.length ? parts.join(", ") : "no tracking";
}

/** Problems (or warnings) of the package, each a link that selects what it is about. */
export function ProblemList({ items, title, effect }: { items: Problem[]; title: string; effect: Effect }) {
  if (!items.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="problems">
        {items.map((p, i) => (
          <li key={i}>
            <button
              className="link"
              onClick={() => {
                const sel = selectionForPointer(effect, p.pointer);
                const clip = /^\/animations\/(\d+)/.exec(p.pointer);
                const name = clip ? effect.animations?.[Number(clip[1])]?.name : undefined;
                if (sel && name) store.set((s) => ({ bottomTab: "timeline", timeline: { ...s.timeline, animation: name, key: null } }));
                if (sel) store.set({ selection: sel, dialog: "none" });
              }}
            >
              <code>
                {p.file}
                {p.pointer && ` ${p.pointer}`}
              </code>
            </button>{" "}
            {p.message}
          </li>
        ))}
      </ul>
    </>
  );
}

function BudgetTable({ lines }: { lines: BudgetLine[] }) {
  return (
    <table className="budget">
      <thead>
        <tr>
          <th>Budget</th>
          <th>Used</th>
          <th>Limit</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {lines.map((b) => (
          <tr key={b.name} className={b.over ? "over" : ""}>
            <td>{BUDGET_NAMES[b.name] ?? b.name}</td>
            <td>{formatAmount(b.name, b.used)}</td>
            <td>{formatAmount(b.name, b.limit)}</td>
            <td>{b.over ? "over budget" : "ok"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Validate the document, show problems and budgets, and write the package zip. */
export function ExportDialog() {
  const dir = useStudio((s) => s.project?.dir ?? "");
  const doc = useStudio((s) => s.history?.present);
  const [report, setReport] = useState<PackageReport | null>(null);
  const [done, setDone] = useState<ExportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [out, setOut] = useState(`${dir.replace(/[\\/]+$/, "")}.zip`);
  const [working, setWorking] = useState(false);
  useEffect(() => {
    if (!doc) return;
    let live = true;
    checkPackage(dir, doc).then(
      (r) => live && setReport(r),
      (e) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [dir, doc]);
  if (!doc) return null;
  const browse = async () => {
    const p = await pickZip(out);
    if (p) setOut(p);
  };
  const run = async () => {
    setWorking(true);
    setError(null);
    try {
      setDone(await exportPackage(dir, doc, await typedPath(out)));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setWorking(false);
    }
  };
  return (
    <div className="modal wide" role="dialog" aria-label="Export">
      <h2>Export or go live</h2>
      {!report && !error && <p>Checking…</p>}
      {report && (
        <>
          <p data-testid="validity">{report.valid ? `Valid: ${report.files} files, ${formatAmount("unpackedBytes", report.unpackedBytes)} unpacked.` : `${report.problems.length} problem(s) to fix before exporting.`}</p>
          <ProblemList items={report.problems} title="Problems" effect={doc} />
          <ProblemList items={report.warnings} title="Warnings" effect={doc} />
          {report.budget.length > 0 && <BudgetTable lines={report.budget} />}
          <p>Needs: {describeCapabilities(report.capabilities)}</p>
        </>
      )}
      <PathField label="Package file" value={out} onChange={setOut} onBrowse={browse} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" data-testid="export-done">
          Exported {done.path} ({formatAmount("packageBytes", done.report.budget.find((b) => b.name === "packageBytes")?.used ?? 0)}).
        </p>
      )}
      <GoLivePanel valid={!!report?.valid} />
      <div className="row end">
        <button onClick={() => store.set({ dialog: "none" })}>Close</button>
        <button className="primary" disabled={!report?.valid || working || !out} onClick={run}>
          {working ? "Exporting…" : "Export"}
        </button>
      </div>
    </div>
  );
}
