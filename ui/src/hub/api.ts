// Typed calls to the Hub's HTTP API. Every request carries the token as a Bearer header; failures
// throw a HubError with the server's `{code, message}` (status 0 when the hub was not reached).
import { HubError, errorBody } from "./errors";
import type {
  Decision,
  Me,
  NewToken,
  PackageDetail,
  PackageList,
  ReviewQueue,
  Role,
  TokenList,
  VersionDetail,
  VersionSummary,
} from "./types";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The path of a package (and version) under `api/`, each part escaped. */
export function packagePath(name: string, version?: string): string {
  const base = `api/packages/${encodeURIComponent(name)}`;
  return version === undefined ? base : `${base}/${encodeURIComponent(version)}`;
}

export function previewPath(name: string, version: string, index: number): string {
  return `${packagePath(name, version)}/previews/${index}`;
}

export function zipPath(name: string, version: string): string {
  return `${packagePath(name, version)}/package.zip`;
}

/** The query string of a package search; empty parts are left out. */
export function searchQuery(q: string, limit: number, offset: number): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set("q", q.trim());
  params.set("limit", String(limit));
  if (offset > 0) params.set("offset", String(offset));
  return params.toString();
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => "");
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A client for one token. Paths are relative: the pages are served by the hub itself. */
export class Hub {
  constructor(
    readonly token: string,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
    private readonly base = "",
  ) {}

  /** The raw response of a request that succeeded; throws a HubError otherwise. */
  async send(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set("Authorization", `Bearer ${this.token}`);
    let res: Response;
    try {
      res = await this.fetcher(this.base + path, { ...init, method, headers });
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new HubError(0, { code: "network", message: e instanceof Error ? e.message : String(e) });
    }
    if (!res.ok) throw new HubError(res.status, errorBody(res.status, res.statusText, await readBody(res)));
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const init: RequestInit = { signal: signal ?? null };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { "Content-Type": "application/json" };
    }
    const res = await this.send(method, path, init);
    return (await readBody(res)) as T;
  }

  async blob(path: string, signal?: AbortSignal): Promise<Blob> {
    return (await this.send("GET", path, { signal: signal ?? null })).blob();
  }

  me(signal?: AbortSignal): Promise<Me> {
    return this.json("GET", "api/me", undefined, signal);
  }

  packages(q: string, limit: number, offset: number, signal?: AbortSignal): Promise<PackageList> {
    return this.json("GET", `api/packages?${searchQuery(q, limit, offset)}`, undefined, signal);
  }

  package(name: string, signal?: AbortSignal): Promise<PackageDetail> {
    return this.json("GET", packagePath(name), undefined, signal);
  }

  version(name: string, version: string, signal?: AbortSignal): Promise<VersionDetail> {
    return this.json("GET", packagePath(name, version), undefined, signal);
  }

  reviews(signal?: AbortSignal): Promise<ReviewQueue> {
    return this.json("GET", "api/reviews", undefined, signal);
  }

  review(name: string, version: string, decision: Decision, reason?: string): Promise<VersionSummary> {
    const body = reason ? { decision, reason } : { decision };
    return this.json("POST", `${packagePath(name, version)}/review`, body);
  }

  yank(name: string, version: string, reason: string): Promise<VersionSummary> {
    return this.json("POST", `${packagePath(name, version)}/yank`, { reason });
  }

  /** Uploads a package zip; 201 gives the new (pending) version. */
  async upload(zip: Blob): Promise<VersionDetail> {
    const res = await this.send("POST", "api/packages", { body: zip, headers: { "Content-Type": "application/zip" } });
    return (await readBody(res)) as VersionDetail;
  }

  tokens(signal?: AbortSignal): Promise<TokenList> {
    return this.json("GET", "api/tokens", undefined, signal);
  }

  createToken(name: string, role: Role): Promise<NewToken> {
    return this.json("POST", "api/tokens", { name, role });
  }

  async revokeToken(id: number): Promise<void> {
    await this.send("DELETE", `api/tokens/${id}`);
  }
}
