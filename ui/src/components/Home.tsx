import { useEffect } from "react";
import { forgetRecentProject } from "../ipc";
import { openProject, refreshRecent } from "../store/actions";
import { openAnother } from "../store/leave";
import { store, useStudio } from "../store/store";
import { EngineStatus } from "./EngineStatus";

/** What the Studio shows with no project open: new, open, and the recent projects. */
export function Home() {
  const recent = useStudio((s) => s.recent);
  useEffect(() => {
    void refreshRecent(store);
  }, []);
  const open = () => openAnother(store);
  const forget = async (dir: string) => {
    try {
      store.set({ recent: await forgetRecentProject(dir) });
    } catch (e) {
      store.notifyError(e);
    }
  };
  return (
    <main className="home">
      <h1>Lantern Studio</h1>
      <p>Build face- and gesture-driven effects for live streams.</p>
      <div className="home-actions">
        <button className="primary" onClick={() => store.set({ dialog: "newProject" })}>
          New project
        </button>
        <button onClick={open}>Open project…</button>
      </div>
      <h2>Recent projects</h2>
      {recent.length === 0 && <p className="muted">None yet.</p>}
      <ul className="recent" data-testid="recent-projects">
        {recent.map((r) => (
          <li key={r.dir}>
            <button disabled={!r.exists} onClick={() => openProject(store, r.dir)} title={r.dir}>
              <strong>{r.name}</strong> <span className="muted">{r.dir}</span>
              {!r.exists && <em> (missing)</em>}
            </button>
            <button aria-label={`Forget ${r.name}`} onClick={() => forget(r.dir)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <EngineStatus />
    </main>
  );
}
