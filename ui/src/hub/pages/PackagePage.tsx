// A package: its description and versions; the chosen version (the newest approved by default)
// with its previews, report, download, and the review and yank actions the role allows.
import { useResource, useVersionDetail } from "../hooks";
import { formatBytes } from "../format";
import { DownloadButton, ReviewActions, YankForm } from "../parts/Actions";
import { ErrorText, Loading, StatusBadge, Time } from "../parts/bits";
import { ReportView } from "../parts/Report";
import { defaultVersion, mayDownload, mayReview, mayYank, newestFirst } from "../roles";
import { packageHref } from "../routes";
import { useSession } from "../session";
import type { VersionDetail, VersionSummary } from "../types";

function VersionList({ versions, selected }: { versions: VersionSummary[]; selected: string }) {
  return (
    <ol className="versions" aria-label="Versions">
      {newestFirst(versions).map((v) => (
        <li key={v.version}>
          <a href={packageHref(v.name, v.version)} aria-current={v.version === selected ? "true" : undefined}>
            {v.version}
          </a>{" "}
          <StatusBadge status={v.status} /> <span className="muted">by {v.uploadedBy}, </span>
          <Time iso={v.uploadedAt} />
        </li>
      ))}
    </ol>
  );
}

function Provenance({ v }: { v: VersionDetail }) {
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={v.status} />
        {v.reason && <span> — {v.reason}</span>}
      </dd>
      <dt>Uploaded</dt>
      <dd>
        by {v.uploadedBy}, <Time iso={v.uploadedAt} />
      </dd>
      {v.reviewedBy && (
        <>
          <dt>Reviewed</dt>
          <dd>
            by {v.reviewedBy}
            {v.reviewedAt && (
              <>
                , <Time iso={v.reviewedAt} />
              </>
            )}
          </dd>
        </>
      )}
      <dt>Size</dt>
      <dd>{formatBytes(v.size)}</dd>
      <dt>SHA-256</dt>
      <dd>
        <code className="hash">{v.sha256}</code>
      </dd>
    </dl>
  );
}

function VersionPanel({ name, version, onChanged }: { name: string; version: string; onChanged: () => void }) {
  const { hub, me } = useSession();
  const detail = useVersionDetail(hub, name, version);
  const v = detail.data;
  if (!v) return detail.error ? <ErrorText error={detail.error} role={me.role} /> : <Loading what={`version ${version}`} />;
  const changed = () => {
    detail.reload();
    onChanged();
  };
  return (
    <section className="panel version" aria-label={`Version ${v.version}`}>
      <h2>Version {v.version}</h2>
      <Provenance v={v} />
      {mayDownload(me, v) && <DownloadButton v={v} />}
      <ReportView name={v.name} version={v.version} report={v.report} />
      {mayReview(me, v) && <ReviewActions v={v} onDone={changed} />}
      {mayYank(me, v) && <YankForm v={v} onDone={changed} />}
      <ErrorText error={detail.error} role={me.role} />
    </section>
  );
}

export function PackagePage({ name, version }: { name: string; version?: string }) {
  const { hub, me } = useSession();
  const pkg = useResource(name, (signal) => hub.package(name, signal));
  const p = pkg.data;
  if (!p) return <main className="hub-page">{pkg.error ? <ErrorText error={pkg.error} role={me.role} /> : <Loading what={name} />}</main>;
  const chosen = version ?? defaultVersion(p.versions)?.version;
  return (
    <main className="hub-page">
      <p>
        <a href="#/">← All effects</a>
      </p>
      <h1>{p.title}</h1>
      <p className="muted">{p.name}</p>
      <p className="description">{p.description}</p>
      <div className="package-layout">
        <section className="panel" aria-label="Versions">
          <h2>Versions</h2>
          {p.versions.length === 0 ? <p className="muted">No version you can see.</p> : <VersionList versions={p.versions} selected={chosen ?? ""} />}
        </section>
        {chosen && <VersionPanel key={chosen} name={p.name} version={chosen} onChanged={pkg.reload} />}
      </div>
    </main>
  );
}
