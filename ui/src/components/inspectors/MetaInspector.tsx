import type { Effect } from "../../generated/effect";
import { updateMeta } from "../../store/edits";
import { store } from "../../store/store";
import { NumberField, TextField } from "./fields";
import { MusicFields } from "./MusicFields";

/** The effect's name, author, version, target size and budgets (shown when nothing is selected). */
export function MetaInspector({ effect }: { effect: Effect }) {
  const m = effect.meta;
  const set = (patch: Partial<Effect["meta"]>, key: string) => store.edit((e) => updateMeta(e, patch), { gesture: `meta.${key}` });
  const int = (v: number) => Math.max(0, Math.round(v));
  return (
    <div className="inspector" data-testid="meta-inspector">
      <h2>Effect</h2>
      <TextField label="Name" value={m.name} onChange={(name) => set({ name }, "name")} />
      <TextField label="Author" value={m.author} onChange={(author) => set({ author }, "author")} />
      <TextField label="Version" value={m.version} onChange={(version) => set({ version }, "version")} />
      <TextField label="Description" value={m.description} onChange={(description) => set({ description }, "description")} />
      <fieldset>
        <legend>Designed for</legend>
        <div className="pair">
          <NumberField label="Width" value={m.targetResolution.width} step={1} onChange={(w) => set({ targetResolution: { ...m.targetResolution, width: int(w) } }, "res")} />
          <NumberField label="Height" value={m.targetResolution.height} step={1} onChange={(h) => set({ targetResolution: { ...m.targetResolution, height: int(h) } }, "res")} />
        </div>
      </fieldset>
      <MusicFields music={effect.music} />
      <fieldset>
        <legend>Budgets</legend>
        <NumberField label="Package (MiB)" value={m.budgets.maxPackageBytes / 1048576} step={1} onChange={(v) => set({ budgets: { ...m.budgets, maxPackageBytes: int(v * 1048576) } }, "budget")} />
        <NumberField label="Textures (MiB)" value={m.budgets.maxTextureBytes / 1048576} step={1} onChange={(v) => set({ budgets: { ...m.budgets, maxTextureBytes: int(v * 1048576) } }, "budget")} />
        <NumberField label="Particles" value={m.budgets.maxParticles} step={100} onChange={(v) => set({ budgets: { ...m.budgets, maxParticles: int(v) } }, "budget")} />
        <NumberField label="Faces" value={m.budgets.maxFaces} step={1} onChange={(v) => set({ budgets: { ...m.budgets, maxFaces: int(v) } }, "budget")} />
        <NumberField label="Audio (s)" value={m.budgets.maxAudioSeconds} step={10} onChange={(v) => set({ budgets: { ...m.budgets, maxAudioSeconds: int(v) } }, "budget")} />
      </fieldset>
    </div>
  );
}
