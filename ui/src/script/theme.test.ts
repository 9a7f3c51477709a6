import { describe, expect, it } from "vitest";
import { ACTIVE_LINE_BACKGROUND, EDITOR_BACKGROUND, GUTTER_BACKGROUND, GUTTER_TEXT, TEXT, TOKEN_STYLES } from "./theme";

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`${hex}: not a #rrggbb colour`);
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const AA = 4.5;

describe("the script editor's colours", () => {
  it("computes contrast as WCAG does", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    // CodeMirror's default string and definition colours on the editor: why this theme exists.
    expect(contrast("#aa1111", EDITOR_BACKGROUND)).toBeLessThan(3);
    expect(contrast("#0000ff", EDITOR_BACKGROUND)).toBeLessThan(3);
  });

  it("give every token colour at least 4.5:1 on the editor and on the active line", () => {
    const colours = TOKEN_STYLES.flatMap((s) => (typeof s.color === "string" ? [s.color] : []));
    expect(colours.length).toBeGreaterThanOrEqual(14);
    const low = colours.flatMap((c) =>
      [EDITOR_BACKGROUND, ACTIVE_LINE_BACKGROUND].map((bg) => ({ c, bg, ratio: contrast(c, bg) })).filter((x) => x.ratio < AA),
    );
    expect(low).toEqual([]);
  });

  it("keep plain text and the line numbers readable too", () => {
    expect(contrast(TEXT, ACTIVE_LINE_BACKGROUND)).toBeGreaterThanOrEqual(AA);
    expect(contrast(GUTTER_TEXT, GUTTER_BACKGROUND)).toBeGreaterThanOrEqual(AA);
  });
});
