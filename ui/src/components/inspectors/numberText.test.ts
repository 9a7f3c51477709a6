import { describe, expect, it } from "vitest";
import { formatNumber, parseNumber, shownText, stepped } from "./numberText";

/** What a number field shows after each keystroke of `typed`, the value following each parse. */
function typeInto(start: number, typed: string): { shown: string[]; value: number } {
  let value = start;
  let draft = "";
  const shown: string[] = [];
  for (const ch of typed) {
    draft += ch;
    const v = parseNumber(draft);
    if (v !== null) value = v;
    draft = shownText(draft, value);
    shown.push(draft);
  }
  return { shown, value };
}

describe("number field text", () => {
  it("keeps what is on the way to a number, and parses only numbers", () => {
    for (const t of ["", "-", "+", ".", "-.", "1e", "1e-", "abc", "1..2", "--1"]) expect(parseNumber(t), t).toBeNull();
    expect(parseNumber("-0.")).toBe(-0);
    expect(parseNumber(" -0.45 ")).toBe(-0.45);
    expect(parseNumber("1e3")).toBe(1000);
    expect(parseNumber(".5")).toBe(0.5);
    expect(parseNumber("0,25")).toBe(0.25);
  });

  it("typing -0.45 into an emptied field gives -0.45, keystroke by keystroke", () => {
    const { shown, value } = typeInto(0.3, "-0.45");
    expect(shown).toEqual(["-", "-0", "-0.", "-0.4", "-0.45"]);
    expect(value).toBe(-0.45);
    expect(typeInto(2, "1e2").shown).toEqual(["1", "1e", "1e2"]);
  });

  it("shows the value when it changed elsewhere, the draft while it still says the value", () => {
    expect(shownText(null, 0.1 + 0.2)).toBe("0.3");
    expect(shownText("1.50", 1.5)).toBe("1.50");
    expect(shownText("", 4)).toBe("");
    expect(shownText("1.5", 2)).toBe("2");
    expect(shownText(null, undefined)).toBe("");
    expect(formatNumber(Number.NaN)).toBe("");
  });

  it("steps with the arrow keys within the limits", () => {
    expect(stepped(0.1, 0.2)).toBe(0.3);
    expect(stepped(0, -1, 0)).toBe(0);
    expect(stepped(9, 10, undefined, 12)).toBe(12);
  });
});
