import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  REQUEST_TIMEOUT_MS,
  RoomClient,
  RoomError,
  reconnectDelay,
  type RoomErrorMessage,
  type SocketLike,
} from "./room";
import type { HubToViewer, Joined, ViewerMessage } from "./roomWire";
import { BACKOFF_MAX_MS } from "./roomSocket";

/** A WebSocket the test drives: open it, drop it, make it receive. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState: SocketLike["readyState"] = 0;
  readonly createdAt = Date.now();
  readonly sent: ViewerMessage[] = [];
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  static last(): FakeSocket {
    return FakeSocket.all[FakeSocket.all.length - 1];
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    this.sent.push(JSON.parse(data) as ViewerMessage);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.call(this as unknown as WebSocket, new Event("open"));
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.call(this as unknown as WebSocket, new Event("close") as CloseEvent);
  }
  receive(message: HubToViewer): void {
    this.onmessage?.call(this as unknown as WebSocket, { data: JSON.stringify(message) } as MessageEvent);
  }
}

const joined: Joined = {
  viewer: "v_abc",
  nick: "Viewer ABC",
  room: { id: "r1", name: "Room", gifts: [{ id: "rocket", name: "Rocket", price: 100 }], hls: "/hls/k.m3u8", live: true, viewers: 3, likesTotal: 0 },
};

function fakeFetch() {
  // A plain object, not a Response: its body would be read with timers the test fakes.
  return vi.fn(async (_url: string, _init?: RequestInit) => ({ ok: true, status: 200, json: async () => joined }) as Response);
}

/** A client joined to room r1 with its first socket open; `random` 1 makes delays their ceiling. */
async function connected(random = () => 1) {
  const fetch = fakeFetch();
  const client = new RoomClient("r1", { base: "http://hub.test/", WebSocket: FakeSocket, fetch, random });
  await client.join();
  const socket = FakeSocket.last();
  socket.open();
  return { client, socket, fetch };
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("RoomClient", () => {
  it("joins over HTTP with the cookie, then opens the room's socket", async () => {
    const { client, socket, fetch } = await connected();
    expect(fetch).toHaveBeenCalledWith("http://hub.test/api/rooms/r1/join", { method: "POST", credentials: "include" });
    expect(socket.url).toBe("ws://hub.test/api/rooms/r1/ws");
    expect(client.state).toBe("open");
    expect([client.viewer, client.nick]).toEqual(["v_abc", "Viewer ABC"]);

    const secure = new RoomClient("a b", { base: "https://hub.test/lantern/", WebSocket: FakeSocket, fetch });
    await secure.join();
    expect(FakeSocket.last().url).toBe("wss://hub.test/lantern/api/rooms/a%20b/ws");
  });

  it("fails to join with the hub's message", async () => {
    const body = { code: "not_found", message: "No such room." };
    const fetch = vi.fn(async () => ({ ok: false, status: 404, json: async () => body }) as Response);
    const client = new RoomClient("nope", { base: "http://hub.test/", WebSocket: FakeSocket, fetch });
    await expect(client.join()).rejects.toMatchObject({ code: "not_found", message: "No such room.", status: 404 });
    expect(FakeSocket.all).toHaveLength(0);
  });

  it("numbers each request and matches answers by seq, in any order", async () => {
    const { client, socket } = await connected();
    const first = client.tap("packet-1", 4000, 10, 20);
    const second = client.tap("packet-2", 4033, 30.5, 40);
    const chat = client.chat("  hello  ");
    const gift = client.gift("nope");
    expect(socket.sent).toEqual([
      { type: "tap", seq: 1, zone: "packet-1", pts: 4000, x: 10, y: 20 },
      { type: "tap", seq: 2, zone: "packet-2", pts: 4033, x: 30.5, y: 40 },
      { type: "chat", seq: 3, text: "hello" },
      { type: "gift", seq: 4, gift: "nope" },
    ]);
    const award = { id: 7, viewer: "v_abc", session: "s", zone: "packet-2", kind: "redPacket", amount: 5, pts: 4033, at: "2026-01-01T00:00:00Z" };
    socket.receive({ type: "tap", seq: 2, outcome: "caught", award, reason: null });
    socket.receive({ type: "ack", seq: 3 });
    socket.receive({ type: "error", seq: 4, code: "unknown_gift", message: "This room has no such gift." });
    socket.receive({ type: "tap", seq: 1, outcome: "gone", award: null, reason: "All taken." });
    await expect(second).resolves.toEqual({ outcome: "caught", award, reason: null });
    await expect(first).resolves.toEqual({ outcome: "gone", award: null, reason: "All taken." });
    await expect(chat).resolves.toBeUndefined();
    await expect(gift).rejects.toEqual(new RoomError("unknown_gift", "This room has no such gift."));
  });

  it("hands the room's messages and unmatched errors to listeners", async () => {
    const { client, socket } = await connected();
    const rooms: unknown[] = [];
    const errors: RoomErrorMessage[] = [];
    client.on("room", (r) => rooms.push(r));
    client.on("error", (e) => errors.push(e));
    socket.receive({ type: "room", viewers: 4, likesTotal: 12, live: true, chat: [{ nick: "a", text: "<b>hi</b>", gift: null, at: 1 }] });
    socket.receive({ type: "error", seq: null, code: "too_fast", message: "Too fast." });
    socket.receive({ type: "ack", seq: 99 }); // nothing pending: ignored
    expect(rooms).toEqual([{ type: "room", viewers: 4, likesTotal: 12, live: true, chat: [{ nick: "a", text: "<b>hi</b>", gift: null, at: 1 }] }]);
    expect(errors.map((e) => e.code)).toEqual(["too_fast"]);
  });

  it("re-sends unanswered requests with the same seq after a reconnect", async () => {
    const { client, socket } = await connected();
    const states: string[] = [];
    client.on("state", (s) => states.push(s));
    const tap = client.tap("packet-1", 4000, 10, 20);
    const chat = client.chat("hi");
    socket.receive({ type: "ack", seq: 2 });
    socket.drop();
    // Sent while disconnected: waits for the next socket.
    const gift = client.gift("rocket");
    await vi.advanceTimersByTimeAsync(1000);
    const again = FakeSocket.last();
    expect(again).not.toBe(socket);
    again.open();
    expect(again.sent).toEqual([
      { type: "tap", seq: 1, zone: "packet-1", pts: 4000, x: 10, y: 20 },
      { type: "gift", seq: 3, gift: "rocket" },
    ]);
    again.receive({ type: "tap", seq: 1, outcome: "already", award: null, reason: null });
    again.receive({ type: "ack", seq: 3 });
    await expect(tap).resolves.toMatchObject({ outcome: "already" });
    await expect(chat).resolves.toBeUndefined();
    await expect(gift).resolves.toBeUndefined();
    expect(states).toEqual(["closed", "connecting", "open"]);
    // A late event of the old socket changes nothing.
    socket.receive({ type: "room", viewers: 1, likesTotal: 0, live: false, chat: [] });
    socket.drop();
    expect(client.state).toBe("open");
  });

  it("rejects a request left unanswered for 15 s, and does not send it again", async () => {
    const { client, socket } = await connected();
    const tap = client.tap("packet-1", 4000, 10, 20);
    const settled = expect(tap).rejects.toMatchObject({ code: "timeout", message: expect.stringContaining("15 s") });
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    socket.drop();
    await vi.advanceTimersByTimeAsync(1);
    await settled;
    await vi.advanceTimersByTimeAsync(1000);
    FakeSocket.last().open();
    expect(FakeSocket.last().sent).toEqual([]);
    // Its answer arriving late is ignored.
    FakeSocket.last().receive({ type: "tap", seq: 1, outcome: "caught", award: null, reason: null });
  });

  it("batches likes: one message per 200 ms, at most 10 hearts each", async () => {
    const { client, socket } = await connected();
    const likes = () => socket.sent.filter((m) => m.type === "like");
    client.like();
    expect(likes()).toEqual([{ type: "like", count: 1 }]);
    for (let i = 0; i < 24; i++) client.like();
    expect(likes()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(likes()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(likes()).toEqual([{ type: "like", count: 1 }, { type: "like", count: 10 }]);
    await vi.advanceTimersByTimeAsync(400);
    expect(likes().map((m) => m.type === "like" && m.count)).toEqual([1, 10, 10, 4]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(likes()).toHaveLength(4);
    // A burst in one call is split too.
    client.like(15);
    expect(likes().map((m) => m.type === "like" && m.count)).toEqual([1, 10, 10, 4, 10]);
    await vi.advanceTimersByTimeAsync(200);
    expect(likes().map((m) => m.type === "like" && m.count)).toEqual([1, 10, 10, 4, 10, 5]);
  });

  it("keeps likes while disconnected (capped) and sends them on reconnect", async () => {
    const { client, socket } = await connected();
    socket.drop();
    client.like(200);
    await vi.advanceTimersByTimeAsync(1000);
    const again = FakeSocket.last();
    again.open();
    await vi.advanceTimersByTimeAsync(5000);
    const counts = again.sent.map((m) => (m.type === "like" ? m.count : 0));
    expect(counts).toEqual([10, 10, 10, 10, 10]);
  });

  it("backs off 1 s doubling to 10 s, and starts afresh after a connection that lasted", async () => {
    const { client, socket, fetch } = await connected(() => 1);
    socket.drop();
    const waits: number[] = [];
    // Sockets that never open: each wait is the next ceiling (random 1).
    for (let i = 0; i < 6; i++) {
      const before = FakeSocket.all.length;
      const droppedAt = Date.now();
      while (FakeSocket.all.length === before) await vi.advanceTimersByTimeAsync(100);
      waits.push(FakeSocket.last().createdAt - droppedAt);
      FakeSocket.last().drop();
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    // After three sockets in a row never opened it joined again (the cookie may be gone).
    expect(fetch.mock.calls.length).toBeGreaterThan(1);
    // One that stays open 10 s resets the backoff.
    const count = FakeSocket.all.length;
    while (FakeSocket.all.length === count) await vi.advanceTimersByTimeAsync(100);
    FakeSocket.last().open();
    await vi.advanceTimersByTimeAsync(10_000);
    const before = FakeSocket.all.length;
    FakeSocket.last().drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.all.length).toBe(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all.length).toBe(before + 1);
    client.close();
    expect(client.state).toBe("closed");
  });

  it("stops on close and rejects what is pending", async () => {
    const { client, socket } = await connected();
    const tap = client.tap("packet-1", 4000, 1, 2);
    client.close();
    await expect(tap).rejects.toMatchObject({ code: "closed" });
    socket.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    await expect(client.chat("x")).rejects.toMatchObject({ code: "closed" });
  });
});

describe("reconnectDelay", () => {
  it("doubles from 1 s to a 10 s ceiling, jittered in its upper half", () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 40, 2000].map((n) => reconnectDelay(n, () => 1));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 10000, 10000, 10000, 10000]);
    const floors = [0, 1, 2, 3, 4, 5].map((n) => reconnectDelay(n, () => 0));
    expect(floors).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    for (let n = 0; n < 10; n++) {
      const d = reconnectDelay(n);
      expect(d).toBeGreaterThanOrEqual(floors[Math.min(n, 5)]);
      expect(d).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    }
  });
});
