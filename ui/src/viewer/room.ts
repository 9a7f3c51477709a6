// A viewer's connection to a live room (docs/rooms.md): `POST api/rooms/{id}/join` once (the hub
// sets the signed `lantern_viewer` cookie), then the room's WebSocket, kept open for as long as
// the page is.
//
//   tap / chat / gift ──seq──► pending ──send──► socket ──► hub
//        ▲ resolve/reject ◄── answer with that seq ◄──────────┘   (15 s without one: rejected)
//
// A socket drops on a phone's network change or a hub restart: roomSocket.ts reconnects with
// exponential backoff and jitter, and on each open this client re-sends every unanswered request
// with the SAME seq and payload. That is safe for taps (the hub pays an award once per viewer and
// zone, a retry answers `already` with the same award), and it is what makes a tap sent just
// before a drop still count.
// Likes are not answered: they are batched (one message per 200 ms, at most 10 hearts each).

import type { Award, ChatLine, HubToViewer, Joined, TapOutcome, ViewerMessage } from "./roomWire";
import { MAX_CHAT_CHARS } from "./roomWire";
import { ReconnectingSocket, type ConnectionState, type SocketConstructor } from "./roomSocket";

export { reconnectDelay, type ConnectionState, type SocketConstructor, type SocketLike } from "./roomSocket";

export type TapAnswer = { outcome: TapOutcome; award: Award | null; reason: string | null };
export type Welcome = Extract<HubToViewer, { type: "welcome" }>;
export type RoomMessage = Extract<HubToViewer, { type: "room" }>;
export type RoomErrorMessage = Extract<HubToViewer, { type: "error" }>;
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export type RoomEvents = {
  welcome: Welcome;
  room: RoomMessage;
  /** An error the hub sent that answers no pending request (a like too fast, say). */
  error: RoomErrorMessage;
  state: ConnectionState;
};

export type RoomClientOptions = {
  /** Where the hub is; default: the page's folder (the hub serves viewer.html next to api/). */
  base?: string | URL;
  WebSocket?: SocketConstructor;
  fetch?: Fetch;
  /** For the backoff's jitter. */
  random?: () => number;
  /** The first request's seq. */
  firstSeq?: number;
};

/**
 * A request the hub refused (`code`: too_fast, empty, unknown_gift…), one left unanswered, or a
 * join that failed (`status`: the HTTP status; absent when the hub was not reached).
 */
export class RoomError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "RoomError";
  }
}

export const REQUEST_TIMEOUT_MS = 15_000;
export const LIKE_INTERVAL_MS = 200;
export const MAX_LIKES_PER_MESSAGE = 10;
/** Hearts kept while they cannot be sent; a held-down button should not queue minutes of them. */
export const MAX_QUEUED_LIKES = 50;

type Request = Extract<ViewerMessage, { seq: number }>;
type Pending = {
  message: Request;
  resolve(answer: HubToViewer): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
};

export class RoomClient {
  viewer: string | null = null;
  nick: string | null = null;
  private readonly base: URL;
  private readonly fetcher: Fetch;
  private readonly socket: ReconnectingSocket;
  private readonly listeners = new Map<keyof RoomEvents, Set<(e: never) => void>>();
  private readonly pending = new Map<number, Pending>();
  private nextSeq: number;
  private stopped = false;
  private likes = 0;
  private likeTimer: ReturnType<typeof setTimeout> | undefined;
  private lastLikeAt = -Infinity;

  constructor(
    readonly roomId: string,
    options: RoomClientOptions = {},
  ) {
    this.base = new URL(options.base ?? new URL("./", globalThis.location.href));
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.nextSeq = options.firstSeq ?? 1;
    const url = new URL(`api/rooms/${encodeURIComponent(roomId)}/ws`, this.base);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const hooks = {
      open: () => {
        // In seq order (a Map iterates in insertion order), each exactly as first sent.
        for (const p of this.pending.values()) this.send(p.message);
        this.flushLikes();
      },
      message: (data: string) => this.receive(data),
      state: (state: ConnectionState) => {
        if (state !== "open") {
          clearTimeout(this.likeTimer);
          this.likeTimer = undefined;
        }
        this.emit("state", state);
      },
      // Sockets keep being refused: the cookie may be gone, and joining again sets it (the same
      // viewer while the old cookie is valid).
      repair: async () => void (await this.postJoin()),
    };
    this.socket = new ReconnectingSocket(url.href, options.WebSocket ?? globalThis.WebSocket, hooks, options.random);
  }

  get state(): ConnectionState {
    return this.socket.state;
  }

  on<K extends keyof RoomEvents>(type: K, listener: (e: RoomEvents[K]) => void): () => void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
    return () => set.delete(listener);
  }

  /** Joins the room (the hub sets the viewer cookie), then opens the room's socket. */
  async join(): Promise<Joined> {
    const joined = await this.postJoin();
    if (!this.stopped) this.socket.start();
    return joined;
  }

  /** Taps zone `zone` of the frame with Lantern pts `pts` at (`x`, `y`) in that frame's pixels. */
  async tap(zone: string, pts: number, x: number, y: number): Promise<TapAnswer> {
    const answer = await this.request({ type: "tap", seq: this.seq(), zone, pts, x, y });
    if (answer.type !== "tap") throw new RoomError("protocol", `The hub answered a tap with ${answer.type}.`);
    return { outcome: answer.outcome, award: answer.award ?? null, reason: answer.reason ?? null };
  }

  /** Sends a chat line; resolves when the hub accepted it (it comes back in a `room` message). */
  async chat(text: string): Promise<void> {
    const line = text.trim();
    if (!line) throw new RoomError("empty", "Write something first.");
    if ([...line].length > MAX_CHAT_CHARS) throw new RoomError("too_long", `At most ${MAX_CHAT_CHARS} characters.`);
    await this.request({ type: "chat", seq: this.seq(), text: line });
  }

  async gift(gift: string): Promise<void> {
    await this.request({ type: "gift", seq: this.seq(), gift });
  }

  /** Adds `count` hearts; they leave in batches (see the header). */
  like(count = 1): void {
    this.likes = Math.min(MAX_QUEUED_LIKES, this.likes + Math.max(0, Math.floor(count)));
    this.flushLikes();
  }

  /** Leaves: closes the socket for good and rejects what is still unanswered. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.likeTimer);
    this.socket.close();
    for (const [seq, p] of this.pending) this.settle(seq, p, () => p.reject(new RoomError("closed", "You left the room.")));
  }

  private seq(): number {
    return this.nextSeq++;
  }

  private async postJoin(): Promise<Joined> {
    const url = new URL(`api/rooms/${encodeURIComponent(this.roomId)}/join`, this.base).href;
    let res: Response;
    try {
      res = await this.fetcher(url, { method: "POST", credentials: "include" });
    } catch (e) {
      throw new RoomError("unreachable", `The hub cannot be reached: ${e instanceof Error ? e.message : String(e)}`);
    }
    const body = (await res.json().catch(() => null)) as (Joined & { code?: string; message?: string }) | null;
    if (!res.ok || !body) {
      const message = body?.message ?? `Could not join the room (HTTP ${res.status}).`;
      throw new RoomError(body?.code ?? `http_${res.status}`, message, res.status);
    }
    this.viewer = body.viewer;
    this.nick = body.nick;
    return body;
  }

  private request(message: Request): Promise<HubToViewer> {
    if (this.stopped) return Promise.reject(new RoomError("closed", "You left the room."));
    return new Promise((resolve, reject) => {
      const seq = message.seq;
      const timer = setTimeout(() => {
        const p = this.pending.get(seq);
        if (p) this.settle(seq, p, () => reject(new RoomError("timeout", "The room did not answer in 15 s: check your connection.")));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(seq, { message, resolve, reject, timer });
      // Not connected: sent when the socket opens (with the rest of the pending ones).
      this.send(message);
    });
  }

  private settle(seq: number, p: Pending, how: () => void): void {
    clearTimeout(p.timer);
    this.pending.delete(seq);
    how();
  }

  private send(message: ViewerMessage): boolean {
    return this.socket.send(JSON.stringify(message));
  }

  private flushLikes(): void {
    if (this.likes === 0 || this.likeTimer !== undefined || !this.socket.isOpen) return;
    const wait = this.lastLikeAt + LIKE_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.likeTimer = setTimeout(() => {
        this.likeTimer = undefined;
        this.flushLikes();
      }, wait);
      return;
    }
    const count = Math.min(MAX_LIKES_PER_MESSAGE, this.likes);
    if (!this.send({ type: "like", count })) return;
    this.likes -= count;
    this.lastLikeAt = Date.now();
    if (this.likes > 0) this.flushLikes();
  }

  private receive(data: string): void {
    let message: HubToViewer;
    try {
      message = JSON.parse(data) as HubToViewer;
    } catch {
      return;
    }
    switch (message?.type) {
      case "welcome":
        this.viewer = message.viewer;
        this.nick = message.nick;
        this.emit("welcome", { ...message, chat: message.chat ?? [] });
        break;
      case "room":
        this.emit("room", { ...message, chat: message.chat ?? ([] as ChatLine[]) });
        break;
      case "tap":
      case "ack": {
        // Unknown seq: answered already (a re-send crossed the first answer) or timed out.
        const p = this.pending.get(message.seq);
        if (p) this.settle(message.seq, p, () => p.resolve(message));
        break;
      }
      case "error": {
        const p = message.seq == null ? undefined : this.pending.get(message.seq);
        if (p) this.settle(message.seq as number, p, () => p.reject(new RoomError(message.code, message.message)));
        else this.emit("error", message);
        break;
      }
    }
  }

  private emit<K extends keyof RoomEvents>(type: K, event: RoomEvents[K]): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (e: RoomEvents[K]) => void)(event);
  }
}
