// Frame-placed layers: stickers, text and particle emitters.
import { AssetSelect, CheckField, ColorField, NumberField, RangeField, SliderField, TextField, Vec2Field } from "./fields";
import { ParticleExtras } from "./ParticleExtras";
import { PlacementFields } from "./PlacementFields";
import { type LayerOf, layerSetter } from "./useLayer";

export function StickerInspector({ layer }: { layer: LayerOf<"sticker"> }) {
  const set = layerSetter(layer);
  return (
    <>
      <AssetSelect label="Image" value={layer.asset} types={["image", "sequence"]} onChange={(asset) => set({ asset })} />
      <SliderField label="Opacity" value={layer.opacity} onChange={(opacity) => set({ opacity })} />
      <PlacementFields value={layer.placement} onChange={(placement, f) => set({ placement }, `placement.${f}`)} />
    </>
  );
}

export function TextInspector({ layer }: { layer: LayerOf<"text"> }) {
  const set = layerSetter(layer);
  return (
    <>
      <TextField label="Text ({name} placeholders)" value={layer.template} onChange={(template) => set({ template })} />
      <AssetSelect label="Font" value={layer.font} types={["font"]} onChange={(font) => set({ font })} />
      <NumberField label="Size (of frame height)" value={layer.size} min={0} step={0.005} onChange={(size) => set({ size })} />
      <ColorField label="Fill" value={layer.fill} onChange={(fill) => set({ fill })} />
      <CheckField
        label="Outline"
        value={!!layer.stroke}
        onChange={(on) => set({ stroke: on ? { color: "#000000", width: 0.08 } : undefined })}
      />
      {layer.stroke && (
        <>
          <ColorField label="Outline colour" value={layer.stroke.color} onChange={(color) => set({ stroke: { ...layer.stroke!, color } })} />
          <NumberField label="Outline width" value={layer.stroke.width} min={0} onChange={(width) => set({ stroke: { ...layer.stroke!, width } })} />
        </>
      )}
      <CheckField label="Vertical (couplets)" value={layer.vertical} onChange={(vertical) => set({ vertical })} />
      <PlacementFields value={layer.placement} onChange={(placement, f) => set({ placement }, `placement.${f}`)} />
    </>
  );
}

export function ParticlesInspector({ layer }: { layer: LayerOf<"particles"> }) {
  const set = layerSetter(layer);
  return (
    <>
      <AssetSelect label="Sprite" value={layer.sprite} types={["image", "sequence"]} onChange={(sprite) => set({ sprite })} />
      <NumberField label="Rate (per second)" value={layer.rate} min={0} step={1} onChange={(rate) => set({ rate })} />
      <NumberField label="Burst count" value={layer.burst} min={0} step={1} onChange={(burst) => set({ burst: Math.round(burst) })} />
      <NumberField
        label="Max particles"
        value={layer.maxParticles}
        min={1}
        step={10}
        onChange={(maxParticles) => set({ maxParticles: Math.round(maxParticles) })}
      />
      <RangeField label="Lifetime (s)" value={layer.lifetime} onChange={(lifetime) => set({ lifetime })} />
      <RangeField label="Speed" value={layer.speed} onChange={(speed) => set({ speed })} />
      <RangeField label="Size" value={layer.size} step={0.005} onChange={(size) => set({ size })} />
      <RangeField label="Spin (°/s)" value={layer.spin} step={1} onChange={(spin) => set({ spin })} />
      <NumberField label="Direction (°)" value={layer.direction} step={1} onChange={(direction) => set({ direction })} />
      <NumberField label="Spread (°)" value={layer.spread} step={1} onChange={(spread) => set({ spread })} />
      <Vec2Field label="Gravity" value={layer.gravity} onChange={(gravity) => set({ gravity })} />
      <SliderField label="Fade" value={layer.fade} onChange={(fade) => set({ fade })} />
      <ParticleExtras layer={layer} />
      <PlacementFields value={layer.placement} onChange={(placement, f) => set({ placement }, `placement.${f}`)} />
    </>
  );
}
