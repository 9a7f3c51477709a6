import { beforeEach, describe, expect, it, vi } from "vitest";

const calls: { cmd: string; args: Record<string, unknown> }[] = [];
let failSave = false;
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push({ cmd, args });
    if (cmd === "save_project" && failSave) throw { code: "io", message: "effect.json: the disk is full" };
    return cmd === "save_project" ? { savedAtMs: 1 } : null;
  },
  Channel: class {},
}));

const { confirmLeave, leavePrompt, watchClose } = await import("./leave");
const { ask } = await import("./prompt");
const { editScript, openScript } = await import("./script");
const { newLayer } = await import("./defaults");
const { addLayer } = await import("./edits");
const { emptyEffect } = await import("./fixtures");
const { Store, isDirty } = await import("./store");

const cmds = () => calls.map((c) => c.cmd);

/** A project "Test" with one unsaved edit. */
function edited() {
  const s = new Store();
  s.load("/p", emptyEffect());
  s.edit((e) => addLayer(e, newLayer(e, "beauty")));
  return s;
}

/** Leave `s` before `doing`, answering the prompt with `choice`; what confirmLeave said. */
async function leave(s: InstanceType<typeof Store>, choice: string) {
  const left = confirmLeave(s, "closing");
  await vi.waitFor(() => expect(s.get().prompt).not.toBeNull());
  s.get().prompt!.answer({ choice, paths: [] });
  return left;
}

describe("leaving a project with unsaved changes", () => {
  beforeEach(() => {
    calls.length = 0;
    failSave = false;
  });

  it("asks nothing when nothing is unsaved", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    expect(await confirmLeave(s, "closing")).toBe(true);
    expect(s.get().prompt).toBeNull();
  });

  it("asks “Save changes to … before closing?” with Save as the default and Escape as Cancel", () => {
    const p = leavePrompt(edited().get(), "closing");
    expect(p.title).toBe("Save changes to “Test” before closing?");
    expect(p.choices.map((c) => c.label)).toEqual(["Don't save", "Cancel", "Save"]);
    expect([p.primary, p.cancel]).toEqual(["save", "cancel"]);
    expect(p.text).toMatch(/recovery file/);
  });

  it("Save saves, then leaves; a failed save stays, with the error shown", async () => {
    const s = edited();
    expect(await leave(s, "save")).toBe(true);
    expect(cmds()).toEqual(["save_project"]);
    expect(isDirty(s.get())).toBe(false);
    expect(s.get().prompt).toBeNull();

    const t = edited();
    failSave = true;
    expect(await leave(t, "save")).toBe(false);
    expect(isDirty(t.get())).toBe(true);
    expect(t.get().notices.at(-1)).toMatchObject({ kind: "error", text: "effect.json: the disk is full" });
  });

  it("Don't save leaves, the last edits written to the recovery file; Cancel stays", async () => {
    const s = edited();
    expect(await leave(s, "cancel")).toBe(false);
    expect(cmds()).toEqual([]);
    expect(await leave(s, "discard")).toBe(true);
    expect(cmds()).toEqual(["autosave_project"]);
  });

  it("counts the open script's unsaved text, and Save saves it too", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    openScript(s, "scripts/main.js", "a");
    editScript(s, "ab");
    expect(leavePrompt(s.get(), "closing").text).toBe("If you don't save, the changes to scripts/main.js are lost.");
    s.edit((e) => addLayer(e, newLayer(e, "beauty")));
    expect(leavePrompt(s.get(), "closing").text).toMatch(/^If you don't save, the changes to scripts\/main\.js are lost; the project's other changes stay/);
    expect(await leave(s, "save")).toBe(true);
    expect(cmds()).toEqual(["save_project", "save_script"]);
    expect(calls[1]!.args).toEqual({ dir: "/p", path: "scripts/main.js", text: "ab" });
    expect(await confirmLeave(s, "closing")).toBe(true);
  });

  it("a second question answers the first with its cancel choice", async () => {
    const s = new Store();
    const first = ask(s, { title: "A?", choices: [], primary: "y", cancel: "n" });
    const second = ask(s, { title: "B?", choices: [], primary: "y", cancel: "n" });
    expect(await first).toEqual({ choice: "n", paths: [] });
    expect(s.get().prompt?.title).toBe("B?");
    s.get().prompt!.answer({ choice: "y", paths: [] });
    expect((await second).choice).toBe("y");
    expect(s.get().prompt).toBeNull();
  });
});

describe("closing the window", () => {
  /** A window whose close requests the test makes. */
  function fakeWindow() {
    let handler: ((e: { preventDefault(): void }) => void) | null = null;
    const win = {
      destroyed: 0,
      onCloseRequested: async (h: (e: { preventDefault(): void }) => void) => {
        handler = h;
        return () => (handler = null);
      },
      destroy: async () => void win.destroyed++,
      /** A close request; whether it was prevented. */
      requestClose: () => {
        let prevented = false;
        handler?.({ preventDefault: () => (prevented = true) });
        return prevented;
      },
    };
    return win;
  }

  beforeEach(() => {
    calls.length = 0;
  });

  it("closes at once when nothing is unsaved (Tauri destroys the window)", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    const win = fakeWindow();
    const stop = watchClose(s, win);
    await vi.waitFor(() => expect(win.requestClose()).toBe(false));
    expect(s.get().prompt).toBeNull();
    stop();
  });

  it("with unsaved changes: keeps the window and asks; Cancel keeps it, Save saves and destroys it once", async () => {
    const s = edited();
    const win = fakeWindow();
    const stop = watchClose(s, win);
    await vi.waitFor(() => expect(win.requestClose()).toBe(true));
    expect(s.get().prompt?.title).toBe("Save changes to “Test” before closing?");
    s.get().prompt!.answer({ choice: "cancel", paths: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.get().prompt).toBeNull();
    expect(win.destroyed).toBe(0);

    expect(win.requestClose()).toBe(true);
    const prompt = s.get().prompt;
    // A second request while asking: still kept open, and the same question.
    expect(win.requestClose()).toBe(true);
    expect(s.get().prompt).toBe(prompt);
    prompt!.answer({ choice: "save", paths: [] });
    await vi.waitFor(() => expect(win.destroyed).toBe(1));
    expect(cmds()).toEqual(["save_project"]);
    stop();
    expect(win.requestClose()).toBe(false);
  });
});
