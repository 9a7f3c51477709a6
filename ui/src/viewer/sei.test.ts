import { describe, expect, it } from "vitest";
import { LANTERN_SEI_UUID, decodeSei } from "./sei";

// The example payload of docs/sei-hotzones.md.
const DOC_EXAMPLE =
  '{"v":1,"pts":4033,"wall":1763773000123,"w":1280,"h":720,' +
  '"zones":[{"id":"packet-3","kind":"redPacket","rect":{"x":812.0,"y":96.5,"w":120.0,"h":160.0},' +
  '"payload":{"amount":5}}]}';

describe("decodeSei", () => {
  it("decodes the spec's example", () => {
    const d = decodeSei(LANTERN_SEI_UUID, DOC_EXAMPLE);
    expect(d).toEqual({
      kind: "payload",
      payload: {
        v: 1,
        pts: 4033,
        wall: 1763773000123,
        w: 1280,
        h: 720,
        zones: [
          { id: "packet-3", kind: "redPacket", rect: { x: 812, y: 96.5, w: 120, h: 160 }, payload: { amount: 5 } },
        ],
      },
    });
  });

  it("matches the UUID as hls.js prints it, in any case", () => {
    // hls.js formats the 16 bytes as lowercase hex with dashes after bytes 4, 6, 8 and 10.
    const bytes = new TextEncoder().encode("lantern-hotzones");
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    const dashed = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    expect(dashed).toBe(LANTERN_SEI_UUID);
    expect(decodeSei(dashed.toUpperCase(), DOC_EXAMPLE).kind).toBe("payload");
  });

  it("ignores other vendors' user data (x264's banner)", () => {
    expect(decodeSei("dc45e9bd-e6d9-48b7-962c-d820d923eeef", "x264 - core 164")).toEqual({ kind: "foreign" });
  });

  it("ignores versions it does not know, and unknown fields", () => {
    expect(decodeSei(LANTERN_SEI_UUID, '{"v":2,"anything":true}')).toEqual({ kind: "unsupported", version: 2 });
    const extra = decodeSei(LANTERN_SEI_UUID, '{"v":1,"pts":0,"wall":0,"w":2,"h":2,"zones":[],"future":1}');
    expect(extra).toEqual({ kind: "payload", payload: { v: 1, pts: 0, wall: 0, w: 2, h: 2, zones: [] } });
  });

  it("drops a null payload and copies only rect fields", () => {
    const d = decodeSei(
      LANTERN_SEI_UUID,
      '{"v":1,"pts":0,"wall":0,"w":2,"h":2,"zones":[{"id":"a","kind":"k","rect":{"x":0,"y":0,"w":1,"h":1,"z":9},"payload":null}]}',
    );
    expect(d.kind === "payload" && d.payload.zones[0]).toEqual({ id: "a", kind: "k", rect: { x: 0, y: 0, w: 1, h: 1 } });
  });

  it.each([
    ["{", /not JSON/],
    ["[1]", /not a JSON object/],
    ['{"v":1,"pts":"0","wall":0,"w":2,"h":2,"zones":[]}', /"pts" must be a number/],
    ['{"v":1,"pts":0,"wall":0,"w":0,"h":2,"zones":[]}', /frame size 0x2/],
    ['{"v":1,"pts":0,"wall":0,"w":2,"h":2,"zones":{}}', /"zones" must be an array/],
    ['{"v":1,"pts":0,"wall":0,"w":2,"h":2,"zones":[{"id":1,"kind":"k","rect":{}}]}', /zones\[0\]: "id"/],
    ['{"v":1,"pts":0,"wall":0,"w":2,"h":2,"zones":[{"id":"a","kind":"k","rect":{"x":0,"y":0,"w":1}}]}', /"rect.h"/],
    ['{"v":1,"pts":0,"wall":0,"w":2,"h":2,"zones":[{"id":"a","kind":"k","rect":{"x":0,"y":0,"w":1,"h":1e999}}]}', /"rect.h"/],
  ])("refuses %s", (json, reason) => {
    const d = decodeSei(LANTERN_SEI_UUID, json);
    expect(d.kind).toBe("invalid");
    expect(d.kind === "invalid" && d.reason).toMatch(reason);
  });
});
