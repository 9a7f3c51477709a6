// Whole-frame looks: colour filter, beauty, background.
import { AssetSelect, SelectField, SliderField } from "./fields";
import { type LayerOf, layerSetter } from "./useLayer";

export function ColorFilterInspector({ layer }: { layer: LayerOf<"colorFilter"> }) {
  const set = layerSetter(layer);
  return (
    <>
      <AssetSelect label="LUT" value={layer.lut} types={["lut"]} onChange={(lut) => set({ lut })} />
      <SliderField label="Intensity" value={layer.intensity} onChange={(intensity) => set({ intensity })} />
    </>
  );
}

export function BeautyInspector({ layer }: { layer: LayerOf<"beauty"> }) {
  const set = layerSetter(layer);
  return (
    <>
      <SliderField label="Smoothing" value={layer.smoothing} onChange={(smoothing) => set({ smoothing })} />
      <SliderField label="Brightening" value={layer.brightening} onChange={(brightening) => set({ brightening })} />
    </>
  );
}

export function BackgroundInspector({ layer }: { layer: LayerOf<"background"> }) {
  const set = layerSetter(layer);
  const mode = "blur" in layer.mode ? "blur" : "replace";
  return (
    <>
      <SelectField
        label="Background"
        value={mode}
        options={[
          { value: "blur", label: "Blur" },
          { value: "replace", label: "Replace with an image" },
        ]}
        onChange={(m) => set({ mode: m === "blur" ? { blur: { strength: 0.6 } } : { replace: { asset: "" } } })}
      />
      {"blur" in layer.mode ? (
        <SliderField label="Strength" value={layer.mode.blur.strength} onChange={(strength) => set({ mode: { blur: { strength } } })} />
      ) : (
        <AssetSelect
          label="Image"
          value={layer.mode.replace.asset}
          types={["image", "sequence"]}
          onChange={(asset) => set({ mode: { replace: { asset } } })}
        />
      )}
    </>
  );
}
