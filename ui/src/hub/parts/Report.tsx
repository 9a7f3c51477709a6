// A version's report: the budget table (with a bar per line), what it needs, its script, warnings
// and the preview renders.
import { previewPath } from "../api";
import { budgetLabel, budgetShare, formatAmount, formatBytes } from "../format";
import type { Budget, Preview, Report } from "../types";
import { AuthImage } from "./AuthImage";
import { Chips } from "./bits";

export function BudgetTable({ budgets }: { budgets: Budget[] }) {
  if (budgets.length === 0) return <p className="muted">No budgets reported.</p>;
  return (
    <table className="budget" aria-label="Budgets">
      <thead>
        <tr>
          <th scope="col">Budget</th>
          <th scope="col">Used</th>
          <th scope="col">Limit</th>
          <th scope="col">Unit</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {budgets.map((b) => {
          const share = budgetShare(b);
          return (
            <tr key={b.name} className={share.over ? "over" : ""}>
              <th scope="row">{budgetLabel(b.name)}</th>
              <td>{formatAmount(b.used, b.unit)}</td>
              <td>{formatAmount(b.limit, b.unit)}</td>
              <td>{b.unit}</td>
              <td>
                <span className="bar" role="img" aria-label={`${share.percent}% of the limit${share.over ? ", over budget" : ""}`}>
                  <span style={{ width: `${share.fraction * 100}%` }} />
                </span>{" "}
                {share.percent}%
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function PreviewTile({ name, version, index, preview }: { name: string; version: string; index: number; preview: Preview }) {
  const alt = `Preview ${index + 1} (${preview.photo})`;
  return (
    <figure className="preview-tile">
      {preview.status === "ready" && <AuthImage path={previewPath(name, version, index)} alt={alt} className="preview-img" />}
      {preview.status === "rendering" && (
        <span className="preview-img placeholder" role="status">
          Rendering…
        </span>
      )}
      {preview.status === "failed" && (
        <span className="preview-img placeholder error" role="img" aria-label={`${alt} failed`}>
          Failed
        </span>
      )}
      <figcaption>
        {preview.photo}
        {preview.status === "failed" && preview.error && <span className="error"> — {preview.error}</span>}
      </figcaption>
    </figure>
  );
}

export function Previews({ name, version, previews }: { name: string; version: string; previews: Preview[] }) {
  if (previews.length === 0) return <p className="muted">No previews.</p>;
  return (
    <div className="previews">
      {previews.map((p, i) => (
        <PreviewTile key={`${i}-${p.photo}`} name={name} version={version} index={i} preview={p} />
      ))}
    </div>
  );
}

/** Everything the server found in the package, with its previews. */
export function ReportView({ name, version, report }: { name: string; version: string; report: Report }) {
  return (
    <section className="report" aria-label="Report">
      <Previews name={name} version={version} previews={report.previews} />
      <h3>Budgets</h3>
      <BudgetTable budgets={report.budgets} />
      <h3>Capabilities</h3>
      <Chips items={report.capabilities} label="Capabilities" />
      <dl className="facts">
        <dt>Script</dt>
        <dd>{report.scriptBytes > 0 ? formatBytes(report.scriptBytes) : "none"}</dd>
        <dt>Assets</dt>
        <dd>{report.assets}</dd>
        <dt>Layers</dt>
        <dd>{report.layers}</dd>
        <dt>Triggers</dt>
        <dd>{report.triggers}</dd>
      </dl>
      {report.warnings.length > 0 && (
        <>
          <h3>Warnings</h3>
          <ul className="warnings">
            {report.warnings.map((w, i) => (
              <li key={i} className="warn">
                {w}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

