import { save } from "../store/actions";
import { openAnother, startNew } from "../store/leave";
import { redoLabel, undoLabel } from "../store/history";
import { isDirty, isOnAir, store, useStudio } from "../store/store";
import { LiveBadge } from "./GoLive";
import { PublishBadge } from "./PublishDialog";

/** "Undo Move layer “hat”": the step it takes back (or makes again) in the label and the tooltip. */
function HistoryButton(props: { verb: string; step: string | null; keys: string; onClick: () => void }) {
  const { verb, step } = props;
  const title = step ? `${verb} ${step} (${props.keys})` : `Nothing to ${verb.toLowerCase()}`;
  return (
    <button className="history" onClick={props.onClick} disabled={!step} title={title} data-testid={verb.toLowerCase()}>
      {verb}
      {step && <span className="step"> {step}</span>}
    </button>
  );
}

/** New / Open / Save / Undo / Redo / Export / Publish / Go live, the project's name and state, the review's status. */
export function Toolbar() {
  const name = useStudio((s) => s.history?.present.meta.name ?? "");
  const dirty = useStudio(isDirty);
  const undoing = useStudio((s) => undoLabel(s.history));
  const redoing = useStudio((s) => redoLabel(s.history));
  const onAir = useStudio((s) => isOnAir(s.goLive));
  return (
    <header className="toolbar" role="toolbar" aria-label="Project">
      <button onClick={() => startNew(store)}>New</button>
      <button onClick={() => openAnother(store)}>Open…</button>
      <button onClick={() => save(store)} disabled={!dirty} title="Ctrl+S">
        Save
      </button>
      <span className="sep" />
      <HistoryButton verb="Undo" step={undoing} keys="Ctrl+Z" onClick={() => store.undo()} />
      <HistoryButton verb="Redo" step={redoing} keys="Ctrl+Shift+Z" onClick={() => store.redo()} />
      <span className="sep" />
      <button onClick={() => store.set({ dialog: "export" })}>Export…</button>
      <button onClick={() => store.set({ dialog: "publish" })} title="Upload the effect to a Lantern Hub for review">
        Publish…
      </button>
      {!onAir && (
        <button onClick={() => store.set({ dialog: "export" })} title="Validate the effect, then stream it to an RTMP server">
          Go live…
        </button>
      )}
      <LiveBadge />
      <PublishBadge />
      <span className="title" data-testid="project-title">
        {name}
        {dirty && <span title="Unsaved changes (autosaved for recovery)"> ●</span>}
      </span>
    </header>
  );
}
