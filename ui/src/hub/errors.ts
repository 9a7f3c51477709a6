// Errors as people read them. Every error response is `{code, message}`; the message is the sentence
// to show, except for 401 (sign in again) and 403 (say which role was refused).
import type { ApiErrorBody, Problem, Role } from "./types";

/** A failed request: the HTTP status (0: the hub was not reached) and the server's body. */
export class HubError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: Problem[];

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = "HubError";
    this.status = status;
    this.code = body.code;
    this.problems = body.problems ?? [];
  }
}

function isProblem(p: unknown): p is Problem {
  return typeof p === "object" && p !== null && typeof (p as Problem).message === "string";
}

/** The `{code, message}` in a response body, or a stand-in naming the status when it has none. */
export function errorBody(status: number, statusText: string, body: unknown): ApiErrorBody {
  if (typeof body === "object" && body !== null) {
    const { code, message, problems } = body as Record<string, unknown>;
    if (typeof code === "string" && typeof message === "string") {
      const list = Array.isArray(problems) ? problems.filter(isProblem) : undefined;
      return list ? { code, message, problems: list } : { code, message };
    }
  }
  const what = statusText ? `${status} ${statusText}` : String(status);
  return { code: "http", message: `The hub answered ${what}.` };
}

/** `text` as a sentence: a capital first letter and a full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return "";
  const first = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

/** What a person reads for `e` when signed in with `role` (undefined: not signed in). */
export function describeError(e: unknown, role?: Role): string {
  if (e instanceof HubError) {
    if (e.status === 401) return "Your token was not accepted: sign in again.";
    // The hub's own 403 sentence names the role and the act ("Your role (host) cannot see the
    // review queue."): keep it when it does, else say it plainly.
    if (e.status === 403) return /^your role \(/i.test(e.message) ? sentence(e.message) : forbidden(role);
    if (e.status === 0) return sentence(`Could not reach the hub: ${e.message}`);
    return sentence(e.message);
  }
  if (e instanceof Error) return sentence(e.message);
  return sentence(String(e));
}

/** The sentence for a page or action the role may not use. */
export function forbidden(role?: Role): string {
  return role ? `Your role (${role}) cannot do this.` : "Your role cannot do this.";
}

/** Whether `e` means the token is missing, wrong or revoked. */
export function needsSignIn(e: unknown): boolean {
  return e instanceof HubError && e.status === 401;
}
