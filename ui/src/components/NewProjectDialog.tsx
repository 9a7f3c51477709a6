import { useState } from "react";
import { pickFolder } from "../dialogs";
import { createProject } from "../store/actions";
import { store } from "../store/store";

/** The folder name a project called `name` gets. */
export function folderName(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "effect";
}

/** Name the effect and choose where its folder goes. */
export function NewProjectDialog() {
  const [name, setName] = useState("My effect");
  const [parent, setParent] = useState("");
  const dir = parent ? `${parent.replace(/[\\/]+$/, "")}/${folderName(name)}` : "";
  const browse = async () => {
    try {
      const p = await pickFolder("Where should the project folder go?");
      if (p) setParent(p);
    } catch (e) {
      store.notifyError(e);
    }
  };
  const create = async () => {
    if (dir) await createProject(store, dir, name);
  };
  return (
    <div className="modal" role="dialog" aria-label="New project">
      <h2>New project</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label>
        Location
        <span className="row">
          <input value={parent} onChange={(e) => setParent(e.target.value)} placeholder="/home/you/effects" />
          <button onClick={browse}>Browse…</button>
        </span>
      </label>
      {dir && <p className="muted">The project folder will be {dir}</p>}
      <div className="row end">
        <button onClick={() => store.set({ dialog: "none" })}>Cancel</button>
        <button className="primary" disabled={!dir || !name.trim()} onClick={create}>
          Create
        </button>
      </div>
    </div>
  );
}
