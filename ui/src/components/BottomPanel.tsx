import { store, useStudio } from "../store/store";
import { ConsolePanel } from "./ConsolePanel";
import { ScriptPanel } from "./ScriptPanel";
import { Timeline } from "./timeline/Timeline";
import { TriggersPanel } from "./triggers/TriggersPanel";

const TABS = [
  ["triggers", "Triggers"],
  ["timeline", "Timeline"],
  ["script", "Script"],
  ["console", "Console"],
] as const;

/** Triggers, the timeline, the script editor and the console, one at a time under the preview. */
export function BottomPanel() {
  const tab = useStudio((s) => s.bottomTab);
  const unread = useStudio((s) => s.console.some((l) => l.level === "error"));
  return (
    <section className="panel bottom">
      <div className="tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} role="tab" aria-selected={tab === id} onClick={() => store.set({ bottomTab: id })}>
            {label}
            {id === "console" && unread && <span className="error"> ●</span>}
          </button>
        ))}
      </div>
      {tab === "triggers" && <TriggersPanel />}
      {tab === "timeline" && <Timeline />}
      {tab === "script" && <ScriptPanel />}
      {tab === "console" && <ConsolePanel />}
    </section>
  );
}
