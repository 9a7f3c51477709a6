// Undo/redo over immutable documents, each step with a name. Every edit commits a new document and
// says what it did ("Move layer “hat”"); a run of edits with the same gesture key (one drag, one
// typing burst in a field) collapses into a single undo step.

/** A document the history can go back (or forward) to, and the name of the edit between. */
export interface Step<T> {
  state: T;
  /** In `past`: the edit made after `state` (what Undo takes back). In `future`: the edit that made `state`. */
  label: string;
}

export interface History<T> {
  past: Step<T>[];
  present: T;
  future: Step<T>[];
  /** The gesture the last commit belonged to; a commit with the same key replaces it. */
  lastKey: string | null;
}

/** How many undo steps are kept. */
export const HISTORY_LIMIT = 200;

export function initHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null };
}

/**
 * Record `next`, made by the edit `label`. Same `key` as the previous commit: one step for both,
 * named as it began ("Add action", then choosing its layer, is still "Add action").
 */
export function commit<T>(h: History<T>, next: T, label: string, key: string | null = null): History<T> {
  if (next === h.present) return h;
  if (key !== null && key === h.lastKey && h.past.length > 0) {
    return { ...h, present: next, future: [] };
  }
  const past = [...h.past, { state: h.present, label }];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, present: next, future: [], lastKey: key };
}

/**
 * End the current gesture: the next commit starts a new undo step even with the same key. A
 * gesture that came back to where it started (`same`) leaves no step.
 */
export function endGesture<T>(h: History<T>, same: (a: T, b: T) => boolean = Object.is): History<T> {
  if (h.lastKey === null) return h;
  const last = h.past[h.past.length - 1];
  if (last && same(last.state, h.present)) return { ...h, past: h.past.slice(0, -1), present: last.state, lastKey: null };
  return { ...h, lastKey: null };
}

export function undo<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return { past: h.past.slice(0, -1), present: prev.state, future: [{ state: h.present, label: prev.label }, ...h.future], lastKey: null };
}

export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, { state: h.present, label: next.label }], present: next.state, future: rest, lastKey: null };
}

/** The name of the edit Undo would take back, or null. */
export function undoLabel<T>(h: History<T> | null): string | null {
  return h?.past[h.past.length - 1]?.label ?? null;
}

/** The name of the edit Redo would make again, or null. */
export function redoLabel<T>(h: History<T> | null): string | null {
  return h?.future[0]?.label ?? null;
}
