// The preview gives way to typing when typing gets slow: each keystroke in a text field or the
// script editor is timed from its keydown to the next animation frame, and while recent ones took
// longer than TYPING_BUDGET_MS, a preview frame waits to be drawn until typing pauses
// (TYPING_QUIET_MS), but never longer than TYPING_MAX_WAIT_MS, so the picture still moves. A frame
// that waits is not acknowledged, so the engine renders nothing meanwhile and its CPU goes to the
// webview too. When typing is fast the preview plays on as it is.
import type { Scheduler } from "./latest";

/** Quiet time after a keystroke before the preview draws again. */
export const TYPING_QUIET_MS = 150;
/** The longest a frame waits while typing goes on. */
export const TYPING_MAX_WAIT_MS = 500;
/** Keystrokes slower than this (keydown to the next frame) make the preview give way. */
export const TYPING_BUDGET_MS = 50;
/** How much of the slowest recent keystroke's delay is remembered at each new keystroke. */
const LAG_MEMORY = 0.8;

/** Whether a key pressed on `target` is typing (a text field, a text area, the script editor). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as (HTMLElement & { type?: string }) | null;
  if (!el || typeof el.tagName !== "string") return false;
  if (el.isContentEditable) return true;
  if (el.tagName === "TEXTAREA") return true;
  return el.tagName === "INPUT" && !["checkbox", "radio", "range", "button", "submit", "color", "file"].includes(el.type ?? "text");
}

const nextFrame = (run: () => void) => (typeof requestAnimationFrame === "function" ? void requestAnimationFrame(run) : void setTimeout(run, 16));

/** When the last key was typed, and how slow typing has been lately, on a page's clock. */
export class TypingWatch {
  last = -Infinity;
  /** The slowest recent keystroke's delay, fading with each new one. */
  lag = 0;
  private readonly onKey = (e: Event) => {
    if (!isTyping(e.target)) return;
    const t0 = this.now();
    this.last = t0;
    this.frame(() => (this.lag = Math.max(this.now() - t0, this.lag * LAG_MEMORY)));
  };

  constructor(
    private readonly doc: Pick<Document, "addEventListener" | "removeEventListener"> | null,
    private readonly now: () => number = () => performance.now(),
    private readonly later: (run: () => void, ms: number) => void = (run, ms) => void setTimeout(run, ms),
    private readonly frame: (run: () => void) => void = nextFrame,
  ) {
    doc?.addEventListener("keydown", this.onKey, { capture: true, passive: true });
  }

  /** `then`, wrapped: while typing is slow, it runs once typing has paused, or after the longest wait. */
  giveWay(then: Scheduler): Scheduler {
    return (run) => {
      if (this.lag <= TYPING_BUDGET_MS) return then(run);
      const start = this.now();
      const check = () => {
        const t = this.now();
        const quiet = TYPING_QUIET_MS - (t - this.last);
        const left = TYPING_MAX_WAIT_MS - (t - start);
        if (quiet <= 0 || left <= 0) then(run);
        else this.later(check, Math.min(quiet, left));
      };
      check();
    };
  }

  stop(): void {
    this.doc?.removeEventListener("keydown", this.onKey, { capture: true });
  }
}
