// The selected key: its time, its value (a number, a position or a colour) and the ease to the
// next key — a named curve, a cubic Bézier (x1, y1, x2, y2) or a spring's bounce.
import type { Animation, Ease, Key, Vec2 } from "../../generated/effect";
import { type TrackName, TRACKS, trackKeys } from "../../store/animations";
import { type EaseKind, easeKind, easeOf } from "../../store/keys";
import { store } from "../../store/store";
import { deleteKey, setKeyEase, setKeyTime, setKeyValue } from "../../store/timeline";
import { ColorField, NumberField, SelectField, Vec2Field } from "../inspectors/fields";

const EASES: { value: EaseKind; label: string }[] = [
  { value: "linear", label: "Linear" },
  { value: "easeIn", label: "Ease in" },
  { value: "easeOut", label: "Ease out" },
  { value: "easeInOut", label: "Ease in-out" },
  { value: "step", label: "Step (hold)" },
  { value: "cubicBezier", label: "Cubic Bézier" },
  { value: "spring", label: "Spring" },
];

/** An ease: the curve's kind, and its numbers for a Bézier or a spring. */
export function EaseField({ value, onChange }: { value: Ease; onChange: (e: Ease) => void }) {
  const kind = easeKind(value);
  return (
    <>
      <SelectField<EaseKind> label="Ease" value={kind} options={EASES} onChange={(k) => onChange(easeOf(k, value))} />
      {typeof value === "object" && "cubicBezier" in value && (
        <div className="pair">
          {(["x1", "y1", "x2", "y2"] as const).map((n, i) => (
            <NumberField
              key={n}
              label={`Bézier ${n}`}
              value={value.cubicBezier[i]!}
              step={0.05}
              min={n.startsWith("x") ? 0 : undefined}
              max={n.startsWith("x") ? 1 : undefined}
              onChange={(v) => {
                const c = [...value.cubicBezier] as [number, number, number, number];
                c[i] = n.startsWith("x") ? Math.min(Math.max(v, 0), 1) : v;
                onChange({ cubicBezier: c });
              }}
            />
          ))}
        </div>
      )}
      {typeof value === "object" && "spring" in value && (
        <NumberField
          label="Bounce (0–0.9)"
          value={value.spring.bounce}
          min={0}
          max={0.9}
          step={0.05}
          onChange={(b) => onChange({ spring: { bounce: Math.min(Math.max(b, 0), 0.9) } })}
        />
      )}
    </>
  );
}

function ValueField({ track, value, onChange }: { track: TrackName; value: unknown; onChange: (v: unknown) => void }) {
  const spec = TRACKS.find((t) => t.name === track)!;
  if (track === "position") return <Vec2Field label="Offset" value={value as Vec2} onChange={onChange} />;
  if (track === "tint") return <ColorField label="Tint" value={value as string} onChange={onChange} />;
  return <NumberField label={`${spec.label} value`} value={value as number} step={spec.step} onChange={onChange} />;
}

export function KeyFields({ layer, anim, at }: { layer: string; anim: Animation; at: { track: TrackName; index: number } }) {
  const key = trackKeys(anim, at.track)[at.index] as Key<unknown> | undefined;
  if (!key) return null;
  const { track, index } = at;
  return (
    <fieldset className="key-fields" data-testid="key-fields">
      <legend>
        {track} key {index + 1}
      </legend>
      <NumberField label="Time (s)" value={key.time} min={0} step={0.05} onChange={(t) => setKeyTime(store, layer, anim.name, track, index, t)} />
      <ValueField track={track} value={key.value} onChange={(v) => setKeyValue(store, layer, anim.name, track, index, v)} />
      <EaseField value={key.ease} onChange={(ease) => setKeyEase(store, layer, anim.name, track, index, ease)} />
      <button onClick={() => deleteKey(store, layer, anim.name, track, index)}>Delete key</button>
    </fieldset>
  );
}
