// Tauri's window and webview, and their listeners (which register asynchronously, while
// components and watchers need to stop them at once). Outside Tauri (a plain browser) there are none.

/** What `get` returns, or null outside Tauri (where Tauri's objects cannot be made). */
export function inTauri<T>(get: () => T): T | null {
  try {
    return get();
  } catch {
    return null;
  }
}

/**
 * Start a listener (`start` resolves to its unlisten function) and return a function that stops
 * it, even before it has finished registering. Outside Tauri (a plain browser) nothing listens.
 */
export function listening(start: () => Promise<() => void>): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  try {
    start().then(
      (unlisten) => (stopped ? unlisten() : (stop = unlisten)),
      () => undefined,
    );
  } catch {
    // Not inside Tauri: nothing to listen to.
  }
  return () => {
    stopped = true;
    stop?.();
  };
}
