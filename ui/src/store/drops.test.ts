import { beforeEach, describe, expect, it, vi } from "vitest";

const calls: { cmd: string; args: Record<string, unknown> }[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push({ cmd, args });
    if (cmd === "import_assets") return [];
    if (cmd === "open_project") return { dir: args.dir, effect: (await import("./fixtures")).emptyEffect() };
    return [];
  },
  Channel: class {},
}));

const drops = await import("./drops");
const { ask } = await import("./prompt");
const { emptyEffect } = await import("./fixtures");
const { Store } = await import("./store");

type Handler = Parameters<Parameters<typeof drops.watchDrops>[1]["onDragDropEvent"]>[0];

describe("files dropped on the window", () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it("are imported into the open project; the assets panel shows the drag", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    let handler: Handler | null = null;
    drops.watchDrops(s, { onDragDropEvent: async (h) => ((handler = h), () => undefined) });
    const send = (payload: Parameters<Handler>[0]["payload"]) => handler!({ payload });
    send({ type: "enter", paths: ["/a.png"] });
    expect(s.get().dragOver).toBe(true);
    send({ type: "over" });
    send({ type: "drop", paths: ["/a.png", "/b.png"] });
    expect(s.get().dragOver).toBe(false);
    await vi.waitFor(() => expect(calls.map((c) => c.cmd)).toContain("import_assets"));
    expect(calls.find((c) => c.cmd === "import_assets")!.args.paths).toEqual(["/a.png", "/b.png"]);
  });

  it("answer a prompt that asks for a path, and nothing else while another question is open", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    const asked = ask(s, { title: "Open?", choices: [], primary: "take", cancel: "cancel", path: { multiple: false, placeholder: "", browse: async () => [] } });
    await drops.dropped(s, ["/x/folder", "/y"]);
    expect(await asked).toEqual({ choice: "take", paths: ["/x/folder"] });
    void ask(s, { title: "Save?", choices: [], primary: "save", cancel: "cancel" });
    await drops.dropped(s, ["/a.png"]);
    expect(calls).toEqual([]);
    expect(s.get().prompt?.title).toBe("Save?");
  });

  it("on the home screen, open the dropped folder as a project", async () => {
    const s = new Store();
    await drops.dropped(s, ["/effects/hat"]);
    expect(calls.map((c) => c.cmd)).toContain("open_project");
    expect(s.get().project?.dir).toBe("/effects/hat");
  });
});
