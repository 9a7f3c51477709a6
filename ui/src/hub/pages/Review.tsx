// The review queue (reviewers): each pending version with its report and previews, approve or
// reject with a reason. Decided versions leave the list; the outcome stays on the page.
import { useState } from "react";
import { sentence } from "../errors";
import { useResource, useVersionDetail } from "../hooks";
import { ReviewActions } from "../parts/Actions";
import { ErrorText, Loading, Time } from "../parts/bits";
import { ReportView } from "../parts/Report";
import { packageHref } from "../routes";
import { useSession } from "../session";
import type { VersionSummary } from "../types";

/** What a reviewer reads after deciding. */
export function outcomeText(v: VersionSummary): string {
  const what = `${v.title} (${v.name} ${v.version})`;
  if (v.status === "approved") return `Approved ${what}: hosts can now download it.`;
  if (v.status === "rejected") return v.reason ? `Rejected ${what}: ${sentence(v.reason)}` : `Rejected ${what}.`;
  return `${what} is now ${v.status}.`;
}

const itemKey = (v: VersionSummary) => `${v.name}\n${v.version}`;

function Pending({ v, onDone }: { v: VersionSummary; onDone: (v: VersionSummary) => void }) {
  const { hub, me } = useSession();
  const detail = useVersionDetail(hub, v.name, v.version);
  return (
    <li className="panel review-item" aria-label={`${v.name} ${v.version}`}>
      <h2 className="item-title">
        <a href={packageHref(v.name, v.version)}>{v.title}</a> <span className="muted">
          {v.name} {v.version}
        </span>
      </h2>
      <p className="muted">
        Uploaded by {v.uploadedBy}, <Time iso={v.uploadedAt} />
      </p>
      <p className="description">{v.description}</p>
      {detail.data ? <ReportView name={v.name} version={v.version} report={detail.data.report} /> : !detail.error && <Loading what="the report" />}
      <ErrorText error={detail.error} role={me.role} />
      <ReviewActions v={v} onDone={onDone} />
    </li>
  );
}

export function Review() {
  const { hub, me } = useSession();
  const queue = useResource("reviews", (signal) => hub.reviews(signal));
  const [outcomes, setOutcomes] = useState<VersionSummary[]>([]);
  const decided = new Set(outcomes.map(itemKey));
  const pending = (queue.data?.versions ?? []).filter((v) => !decided.has(itemKey(v)));
  return (
    <main className="hub-page">
      <div className="row">
        <h1 className="grow">Review queue</h1>
        <button onClick={queue.reload} disabled={queue.loading}>
          Refresh
        </button>
      </div>
      <div role="status">
        <ul className="outcomes" aria-label="Decisions">
          {outcomes.map((v) => (
            <li key={itemKey(v)} className={`outcome status-${v.status}`}>
              {outcomeText(v)}
            </li>
          ))}
        </ul>
      </div>
      <ErrorText error={queue.error} role={me.role} />
      {queue.loading && !queue.data && <Loading what="the queue" />}
      {queue.data && pending.length === 0 && <p className="muted">Nothing is waiting for review.</p>}
      <ul className="review-list">
        {pending.map((v) => (
          <Pending key={itemKey(v)} v={v} onDone={(done) => setOutcomes((o) => [done, ...o])} />
        ))}
      </ul>
    </main>
  );
}
