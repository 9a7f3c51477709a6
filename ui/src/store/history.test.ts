import { describe, expect, it } from "vitest";
import { HISTORY_LIMIT, commit, endGesture, initHistory, redo, undo } from "./history";

describe("history", () => {
  it("undoes and redoes in order, and a new edit drops the redo branch", () => {
    let h = initHistory("a");
    h = commit(h, "b");
    h = commit(h, "c");
    h = undo(h);
    expect(h.present).toBe("b");
    h = undo(h);
    expect(h.present).toBe("a");
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe("b");
    h = commit(h, "x");
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(h.past).toEqual(["a", "b"]);
  });

  it("collapses one gesture into one step, until the gesture ends", () => {
    let h = initHistory(0);
    for (let i = 1; i <= 10; i++) h = commit(h, i, "drag");
    expect(h.past).toEqual([0]);
    expect(h.present).toBe(10);
    h = endGesture(h);
    h = commit(h, 11, "drag");
    expect(h.past).toEqual([0, 10]);
    expect(undo(undo(h)).present).toBe(0);
  });

  it("ignores no-op commits and caps its length", () => {
    let h = initHistory(0);
    expect(commit(h, 0)).toBe(h);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = commit(h, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });
});
