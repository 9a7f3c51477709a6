import { describe, expect, it, vi } from "vitest";
import type { HotZone } from "../generated/effect";
import { CatchLog } from "./catches";
import type { TapAnswer } from "./room";
import { RoomError } from "./room";
import type { Award } from "./roomWire";
import { RoomTaps, describeTapAnswer, money } from "./roomTaps";

const packet: HotZone = { id: "packet-3", kind: "redPacket", rect: { x: 0, y: 0, w: 10, h: 10 }, payload: { amount: 1 } };
const award: Award = { id: 7, viewer: "v_a", session: "s", zone: "packet-3", kind: "redPacket", amount: 5, pts: 4000, at: "2026-01-01T00:00:00Z" };
const answer = (outcome: TapAnswer["outcome"], extra: Partial<TapAnswer> = {}): TapAnswer => ({ outcome, award: null, reason: null, ...extra });

describe("describeTapAnswer", () => {
  it.each<[TapAnswer, string]>([
    [answer("caught", { award }), "You caught a red packet — ¥5"],
    [answer("caught", { award: { ...award, amount: 0.1 + 0.2 } }), "You caught a red packet — ¥0.3"],
    [answer("already", { award }), "Already caught — ¥5"],
    [answer("gone", { reason: "All 10 taken." }), "Too late: all taken"],
    [answer("refused", { reason: "That packet was not on screen." }), "That packet was not on screen."],
    [answer("refused"), "That tap did not count"],
    [answer("tapped"), "Tapped"],
  ])("%j → %s", (a, text) => {
    expect(describeTapAnswer(packet, a)).toBe(text);
  });

  it("formats amounts to cents", () => {
    expect(money(5)).toBe("¥5");
    expect(money(2.499)).toBe("¥2.5");
  });
});

describe("RoomTaps", () => {
  function setup(tap: (zone: string, pts: number, x: number, y: number) => Promise<TapAnswer>) {
    const said: string[] = [];
    const catches = new CatchLog(null);
    const changed = vi.fn();
    const client = { tap: vi.fn(tap) };
    const taps = new RoomTaps(client, catches, (m) => said.push(m), changed);
    return { taps, said, catches, changed, client };
  }

  it("records only what the hub paid, with its award", async () => {
    const { taps, said, catches, changed, client } = setup(async () => answer("caught", { award }));
    await taps.tap(packet, 4033, 12.5, 40);
    expect(said).toEqual(["You caught a red packet — ¥5"]);
    expect(catches.list()).toMatchObject([{ id: "packet-3", award: 7, pts: 4000, payload: { amount: 5 } }]);
    expect(taps.last).toEqual({ zone: "packet-3", outcome: "caught", award, reason: null });
    expect(client.tap).toHaveBeenCalledWith("packet-3", 4033, 10, 10); // clamped into the rect
    expect(changed).toHaveBeenCalledTimes(1);

    const refused = setup(async () => answer("refused", { reason: "Not on screen." }));
    await refused.taps.tap(packet, 4033, 0, 0);
    expect(refused.catches.list()).toEqual([]);
    expect(refused.said).toEqual(["Not on screen."]);
  });

  it("sends one tap per zone at a time, and none on a zone caught", async () => {
    let answerTap: (a: TapAnswer) => void = () => {};
    const { taps, client } = setup(() => new Promise((resolve) => (answerTap = resolve)));
    const first = taps.tap(packet, 1, 1, 1);
    await taps.tap(packet, 2, 2, 2);
    expect(client.tap).toHaveBeenCalledTimes(1);
    answerTap(answer("already", { award }));
    await first;
    await taps.tap(packet, 3, 3, 3);
    expect(client.tap).toHaveBeenCalledTimes(1);
  });

  it("says why a tap failed", async () => {
    const { taps, said, catches } = setup(async () => {
      throw new RoomError("timeout", "The room did not answer in 15 s: check your connection.");
    });
    await taps.tap(packet, 1, 1, 1);
    expect(said).toEqual(["The room did not answer in 15 s: check your connection."]);
    expect(catches.list()).toEqual([]);
    expect(taps.last).toBeNull();
  });
});
