// What each role sees and may do in the pages. The server decides for real (403); this only keeps
// people from links and buttons that would be refused.
import type { Route } from "./routes";
import type { Me, Role, VersionSummary } from "./types";

type GatedPage = "review" | "upload" | "tokens";

/** The one role each gated page is for. */
export const PAGE_ROLE: Record<GatedPage, Role> = { review: "reviewer", upload: "designer", tokens: "admin" };

export interface NavLink {
  page: "browse" | GatedPage;
  label: string;
  href: string;
}

const LINKS: NavLink[] = [
  { page: "browse", label: "Browse", href: "#/" },
  { page: "review", label: "Review", href: "#/review" },
  { page: "upload", label: "Upload", href: "#/upload" },
  { page: "tokens", label: "Tokens", href: "#/tokens" },
];

/** Whether `role` may open `route` (every role may browse and read packages). */
export function mayOpen(route: Route, role: Role): boolean {
  if (route.page === "review" || route.page === "upload" || route.page === "tokens") return PAGE_ROLE[route.page] === role;
  return true;
}

/** The header's links for `role`. */
export function navLinks(role: Role): NavLink[] {
  return LINKS.filter((l) => l.page === "browse" || PAGE_ROLE[l.page] === role);
}

/** A reviewer may approve or reject a pending version. */
export function mayReview(me: Me, v: VersionSummary): boolean {
  return me.role === "reviewer" && v.status === "pending";
}

/** A reviewer, or the designer who uploaded it, may yank a version not already yanked or rejected. */
export function mayYank(me: Me, v: VersionSummary): boolean {
  if (v.status === "yanked" || v.status === "rejected") return false;
  return me.role === "reviewer" || (me.role === "designer" && v.uploadedBy === me.name);
}

/**
 * Approved versions can be downloaded by anyone who sees them; pending and rejected ones by
 * reviewers, admins and their designer; yanked ones (410 for others) by reviewers and admins.
 */
export function mayDownload(me: Me, v: VersionSummary): boolean {
  if (v.status === "approved") return true;
  if (me.role === "reviewer" || me.role === "admin") return true;
  return v.status !== "yanked" && v.uploadedBy === me.name;
}

/** The version a package page opens on: the newest approved one, else the newest visible. */
export function defaultVersion(versions: VersionSummary[]): VersionSummary | undefined {
  const sorted = newestFirst(versions);
  return sorted.find((v) => v.status === "approved") ?? sorted[0];
}

/** Versions by upload time, the newest first (the server's order is not promised). */
export function newestFirst(versions: VersionSummary[]): VersionSummary[] {
  return [...versions].sort((a, b) => Date.parse(b.uploadedAt) - Date.parse(a.uploadedAt));
}
