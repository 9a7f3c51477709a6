// The scripting API as the editor knows it: parsed from the generated lantern.d.ts (the same file
// script authors read), so completions and checks follow the engine without a second list.
// The parser knows the generator's layout: one member per line, `/** … */` docs above it.

export interface Member {
  name: string;
  kind: "method" | "property";
  /** `(id: string): Layer | null` for methods, the type for properties. */
  detail: string;
  doc: string;
}

export interface ScriptApi {
  /** Members of the `lantern` object. */
  lantern: Member[];
  /** Members of a layer or sprite handle. */
  layer: Member[];
  /** Event names `lantern.on` accepts, with what their handlers receive. */
  events: Member[];
  console: Member[];
}

/** From `open` at `text[i]`, the index after its balanced `close`. */
function balanced(text: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === open) depth++;
    else if (text[j] === close && --depth === 0) return j + 1;
  }
  return text.length;
}

/** One member line: `readonly name?<T>(params): type;`. */
function member(line: string, doc: string): Member | null {
  const head = /^\s*(?:readonly\s+)?(\w+)\??/.exec(line);
  if (!head || line.includes("private ")) return null;
  let i = head[0].length;
  const start = i;
  if (line[i] === "<") i = balanced(line, i, "<", ">");
  const isMethod = line[i] === "(";
  if (isMethod) i = balanced(line, i, "(", ")");
  const rest = /^\s*:\s*(.+?);?\s*$/.exec(line.slice(i));
  if (!rest) return null;
  const type = rest[1]!;
  return { name: head[1]!, kind: isMethod ? "method" : "property", detail: isMethod ? `${line.slice(start, i)}: ${type}` : type, doc };
}

/** The members of the block that starts with `header` (up to its closing brace). */
function block(text: string, header: RegExp): Member[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => header.test(l));
  if (start < 0) return [];
  const out: Member[] = [];
  let doc = "";
  for (const line of lines.slice(start + 1)) {
    if (/^\}/.test(line)) break;
    const comment = /^\s*\/\*\*\s*(.*?)\s*\*\/\s*$/.exec(line);
    if (comment) {
      doc = comment[1]!;
      continue;
    }
    const m = member(line, doc);
    if (m) out.push(m);
    doc = "";
  }
  return out;
}

export function parseApi(dts: string): ScriptApi {
  return {
    lantern: block(dts, /^interface Lantern \{/),
    layer: block(dts, /^declare class Layer \{/),
    events: block(dts, /^interface LanternEvents \{/),
    console: block(dts, /^declare const console: \{/),
  };
}
