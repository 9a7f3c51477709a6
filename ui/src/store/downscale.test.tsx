import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Oversized } from "../generated/ipc";

const calls: { cmd: string; args: Record<string, unknown> }[] = [];
let plan: Oversized[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push({ cmd, args });
    if (cmd === "plan_import") return plan;
    if (cmd === "import_assets") {
      return (args.paths as string[]).map((p, n) => ({ asset: { type: "image", id: `img${n}`, path: `images/img${n}.png` }, files: [p], bytes: 1, width: 1, height: 1, frames: 1 }));
    }
    return [];
  },
  Channel: class {},
}));

const { importFiles } = await import("./actions");
const { PromptDialog } = await import("../components/PromptDialog");
const { ask } = await import("./prompt");
const { downscalePrompt, formatBytes } = await import("./downscale");
const { emptyEffect } = await import("./fixtures");
const { Store, store } = await import("./store");

function oversized(source: string, width: number, height: number, proposed: [number, number], frames = 1): Oversized {
  return {
    source,
    width,
    height,
    frames,
    textureBytes: width * height * 4 * frames,
    maxSide: 1920,
    proposedWidth: proposed[0],
    proposedHeight: proposed[1],
    proposedTextureBytes: proposed[0] * proposed[1] * 4 * frames,
  };
}

const big = oversized("/pics/Big Sticker.png", 3000, 1500, [1920, 960]);
const photo = oversized("/pics/photo.jpg", 1200, 2400, [960, 1920]);
const frames = oversized("/pics/burst/", 700, 2100, [640, 1920], 3);

/** Answer each prompt the store shows with the next of `choices`; resolves with their titles. */
function answer(s: InstanceType<typeof Store>, choices: string[]): string[] {
  const titles: string[] = [];
  s.subscribe(() => {
    const p = s.get().prompt;
    if (!p || titles.length > choices.length || titles.includes(p.title)) return;
    titles.push(p.title);
    const choice = choices[titles.length - 1] ?? p.cancel;
    queueMicrotask(() => p.answer({ choice, paths: [] }));
  });
  return titles;
}

describe("downscaling oversized images on import", () => {
  beforeEach(() => {
    calls.length = 0;
    plan = [];
  });

  it("offers the proposed size and the texture memory it saves; Enter downscales, Escape keeps", () => {
    const p = downscalePrompt([big]);
    expect(p.title).toBe("“Big Sticker.png” is larger than the effect can show");
    expect(p.text).toBe(
      "3000×1500 px takes 17.17 MiB of texture memory, but the effect never shows more than 1920 px on a side. " +
        "Downscaling imports a resized copy; your file is not changed.",
    );
    expect(p.choices).toEqual([
      { id: "keep", label: "Keep original" },
      { id: "downscale", label: "Downscale to 1920×960 (saves 10.13 MiB of texture memory)" },
    ]);
    expect([p.primary, p.cancel]).toEqual(["downscale", "keep"]);
    const many = downscalePrompt([photo, frames], 3);
    expect(many.title).toBe("“photo.jpg” is larger than the effect can show (2 of 3)");
    expect(many.choices.map((c) => c.label)).toEqual(["Keep original", "Downscale all 2 (saves 6.72 MiB)", "Downscale to 960×1920 (saves 3.96 MiB of texture memory)"]);
    expect(downscalePrompt([frames]).text).toMatch(/^3 frames of 700×2100 px take 16\.82 MiB/);
    expect(formatBytes(640 * 1024)).toBe("640.0 KiB");
  });

  it("shows the question in the Studio's modal, the downscale as the default button", () => {
    void ask(store, downscalePrompt([big]));
    const html = renderToStaticMarkup(<PromptDialog />);
    expect(html).toContain('role="alertdialog"');
    expect(html).toMatch(/<button>Keep original<\/button><button class="primary" autofocus="">Downscale to 1920×960 \(saves 10\.13 MiB of texture memory\)<\/button>/);
    store.get().prompt?.answer({ choice: "keep", paths: [] });
    expect(store.get().prompt).toBeNull();
  });

  it("asks about each oversized image before anything is copied, and imports the chosen ones downscaled", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    plan = [big, photo, frames];
    const titles = answer(s, ["downscale", "keep", "downscale"]);
    const ids = await importFiles(s, ["/pics/Big Sticker.png", "/pics/photo.jpg", "/pics/burst/", "/pics/font.ttf"]);
    expect(ids).toEqual(["img0", "img1", "img2", "img3"]);
    expect(titles).toHaveLength(3);
    expect(calls.map((c) => c.cmd).slice(0, 2)).toEqual(["plan_import", "import_assets"]);
    expect(calls[0]!.args).toEqual({ paths: ["/pics/Big Sticker.png", "/pics/photo.jpg", "/pics/burst/", "/pics/font.ttf"], how: "auto", target: { width: 1080, height: 1920 } });
    expect(calls[1]!.args.downscale).toEqual([
      { source: "/pics/Big Sticker.png", maxSide: 1920 },
      { source: "/pics/burst/", maxSide: 1920 },
    ]);
    expect(s.get().notices.at(-1)?.text).toBe("Imported img0, img1, img2, img3 (2 downscaled)");
    expect(s.get().prompt).toBeNull();
  });

  it("downscales all that are waiting at once, or none when the originals are kept", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    plan = [big, photo, frames];
    answer(s, ["keep", "all"]);
    await importFiles(s, ["/pics/Big Sticker.png", "/pics/photo.jpg", "/pics/burst/"]);
    expect(calls.find((c) => c.cmd === "import_assets")!.args.downscale).toEqual([
      { source: "/pics/photo.jpg", maxSide: 1920 },
      { source: "/pics/burst/", maxSide: 1920 },
    ]);
    calls.length = 0;
    const t = new Store();
    t.load("/p", emptyEffect());
    plan = [big];
    answer(t, ["keep"]);
    await importFiles(t, ["/pics/Big Sticker.png"]);
    expect(calls.find((c) => c.cmd === "import_assets")!.args.downscale).toEqual([]);
  });

  it("imports small images without a question", async () => {
    const s = new Store();
    s.load("/p", emptyEffect());
    const titles = answer(s, []);
    expect(await importFiles(s, ["/pics/small.png"])).toEqual(["img0"]);
    expect(titles).toEqual([]);
    expect(calls.find((c) => c.cmd === "import_assets")!.args.downscale).toEqual([]);
  });
});
