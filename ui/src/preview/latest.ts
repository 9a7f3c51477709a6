// Newest-only drawing: frames offered faster than the screen refreshes replace each other unread,
// and the newest is drawn once per animation frame, one at a time (a draw may be asynchronous,
// e.g. decoding an ImageBitmap). Each offered frame learns its fate exactly once.

/** What became of an offered frame. */
export type Fate = "drawn" | "replaced" | "failed";

/** Runs a callback before the next repaint (requestAnimationFrame, or a stand-in). */
export type Scheduler = (run: () => void) => void;

interface Pending<T> {
  item: T;
  done: (fate: Fate) => void;
}

/** A one-slot mailbox in front of a drawing function. */
export class Latest<T> {
  private pending: Pending<T> | null = null;
  /** A draw is scheduled or under way. */
  private busy = false;
  private closed = false;

  constructor(
    private readonly draw: (item: T) => void | Promise<void>,
    private readonly schedule: Scheduler,
  ) {}

  /** Draw `item` at the next animation frame, unless a newer one comes first. */
  offer(item: T, done: (fate: Fate) => void): void {
    if (this.closed) return;
    this.pending?.done("replaced");
    this.pending = { item, done };
    this.wake();
  }

  /** Stop drawing; a pending frame is dropped without a word (its canvas is gone). */
  close(): void {
    this.closed = true;
    this.pending = null;
  }

  private wake(): void {
    if (this.busy || !this.pending) return;
    this.busy = true;
    this.schedule(() => void this.run());
  }

  private async run(): Promise<void> {
    const p = this.pending;
    this.pending = null;
    if (p && !this.closed) {
      let fate: Fate = "drawn";
      try {
        await this.draw(p.item);
      } catch {
        fate = "failed";
      }
      p.done(fate);
    }
    this.busy = false;
    this.wake();
  }
}
