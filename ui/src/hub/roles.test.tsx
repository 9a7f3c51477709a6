import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Hub } from "./api";
import { Page } from "./App";
import { Header } from "./parts/Header";
import { defaultVersion, mayDownload, mayOpen, mayReview, mayYank, navLinks } from "./roles";
import { HOME, parseHash } from "./routes";
import { SessionContext } from "./session";
import type { Me, Role, Status, VersionSummary } from "./types";

const me = (role: Role, name = "ana"): Me => ({ name, role });

function version(status: Status, uploadedBy = "dora", uploadedAt = "2025-01-01T00:00:00Z", v = "1.0.0"): VersionSummary {
  return { name: "hat", version: v, title: "Hat", description: "", status, sha256: "00", size: 10, uploadedBy, uploadedAt, capabilities: [] };
}

describe("what each role sees", () => {
  it("links only the pages the role may use", () => {
    const labels = (role: Role) => navLinks(role).map((l) => l.label);
    expect(labels("host")).toEqual(["Browse"]);
    expect(labels("designer")).toEqual(["Browse", "Upload"]);
    expect(labels("reviewer")).toEqual(["Browse", "Review"]);
    expect(labels("admin")).toEqual(["Browse", "Tokens"]);
  });

  it("opens gated pages for their role only", () => {
    for (const hash of ["#/", "#/p/hat", "#/p/hat/1.0.0", "#/nope"]) expect(mayOpen(parseHash(hash), "host"), hash).toBe(true);
    expect(mayOpen(parseHash("#/review"), "host")).toBe(false);
    expect(mayOpen(parseHash("#/review"), "reviewer")).toBe(true);
    expect(mayOpen(parseHash("#/upload"), "reviewer")).toBe(false);
    expect(mayOpen(parseHash("#/upload"), "designer")).toBe(true);
    expect(mayOpen(parseHash("#/tokens"), "designer")).toBe(false);
    expect(mayOpen(parseHash("#/tokens"), "admin")).toBe(true);
  });

  it("offers review to reviewers on pending versions", () => {
    expect(mayReview(me("reviewer"), version("pending"))).toBe(true);
    expect(mayReview(me("reviewer"), version("approved"))).toBe(false);
    expect(mayReview(me("admin"), version("pending"))).toBe(false);
  });

  it("offers yank to reviewers and to the designer who uploaded it", () => {
    expect(mayYank(me("reviewer"), version("approved"))).toBe(true);
    expect(mayYank(me("designer", "dora"), version("approved", "dora"))).toBe(true);
    expect(mayYank(me("designer", "eve"), version("approved", "dora"))).toBe(false);
    expect(mayYank(me("host"), version("approved"))).toBe(false);
    expect(mayYank(me("reviewer"), version("yanked"))).toBe(false);
    expect(mayYank(me("reviewer"), version("rejected"))).toBe(false);
  });

  it("offers download as the hub allows it", () => {
    expect(mayDownload(me("host"), version("approved"))).toBe(true);
    expect(mayDownload(me("host"), version("pending"))).toBe(false);
    expect(mayDownload(me("designer", "dora"), version("pending", "dora"))).toBe(true);
    expect(mayDownload(me("reviewer"), version("pending"))).toBe(true);
    expect(mayDownload(me("designer", "dora"), version("yanked", "dora"))).toBe(false);
    expect(mayDownload(me("admin"), version("yanked"))).toBe(true);
  });

  it("opens a package on its newest approved version", () => {
    const old = version("approved", "d", "2025-01-01T00:00:00Z", "1.0.0");
    const newer = version("approved", "d", "2025-02-01T00:00:00Z", "1.1.0");
    const pending = version("pending", "d", "2025-03-01T00:00:00Z", "1.2.0");
    expect(defaultVersion([old, pending, newer])?.version).toBe("1.1.0");
    expect(defaultVersion([pending])?.version).toBe("1.2.0");
    expect(defaultVersion([])).toBeUndefined();
  });
});

describe("signed-in pages", () => {
  const render = (role: Role, hash: string) =>
    renderToStaticMarkup(
      <SessionContext.Provider value={{ hub: new Hub("t", async () => new Response("{}")), me: me(role) }}>
        <Header me={me(role)} route={HOME} onSignOut={() => undefined} />
        <Page route={parseHash(hash)} me={me(role)} />
      </SessionContext.Provider>,
    );

  it("tell a host that the review queue is not for its role", () => {
    const html = render("host", "#/review");
    expect(html).toContain("Your role (host) cannot do this.");
    expect(html).not.toContain('href="#/review"');
    expect(html).toContain("<strong>ana</strong>");
  });

  it("give each role its page", () => {
    expect(render("reviewer", "#/review")).toContain("Review queue");
    expect(render("designer", "#/upload")).toContain('type="file"');
    expect(render("admin", "#/tokens")).toContain("Create token");
    expect(render("host", "#/")).toContain('role="search"');
  });
});
