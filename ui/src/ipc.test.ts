import { describe, expect, it } from "vitest";
import { describeError, errorCode, isIpcError } from "./ipc";

describe("IPC errors", () => {
  it("reach the person as a sentence, the code kept for the tooltip", async () => {
    const { Store } = await import("./store/store");
    const s = new Store();
    s.notifyError({ code: "import", message: "notes.png is not a PNG image" });
    s.notifyError({ code: "live", message: "not live: go live first" }, "Could not pause the gameplay");
    expect(s.get().notices.map((n) => [n.text, n.code])).toEqual([
      ["notes.png is not a PNG image", "import"],
      ["Could not pause the gameplay: not live: go live first", "live"],
    ]);
  });

  it("recognises the {code, message} shape", () => {
    expect(isIpcError({ code: "models", message: "missing" })).toBe(true);
    expect(isIpcError("boom")).toBe(false);
  });
  it("describes every kind of error readably", () => {
    // The code is for tooltips and logs: never a trailing "(models)" in the sentence.
    expect(describeError({ code: "models", message: "model missing" })).toBe("model missing");
    expect(errorCode({ code: "import", message: "x" })).toBe("import");
    expect(errorCode(new Error("bad"))).toBeUndefined();
    expect(describeError(new Error("bad"))).toBe("bad");
    expect(describeError(42)).toBe("42");
  });
});
