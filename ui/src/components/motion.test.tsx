// The #18 editors rendered: the action editor's animation and sound actions, the timeline, the
// music section, the particle extras; and the waveform's maths.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Action, Effect } from "../generated/effect";
import { peaks, waveformPath } from "../preview/waveform";
import { addAnimation, addKeyAt } from "../store/animations";
import { filledAction, newLayer } from "../store/defaults";
import { addAssets, addLayer, setMusic, updateLayer } from "../store/edits";
import { emptyEffect } from "../store/fixtures";
import { store } from "../store/store";
import { assetUsers } from "../store/usage";
import { Inspector } from "./Inspector";
import { Timeline } from "./timeline/Timeline";
import { ActionsFields } from "./triggers/ActionsFields";

function project(): Effect {
  let e = emptyEffect();
  e = addAssets(e, [
    { type: "image", id: "hat", path: "images/hat.png" },
    { type: "audio", id: "pop", path: "sounds/pop.wav" },
    { type: "audio", id: "tune", path: "sounds/tune.ogg" },
  ]);
  e = addLayer(e, newLayer(e, "sticker", "hat"));
  e = addLayer(e, newLayer(e, "particles", "hat"));
  e = addAnimation(e, "hatSticker", "pop");
  e = addAnimation(e, "hatSticker", "wiggle");
  return e;
}

const options = (html: string, label: string) => {
  const select = new RegExp(`<select aria-label="${label}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? "";
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
};

describe("the action editor", () => {
  it("starts an animation of an animated layer, chosen from that layer's clips", () => {
    const e = project();
    store.load("/p", e);
    const a = filledAction(e, "animate", "hatParticles");
    expect(a).toEqual({ do: "animate", layer: "hatSticker", animation: "pop" });
    const html = renderToStaticMarkup(<ActionsFields value={[a, { do: "stopAnimation", layer: "hatSticker" }]} onChange={() => undefined} />);
    expect(options(html, "Animation")).toEqual(["pop", "wiggle"]);
    // Only animated layers are offered to animation actions.
    expect(options(html, "Layer")).toEqual(["hatSticker"]);
    expect(options(html, "Do")).toContain("playSound");
  });

  it("plays and stops sounds chosen from the audio assets, with volume and loop", () => {
    const e = project();
    store.load("/p", e);
    const play = filledAction(e, "playSound", "");
    expect(play).toEqual({ do: "playSound", sound: "pop", volume: 1, loop: false });
    const actions: Action[] = [{ do: "playSound", sound: "pop", volume: 1, loop: true }, { do: "stopSound", sound: "gone" }];
    const html = renderToStaticMarkup(<ActionsFields value={actions} onChange={() => undefined} />);
    expect(options(html, "Sound")).toEqual(["pop", "tune"]);
    expect(html).toContain('aria-label="Volume"');
    expect(html).toMatch(/checked=""[^>]*\/?>.{0,40}Loop until stopped/);
    expect(html).toContain("gone (missing)");
    // Sounds used by actions and the music are not "unused".
    const users = assetUsers(setMusic({ ...e, triggers: [{ id: "t", when: { on: "tap" }, cooldown: 0, hysteresis: { beginFrames: 0, endFrames: 0 }, actions }] }, { sound: "tune", volume: 1, loop: true, fadeIn: 0, fadeOut: 0, duck: 1 }));
    expect(users.get("tune")).toEqual(["music"]);
    expect(users.get("pop")).toEqual(["t"]);
  });
});

describe("the timeline", () => {
  it("asks for a layer, then shows the layer's clips, its tracks, keys and the selected key's ease", () => {
    let e = project();
    store.load("/p", e);
    expect(renderToStaticMarkup(<Timeline />)).toContain("Select a layer");
    e = addKeyAt(e, "hatSticker", "pop", "scale", 0.5).effect;
    store.load("/p", e);
    store.set({ selection: { kind: "layer", id: "hatSticker" }, timeline: { animation: "pop", playhead: 0.5, key: { track: "scale", index: 0 } } });
    store.edit((d) => d);
    let html = renderToStaticMarkup(<Timeline />);
    expect(options(html, "Animation")).toEqual(["pop", "wiggle"]);
    for (const t of ["position", "scale", "rotation", "opacity", "tint"]) expect(html).toContain(`data-testid="track-${t}"`);
    expect(html).not.toContain('data-testid="track-reveal"');
    expect(html).toContain('aria-label="scale key 1 at 0.5 s"');
    expect(html).toContain('data-testid="key-fields"');
    expect(options(html, "Ease")).toContain("cubicBezier");
    store.edit((d) => ({ ...d, animations: d.animations!.map((a) => (a.name === "pop" ? { ...a, tracks: { ...a.tracks, scale: [{ time: 0.5, value: 1, ease: { cubicBezier: [0.1, 0.2, 0.3, 1.4] } }] } } : a)) }));
    html = renderToStaticMarkup(<Timeline />);
    expect(html).toContain('aria-label="Bézier y2"');
    // A particle layer without clips invites to add one.
    store.set({ selection: { kind: "layer", id: "hatParticles" } });
    expect(renderToStaticMarkup(<Timeline />)).toContain("No animations on “hatParticles” yet");
  });
});

describe("inspectors for #18", () => {
  it("the effect inspector picks the background music with its volume, loop, fades and duck", () => {
    const e = setMusic(project(), { sound: "tune", volume: 0.5, loop: true, fadeIn: 2, fadeOut: 1, duck: 0.4 });
    store.load("/p", e);
    store.set({ selection: null });
    const html = renderToStaticMarkup(<Inspector />);
    expect(options(html, "Background music")).toEqual(["", "pop", "tune"]);
    for (const l of ["Music volume", "Fade in (s)", "Fade out (s)", "Under speech (duck)"]) expect(html).toContain(`aria-label="${l}"`);
  });

  it("the particle inspector edits drag, blend, colours, over-life keys, trail, explosion and follow", () => {
    let e = project();
    e = updateLayer(e, "hatParticles", (l) =>
      l.type === "particles"
        ? { ...l, colors: ["#ff0000", "#00ff00"], overLife: { size: [{ time: 0, value: 1, ease: "linear" }, { time: 1, value: 0, ease: "easeIn" }] }, trail: { count: 3, spacing: 0.02, tail: 0.1 }, explode: { count: 8, speed: { min: 0.1, max: 0.2 }, lifetime: { min: 0.3, max: 0.6 }, size: { min: 0.01, max: 0.02 } }, follow: { hand: { landmark: "indexTip", hand: "right" } } }
        : l,
    );
    store.load("/p", e);
    store.set({ selection: { kind: "layer", id: "hatParticles" } });
    const html = renderToStaticMarkup(<Inspector />);
    expect(html).toContain('aria-label="Drag (per second)"');
    expect(options(html, "Blend")).toEqual(["normal", "additive"]);
    expect(html).toContain('aria-label="Colour 2"');
    expect(html).toContain('aria-label="Size key 2 time"');
    expect(html).toContain('aria-label="Trail copies"');
    expect(html).toContain('aria-label="Children"');
    expect(options(html, "Landmark")).toContain("palmCenter");
    expect(options(html, "Follow")).toEqual(["none", "face", "hand"]);
  });
});

describe("waveforms", () => {
  it("keep each slice's loudest sample over every channel", () => {
    const left = [0, 0.5, -0.2, 0, 0, -1, 0.1, 0];
    const right = [0.9, 0, 0, 0, 0, 0, 0, 0.3];
    expect(peaks([left, right], 4)).toEqual([0.9, 0.2, 1, 0.3]);
    expect(peaks([], 3)).toEqual([0, 0, 0]);
    expect(waveformPath([0, 1], 20, 10)).toBe("M5.0 4.5V5.5M15.0 0.0V10.0");
  });
});
