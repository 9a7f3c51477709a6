// Whether two documents say the same thing, as their JSON would: an edit that changes nothing
// visible (the same value written again, a copy normalised on load) must not become an undo step.

function definedKeys(o: object): string[] {
  return Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

/** Deep equality of JSON-like values; a key holding `undefined` counts as absent, key order does not count. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameJson(x, b[i]));
  }
  const ka = definedKeys(a);
  if (ka.length !== definedKeys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => sameJson(ra[k], rb[k]));
}
