import { useState } from "react";
import { pickFolder, typedPath } from "../dialogs";
import { createProject } from "../store/actions";
import { store } from "../store/store";
import { PathField } from "./PathField";

/** The folder name a project called `name` gets. */
export function folderName(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "effect";
}

/** The folder a project called `name` gets in `parent` ("" without a parent). */
export function projectDir(parent: string, name: string): string {
  return parent ? `${parent.replace(/[\\/]+$/, "")}/${folderName(name)}` : "";
}

/** Name the effect and choose where its folder goes. */
export function NewProjectDialog() {
  const [name, setName] = useState("My effect");
  const [parent, setParent] = useState("");
  const dir = projectDir(parent, name);
  const browse = async () => {
    const p = await pickFolder("Where should the project folder go?");
    if (p) setParent(p);
  };
  const create = async () => {
    if (dir && name.trim()) await createProject(store, projectDir(await typedPath(parent), name), name);
  };
  return (
    <div className="modal" role="dialog" aria-label="New project">
      <h2>New project</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <PathField label="Location" value={parent} onChange={setParent} placeholder="/home/you/effects" onBrowse={browse} onEnter={create} />
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
