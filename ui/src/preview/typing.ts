// The preview gives way to typing: while keys are being pressed in a text field or the script
// editor, a preview frame waits to be drawn until typing pauses (TYPING_QUIET_MS), but never longer
// than TYPING_MAX_WAIT_MS, so the picture still moves. A frame that waits is not acknowledged,
// so the engine renders nothing meanwhile and its CPU goes to the webview too.
import type { Scheduler } from "./latest";

/** Quiet time after a keystroke before the preview draws again. */
export const TYPING_QUIET_MS = 150;
/** The longest a frame waits while typing goes on. */
export const TYPING_MAX_WAIT_MS = 500;

/** Whether a key pressed on `target` is typing (a text field, a text area, the script editor). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as (HTMLElement & { type?: string }) | null;
  if (!el || typeof el.tagName !== "string") return false;
  if (el.isContentEditable) return true;
  if (el.tagName === "TEXTAREA") return true;
  return el.tagName === "INPUT" && !["checkbox", "radio", "range", "button", "submit", "color", "file"].includes(el.type ?? "text");
}

/** When the last key was typed, on a page's clock. */
export class TypingWatch {
  last = -Infinity;
  private readonly onKey = (e: Event) => {
    if (isTyping(e.target)) this.last = this.now();
  };

  constructor(
    private readonly doc: Pick<Document, "addEventListener" | "removeEventListener"> | null,
    private readonly now: () => number = () => performance.now(),
    private readonly later: (run: () => void, ms: number) => void = (run, ms) => void setTimeout(run, ms),
  ) {
    doc?.addEventListener("keydown", this.onKey, { capture: true, passive: true });
  }

  /** `then`, wrapped: it runs once typing has paused, or after the longest wait. */
  giveWay(then: Scheduler): Scheduler {
    return (run) => {
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
