// Checks while typing: syntax errors (from the JavaScript parser the editor uses) and uses of
// the lantern API that cannot work — a member `lantern` does not have, an event it never sends.
// The engine's own check happens on save: a script that does not load shows in the console.
import { javascriptLanguage } from "@codemirror/lang-javascript";
import type { ScriptApi } from "./api";

export interface Problem {
  from: number;
  to: number;
  severity: "error" | "warning";
  message: string;
}

export function checkScript(text: string, api: ScriptApi): Problem[] {
  const out: Problem[] = [];
  const tree = javascriptLanguage.parser.parse(text);
  tree.iterate({
    enter: (node) => {
      if (!node.type.isError) return;
      const from = node.from;
      const to = Math.max(node.to, Math.min(from + 1, text.length));
      if (!out.some((p) => p.from === from)) out.push({ from, to, severity: "error", message: "syntax error" });
    },
  });
  const members = new Set(api.lantern.map((m) => m.name));
  for (const m of text.matchAll(/\blantern\.(\w+)/g)) {
    if (members.has(m[1]!)) continue;
    const from = m.index! + "lantern.".length;
    out.push({ from, to: from + m[1]!.length, severity: "warning", message: `lantern has no "${m[1]}" (see lantern.d.ts)` });
  }
  const events = new Set(api.events.map((e) => e.name));
  for (const m of text.matchAll(/\blantern\.(?:on|off)\(\s*["'`](\w+)["'`]/g)) {
    if (events.has(m[1]!)) continue;
    const from = m.index! + m[0].length - m[1]!.length - 1;
    out.push({ from, to: from + m[1]!.length, severity: "error", message: `no event "${m[1]}": one of ${[...events].join(", ")}` });
  }
  return out.sort((a, b) => a.from - b.from);
}
