// Browse: search the approved packages; a grid of cards with the latest version's first preview.
import { useState } from "react";
import { previewPath } from "../api";
import { useResource } from "../hooks";
import { AuthImage } from "../parts/AuthImage";
import { Chips, ErrorText, Loading } from "../parts/bits";
import { go, packageHref } from "../routes";
import { useSession } from "../session";
import type { PackageSummary } from "../types";

export const PAGE_SIZE = 24;

function Card({ p }: { p: PackageSummary }) {
  return (
    <li className="card">
      <a href={packageHref(p.name)} className="card-link">
        <AuthImage path={previewPath(p.name, p.latest.version, 0)} alt={`${p.title} preview`} className="card-thumb" />
        <span className="card-title">{p.title}</span>
      </a>
      <span className="muted">
        {p.name} · {p.latest.version}
      </span>
      <Chips items={p.latest.capabilities} label={`${p.title} capabilities`} />
    </li>
  );
}

function SearchForm({ q }: { q: string }) {
  const [text, setText] = useState(q);
  return (
    <form
      role="search"
      className="row search"
      onSubmit={(e) => {
        e.preventDefault();
        go({ page: "browse", q: text.trim(), offset: 0 });
      }}
    >
      <label className="grow-label">
        <span className="sr-only">Search packages</span>
        <input type="search" placeholder="Search packages" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}

function Pager({ q, offset, total }: { q: string; offset: number; total: number }) {
  if (total <= PAGE_SIZE) return null;
  const last = Math.min(offset + PAGE_SIZE, total);
  return (
    <nav className="row pager" aria-label="Result pages">
      <button disabled={offset === 0} onClick={() => go({ page: "browse", q, offset: Math.max(0, offset - PAGE_SIZE) })}>
        Previous
      </button>
      <span className="muted">
        {offset + 1}–{last} of {total}
      </span>
      <button disabled={last >= total} onClick={() => go({ page: "browse", q, offset: offset + PAGE_SIZE })}>
        Next
      </button>
    </nav>
  );
}

export function Browse({ q, offset }: { q: string; offset: number }) {
  const { hub, me } = useSession();
  const list = useResource(`${q}\n${offset}`, (signal) => hub.packages(q, PAGE_SIZE, offset, signal));
  return (
    <main className="hub-page">
      <h1>Effects</h1>
      <SearchForm key={q} q={q} />
      <ErrorText error={list.error} role={me.role} />
      {list.loading && !list.data && <Loading what="packages" />}
      {list.data && list.data.packages.length === 0 && <p className="muted">{q ? `No approved package matches “${q}”.` : "No approved packages yet."}</p>}
      {list.data && (
        <>
          <ul className="grid" aria-label="Packages">
            {list.data.packages.map((p) => (
              <Card key={p.name} p={p} />
            ))}
          </ul>
          <Pager q={q} offset={offset} total={list.data.total} />
        </>
      )}
    </main>
  );
}
