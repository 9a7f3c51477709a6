// The store's named undo history: what each step is called, and which edits are no step at all.
import { describe, expect, it } from "vitest";
import { newLayer, newTrigger } from "./defaults";
import { addLayer, addTrigger, updateLayer, updateTrigger } from "./edits";
import { sameJson } from "./equal";
import { emptyEffect } from "./fixtures";
import { redoLabel, undoLabel } from "./history";
import { changeOf, fieldName, toggleOf } from "./labels";
import { Store } from "./store";

function opened() {
  let e = addLayer(emptyEffect(), newLayer(emptyEffect(), "faceProp", "hat"));
  e = addTrigger(e, newTrigger(e));
  const s = new Store();
  s.load("/p", e);
  return s;
}

describe("the named undo history", () => {
  it("names each step: its own label, else the field it was made in (the innermost)", () => {
    const s = opened();
    s.edit((e) => addTrigger(e, newTrigger(e)), { label: "Add trigger" });
    expect(undoLabel(s.get().history)).toBe("Add trigger");
    const offsetY = (y: number) => (e: ReturnType<typeof emptyEffect>) =>
      updateLayer(e, "hatFaceProp", (l) => (l.type === "faceProp" ? { ...l, offset: { ...l.offset, y } } : l));
    s.named(changeOf("Offset (face sizes) y"), () => s.edit(offsetY(-0.4), { gesture: "hatFaceProp.offset" }));
    s.named(changeOf("Offset (face sizes) y"), () => s.edit(offsetY(-0.45), { gesture: "hatFaceProp.offset" }));
    expect(undoLabel(s.get().history)).toBe("Change offset Y");
    expect(s.get().history!.past).toHaveLength(2);
    s.named("Change source", () => s.named("Add action", () => s.edit((e) => updateTrigger(e, "gestureTrigger", (t) => ({ ...t, cooldown: 3 })))));
    expect(undoLabel(s.get().history)).toBe("Add action");
    s.undo();
    expect(redoLabel(s.get().history)).toBe("Add action");
    expect(undoLabel(s.get().history)).toBe("Change offset Y");
  });

  it("an edit that changes nothing the file would hold is no step", () => {
    const s = opened();
    const doc = s.doc()!;
    // The same value written again, a copy as the Rust side normalises it, an absent field set to undefined.
    s.edit((e) => updateTrigger(e, "gestureTrigger", (t) => ({ ...t, cooldown: t.cooldown })), { label: "Change cooldown" });
    s.edit((e) => JSON.parse(JSON.stringify(e)) as typeof e, { label: "Normalise" });
    s.edit((e) => ({ ...e, script: undefined }), { label: "Run no script" });
    s.edit((e) => updateLayer(e, "hatFaceProp", (l) => ({ ...l })), { label: "Move layer “hatFaceProp”", gesture: "drag" });
    s.endGesture();
    expect(s.get().history!.past).toEqual([]);
    expect(s.doc()).toBe(doc);
    expect(undoLabel(s.get().history)).toBeNull();
  });

  it("a drag that comes back to where it started leaves no step", () => {
    const s = opened();
    const doc = s.doc()!;
    const rotate = (r: number) => (e: typeof doc) => updateLayer(e, "hatFaceProp", (l) => ({ ...l, rotation: r }) as typeof l);
    s.edit(rotate(20), { label: "Rotate layer “hatFaceProp”", gesture: "rotate.1" });
    s.edit(rotate(0), { label: "Rotate layer “hatFaceProp”", gesture: "rotate.1" });
    s.endGesture();
    expect(s.get().history!.past).toEqual([]);
    expect(s.doc()).toBe(doc);
  });
});

describe("step names", () => {
  it("read field labels as words in a sentence", () => {
    expect(fieldName("Offset (face sizes) y")).toBe("offset Y");
    expect(fieldName("Count (empty = layer's burst)")).toBe("count");
    expect(fieldName("Text ({name} placeholders)")).toBe("text");
    expect(fieldName("LUT")).toBe("LUT");
    expect(changeOf("Spin (°/s) min")).toBe("Change spin min");
    expect(toggleOf("Visible at start", false)).toBe("Turn off visible at start");
  });

  it("compare documents as their JSON would", () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson({ 0: 1 }, [1])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});
