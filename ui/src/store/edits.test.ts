import { describe, expect, it } from "vitest";
import { defaultWhen, isAutoTriggerId, newLayer, newTrigger } from "./defaults";
import { addLayer, addTrigger, changeTriggerWhen, moveLayer, removeLayer, renameLayer, toggleVisible, updateTrigger, withBurstCount } from "./edits";
import { emptyEffect } from "./fixtures";
import { uniqueId } from "./ids";
import { assetUsers, thumbnailPath, unusedAssets } from "./usage";
import { Store } from "./store";

function withLayers() {
  let e = emptyEffect();
  for (const kind of ["sticker", "faceProp", "particles"] as const) e = addLayer(e, newLayer(e, kind, "hat"));
  return e;
}

describe("document edits", () => {
  it("gives every new layer kind a unique id and the asset it was made from", () => {
    const e = withLayers();
    expect(e.layers.map((l) => l.id)).toEqual(["hatSticker", "hatFaceProp", "hatParticles"]);
    const again = newLayer(e, "sticker", "hat");
    expect(again.id).toBe("hatSticker2");
    expect(uniqueId(e, "hat")).toBe("hat2");
    expect(uniqueId(e, "bad id!")).toBe("badid");
  });

  it("reorders, clamps at the ends, and toggles visibility immutably", () => {
    const e = withLayers();
    const up = moveLayer(e, "hatSticker", 1);
    expect(up.layers.map((l) => l.id)).toEqual(["hatFaceProp", "hatSticker", "hatParticles"]);
    expect(moveLayer(e, "hatParticles", 5)).toBe(e);
    const hidden = toggleVisible(e, "hatFaceProp");
    expect(hidden.layers[1]!.visible).toBe(false);
    expect(e.layers[1]!.visible).toBe(true);
    expect(hidden.layers[0]).toBe(e.layers[0]);
  });

  it("renaming and removing a layer follows the triggers that use it", () => {
    let e = withLayers();
    const t = newTrigger(e, "gesture");
    e = addTrigger(e, t);
    e = updateTrigger(e, t.id, (x) => ({ ...x, actions: [{ do: "show", layer: "hatFaceProp" }, { do: "burst", layer: "hatParticles" }] }));
    const renamed = renameLayer(e, "hatFaceProp", "crown");
    expect(renamed.triggers[0]!.actions[0]).toEqual({ do: "show", layer: "crown" });
    const removed = removeLayer(renamed, "crown");
    expect(removed.triggers[0]!.actions).toEqual([{ do: "burst", layer: "hatParticles" }]);
  });

  it("a trigger whose source changes takes the new source's automatic id, unless its id was chosen", () => {
    let e = emptyEffect();
    for (let i = 0; i < 3; i++) e = addTrigger(e, newTrigger(e, "gesture"));
    e = addTrigger(e, newTrigger(e, "face"));
    expect(e.triggers.map((t) => t.id)).toEqual(["gestureTrigger", "gestureTrigger2", "gestureTrigger3", "faceTrigger"]);
    const first = changeTriggerWhen(e, "gestureTrigger", defaultWhen("face"));
    expect(first.id).toBe("faceTrigger2");
    expect(first.effect.triggers[0]).toMatchObject({ id: "faceTrigger2", when: { on: "face" } });
    const numbered = changeTriggerWhen(e, "gestureTrigger3", defaultWhen("timer"));
    expect(numbered.id).toBe("timerTrigger");
    // Same source: only the details change.
    expect(changeTriggerWhen(e, "gestureTrigger2", { on: "gesture", gesture: "ok", hand: "any", phase: "begin" }).id).toBe("gestureTrigger2");
    // A chosen id stays.
    e = updateTrigger(e, "gestureTrigger2", (t) => ({ ...t, id: "heartShowsHat" }));
    expect(changeTriggerWhen(e, "heartShowsHat", defaultWhen("face")).id).toBe("heartShowsHat");
    expect(isAutoTriggerId("gestureTrigger12", "gesture")).toBe(true);
    expect(["gestureTrigger1", "gestureTrigger02", "gestureTriggerX", "faceTrigger"].some((id) => isAutoTriggerId(id, "gesture"))).toBe(false);
  });

  it("a burst without a count has no count in the file (the layer's burst)", () => {
    const a = { do: "burst" as const, layer: "confetti", count: 40 };
    expect(withBurstCount(a, undefined)).toEqual({ do: "burst", layer: "confetti" });
    expect("count" in withBurstCount(a, undefined)).toBe(false);
    expect(withBurstCount({ do: "burst", layer: "confetti" }, 12.6)).toEqual({ do: "burst", layer: "confetti", count: 13 });
    expect(withBurstCount(a, 0)).toEqual({ ...a, count: 0 });
  });

  it("finds unused assets and thumbnails", () => {
    const e = emptyEffect();
    expect(unusedAssets(e).map((a) => a.id)).toEqual(["hat"]);
    expect(unusedAssets(withLayers())).toEqual([]);
    expect(assetUsers(withLayers()).get("hat")).toEqual(["hatSticker", "hatFaceProp", "hatParticles"]);
    expect(
      thumbnailPath({ type: "sequence", id: "s", fps: 12, playback: "loop", source: { frames: { pattern: "f/s_###.png", count: 3, start: 4 } } }),
    ).toBe("f/s_004.png");
    expect(thumbnailPath({ type: "font", id: "f", path: "fonts/a.ttf" })).toBeNull();
  });
});

describe("the store", () => {
  it("edits, undoes, redoes and tracks dirtiness against the saved document", () => {
    const s = new Store();
    const saved = emptyEffect();
    s.load("/p", saved);
    expect(s.doc()).toBe(saved);
    s.edit((e) => addLayer(e, newLayer(e, "beauty")));
    s.edit((e) => addLayer(e, newLayer(e, "background")));
    expect(s.doc()!.layers.length).toBe(2);
    s.undo();
    expect(s.doc()!.layers.length).toBe(1);
    s.undo();
    expect(s.doc()).toBe(saved);
    s.redo();
    expect(s.doc()!.layers.map((l) => l.type)).toEqual(["beauty"]);
  });

  it("keeps the last five notices", () => {
    const s = new Store();
    for (let i = 0; i < 8; i++) s.notify("info", `n${i}`);
    expect(s.get().notices.map((n) => n.text)).toEqual(["n3", "n4", "n5", "n6", "n7"]);
  });
});
