import { describe, expect, it } from "vitest";
import { budgetLabel, budgetShare, formatAmount, formatBytes, formatDate, zipFileName } from "./format";

describe("formatting", () => {
  it("writes sizes in binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(2 * 1048576)).toBe("2.00 MiB");
    expect(formatBytes(3 * 1073741824)).toBe("3.00 GiB");
    expect(formatBytes(-1)).toBe("?");
  });

  it("writes budget amounts in their unit", () => {
    expect(formatAmount(2097152, "bytes")).toBe("2.00 MiB");
    expect(formatAmount(300, "particles")).toBe("300 particles");
    expect(formatAmount(12000, "")).toBe("12,000");
    expect(formatAmount(1.23456, "s")).toBe("1.23 s");
  });

  it("measures a budget's share of its limit, capped for the bar", () => {
    expect(budgetShare({ name: "particles", used: 150, limit: 300, unit: "particles" })).toEqual({ fraction: 0.5, percent: 50, over: false });
    expect(budgetShare({ name: "p", used: 450, limit: 300, unit: "" })).toEqual({ fraction: 1, percent: 150, over: true });
    expect(budgetShare({ name: "p", used: 0, limit: 0, unit: "" })).toEqual({ fraction: 0, percent: 0, over: false });
    expect(budgetShare({ name: "p", used: 5, limit: 0, unit: "" }).over).toBe(true);
  });

  it("labels budgets and names downloads", () => {
    expect(budgetLabel("packageBytes")).toBe("Package size");
    expect(budgetLabel("maxShaderPasses")).toBe("Max shader passes");
    expect(budgetLabel("max_faces")).toBe("Max faces");
    expect(zipFileName("lucky-hat", "1.0.0")).toBe("lucky-hat-1.0.0.zip");
    expect(zipFileName("a/b", "1:0")).toBe("a_b-1_0.zip");
  });

  it("writes dates readably and leaves non-dates alone", () => {
    expect(formatDate("2025-03-04T10:20:00Z", "en-GB")).toMatch(/2025/);
    expect(formatDate("soon")).toBe("soon");
  });
});
