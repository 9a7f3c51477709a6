// The signed-in session: the token (kept in localStorage `lantern.hub.token`), its client and who
// it belongs to. Pages read it through useSession().
import { createContext, useContext } from "react";
import { Hub } from "./api";
import type { Me } from "./types";

export const TOKEN_KEY = "lantern.hub.token";

/** The minimal storage the session needs (localStorage in the browser, a map in tests). */
export interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function browserStore(): TokenStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // Storage can be switched off: then the token lives as long as the page.
  }
}

export function loadToken(store: TokenStore | null = browserStore()): string {
  return store?.getItem(TOKEN_KEY)?.trim() ?? "";
}

export function saveToken(token: string, store: TokenStore | null = browserStore()): void {
  const t = token.trim();
  if (t) store?.setItem(TOKEN_KEY, t);
  else store?.removeItem(TOKEN_KEY);
}

export interface Session {
  hub: Hub;
  me: Me;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only pages under a signed-in App call this. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a signed-in page");
  return s;
}
