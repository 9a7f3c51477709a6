import { describe, expect, it } from "vitest";
import type { HotZone } from "../generated/effect";
import { CATCHES_CAPACITY, CATCHES_KEY, CatchLog, describeCatch, type KeyValueStore } from "./catches";

class MapStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

const packet: HotZone = { id: "packet-3", kind: "redPacket", rect: { x: 0, y: 0, w: 1, h: 1 }, payload: { amount: 5 } };

describe("describeCatch", () => {
  it.each<[Pick<HotZone, "id" | "kind" | "payload">, string]>([
    [packet, "You caught a red packet — ¥5"],
    [{ id: "p", kind: "redPacket" }, "You caught a red packet"],
    [{ id: "p", kind: "redPacket", payload: { message: "Happy New Year" } }, "You caught a red packet — Happy New Year"],
    [{ id: "m", kind: "product", payload: { name: "Lantern mug", price: "¥19" } }, "You picked Lantern mug — ¥19"],
    [{ id: "h", kind: "luckyHat", payload: { label: "Lucky hat" } }, "You caught a luckyHat — Lucky hat"],
    [{ id: "x", kind: "", payload: [1, 2] }, "You caught x"],
  ])("%j → %s", (zone, text) => {
    expect(describeCatch(zone)).toBe(text);
  });
});

describe("CatchLog", () => {
  it("records a catch once while the zone is on screen, and persists it", () => {
    const store = new MapStore();
    const log = new CatchLog(store);
    const first = log.record(packet, 4033, 1000);
    expect(first).toEqual({
      id: "packet-3",
      kind: "redPacket",
      payload: { amount: 5 },
      pts: 4033,
      at: 1000,
      message: "You caught a red packet — ¥5",
    });
    expect(log.record(packet, 4066)).toBeNull();
    log.keepOnly(new Set(["packet-3"]));
    expect(log.has("packet-3")).toBe(true);
    // The sprite left the screen: its id may come back as a new packet.
    log.keepOnly(new Set());
    expect(log.record(packet, 9000, 2000)?.pts).toBe(9000);
    expect(new CatchLog(store).list().map((c) => c.pts)).toEqual([4033, 9000]);
  });

  it("survives broken or hostile storage", () => {
    const store = new MapStore();
    store.setItem(CATCHES_KEY, "{not json");
    expect(new CatchLog(store).list()).toEqual([]);
    store.setItem(CATCHES_KEY, JSON.stringify([{ id: 1 }, null, { id: "a", kind: "k", at: 1 }]));
    expect(new CatchLog(store).list().map((c) => c.id)).toEqual(["a"]);
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(new CatchLog(full).record(packet, 0)).not.toBeNull();
    expect(new CatchLog(null).record(packet, 0)).not.toBeNull();
  });

  it("lists a room's award once, even when the hub answers it again after a reload", () => {
    const store = new MapStore();
    expect(new CatchLog(store).record(packet, 4033, 1000, 7)?.award).toBe(7);
    const reloaded = new CatchLog(store);
    expect(reloaded.record(packet, 4066, 2000, 7)).toBeNull();
    // Still marked caught on screen, so it is not tapped again.
    expect(reloaded.has("packet-3")).toBe(true);
    reloaded.keepOnly(new Set());
    expect(reloaded.record(packet, 9000, 3000, 8)?.award).toBe(8);
    expect(new CatchLog(store).list().map((c) => c.award)).toEqual([7, 8]);
  });

  it("keeps at most CATCHES_CAPACITY catches", () => {
    const log = new CatchLog(new MapStore());
    for (let i = 0; i < CATCHES_CAPACITY + 20; i++) log.record({ ...packet, id: `p${i}` }, i);
    expect(log.list()).toHaveLength(CATCHES_CAPACITY);
    expect(log.list()[0].id).toBe("p20");
  });
});
