// Publishing to Lantern Hub from the Studio: upload the edited document (packed by the Rust side
// exactly as Export packs it), then follow its review. The status is read again every few seconds
// while the version is pending or its previews are rendering, and no longer once it is final, the
// status line is dismissed, the project closes, or after a bounded number of reads. The token typed
// stays in memory (the Rust side keeps it on this machine once the hub accepted it). Nothing here
// throws into a component.
import type { HubVersion } from "../generated/ipc";
import * as ipc from "../ipc";
import { type Store, initialPublish } from "../store/store";
import { isFinal, statusSentence } from "./rules";

/** What the designer fills in. */
export interface PublishForm {
  hubUrl: string;
  token: string;
  name: string;
}

/** How often the status is read while it may change. */
export const POLL_MS = 5000;
/** Reads before giving up (half an hour at POLL_MS); "Check again" starts over. */
export const MAX_POLLS = 360;
/** Failed reads in a row before giving up. */
export const MAX_POLL_ERRORS = 3;

export interface Poller {
  /** Read the status once. */
  read: () => Promise<HubVersion>;
  /** A fresh status. */
  onUpdate: (v: HubVersion) => void;
  /** Polling ended by itself: `final`, or `limit`/`error` with a sentence. */
  onEnd: (why: "final" | "limit" | "error", message: string | null) => void;
  intervalMs?: number;
  maxPolls?: number;
  maxErrors?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

/**
 * Read the status of `first` every `intervalMs` until it is final, `maxPolls` reads were made,
 * or `maxErrors` reads in a row failed. Returns a function that stops it (no callback after).
 */
export function pollStatus(first: HubVersion, p: Poller): () => void {
  const { intervalMs = POLL_MS, maxPolls = MAX_POLLS, maxErrors = MAX_POLL_ERRORS } = p;
  const setTimer = p.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = p.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));
  let stopped = false;
  let timer: unknown = null;
  let polls = 0;
  let errors = 0;
  const end = (why: "final" | "limit" | "error", message: string | null) => {
    stopped = true;
    p.onEnd(why, message);
  };
  const tick = async () => {
    timer = null;
    polls += 1;
    try {
      const v = await p.read();
      if (stopped) return;
      errors = 0;
      p.onUpdate(v);
      if (isFinal(v)) return end("final", null);
    } catch (e) {
      if (stopped) return;
      errors += 1;
      if (errors >= maxErrors) return end("error", `Stopped checking the review: ${ipc.describeError(e)}`);
    }
    if (polls >= maxPolls) {
      const minutes = Math.round((maxPolls * intervalMs) / 60000);
      return end("limit", `Still waiting for a review after ${minutes} minute(s): check again later.`);
    }
    timer = setTimer(() => void tick(), intervalMs);
  };
  if (isFinal(first)) end("final", null);
  else timer = setTimer(() => void tick(), intervalMs);
  return () => {
    stopped = true;
    if (timer !== null) clearTimer(timer);
  };
}

/** The running poll's stop function, and the token typed for it (memory only). */
let stopCurrent: (() => void) | null = null;
let pollToken: string | null = null;
/** Numbers uploads: an answer for an older one (or another project) is ignored. */
let current = 0;

/** Stop reading the status (the version shown stays). */
export function stopPolling(s: Store): void {
  stopCurrent?.();
  stopCurrent = null;
  if (s.get().publish.polling) s.setPublish({ polling: false });
}

/** Read the published version's status every few seconds until it is final (or stopped). */
export function startPolling(s: Store, options: Partial<Poller> = {}): void {
  stopPolling(s);
  const v = s.get().publish.version;
  if (!v) return;
  const token = pollToken;
  s.setPublish({ polling: !isFinal(v), pollMessage: null });
  stopCurrent = pollStatus(v, {
    read: () => ipc.hubVersionStatus(v.hubUrl, token, v.name, v.version),
    onUpdate: (fresh) => {
      const was = s.get().publish.version?.status;
      s.setPublish({ version: fresh, checkedAt: Date.now() });
      // A review decided while the dialog is closed: say so (the toolbar keeps the status).
      if (was !== fresh.status && s.get().dialog !== "publish") s.notify("info", statusSentence(fresh));
    },
    onEnd: (_why, message) => {
      stopCurrent = null;
      s.setPublish({ polling: false, pollMessage: message });
    },
    ...options,
  });
}

/** Upload the document as edited now; false (with the reason in the store) when it was not. */
export async function publishNow(s: Store, form: PublishForm, options: Partial<Poller> = {}): Promise<boolean> {
  const dir = s.get().project?.dir;
  const doc = s.doc();
  if (!dir || !doc || s.get().publish.phase === "publishing") return false;
  stopPolling(s);
  const token = form.token.trim();
  const upload = ++current;
  s.setPublish({ ...initialPublish, phase: "publishing" });
  try {
    const published = await ipc.publishToHub(dir, doc, { hubUrl: form.hubUrl.trim(), token: token || null, name: form.name });
    if (upload !== current || s.get().project?.dir !== dir) return false;
    // The Rust side keeps an accepted token; one it could not keep is still needed to poll.
    pollToken = published.tokenSaved ? null : token || null;
    s.setPublish({ phase: "published", version: published.version, checkedAt: Date.now() });
    if (s.get().dialog !== "publish") s.notify("info", `Published ${statusSentence(published.version)}`);
    startPolling(s, options);
    return true;
  } catch (e) {
    if (upload !== current) return false;
    s.setPublish({ phase: "failed", error: ipc.describeError(e), errorCode: ipc.errorCode(e) ?? null });
    // The dialog was closed meanwhile: the reason still shows.
    if (s.get().dialog !== "publish") s.notifyError(e, "Publishing failed");
    return false;
  }
}

/** Dismiss the status line: stop reading the status and forget the last upload. */
export function dismissPublished(s: Store): void {
  stopPolling(s);
  current += 1;
  s.setPublish(initialPublish);
}

/** Stop polling and forget the last upload when the project closes or another one opens. */
export function watchPublish(s: Store): () => void {
  let dir = s.get().project?.dir ?? null;
  const unsubscribe = s.subscribe(() => {
    const now = s.get().project?.dir ?? null;
    if (now === dir) return;
    dir = now;
    if (s.get().publish.phase !== "idle") dismissPublished(s);
  });
  return () => {
    unsubscribe();
    stopPolling(s);
  };
}
