import type { FaceEventKind, Gesture, HandSelect, Phase, When } from "../../generated/effect";
import { type WhenKind, defaultWhen } from "../../store/defaults";
import { useStudio } from "../../store/store";
import { FaceIndexField, NumberField, SelectField, TextField } from "../inspectors/fields";

const GESTURES: Gesture[] = [
  "heart", "fingerHeart", "thumbsUp", "thumbsDown", "victory", "ok", "openPalm", "fist", "pointing", "rock", "call", "salute",
];
const FACE_EVENTS: FaceEventKind[] = ["mouthOpen", "smile", "blink", "browsRaised", "nod", "shake", "found", "lost"];
const SOURCES: { value: WhenKind; label: string }[] = [
  { value: "gesture", label: "Hand gesture" },
  { value: "face", label: "Face event" },
  { value: "timer", label: "Timer" },
  { value: "tap", label: "Viewer taps a hot-zone" },
  { value: "command", label: "Host command" },
];
const PHASES: { value: Phase; label: string }[] = [
  { value: "begin", label: "Begin" },
  { value: "stay", label: "Stay (every frame)" },
  { value: "end", label: "End" },
];

/** What fires a trigger: the source and its details. */
export function WhenFields(props: { value: When; onChange: (w: When) => void }) {
  const w = props.value;
  const layers = useStudio((s) => s.history?.present.layers ?? []);
  const set = props.onChange;
  return (
    <fieldset>
      <legend>When</legend>
      <SelectField<WhenKind> label="Source" value={w.on} options={SOURCES} onChange={(on) => on !== w.on && set(defaultWhen(on))} />
      {w.on === "gesture" && (
        <>
          <SelectField<Gesture> label="Gesture" value={w.gesture} options={GESTURES} onChange={(gesture) => set({ ...w, gesture })} />
          <SelectField<HandSelect> label="Hand" value={w.hand} options={["any", "left", "right"]} onChange={(hand) => set({ ...w, hand })} />
          <SelectField<Phase> label="Phase" value={w.phase} options={PHASES} onChange={(phase) => set({ ...w, phase })} />
        </>
      )}
      {w.on === "face" && (
        <>
          <SelectField<FaceEventKind> label="Event" value={w.event} options={FACE_EVENTS} onChange={(event) => set({ ...w, event })} />
          <SelectField<Phase> label="Phase" value={w.phase} options={PHASES} onChange={(phase) => set({ ...w, phase })} />
          <FaceIndexField label="Which face" value={w.face} anyLabel="Any face" onChange={(face) => set({ ...w, face })} />
        </>
      )}
      {w.on === "timer" && (
        <>
          <NumberField label="Every (s)" value={w.every} min={0.1} step={1} onChange={(every) => set({ ...w, every })} />
          <NumberField label="First after (s)" value={w.after} min={0} step={1} onChange={(after) => set({ ...w, after })} />
        </>
      )}
      {w.on === "tap" && (
        <SelectField
          label="Hot-zone"
          value={w.layer ?? ""}
          options={[{ value: "", label: "Any hot-zone" }, ...layers.filter((l) => l.hotZone).map((l) => ({ value: l.id, label: l.id }))]}
          onChange={(layer) => set({ on: "tap", ...(layer ? { layer } : {}) })}
        />
      )}
      {w.on === "command" && <TextField label="Command name" value={w.name} onChange={(name) => set({ ...w, name })} />}
    </fieldset>
  );
}
