import { useEffect, useState } from "react";
import type { PackageReport } from "../generated/ipc";
import { checkPackage, describeError, forgetHubToken, publishDefaults } from "../ipc";
import { type PublishForm, POLL_MS, dismissPublished, publishNow, startPolling } from "../publish/publish";
import { errorLines, formProblems, hubUrlProblem, nameProblem, normaliseUrl, shortStatus, statusSentence, tokenProblem, versionName, versionProblem } from "../publish/rules";
import { type PublishState, store, useStudio } from "../store/store";
import { ProblemList, formatAmount } from "./ExportDialog";

/** A field's problem, said under it as it is typed. */
function FieldProblem({ text, id }: { text: string | null; id: string }) {
  return text ? (
    <p className="field-problem" data-testid={id}>
      {text}
    </p>
  ) : null;
}

/** An error: its sentence, then each problem on its own line. */
export function ErrorBlock({ message, code }: { message: string; code?: string | null }) {
  const { lead, lines } = errorLines(message);
  return (
    <div role="alert" className="error" data-testid="publish-error" title={code ? `Error code: ${code}` : undefined}>
      <p>{lead}</p>
      {lines.length > 0 && (
        <ul className="problems">
          {lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The uploaded version and where it is in review. */
export function ReviewStatus({ pub }: { pub: PublishState }) {
  const v = pub.version;
  if (!v) return null;
  return (
    <section className={`review status-${v.status}`} aria-label="Review" data-testid="publish-review">
      <p data-testid="publish-done">
        Published {versionName(v)} to {v.hubUrl} ({formatAmount("packageBytes", v.size)}).
      </p>
      <p role="status" data-testid="publish-status-line">
        {statusSentence(v)}
      </p>
      {pub.polling && <p className="muted">Checking the review every {POLL_MS / 1000} s.</p>}
      {pub.pollMessage && (
        <p className="muted">
          {pub.pollMessage} <button onClick={() => startPolling(store)}>Check again</button>
        </p>
      )}
    </section>
  );
}

/** Upload the effect to a Lantern Hub for review: the hub, the designer's token, the package's name. */
export function PublishDialog() {
  const dir = useStudio((s) => s.project?.dir ?? "");
  const doc = useStudio((s) => s.history?.present);
  const pub = useStudio((s) => s.publish);
  const [report, setReport] = useState<PackageReport | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [form, setForm] = useState<PublishForm>({ hubUrl: "", token: "", name: "" });
  const [saved, setSaved] = useState<string[]>([]);
  const [ready, setReady] = useState(false);
  const title = doc?.meta.name ?? "";
  useEffect(() => {
    let live = true;
    publishDefaults(dir, title).then(
      (d) => {
        if (!live) return;
        setForm((f) => ({ ...f, hubUrl: d.hubUrl, name: d.name }));
        setSaved(d.savedTokens);
        setReady(true);
      },
      (e) => live && setCheckError(describeError(e)),
    );
    return () => {
      live = false;
    };
    // The defaults once per opening (not again when the title is edited meanwhile).
  }, [dir]);
  useEffect(() => {
    if (!doc) return;
    let live = true;
    checkPackage(dir, doc).then(
      (r) => live && setReport(r),
      (e) => live && setCheckError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [dir, doc]);
  if (!doc) return null;
  const set = (patch: Partial<PublishForm>) => setForm((f) => ({ ...f, ...patch }));
  const isSaved = saved.includes(normaliseUrl(form.hubUrl));
  const version = doc.meta.version;
  const problems = formProblems(form, isSaved, version);
  const publishing = pub.phase === "publishing";
  const run = async () => {
    if (await publishNow(store, form)) {
      const hub = normaliseUrl(form.hubUrl);
      // The hub took the token: the Rust side keeps it now, the field need not hold it.
      if (form.token.trim()) setSaved((list) => (list.includes(hub) ? list : [...list, hub]));
      set({ token: "" });
    }
  };
  const forget = async () => {
    try {
      setSaved(await forgetHubToken(form.hubUrl));
    } catch (e) {
      store.notifyError(e, "The token was not forgotten");
    }
  };
  return (
    <div className="modal wide" role="dialog" aria-label="Publish">
      <h2>Publish to Lantern Hub</h2>
      <p className="muted">Uploads the effect as edited now, checked and packed as Export does, for a reviewer to approve. Once approved, hosts can go live with it.</p>
      {!report && !checkError && <p>Checking…</p>}
      {report && (
        <>
          <p data-testid="publish-validity">{report.valid ? `Valid: ${report.files} files, ${formatAmount("unpackedBytes", report.unpackedBytes)} unpacked.` : `${report.problems.length} problem(s) to fix before publishing.`}</p>
          <ProblemList items={report.problems} title="Problems" effect={doc} />
        </>
      )}
      {checkError && (
        <p role="alert" className="error">
          {checkError}
        </p>
      )}
      <label>
        Hub address
        <input aria-label="Hub address" placeholder="http://127.0.0.1:8470" value={form.hubUrl} disabled={publishing} onChange={(e) => set({ hubUrl: e.target.value })} />
      </label>
      {ready && <FieldProblem id="hub-url-problem" text={hubUrlProblem(form.hubUrl)} />}
      <label>
        Designer token
        <input aria-label="Designer token" type="password" autoComplete="off" placeholder={isSaved ? "saved on this computer" : "lh_… from the hub's admin"} value={form.token} disabled={publishing} onChange={(e) => set({ token: e.target.value })} />
      </label>
      {isSaved ? (
        <p className="row muted" data-testid="token-saved">
          A token for this hub is saved on this computer{form.token.trim() ? " (the one typed is used instead)" : ""}.
          <button onClick={forget}>Forget</button>
        </p>
      ) : (
        ready && <FieldProblem id="token-problem" text={tokenProblem(form.token, false)} />
      )}
      <label>
        Name on the hub
        <input aria-label="Name on the hub" placeholder="lucky-hat" value={form.name} disabled={publishing} onChange={(e) => set({ name: e.target.value })} />
      </label>
      {ready && <FieldProblem id="name-problem" text={nameProblem(form.name)} />}
      <p className="muted" data-testid="publish-version">
        {versionProblem(version) ?? `Version ${version}: a published version never changes; raise it in the effect's settings to publish again.`}
      </p>
      {pub.phase === "failed" && pub.error && <ErrorBlock message={pub.error} code={pub.errorCode} />}
      <ReviewStatus pub={pub} />
      <div className="row end">
        <button onClick={() => store.set({ dialog: "none" })}>Close</button>
        <button className="primary" disabled={!ready || !report?.valid || problems.length > 0 || publishing} title={problems[0]} onClick={run}>
          {publishing ? "Publishing…" : "Publish"}
        </button>
      </div>
    </div>
  );
}

/** In the toolbar after publishing: the version's review status; opens the dialog; × stops following it. */
export function PublishBadge() {
  const pub = useStudio((s) => s.publish);
  const v = pub.version;
  if (pub.phase !== "published" || !v) return null;
  return (
    <span className={`row publish-bar status-${v.status}`} aria-label="Review status">
      <button className="link" data-testid="publish-status" title={statusSentence(v)} onClick={() => store.set({ dialog: "publish" })}>
        {shortStatus(v)}
        {pub.polling ? " …" : ""}
      </button>
      <button className="icon" aria-label="Stop following the review" title="Stop following the review" onClick={() => dismissPublished(store)}>
        ×
      </button>
    </span>
  );
}
