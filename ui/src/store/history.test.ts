import { describe, expect, it } from "vitest";
import { sameJson } from "./equal";
import { HISTORY_LIMIT, commit, endGesture, initHistory, redo, redoLabel, undo, undoLabel } from "./history";

const states = <T>(steps: { state: T }[]) => steps.map((s) => s.state);

describe("history", () => {
  it("undoes and redoes in order, and a new edit drops the redo branch", () => {
    let h = initHistory("a");
    h = commit(h, "b", "to b");
    h = commit(h, "c", "to c");
    h = undo(h);
    expect(h.present).toBe("b");
    h = undo(h);
    expect(h.present).toBe("a");
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe("b");
    h = commit(h, "x", "to x");
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(states(h.past)).toEqual(["a", "b"]);
  });

  it("names the step Undo takes back and the one Redo makes again", () => {
    let h = initHistory({ y: 0 });
    expect(undoLabel(h)).toBeNull();
    h = commit(h, { y: 1 }, "Move layer “hat”");
    h = commit(h, { y: 2 }, "Change offset Y");
    expect(undoLabel(h)).toBe("Change offset Y");
    h = undo(h);
    expect([undoLabel(h), redoLabel(h)]).toEqual(["Move layer “hat”", "Change offset Y"]);
    h = undo(h);
    expect([undoLabel(h), redoLabel(h)]).toEqual([null, "Move layer “hat”"]);
    h = redo(redo(h));
    expect([undoLabel(h), redoLabel(h)]).toEqual(["Change offset Y", null]);
    expect(undoLabel(null)).toBeNull();
  });

  it("collapses one gesture into one step, until the gesture ends", () => {
    let h = initHistory(0);
    h = commit(h, 1, "Add action", "drag");
    for (let i = 2; i <= 10; i++) h = commit(h, i, "Change layer", "drag");
    expect(states(h.past)).toEqual([0]);
    expect(undoLabel(h)).toBe("Add action");
    expect(h.present).toBe(10);
    h = endGesture(h);
    h = commit(h, 11, "Drag", "drag");
    expect(states(h.past)).toEqual([0, 10]);
    expect(undo(undo(h)).present).toBe(0);
  });

  it("a gesture that ends where it began leaves no step", () => {
    const start = { x: 1 };
    let h = initHistory(start);
    h = commit(h, { x: 2 }, "Move layer “hat”", "drag");
    h = commit(h, { x: 1 }, "Move layer “hat”", "drag");
    h = endGesture(h, sameJson);
    expect(h.past).toEqual([]);
    expect(h.present).toBe(start);
  });

  it("ignores no-op commits and caps its length", () => {
    let h = initHistory(0);
    expect(commit(h, 0, "nothing")).toBe(h);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = commit(h, i, `to ${i}`);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toEqual({ state: 50, label: "to 51" });
  });
});
