// Hash routes: `#/` (browse, `?q=` and `&offset=`), `#/p/NAME`, `#/p/NAME/VERSION`, `#/review`,
// `#/upload`, `#/tokens`. The server only ever serves hub.html, so the hash carries the page.
import { useSyncExternalStore } from "react";

export type Route =
  | { page: "browse"; q: string; offset: number }
  | { page: "package"; name: string; version?: string }
  | { page: "review" }
  | { page: "upload" }
  | { page: "tokens" }
  | { page: "notFound"; hash: string };

export const HOME: Route = { page: "browse", q: "", offset: 0 };

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function parseBrowse(query: string): Route {
  const params = new URLSearchParams(query);
  const offset = Number(params.get("offset") ?? 0);
  return { page: "browse", q: params.get("q") ?? "", offset: Number.isInteger(offset) && offset > 0 ? offset : 0 };
}

function parsePackage(parts: string[], hash: string): Route {
  const [name, version] = parts.map(decode);
  if (!name || parts.length > 2 || version === null || version === "") return { page: "notFound", hash };
  return version === undefined ? { page: "package", name } : { page: "package", name, version };
}

/** The route a location hash names (`#/p/lucky-hat/1.0.0`); anything unknown is notFound. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [path = "", query = ""] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean);
  if (parts.length === 0) return parseBrowse(query);
  const [first, ...rest] = parts;
  if (first === "p") return parsePackage(rest, hash);
  if (rest.length === 0 && (first === "review" || first === "upload" || first === "tokens")) return { page: first };
  return { page: "notFound", hash };
}

/** The hash for `route`; parseHash(routeHash(r)) gives r back. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case "browse":
      return browseHash(route.q, route.offset);
    case "package": {
      const name = `#/p/${encodeURIComponent(route.name)}`;
      return route.version === undefined ? name : `${name}/${encodeURIComponent(route.version)}`;
    }
    case "notFound":
      return route.hash || "#/";
    default:
      return `#/${route.page}`;
  }
}

function browseHash(q: string, offset: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (offset > 0) params.set("offset", String(offset));
  const query = params.toString();
  return query ? `#/?${query}` : "#/";
}

/** The link to a package, or to one of its versions. */
export function packageHref(name: string, version?: string): string {
  return routeHash(version === undefined ? { page: "package", name } : { page: "package", name, version });
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** The current route, following the location hash. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => "");
  return parseHash(hash);
}

export function go(route: Route): void {
  window.location.hash = routeHash(route);
}
