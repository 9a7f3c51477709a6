import { mayLeave, openFromDialog, save } from "../store/actions";
import { isDirty, isOnAir, store, useStudio } from "../store/store";
import { LiveBadge } from "./GoLive";

/** New / Open / Save / Undo / Redo / Export / Go live, and the project's name and state. */
export function Toolbar() {
  const name = useStudio((s) => s.history?.present.meta.name ?? "");
  const dirty = useStudio(isDirty);
  const canUndo = useStudio((s) => (s.history?.past.length ?? 0) > 0);
  const canRedo = useStudio((s) => (s.history?.future.length ?? 0) > 0);
  const onAir = useStudio((s) => isOnAir(s.goLive));
  const open = () => openFromDialog(store);
  return (
    <header className="toolbar" role="toolbar" aria-label="Project">
      <button onClick={() => mayLeave(store) && store.set({ dialog: "newProject" })}>New</button>
      <button onClick={open}>Open…</button>
      <button onClick={() => save(store)} disabled={!dirty} title="Ctrl+S">
        Save
      </button>
      <span className="sep" />
      <button onClick={() => store.undo()} disabled={!canUndo} title="Ctrl+Z">
        Undo
      </button>
      <button onClick={() => store.redo()} disabled={!canRedo} title="Ctrl+Shift+Z">
        Redo
      </button>
      <span className="sep" />
      <button onClick={() => store.set({ dialog: "export" })}>Export…</button>
      {!onAir && (
        <button onClick={() => store.set({ dialog: "export" })} title="Validate the effect, then stream it to an RTMP server">
          Go live…
        </button>
      )}
      <LiveBadge />
      <span className="title" data-testid="project-title">
        {name}
        {dirty && <span title="Unsaved changes (autosaved for recovery)"> ●</span>}
      </span>
    </header>
  );
}
