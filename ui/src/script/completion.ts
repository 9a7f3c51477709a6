// What to complete at the cursor, from the text before it (no editor needed, so it is tested
// directly): members after `lantern.` / `console.` / a layer handle's `.`, event names inside
// `lantern.on("`, and the two globals.
import type { Member, ScriptApi } from "./api";

export interface Completions {
  /** How many characters before the cursor the completion replaces. */
  replace: number;
  options: Member[];
}

const GLOBALS: Member[] = [
  { name: "lantern", kind: "property", detail: "Lantern", doc: "The scene, the clock and tracking." },
  { name: "console", kind: "property", detail: "console", doc: "Routed to the Studio console with level and file:line." },
];

export function completionsAt(before: string, api: ScriptApi): Completions | null {
  let m = /\blantern\.(?:on|off)\(\s*["'`](\w*)$/.exec(before);
  if (m) return { replace: m[1]!.length, options: api.events };
  m = /\blantern\.(\w*)$/.exec(before);
  if (m) return { replace: m[1]!.length, options: api.lantern };
  m = /\bconsole\.(\w*)$/.exec(before);
  if (m) return { replace: m[1]!.length, options: api.console };
  m = /[\w)\]]\.(\w*)$/.exec(before);
  if (m) return { replace: m[1]!.length, options: api.layer };
  m = /(?:^|[^\w.$])(\w+)$/.exec(before);
  if (m) return { replace: m[1]!.length, options: GLOBALS.filter((g) => g.name.startsWith(m![1]!)) };
  return null;
}
