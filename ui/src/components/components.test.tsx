import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Layer } from "../generated/effect";
import { LAYER_KINDS, newLayer, newTrigger } from "../store/defaults";
import { addLayer, addTrigger, updateTrigger } from "../store/edits";
import { emptyEffect } from "../store/fixtures";
import { store } from "../store/store";
import { describeCapabilities, formatAmount, selectionForPointer } from "./ExportDialog";
import { Inspector } from "./Inspector";
import { FaceDiagram } from "./inspectors/FaceDiagram";
import { summarize } from "./triggers/TriggersPanel";

describe("inspectors", () => {
  it("render an editor for every layer kind", () => {
    let e = emptyEffect();
    const layers: Layer[] = [];
    for (const { kind } of LAYER_KINDS) {
      const l = newLayer(e, kind, "hat");
      layers.push(l);
      e = addLayer(e, l);
    }
    store.load("/p", e);
    for (const l of layers) {
      store.set({ selection: { kind: "layer", id: l.id } });
      const html = renderToStaticMarkup(<Inspector />);
      expect(html, l.type).toContain('data-testid="layer-inspector"');
      expect(html, l.type).toContain(l.id);
    }
    store.set({ selection: { kind: "layer", id: layers[1]!.id } });
    expect(renderToStaticMarkup(<Inspector />)).toContain('aria-label="Face anchor"');
    store.set({ selection: null });
    expect(renderToStaticMarkup(<Inspector />)).toContain('data-testid="meta-inspector"');
  });

  it("the face diagram offers every anchor and marks the chosen one", () => {
    const html = renderToStaticMarkup(<FaceDiagram value="chin" onPick={() => undefined} />);
    expect(html.match(/role="button"/g)?.length).toBe(9);
    expect(html).toMatch(/aria-label="Chin" aria-pressed="true"/);
    expect(html).toMatch(/aria-label="Forehead" aria-pressed="false"/);
  });
});

describe("export dialog helpers", () => {
  it("maps problem pointers to the element to select", () => {
    let e = addLayer(emptyEffect(), newLayer(emptyEffect(), "sticker", "hat"));
    const t = newTrigger(e);
    e = addTrigger(e, t);
    expect(selectionForPointer(e, "/layers/0/asset")).toEqual({ kind: "layer", id: "hatSticker" });
    expect(selectionForPointer(e, "/triggers/0")).toEqual({ kind: "trigger", id: t.id });
    expect(selectionForPointer(e, "/assets/0/path")).toEqual({ kind: "asset", id: "hat" });
    const animated = { ...e, animations: [{ layer: "hatSticker", name: "pop", playback: "hold" as const, autoplay: false, tracks: {} }] };
    expect(selectionForPointer(animated, "/animations/0/tracks")).toEqual({ kind: "layer", id: "hatSticker" });
    expect(selectionForPointer(e, "/layers/9")).toBeNull();
    expect(selectionForPointer(e, "")).toBeNull();
  });

  it("formats budgets and capabilities for people", () => {
    expect(formatAmount("packageBytes", 2048)).toBe("2.0 KiB");
    expect(formatAmount("textureBytes", 3 * 1048576)).toBe("3.00 MiB");
    expect(formatAmount("particles", 300)).toBe("300");
    const caps = { face: true, faceMesh: true, iris: false, hands: true, handAnchors: false, gestures: ["heart" as const], segmentation: false, maxFaces: 1, maxHands: 2, script: false };
    expect(describeCapabilities(caps)).toBe("face tracking (up to 1), face mesh, hands (up to 2; gestures: heart)");
  });

  it("summarises triggers in one line", () => {
    let e = emptyEffect();
    const t = newTrigger(e, "gesture");
    e = updateTrigger(addTrigger(e, t), t.id, (x) => ({ ...x, actions: [{ do: "show", layer: "crown" }] }));
    expect(summarize(e.triggers[0]!)).toBe("heart (begin) → show crown");
  });
});

describe("go live", () => {
  it("renders the panel with a password field and the badge with the duration and figures", async () => {
    const { GoLivePanel, LiveBadge, inputName, statusLine } = await import("./GoLive");
    store.load("/p", emptyEffect());
    const panel = renderToStaticMarkup(<GoLivePanel valid={false} />);
    expect(panel).toContain('type="password"');
    expect(panel).toMatch(/<button[^>]*disabled=""[^>]*>Go live<\/button>/);
    expect(renderToStaticMarkup(<LiveBadge />)).toBe("");
    const since = Date.now() - 65_000;
    store.setGoLive({ status: "live", url: "rtmp://h/app/••••", since, stats: { uptimeS: 65, fpsOut: 29.7, fpsIn: 30, kbps: 2481, framesSent: 1900, dropped: 3, reconnects: 1, renderMs: 20, previewFps: 24 } });
    const badge = renderToStaticMarkup(<LiveBadge />);
    expect(badge).toContain("LIVE 01:05");
    expect(badge).toContain("30 fps · 2481 kbit/s · 3 dropped · 1 reconnects");
    expect(statusLine(store.get().goLive, since + 65_000)).toBe("Live to rtmp://h/app/•••• for 01:05.");
    expect(inputName(null)).toMatch(/test pattern/);
    expect(inputName({ kind: "video", path: "/m/clip.mp4" })).toBe("the video clip.mp4");
    store.setGoLive({ status: "off", stats: null, since: null });
  });
});
