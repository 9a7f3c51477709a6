// The text of a number field while it is typed in. "", "-", "-0." and "1e" are on the way to a
// number, so the field keeps them as typed; the document gets a value only when the text parses.

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** What was typed, as a number; null while it is not one (yet). A decimal comma counts as a point. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (!NUMBER.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** A value as the field shows it ("" for none), without floating-point noise (0.1 + 0.2 → "0.3"). */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "";
  return String(Number(value.toPrecision(12)));
}

/**
 * The text to show: the draft being typed while it is not a number yet or still says the value
 * ("-0." for -0, "1.50" for 1.5), else the value (it changed elsewhere: undo, a drag, a rounding).
 */
export function shownText(draft: string | null, value: number | undefined): string {
  if (draft === null) return formatNumber(value);
  const typed = parseNumber(draft);
  if (typed === null || typed === value) return draft;
  return formatNumber(value);
}

/** One arrow-key step from `from`, kept within `min`..`max`. */
export function stepped(from: number, delta: number, min?: number, max?: number): number {
  let v = Number((from + delta).toPrecision(12));
  if (min !== undefined) v = Math.max(min, v);
  if (max !== undefined) v = Math.min(max, v);
  return v;
}
