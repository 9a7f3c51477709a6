import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseApi } from "./api";
import { completionsAt } from "./completion";
import { checkScript } from "./lint";

const dts = readFileSync(new URL("../../../engine/script/lantern.d.ts", import.meta.url), "utf8");
const api = parseApi(dts);
const names = (xs: { name: string }[]) => xs.map((x) => x.name);

describe("the lantern API from lantern.d.ts", () => {
  it("lists the lantern object, layer handles, events and console", () => {
    expect(names(api.lantern)).toEqual(expect.arrayContaining(["getLayer", "layers", "spawnSprite", "on", "off", "random", "frame", "dt", "time", "tracking"]));
    expect(api.lantern.find((m) => m.name === "getLayer")).toMatchObject({ kind: "method", detail: "(id: string): Layer | null" });
    expect(api.lantern.find((m) => m.name === "tracking")?.doc).toMatch(/output-frame pixels/);
    expect(names(api.layer)).toEqual(expect.arrayContaining(["id", "x", "visible", "setPosition", "burst", "destroy"]));
    expect(names(api.layer)).not.toContain("constructor");
    expect(names(api.events)).toEqual(["start", "update", "faceFound", "faceLost", "expression", "gesture", "tap", "command", "room", "stop"]);
    expect(names(api.console)).toEqual(["debug", "log", "info", "warn", "error"]);
  });
});

describe("completion", () => {
  it("offers what fits where the cursor is", () => {
    expect(completionsAt("lantern.ge", api)).toMatchObject({ replace: 2 });
    expect(names(completionsAt("lantern.ge", api)!.options)).toContain("getLayer");
    expect(names(completionsAt('lantern.on("ges', api)!.options)).toContain("gesture");
    expect(completionsAt('lantern.on("ges', api)!.replace).toBe(3);
    expect(names(completionsAt("  console.", api)!.options)).toContain("warn");
    expect(names(completionsAt('lantern.getLayer("hat").', api)!.options)).toContain("setPosition");
    expect(names(completionsAt("const x = lan", api)!.options)).toEqual(["lantern"]);
    expect(completionsAt("x = 1 + ", api)).toBeNull();
  });
});

describe("checks", () => {
  it("finds syntax errors, unknown members and unknown events", () => {
    expect(checkScript('lantern.on("update", () => { console.log(lantern.frame); });\n', api)).toEqual([]);
    const p = checkScript('lantern.on("jump", () => {});\nlantern.getLayr("x");\nlet = ;\n', api);
    expect(p.map((x) => x.message)).toEqual([
      expect.stringMatching(/^no event "jump": one of start, update/),
      'lantern has no "getLayr" (see lantern.d.ts)',
      "syntax error",
    ]);
    expect(p[1]).toMatchObject({ severity: "warning", from: 38, to: 45 });
  });
});
