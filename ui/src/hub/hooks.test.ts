import { describe, expect, it } from "vitest";
import { previewPollMs } from "./hooks";
import type { Preview, Report } from "./types";

const report = (...status: Preview["status"][]): Report => ({
  budgets: [],
  capabilities: [],
  scriptBytes: 0,
  assets: 0,
  layers: 0,
  triggers: 0,
  warnings: [],
  previews: status.map((s, i) => ({ photo: `p${i}.jpg`, status: s })),
});

describe("preview polling", () => {
  it("polls every 2 s while any preview renders, and stops once none does", () => {
    expect(previewPollMs(report("ready", "rendering"))).toBe(2000);
    expect(previewPollMs(report("ready", "failed"))).toBeNull();
    expect(previewPollMs(report())).toBeNull();
  });
});
