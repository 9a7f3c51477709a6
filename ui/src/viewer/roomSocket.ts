// A WebSocket that comes back: on a drop (a phone changing networks, a hub restarting) it waits
// with exponential backoff and jitter and opens a new one, for as long as it is not closed. The
// RoomClient (room.ts) says what to send on each open; this file only keeps a socket up.

export type ConnectionState = "connecting" | "open" | "closed";

/** The part of a WebSocket used here (a fake one in tests). */
export type SocketLike = Pick<WebSocket, "readyState" | "send" | "close" | "onopen" | "onmessage" | "onclose" | "onerror">;
export type SocketConstructor = new (url: string) => SocketLike;

export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_MAX_MS = 10_000;
/** A connection open this long was a good one: the next drop starts the backoff afresh. */
export const STABLE_MS = 10_000;
/** Sockets in a row that never opened before `beforeRetry` is asked to repair things. */
export const REPAIR_AFTER = 3;
const OPEN = 1;

/**
 * How long to wait before reconnect attempt `attempt` (0-based): a ceiling doubling from 1 s to
 * 10 s, and a random point in its upper half, so viewers dropped together by a hub restart do
 * not all come back in the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt));
  return ceiling / 2 + (random() * ceiling) / 2;
}

export type SocketHooks = {
  open(): void;
  message(data: string): void;
  state(state: ConnectionState): void;
  /**
   * Before a retry that follows REPAIR_AFTER sockets that never opened (the browser does not say
   * why one was refused); a rejection waits for the next attempt.
   */
  repair(): Promise<void>;
};

export class ReconnectingSocket {
  state: ConnectionState = "closed";
  private socket: SocketLike | null = null;
  private stopped = false;
  private attempt = 0;
  private failedOpens = 0;
  private openedAt: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly url: string,
    private readonly Socket: SocketConstructor,
    private readonly hooks: SocketHooks,
    private readonly random: () => number = Math.random,
  ) {}

  get isOpen(): boolean {
    return this.state === "open" && this.socket?.readyState === OPEN;
  }

  start(): void {
    if (!this.stopped && !this.socket && this.retryTimer === undefined) this.connect();
  }

  /** Sends now if open; false otherwise (nothing is queued here). */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.socket?.send(text);
    return true;
  }

  /** For good. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "left");
    this.setState("closed");
  }

  private connect(): void {
    this.retryTimer = undefined;
    this.setState("connecting");
    let socket: SocketLike;
    try {
      socket = new this.Socket(this.url);
    } catch {
      this.failedOpens++;
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    // Each handler checks it still belongs to the current socket: a late event of an old one
    // must not touch the new connection.
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.openedAt = Date.now();
      this.failedOpens = 0;
      this.setState("open");
      this.hooks.open();
    };
    socket.onmessage = (event) => {
      if (this.socket === socket && typeof event.data === "string") this.hooks.message(event.data);
    };
    socket.onclose = () => {
      if (this.socket === socket) this.lost();
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
  }

  private lost(): void {
    this.socket = null;
    if (this.openedAt === null) this.failedOpens++;
    else if (Date.now() - this.openedAt >= STABLE_MS) this.attempt = 0;
    this.openedAt = null;
    this.setState("closed");
    if (!this.stopped) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const delay = reconnectDelay(this.attempt++, this.random);
    this.retryTimer = setTimeout(() => void this.retry(), delay);
  }

  private async retry(): Promise<void> {
    if (this.stopped) return;
    if (this.failedOpens >= REPAIR_AFTER) {
      try {
        await this.hooks.repair();
        this.failedOpens = 0;
      } catch {
        if (!this.stopped) this.scheduleRetry();
        return;
      }
      if (this.stopped) return;
    }
    this.connect();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.hooks.state(state);
  }
}
