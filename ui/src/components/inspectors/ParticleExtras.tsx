// Particles beyond the basics: drag, blending, a palette, curves over each particle's life, a
// trail, an explosion at the end of life, and an emitter that follows a face or a hand.
import type { Blend, FaceAnchor, Follow, HandLandmark, HandSelect, OverLife } from "../../generated/effect";
import { FACE_ANCHORS } from "../../geometry/face";
import { store, useStudio } from "../../store/store";
import { CheckField, ColorField, Field, NumberField, RangeField, SelectField } from "./fields";
import { namedChange } from "./Field";
import { LifeKeys } from "./LifeKeys";
import { LANDMARKS } from "./PropInspectors";
import { type LayerOf, layerSetter } from "./useLayer";

const ANCHORS = (Object.keys(FACE_ANCHORS) as FaceAnchor[]).map((a) => ({ value: a, label: FACE_ANCHORS[a].label }));

function Colors({ value, onChange }: { value: string[]; onChange: (c: string[]) => void }) {
  return (
    <fieldset data-testid="particle-colors">
      <legend>Colours (each particle picks one)</legend>
      {value.length === 0 && <p className="muted">The sprite's own colours.</p>}
      {value.map((c, i) => (
        <div key={i} className="row">
          <ColorField label={`Colour ${i + 1}`} value={c} onChange={(v) => onChange(value.map((x, j) => (j === i ? v : x)))} />
          <button aria-label={`Remove colour ${i + 1}`} onClick={() => store.named("Remove colour", () => onChange(value.filter((_, j) => j !== i)))}>
            ✕
          </button>
        </div>
      ))}
      <button onClick={() => store.named("Add colour", () => onChange([...value, value[value.length - 1] ?? "#ffd700"]))}>Add colour</button>
    </fieldset>
  );
}

function FollowFields({ value, onChange }: { value: Follow | undefined; onChange: (f: Follow | undefined) => void }) {
  const kind = !value ? "none" : "face" in value ? "face" : "hand";
  const pick = (k: string) =>
    onChange(k === "face" ? { face: { anchor: "forehead", face: 0 } } : k === "hand" ? { hand: { landmark: "indexTip", hand: "any" } } : undefined);
  return (
    <fieldset>
      <legend>Emit from</legend>
      <SelectField
        label="Follow"
        value={kind}
        options={[
          { value: "none", label: "Its placement" },
          { value: "face", label: "A face anchor" },
          { value: "hand", label: "A hand landmark" },
        ]}
        onChange={pick}
      />
      {value && "face" in value && (
        <>
          <SelectField<FaceAnchor> label="Anchor" value={value.face.anchor} options={ANCHORS} onChange={(anchor) => onChange({ face: { ...value.face, anchor } })} />
          <NumberField label="Face (0 = first)" value={value.face.face} min={0} step={1} onChange={(f) => onChange({ face: { ...value.face, face: Math.max(0, Math.round(f)) } })} />
        </>
      )}
      {value && "hand" in value && (
        <>
          <SelectField<HandLandmark> label="Landmark" value={value.hand.landmark} options={LANDMARKS} onChange={(landmark) => onChange({ hand: { ...value.hand, landmark } })} />
          <SelectField<HandSelect> label="Hand" value={value.hand.hand} options={["any", "left", "right"]} onChange={(hand) => onChange({ hand: { ...value.hand, hand } })} />
        </>
      )}
    </fieldset>
  );
}

/** The explosion's sprite: the layer's own (absent) or another image. */
function ChildSprite({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const images = useStudio((s) => s.history?.present.assets ?? []).filter((a) => a.type === "image" || a.type === "sequence");
  const set = namedChange("Child sprite", (v: string) => onChange(v || undefined));
  return (
    <Field label="Child sprite">
      <select aria-label="Child sprite" value={value ?? ""} onChange={(e) => set(e.target.value)}>
        <option value="">The layer's sprite</option>
        {images.map((a) => (
          <option key={a.id} value={a.id}>
            {a.id}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function ParticleExtras({ layer }: { layer: LayerOf<"particles"> }) {
  const set = layerSetter(layer);
  const life = (patch: Partial<OverLife>) => set({ overLife: { ...layer.overLife, ...patch } }, "overLife");
  const { trail, explode } = layer;
  return (
    <>
      <NumberField label="Drag (per second)" value={layer.drag} min={0} max={100} step={0.1} onChange={(drag) => set({ drag })} />
      <SelectField<Blend> label="Blend" value={layer.blend} options={[{ value: "normal", label: "Normal" }, { value: "additive", label: "Additive (glow)" }]} onChange={(blend) => set({ blend })} />
      <Colors value={layer.colors ?? []} onChange={(colors) => set({ colors: colors.length ? colors : undefined }, "colors")} />
      <LifeKeys label="Size" keys={layer.overLife?.size} rest={1} onChange={(size) => life({ size: size.length ? size : undefined })} />
      <LifeKeys label="Opacity" keys={layer.overLife?.opacity} rest={1} onChange={(opacity) => life({ opacity: opacity.length ? opacity : undefined })} />
      <LifeKeys label="Tint" keys={layer.overLife?.tint} rest="#ffffff" onChange={(tint) => life({ tint: tint.length ? tint : undefined })} />
      <CheckField label="Trail" value={!!trail} onChange={(on) => set({ trail: on ? { count: 4, spacing: 0.03, tail: 0.2 } : undefined })} />
      {trail && (
        <div className="pair">
          <NumberField label="Trail copies" value={trail.count} min={1} max={16} step={1} onChange={(c) => set({ trail: { ...trail, count: Math.min(16, Math.max(1, Math.round(c))) } }, "trail")} />
          <NumberField label="Trail spacing (s)" value={trail.spacing} min={0} step={0.01} onChange={(spacing) => set({ trail: { ...trail, spacing } }, "trail")} />
          <NumberField label="Trail tail" value={trail.tail} min={0} max={1} step={0.05} onChange={(tail) => set({ trail: { ...trail, tail } }, "trail")} />
        </div>
      )}
      <CheckField
        label="Explode at the end of life"
        value={!!explode}
        onChange={(on) => set({ explode: on ? { count: 12, speed: { min: 0.2, max: 0.5 }, lifetime: { min: 0.4, max: 0.8 }, size: { min: 0.01, max: 0.02 } } : undefined })}
      />
      {explode && (
        <fieldset>
          <legend>Explosion</legend>
          <NumberField label="Children" value={explode.count} min={1} max={500} step={1} onChange={(c) => set({ explode: { ...explode, count: Math.max(1, Math.round(c)) } }, "explode")} />
          <RangeField label="Child speed" value={explode.speed} onChange={(speed) => set({ explode: { ...explode, speed } }, "explode")} />
          <RangeField label="Child lifetime (s)" value={explode.lifetime} onChange={(lifetime) => set({ explode: { ...explode, lifetime } }, "explode")} />
          <RangeField label="Child size" value={explode.size} step={0.005} onChange={(size) => set({ explode: { ...explode, size } }, "explode")} />
          <ChildSprite value={explode.sprite} onChange={(sprite) => set({ explode: withSprite(explode, sprite) }, "explode")} />
        </fieldset>
      )}
      <FollowFields value={layer.follow} onChange={(follow) => set({ follow }, "follow")} />
    </>
  );
}

function withSprite<T extends { sprite?: string }>(e: T, sprite: string | undefined): T {
  const { sprite: _old, ...rest } = e;
  return (sprite ? { ...rest, sprite } : rest) as T;
}
