import { describe, expect, it } from "vitest";
import { describeError, isIpcError } from "./ipc";

describe("IPC errors", () => {
  it("recognises the {code, message} shape", () => {
    expect(isIpcError({ code: "models", message: "missing" })).toBe(true);
    expect(isIpcError("boom")).toBe(false);
  });
  it("describes every kind of error readably", () => {
    expect(describeError({ code: "models", message: "model missing" })).toBe("model missing (models)");
    expect(describeError(new Error("bad"))).toBe("bad");
    expect(describeError(42)).toBe("42");
  });
});
