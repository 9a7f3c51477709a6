// Undo/redo over immutable documents. Each edit commits a new document; a run of edits with the
// same gesture key (one drag, one typing burst in a field) collapses into a single undo step.

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The gesture the last commit belonged to; a commit with the same key replaces it. */
  lastKey: string | null;
}

/** How many undo steps are kept. */
export const HISTORY_LIMIT = 200;

export function initHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null };
}

/** Record `next` as the new present. Same `key` as the previous commit: one step for both. */
export function commit<T>(h: History<T>, next: T, key: string | null = null): History<T> {
  if (next === h.present) return h;
  if (key !== null && key === h.lastKey) {
    return { ...h, present: next, future: [] };
  }
  const past = [...h.past, h.present];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, present: next, future: [], lastKey: key };
}

/** End the current gesture: the next commit starts a new undo step even with the same key. */
export function endGesture<T>(h: History<T>): History<T> {
  return h.lastKey === null ? h : { ...h, lastKey: null };
}

export function undo<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], lastKey: null };
}

export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: rest, lastKey: null };
}
