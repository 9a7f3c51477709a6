// Issue #21's day-one bugs that rendering reaches: the burst count, the undo labels, the particle
// emitter in the Layout view, the skipped-frames readout.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Action, Layer } from "../generated/effect";
import { layerBox } from "../geometry/layout";
import { FRAMES } from "../geometry/frame";
import { newLayer } from "../store/defaults";
import { addLayer } from "../store/edits";
import { emptyEffect } from "../store/fixtures";
import { type LiveState, initialLive, store } from "../store/store";
import { Readout } from "./LivePreview";
import { PlacementBox } from "./PlacementBox";
import { Toolbar } from "./Toolbar";
import { ActionsFields } from "./triggers/ActionsFields";

function withConfetti() {
  const e = addLayer(emptyEffect(), newLayer(emptyEffect(), "particles", "hat"));
  store.load("/p", e);
  return e.layers[0] as Extract<Layer, { type: "particles" }>;
}

/** The `value` and `placeholder` of the input labelled `label`. */
function input(html: string, label: string): { value: string | undefined; placeholder: string | undefined } {
  const tag = html.match(new RegExp(`<input[^>]*aria-label="${label.replace(/[()]/g, "\\$&")}"[^>]*>`))?.[0] ?? "";
  return { value: tag.match(/ value="([^"]*)"/)?.[1], placeholder: tag.match(/ placeholder="([^"]*)"/)?.[1] };
}

describe("a burst's count", () => {
  it("shows the count the file holds, and empty (with the layer's burst as a hint) when it has none", () => {
    const layer = withConfetti();
    const render = (a: Action) => renderToStaticMarkup(<ActionsFields value={[a]} onChange={() => undefined} />);
    const label = "Count (empty = layer's burst)".replace("'", "&#x27;");
    expect(input(render({ do: "burst", layer: layer.id, count: 40 }), label).value).toBe("40");
    const unset = input(render({ do: "burst", layer: layer.id }), label);
    expect(unset.value).toBe("");
    expect(unset.placeholder).toBe("60 (the layer&#x27;s burst)");
  });
});

describe("the toolbar's undo and redo", () => {
  it("name the step they take back or make again, in the label and the tooltip", () => {
    const layer = withConfetti();
    expect(renderToStaticMarkup(<Toolbar />)).toMatch(/<button class="history"[^>]*disabled=""[^>]*title="Nothing to undo"[^>]*>Undo<\/button>/);
    store.edit((e) => addLayer(e, newLayer(e, "beauty")), { label: "Add layer “beauty”" });
    store.edit((e) => e, { label: "Nothing" });
    store.undo();
    store.edit((e) => ({ ...e, layers: e.layers.map((l) => (l.id === layer.id ? { ...l, visible: false } : l)) }), { label: `Hide layer “${layer.id}”` });
    const html = renderToStaticMarkup(<Toolbar />);
    expect(html).toContain(`title="Undo Hide layer “${layer.id}” (Ctrl+Z)"`);
    expect(html).toContain(`Undo<span class="step"> Hide layer “${layer.id}”</span>`);
    store.undo();
    expect(renderToStaticMarkup(<Toolbar />)).toContain(`title="Redo Hide layer “${layer.id}” (Ctrl+Shift+Z)"`);
  });
});

describe("the Layout view", () => {
  it("draws a particle layer as an emitter glyph with its name, not its sprite stretched over the box", () => {
    const layer = withConfetti();
    const lb = layerBox(layer, FRAMES.portrait, "portrait", 0.3, 1)!;
    const html = renderToStaticMarkup(
      <PlacementBox layer={layer} lb={lb} orientation="portrait" selected={false} imageUrl="blob:sprite" toFrame={(e) => ({ x: e.clientX, y: e.clientY })} />,
    );
    expect(html).toContain('data-testid="emitter-glyph"');
    expect(html).toContain(layer.id);
    expect(html.match(/<circle/g)?.length).toBeGreaterThanOrEqual(5);
    // The sprite only as a small icon.
    expect(html.match(/<img[^>]*>/g)).toEqual(['<img class="emitter-sprite" src="blob:sprite" alt="" draggable="false"/>']);
  });
});

describe("the live readout", () => {
  const stats = (skipped: number, frames: number, total: number): LiveState => ({
    ...initialLive,
    status: "running",
    stats: { fps: 30, renderMs: 20, latencyMs: 60, trackMs: 30, tracking: "running", trackingMessage: null, width: 720, height: 1280, shrink: 1, skipped: { skipped, frames, total } },
  });

  it("gives skipped frames as a recent share with a tooltip that says what they are, and nothing for the normal pacing", () => {
    const busy = renderToStaticMarkup(<Readout live={stats(30, 150, 1500)} />);
    expect(busy).toContain("20% frames skipped");
    expect(busy).toMatch(/data-testid="skipped" title="Preview frames skipped: 30 of the last 150 \(20%\)[^"]*not an error/);
    expect(busy).not.toContain("1500 skipped");
    const calm = renderToStaticMarkup(<Readout live={stats(1, 150, 1500)} />);
    expect(calm).not.toContain("skipped");
  });
});
