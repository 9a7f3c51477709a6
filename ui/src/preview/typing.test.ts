import { describe, expect, it } from "vitest";
import { TYPING_BUDGET_MS, TYPING_MAX_WAIT_MS, TYPING_QUIET_MS, TypingWatch, isTyping } from "./typing";

/** A page clock and timers the test moves by hand. */
function fakeTime() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    later: (run: () => void, ms: number) => void timers.push({ at: now + ms, run }),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (!t || t.at > end) break;
        timers.shift();
        now = t.at;
        t.run();
      }
      now = end;
    },
  };
}

describe("the preview gives way to typing", () => {
  it("counts keys in text fields and the script editor, not on buttons or checkboxes", () => {
    expect(isTyping({ tagName: "DIV", isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: "INPUT", type: "text" } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: "INPUT", type: "checkbox" } as unknown as EventTarget)).toBe(false);
    expect(isTyping({ tagName: "BUTTON" } as unknown as EventTarget)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it("plays on while typing is fast; slow keystrokes make it give way, until they are fast again", () => {
    const time = fakeTime();
    const keys = new Map<string, (e: Event) => void>();
    const doc = { addEventListener: (k: string, f: (e: Event) => void) => keys.set(k, f), removeEventListener: () => undefined };
    // Keystrokes reach the next frame after `delay` ms.
    let delay = 5;
    const watch = new TypingWatch(doc as unknown as Document, time.now, time.later, (run) => time.later(run, delay));
    const type = () => {
      keys.get("keydown")!({ target: { tagName: "TEXTAREA" } } as unknown as Event);
      time.advance(4 * TYPING_BUDGET_MS);
    };
    const drawn: number[] = [];
    const schedule = watch.giveWay((run) => run());
    type();
    schedule(() => drawn.push(1));
    expect(drawn).toEqual([1]);
    delay = 3 * TYPING_BUDGET_MS;
    type();
    expect(watch.lag).toBe(delay);
    watch.last = time.now();
    schedule(() => drawn.push(2));
    expect(drawn).toEqual([1]);
    time.advance(TYPING_QUIET_MS);
    expect(drawn).toEqual([1, 2]);
    // Fast again: the remembered delay fades within a few keystrokes.
    delay = 5;
    for (let i = 0; i < 6; i++) type();
    expect(watch.lag).toBeLessThanOrEqual(TYPING_BUDGET_MS);
  });

  it("while typing is slow, draws after a pause in typing, and never later than the longest wait", () => {
    const time = fakeTime();
    const watch = new TypingWatch(null, time.now, time.later);
    watch.lag = 2 * TYPING_BUDGET_MS;
    const drawn: number[] = [];
    const schedule = watch.giveWay((run) => run());
    schedule(() => drawn.push(time.now()));
    expect(drawn).toEqual([0]);

    watch.last = time.now(); // a key
    schedule(() => drawn.push(time.now()));
    time.advance(TYPING_QUIET_MS - 1);
    expect(drawn).toEqual([0]);
    time.advance(1);
    expect(drawn).toEqual([0, TYPING_QUIET_MS]);

    // Typing on and on: the frame still goes out after the longest wait.
    const start = time.now();
    watch.last = start;
    schedule(() => drawn.push(time.now() - start));
    for (let t = 0; t < 2 * TYPING_MAX_WAIT_MS; t += 50) {
      watch.last = time.now();
      time.advance(50);
    }
    expect(drawn[2]).toBe(TYPING_MAX_WAIT_MS);
  });
});
