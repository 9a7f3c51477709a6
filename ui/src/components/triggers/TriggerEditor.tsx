import type { Trigger, When } from "../../generated/effect";
import { changeTriggerWhen, updateTrigger } from "../../store/edits";
import { quoted } from "../../store/labels";
import { store } from "../../store/store";
import { IdField } from "../inspectors/LayerInspector";
import { NumberField } from "../inspectors/fields";
import { ActionsFields } from "./ActionsFields";
import { WhenFields } from "./WhenFields";

function select(id: string): void {
  store.set({ selection: { kind: "trigger", id } });
}

/** A new source for the trigger; its automatic id follows ("gestureTrigger" → "faceTrigger"). */
function changeSource(trigger: Trigger, when: When): void {
  const doc = store.doc();
  if (!doc) return;
  const changed = changeTriggerWhen(doc, trigger.id, when);
  store.edit(() => changed.effect, { label: `Make ${quoted(trigger.id)} a ${when.on} trigger` });
  if (changed.id !== trigger.id) select(changed.id);
}

/** One trigger: when it fires, what it does, and how often it may fire. */
export function TriggerEditor({ trigger }: { trigger: Trigger }) {
  const set = (patch: Partial<Trigger>, key: string) =>
    store.edit((e) => updateTrigger(e, trigger.id, (t) => ({ ...t, ...patch })), { gesture: `${trigger.id}.${key}` });
  const held = trigger.when.on === "gesture" || trigger.when.on === "face";
  return (
    <div className="inspector" data-testid="trigger-editor">
      <h2>
        Trigger <span className="muted">{trigger.id}</span>
      </h2>
      <IdField
        id={trigger.id}
        onRename={(id) => {
          store.edit((e) => updateTrigger(e, trigger.id, (t) => ({ ...t, id })), { label: `Rename trigger ${quoted(trigger.id)} to ${quoted(id)}` });
          select(id);
        }}
      />
      <WhenFields value={trigger.when} onChange={(when) => (when.on === trigger.when.on ? set({ when }, "when") : changeSource(trigger, when))} />
      <NumberField label="Cooldown (s)" value={trigger.cooldown} min={0} step={0.5} onChange={(cooldown) => set({ cooldown }, "cooldown")} />
      {held && (
        <div className="pair">
          <NumberField
            label="Begin after frames"
            value={trigger.hysteresis.beginFrames}
            min={0}
            step={1}
            onChange={(v) => set({ hysteresis: { ...trigger.hysteresis, beginFrames: Math.round(v) } }, "hysteresis")}
          />
          <NumberField
            label="End after frames"
            value={trigger.hysteresis.endFrames}
            min={0}
            step={1}
            onChange={(v) => set({ hysteresis: { ...trigger.hysteresis, endFrames: Math.round(v) } }, "hysteresis")}
          />
        </div>
      )}
      <ActionsFields value={trigger.actions} onChange={(actions) => set({ actions }, "actions")} />
    </div>
  );
}
