import { describe, expect, it } from "vitest";
import { type Route, packageHref, parseHash, routeHash } from "./routes";

describe("hash routes", () => {
  it("name every page", () => {
    expect(parseHash("")).toEqual({ page: "browse", q: "", offset: 0 });
    expect(parseHash("#/")).toEqual({ page: "browse", q: "", offset: 0 });
    expect(parseHash("#/?q=lucky%20hat&offset=24")).toEqual({ page: "browse", q: "lucky hat", offset: 24 });
    expect(parseHash("#/p/lucky-hat")).toEqual({ page: "package", name: "lucky-hat" });
    expect(parseHash("#/p/lucky-hat/1.0.0")).toEqual({ page: "package", name: "lucky-hat", version: "1.0.0" });
    expect(parseHash("#/review")).toEqual({ page: "review" });
    expect(parseHash("#/upload")).toEqual({ page: "upload" });
    expect(parseHash("#/tokens")).toEqual({ page: "tokens" });
  });

  it("send anything else to notFound", () => {
    for (const hash of ["#/p", "#/p/a/b/c", "#/review/x", "#/nope", "#/p/%E0%A4%A"]) {
      expect(parseHash(hash).page, hash).toBe("notFound");
    }
    expect(parseHash("#/?offset=-3").page).toBe("browse");
    expect(parseHash("#/?offset=abc")).toEqual({ page: "browse", q: "", offset: 0 });
  });

  it("round-trip, escaping names", () => {
    const routes: Route[] = [
      { page: "browse", q: "", offset: 0 },
      { page: "browse", q: "hat & coins", offset: 48 },
      { page: "package", name: "a/b?c", version: "1.0.0+x" },
      { page: "package", name: "lucky-hat" },
      { page: "review" },
      { page: "upload" },
      { page: "tokens" },
    ];
    for (const r of routes) expect(parseHash(routeHash(r))).toEqual(r);
    expect(packageHref("lucky-hat", "1.0.0")).toBe("#/p/lucky-hat/1.0.0");
    expect(routeHash({ page: "browse", q: "", offset: 0 })).toBe("#/");
  });
});
