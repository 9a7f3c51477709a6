// Animation edits: clips per layer, renames and deletes that follow into actions and layers, keys
// added at the playhead from the current value, and the undo steps' names.
import { describe, expect, it } from "vitest";
import type { Effect } from "../generated/effect";
import { addAnimation, addKeyAt, animationsOf, removeAnimation, renameAnimation, trackKeys, tracksFor, uniqueAnimationName } from "./animations";
import { filledAction, newLayer, newTrigger } from "./defaults";
import { addLayer, addTrigger, removeLayer, renameLayer } from "./edits";
import { emptyEffect } from "./fixtures";
import { undoLabel } from "./history";
import { Store } from "./store";
import { addKeyAtPlayhead, deleteAnimation, deleteKey, dragKey, newAnimation, renameOpen, scrub, setKeyEase } from "./timeline";

function withSticker(): Effect {
  const e = emptyEffect();
  return addLayer(e, newLayer(e, "sticker", "hat"));
}

function withAnimateTrigger(): Effect {
  let e = addAnimation(withSticker(), "hatSticker", "pop");
  const t = newTrigger(e);
  e = addTrigger(e, { ...t, actions: [filledAction(e, "animate", "hatSticker"), { do: "show", layer: "hatSticker" }] });
  return e;
}

describe("animations", () => {
  it("a new clip is valid at once (a key) and named uniquely on its layer", () => {
    const e = addAnimation(withSticker(), "hatSticker");
    const [a] = animationsOf(e, "hatSticker");
    expect(a).toMatchObject({ name: "anim", playback: "hold", autoplay: false });
    expect(trackKeys(a!, "opacity")).toHaveLength(1);
    expect(uniqueAnimationName(e, "hatSticker")).toBe("anim2");
  });

  it("renames and deletes follow into animate actions; layer renames and removals carry clips", () => {
    const e = withAnimateTrigger();
    expect(e.triggers[0]!.actions[0]).toEqual({ do: "animate", layer: "hatSticker", animation: "pop" });
    const renamed = renameAnimation(e, "hatSticker", "pop", "bounce");
    expect(renamed.triggers[0]!.actions[0]).toMatchObject({ animation: "bounce" });
    expect(renameAnimation(addAnimation(e, "hatSticker", "x"), "hatSticker", "pop", "x")).toMatchObject({ animations: expect.any(Array) });
    const gone = removeAnimation(e, "hatSticker", "pop");
    expect(gone.animations).toBeUndefined();
    expect(gone.triggers[0]!.actions).toEqual([{ do: "show", layer: "hatSticker" }]);
    const moved = renameLayer(e, "hatSticker", "hat2");
    expect(moved.animations![0]!.layer).toBe("hat2");
    expect(moved.triggers[0]!.actions[0]).toMatchObject({ layer: "hat2", animation: "pop" });
    expect(removeLayer(e, "hatSticker").animations).toBeUndefined();
  });

  it("a key at the playhead holds the track's value there, or the layer's own", () => {
    let e = addAnimation(withSticker(), "hatSticker", "pop");
    let out = addKeyAt(e, "hatSticker", "pop", "scale", 0.5);
    expect(trackKeys(out.effect.animations![0]!, "scale")).toEqual([{ time: 0.5, value: 1, ease: "linear" }]);
    e = out.effect;
    out = addKeyAt(e, "hatSticker", "pop", "position", 1);
    expect(trackKeys(out.effect.animations![0]!, "position")[0]!.value).toEqual({ x: 0, y: 0 });
  });

  it("each kind of layer offers the tracks the format lets it animate", () => {
    const e = emptyEffect();
    const names = (kind: Parameters<typeof newLayer>[1]) => tracksFor(newLayer(e, kind, "a")).map((t) => t.name);
    expect(names("sticker")).toEqual(["position", "scale", "rotation", "opacity", "tint"]);
    expect(names("text")).toEqual(["position", "scale", "opacity", "tint", "reveal"]);
    expect(names("particles")).toEqual(["position", "opacity", "tint"]);
    expect(names("beauty")).toEqual(["opacity"]);
  });
});

describe("the timeline's edits", () => {
  it("are named undo steps; a drag is one step; scrubbing edits nothing", () => {
    const s = new Store();
    s.load("/p", withSticker());
    s.set({ selection: { kind: "layer", id: "hatSticker" } });
    newAnimation(s, "hatSticker");
    expect(undoLabel(s.get().history)).toBe("Add animation “anim” to “hatSticker”");
    renameOpen(s, "hatSticker", "anim", "pop");
    expect(undoLabel(s.get().history)).toBe("Rename animation “anim” to “pop”");
    expect(s.get().timeline.animation).toBe("pop");
    scrub(s, "hatSticker", "pop", 0.75);
    expect(s.get().timeline.playhead).toBe(0.75);
    expect(undoLabel(s.get().history)).toBe("Rename animation “anim” to “pop”");
    addKeyAtPlayhead(s, "hatSticker", "pop", "scale");
    expect(undoLabel(s.get().history)).toBe("Add scale key at 0.75 s");
    expect(s.get().timeline.key).toEqual({ track: "scale", index: 0 });
    scrub(s, "hatSticker", "pop", 0.25);
    addKeyAtPlayhead(s, "hatSticker", "pop", "scale");
    expect(s.get().timeline.key).toEqual({ track: "scale", index: 0 });
    const steps = s.get().history!.past.length;
    // Drag the first key past the second, in three moves: one step, and it stays selected.
    let i = dragKey(s, "hatSticker", "pop", "scale", 0, 0.5, "drag1");
    i = dragKey(s, "hatSticker", "pop", "scale", i, 1, "drag1");
    i = dragKey(s, "hatSticker", "pop", "scale", i, 1.25, "drag1");
    s.endGesture();
    expect(i).toBe(1);
    expect(s.get().history!.past.length).toBe(steps + 1);
    expect(undoLabel(s.get().history)).toBe("Move scale key");
    const keys = () => trackKeys(s.doc()!.animations![0]!, "scale");
    expect(keys().map((k) => k.time)).toEqual([0.75, 1.25]);
    setKeyEase(s, "hatSticker", "pop", "scale", 0, { spring: { bounce: 0.5 } });
    expect(undoLabel(s.get().history)).toBe("Change ease of scale key");
    expect(keys()[0]!.ease).toEqual({ spring: { bounce: 0.5 } });
    deleteKey(s, "hatSticker", "pop", "scale", 0);
    expect(undoLabel(s.get().history)).toBe("Delete scale key");
    expect(keys()).toHaveLength(1);
    s.undo();
    expect(keys()).toHaveLength(2);
    deleteAnimation(s, "hatSticker", "pop");
    expect(undoLabel(s.get().history)).toBe("Delete animation “pop”");
    expect(s.doc()!.animations).toBeUndefined();
  });
});
