import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Hub } from "./api";
import { ProblemList, problemPlace } from "./pages/Upload";
import { outcomeText } from "./pages/Review";
import { BudgetTable, ReportView } from "./parts/Report";
import { SessionContext } from "./session";
import type { Report, VersionSummary } from "./types";

const hostile = '<img src=x onerror="alert(1)">';

const report: Report = {
  budgets: [
    { name: "packageBytes", used: 524288, limit: 2097152, unit: "bytes" },
    { name: "particles", used: 450, limit: 300, unit: "particles" },
  ],
  capabilities: ["face", hostile],
  scriptBytes: 2048,
  assets: 3,
  layers: 2,
  triggers: 1,
  warnings: [hostile],
  previews: [
    { photo: "front.jpg", status: "rendering" },
    { photo: "side.jpg", status: "failed", error: "no face found" },
  ],
};

const withSession = (node: ReactNode) =>
  renderToStaticMarkup(<SessionContext.Provider value={{ hub: new Hub("t", async () => new Response("")), me: { name: "r", role: "reviewer" } }}>{node}</SessionContext.Provider>);

describe("the report", () => {
  it("writes each budget in its unit, with its share and whether it is over", () => {
    const html = renderToStaticMarkup(<BudgetTable budgets={report.budgets} />);
    expect(html).toContain("<td>512.0 KiB</td><td>2.00 MiB</td>");
    expect(html).toContain('aria-label="25% of the limit"');
    expect(html).toContain('<tr class="over"><th scope="row">Particles</th><td>450 particles</td>');
    expect(html).toContain('aria-label="150% of the limit, over budget"');
    expect(html).toContain("width:100%");
  });

  it("escapes the package's text and shows the state of each preview", () => {
    const html = withSession(<ReportView name="hat" version="1.0.0" report={report} />);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("Rendering…");
    expect(html).toContain("no face found");
    expect(html).toContain("2.0 KiB");
  });
});

describe("an upload's problems", () => {
  it("say where each problem is", () => {
    expect(problemPlace({ file: "effect.json", pointer: "/layers/2/image", message: "m" })).toBe("effect.json /layers/2/image");
    expect(problemPlace({ file: null, pointer: null, message: "m" })).toBe("");
    const html = renderToStaticMarkup(<ProblemList problems={[{ file: "effect.json", pointer: "/layers/2/image", message: `unknown asset ${hostile}` }]} />);
    expect(html).toContain("<code>effect.json /layers/2/image</code> unknown asset &lt;img");
  });
});

describe("a review's outcome", () => {
  const v = (status: VersionSummary["status"], reason: string | null = null): VersionSummary => ({
    name: "hat", version: "1.0.0", title: "Hat", description: "", status, sha256: "", size: 0, uploadedBy: "d", uploadedAt: "", reason, capabilities: [],
  });
  it("reads as a sentence", () => {
    expect(outcomeText(v("approved"))).toBe("Approved Hat (hat 1.0.0): hosts can now download it.");
    expect(outcomeText(v("rejected", "Blurry hat"))).toBe("Rejected Hat (hat 1.0.0): Blurry hat.");
  });
});
