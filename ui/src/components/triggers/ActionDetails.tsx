// The fields of one action beyond its kind and layer: a burst's count, a text, an event name, the
// animation to start, the sound to play or stop with its volume and loop.
import type { Action } from "../../generated/effect";
import { animationsOf } from "../../store/animations";
import { withBurstCount } from "../../store/edits";
import { useStudio } from "../../store/store";
import { CheckField, OptionalNumberField, SelectField, SliderField, TextField } from "../inspectors/fields";

/** Options for a reference: what fits, plus the current value marked when it is missing. */
function choices(fits: string[], value: string, what: string): { value: string; label: string }[] {
  const ids = fits.map((id) => ({ value: id, label: id }));
  if (fits.includes(value)) return ids;
  return [{ value, label: value ? `${value} (missing)` : `— choose ${what} —` }, ...ids];
}

export function ActionDetails({ a, set }: { a: Action; set: (a: Action) => void }) {
  const doc = useStudio((s) => s.history?.present);
  if (!doc) return null;
  const sounds = doc.assets.filter((x) => x.type === "audio").map((x) => x.id);
  switch (a.do) {
    case "burst": {
      const l = doc.layers.find((x) => x.id === a.layer);
      // Empty shows what a burst without a count sends: the layer's own burst.
      const own = l?.type === "particles" ? `${l.burst} (the layer's burst)` : undefined;
      return (
        <OptionalNumberField label="Count (empty = layer's burst)" value={a.count} placeholder={own} min={0} step={10} onChange={(c) => set(withBurstCount(a, c))} />
      );
    }
    case "setText":
      return <TextField label="Text" value={a.text} onChange={(text) => set({ ...a, text })} />;
    case "scriptEvent":
      return <TextField label="Event name" value={a.name} onChange={(name) => set({ ...a, name })} />;
    case "animate": {
      const names = animationsOf(doc, a.layer).map((x) => x.name);
      return (
        <>
          <SelectField label="Animation" value={a.animation} options={choices(names, a.animation, "an animation")} onChange={(animation) => set({ ...a, animation })} />
          {names.length === 0 && <small className="warn">This layer has no animations: add one in the Timeline.</small>}
        </>
      );
    }
    case "playSound":
      return (
        <>
          <SelectField label="Sound" value={a.sound} options={choices(sounds, a.sound, "a sound")} onChange={(sound) => set({ ...a, sound })} />
          <SliderField label="Volume" value={a.volume} onChange={(volume) => set({ ...a, volume })} />
          <CheckField label="Loop until stopped" value={a.loop} onChange={(loop) => set({ ...a, loop })} />
          {sounds.length === 0 && <small className="warn">Import a sound (.wav, .ogg, .mp3, .m4a) first.</small>}
        </>
      );
    case "stopSound":
      return <SelectField label="Sound" value={a.sound} options={choices(sounds, a.sound, "a sound")} onChange={(sound) => set({ ...a, sound })} />;
    default:
      return null;
  }
}
