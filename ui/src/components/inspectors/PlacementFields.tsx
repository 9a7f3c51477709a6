import type { Placement, RelativeTo } from "../../generated/effect";
import { FRAMES, resolvePlacement } from "../../geometry/frame";
import { addOverride, hasOverride, patchPlacement, removeOverride, type PlacementPatch } from "../../store/placement";
import { useStudio } from "../../store/store";
import { CheckField, NumberField, SelectField, Vec2Field } from "./fields";

/** Position, width, rotation and pivot of a frame-placed layer, per orientation. */
export function PlacementFields(props: { value: Placement; onChange: (p: Placement, field: string) => void }) {
  const orientation = useStudio((s) => s.orientation);
  const p = props.value;
  const shown = resolvePlacement(p, orientation);
  const own = hasOverride(p, orientation);
  const set = (patch: PlacementPatch, field: string) => props.onChange(patchPlacement(p, orientation, patch), field);
  return (
    <fieldset>
      <legend>Placement</legend>
      <CheckField
        label={`Separate placement for ${FRAMES[orientation].label}`}
        value={own}
        onChange={(on) => props.onChange(on ? addOverride(p, orientation) : removeOverride(p, orientation), "override")}
      />
      <SelectField<RelativeTo>
        label="Relative to"
        value={shown.relativeTo}
        options={[
          { value: "frame", label: "Whole frame" },
          { value: "safeArea", label: "Safe area" },
        ]}
        onChange={(relativeTo) => set({ relativeTo }, "relativeTo")}
      />
      <Vec2Field label="Position" value={shown.position} onChange={(position) => set({ position }, "position")} />
      <NumberField label="Width" value={shown.width} min={0} onChange={(width) => set({ width }, "width")} />
      <NumberField label="Rotation" value={shown.rotation} step={1} onChange={(rotation) => set({ rotation }, "rotation")} />
      <Vec2Field label="Pivot" value={p.pivot} onChange={(pivot) => props.onChange({ ...p, pivot }, "pivot")} />
    </fieldset>
  );
}
