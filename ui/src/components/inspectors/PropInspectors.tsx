// Face props and hand props: an image that follows a face anchor or a hand landmark.
import type { FaceAnchor, HandLandmark, HandSelect } from "../../generated/effect";
import { FACE_ANCHORS } from "../../geometry/face";
import { AssetSelect, CheckField, FaceIndexField, NumberField, SelectField, Vec2Field } from "./fields";
import { FaceDiagram } from "./FaceDiagram";
import { namedChange } from "./Field";
import { type LayerOf, layerSetter } from "./useLayer";

const IMAGE_TYPES: ("image" | "sequence")[] = ["image", "sequence"];

export function FacePropInspector({ layer }: { layer: LayerOf<"faceProp"> }) {
  const set = layerSetter(layer);
  return (
    <>
      <AssetSelect label="Image" value={layer.asset} types={IMAGE_TYPES} onChange={(asset) => set({ asset })} />
      <fieldset>
        <legend>Anchor: {FACE_ANCHORS[layer.anchor].label}</legend>
        <FaceDiagram value={layer.anchor} onPick={namedChange("Anchor", (anchor: FaceAnchor) => set({ anchor }))} />
      </fieldset>
      <Vec2Field label="Offset (face sizes)" value={layer.offset} onChange={(offset) => set({ offset })} />
      <NumberField label="Scale (face sizes)" value={layer.scale} min={0} onChange={(scale) => set({ scale })} />
      <NumberField label="Rotation" value={layer.rotation} step={1} onChange={(rotation) => set({ rotation })} />
      <CheckField label="Turn with the head" value={layer.followRotation} onChange={(followRotation) => set({ followRotation })} />
      <FaceIndexField label="Faces" value={layer.face} anyLabel="Every face" onChange={(face) => set({ face })} />
      <Vec2Field label="Pivot" value={layer.pivot} onChange={(pivot) => set({ pivot })} />
    </>
  );
}

export const LANDMARKS: HandLandmark[] = [
  "wrist", "palmCenter", "thumbTip", "indexTip", "middleTip", "ringTip", "pinkyTip",
  "thumbCmc", "thumbMcp", "thumbIp", "indexMcp", "indexPip", "indexDip", "middleMcp", "middlePip",
  "middleDip", "ringMcp", "ringPip", "ringDip", "pinkyMcp", "pinkyPip", "pinkyDip",
];

export function HandPropInspector({ layer }: { layer: LayerOf<"handProp"> }) {
  const set = layerSetter(layer);
  return (
    <>
      <AssetSelect label="Image" value={layer.asset} types={IMAGE_TYPES} onChange={(asset) => set({ asset })} />
      <SelectField<HandLandmark> label="Landmark" value={layer.landmark} options={LANDMARKS} onChange={(landmark) => set({ landmark })} />
      <SelectField<HandSelect> label="Hand" value={layer.hand} options={["any", "left", "right"]} onChange={(hand) => set({ hand })} />
      <Vec2Field label="Offset (palm widths)" value={layer.offset} onChange={(offset) => set({ offset })} />
      <NumberField label="Scale (palm widths)" value={layer.scale} min={0} onChange={(scale) => set({ scale })} />
      <NumberField label="Rotation" value={layer.rotation} step={1} onChange={(rotation) => set({ rotation })} />
      <CheckField label="Turn with the hand" value={layer.followRotation} onChange={(followRotation) => set({ followRotation })} />
    </>
  );
}
