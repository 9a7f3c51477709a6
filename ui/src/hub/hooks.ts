// Loading things from the hub in components: a resource that can be reloaded (and polled), and
// images fetched with the token as object URLs (revoked when no longer shown).
import { useCallback, useEffect, useRef, useState } from "react";
import type { Hub } from "./api";
import type { Report, VersionDetail } from "./types";

export interface Resource<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Load again, keeping what is shown until the answer comes. */
  reload: () => void;
}

/**
 * Loads `load` when `key` changes; aborts the request on unmount or a new key. While `pollMs(data)`
 * gives a number, loads again after that many milliseconds.
 */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>, pollMs?: (data: T) => number | null): Resource<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: unknown; loading: boolean }>({ key, data: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  const pollRef = useRef(pollMs);
  useEffect(() => {
    loadRef.current = load;
    pollRef.current = pollMs;
  });
  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, data: null, error: null, loading: true }));
    loadRef.current(ctl.signal).then(
      (data) => {
        if (ctl.signal.aborted) return;
        setState({ key, data, error: null, loading: false });
        const ms = pollRef.current?.(data);
        if (ms != null) timer = setTimeout(() => setRound((r) => r + 1), ms);
      },
      (error: unknown) => !ctl.signal.aborted && setState((s) => ({ ...s, key, error, loading: false })),
    );
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const current = state.key === key ? state : { data: null, error: null, loading: true };
  return { data: current.data, error: current.error, loading: current.loading, reload };
}

/** Runs one action at a time (`busy` meanwhile) and keeps its error to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}

export type ImageState = { url: string | null; failed: boolean };

/** An image the hub serves only with the token: fetched as a blob, shown through an object URL. */
export function useAuthImage(hub: Hub, path: string | null): ImageState {
  const [state, setState] = useState<ImageState & { path: string | null }>({ path, url: null, failed: false });
  useEffect(() => {
    if (!path) return;
    const ctl = new AbortController();
    let url: string | null = null;
    hub.blob(path, ctl.signal).then(
      (blob) => {
        if (ctl.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setState({ path, url, failed: false });
      },
      () => !ctl.signal.aborted && setState({ path, url: null, failed: true }),
    );
    return () => {
      ctl.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [hub, path]);
  return state.path === path ? { url: state.url, failed: state.failed } : { url: null, failed: false };
}

/** While any preview is still rendering, poll the version every 2 s. */
export function previewPollMs(report: Report): number | null {
  return report.previews.some((p) => p.status === "rendering") ? 2000 : null;
}

/** One version's detail, polled while its previews render. */
export function useVersionDetail(hub: Hub, name: string, version: string): Resource<VersionDetail> {
  return useResource(
    `${name}\n${version}`,
    (signal) => hub.version(name, version, signal),
    (v) => previewPollMs(v.report),
  );
}
