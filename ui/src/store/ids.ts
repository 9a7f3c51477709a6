// Ids are unique across assets, layers and triggers (`A-Z a-z 0-9 _ -`, at most 64 characters).
import type { Effect } from "../generated/effect";

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function allIds(effect: Effect): Set<string> {
  return new Set([
    ...effect.assets.map((a) => a.id),
    ...effect.layers.map((l) => l.id),
    ...effect.triggers.map((t) => t.id),
  ]);
}

/** `base`, or `base2`, `base3`, …: the first id nothing in `effect` uses. */
export function uniqueId(effect: Effect, base: string): string {
  const taken = allIds(effect);
  const clean = base.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 56) || "item";
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
