// Writing placement fields where they come from: into the current orientation's override when
// the layer has one, else into the base placement every orientation shares.
import type { Orientation, Placement, PlacementOverride } from "../generated/effect";
import { resolvePlacement } from "../geometry/frame";

export type PlacementPatch = Partial<Pick<Placement, "relativeTo" | "position" | "width" | "rotation">>;

export function hasOverride(p: Placement, o: Orientation): boolean {
  return !!p.overrides?.[o];
}

/** Apply `patch` for frames of orientation `o`. */
export function patchPlacement(p: Placement, o: Orientation, patch: PlacementPatch): Placement {
  const over = p.overrides?.[o];
  if (!over) return { ...p, ...patch };
  const next: PlacementOverride = { ...over, ...patch };
  return { ...p, overrides: { ...p.overrides, [o]: next } };
}

/** Give orientation `o` its own placement, starting from what it shows now. */
export function addOverride(p: Placement, o: Orientation): Placement {
  if (hasOverride(p, o)) return p;
  const r = resolvePlacement(p, o);
  const over: PlacementOverride = { relativeTo: r.relativeTo, position: r.position, width: r.width, rotation: r.rotation };
  return { ...p, overrides: { ...p.overrides, [o]: over } };
}

/** Make orientation `o` follow the base placement again. */
export function removeOverride(p: Placement, o: Orientation): Placement {
  if (!hasOverride(p, o)) return p;
  const rest = { ...p.overrides };
  delete rest[o];
  const { overrides: _gone, ...base } = p;
  return Object.keys(rest).length ? { ...base, overrides: rest } : base;
}
