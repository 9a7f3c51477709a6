// The effect's background music: which sound, its volume, whether it loops, its fades and how far
// it ducks under speech.
import type { Music } from "../../generated/effect";
import { setMusic } from "../../store/edits";
import { quoted } from "../../store/labels";
import { store, useStudio } from "../../store/store";
import { CheckField, Field, NumberField, SliderField } from "./fields";

export function defaultMusic(sound: string): Music {
  return { sound, volume: 0.8, loop: true, fadeIn: 1, fadeOut: 1, duck: 1 };
}

export function MusicFields({ music }: { music: Music | undefined }) {
  const sounds = useStudio((s) => s.history?.present.assets ?? []).filter((a) => a.type === "audio");
  const set = (patch: Partial<Music>, key: string) => music && store.edit((e) => setMusic(e, { ...music, ...patch }), { gesture: `music.${key}` });
  const pick = (id: string) =>
    store.edit((e) => setMusic(e, id ? { ...(music ?? defaultMusic(id)), sound: id } : null), { label: id ? `Play ${quoted(id)} as music` : "Remove the music" });
  const missing = music && !sounds.some((a) => a.id === music.sound);
  return (
    <fieldset data-testid="music-fields">
      <legend>Music</legend>
      <Field label="Background music">
        <select aria-label="Background music" value={music?.sound ?? ""} onChange={(e) => pick(e.target.value)}>
          <option value="">None</option>
          {missing && <option value={music.sound}>{music.sound} (missing)</option>}
          {sounds.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id}
            </option>
          ))}
        </select>
        {sounds.length === 0 && !music && <small className="muted">Import a sound (.wav, .ogg, .mp3, .m4a) to add music.</small>}
      </Field>
      {music && (
        <>
          <SliderField label="Music volume" value={music.volume} onChange={(volume) => set({ volume }, "volume")} />
          <CheckField label="Loop the music" value={music.loop} onChange={(loop) => set({ loop }, "loop")} />
          <div className="pair">
            <NumberField label="Fade in (s)" value={music.fadeIn} min={0} step={0.5} onChange={(fadeIn) => set({ fadeIn: Math.max(0, fadeIn) }, "fadeIn")} />
            <NumberField label="Fade out (s)" value={music.fadeOut} min={0} step={0.5} onChange={(fadeOut) => set({ fadeOut: Math.max(0, fadeOut) }, "fadeOut")} />
          </div>
          <SliderField label="Under speech (duck)" value={music.duck} onChange={(duck) => set({ duck }, "duck")} />
        </>
      )}
    </fieldset>
  );
}
