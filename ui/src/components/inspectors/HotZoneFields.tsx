import type { HotZoneSpec } from "../../generated/effect";
import { CheckField, TextField } from "./fields";

/** Make a layer interactive: its rectangle is sent to players as a hot-zone. */
export function HotZoneFields(props: { value: HotZoneSpec | undefined; onChange: (v: HotZoneSpec | undefined) => void }) {
  const v = props.value;
  return (
    <fieldset>
      <legend>Hot-zone</legend>
      <CheckField
        label="Viewers can tap it"
        value={!!v}
        onChange={(on) => props.onChange(on ? { kind: "product" } : undefined)}
      />
      {v && (
        <>
          <TextField label="Kind" value={v.kind} onChange={(kind) => props.onChange({ ...v, kind })} />
          <TextField
            label="Label"
            value={typeof v.payload === "object" && v.payload && "label" in v.payload ? String(v.payload.label) : ""}
            onChange={(label) => props.onChange({ ...v, payload: label ? { label } : undefined })}
          />
        </>
      )}
    </fieldset>
  );
}
