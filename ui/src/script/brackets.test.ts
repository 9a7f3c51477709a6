import { closeBrackets, insertBracket } from "@codemirror/autocomplete";
import { insertNewlineAndIndent } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { typeOver } from "./brackets";

/**
 * Types `keys` as the editor would: Enter inserts a newline and indents (splitting a bracket
 * pair), closeBrackets closes and steps over brackets, and (unless `plain`) typeOver first.
 */
function typed(keys: string, opts: { doc?: string; at?: number; plain?: boolean } = {}): { text: string; cursor: number } {
  const { doc = "", at = doc.length, plain = false } = opts;
  let state = EditorState.create({ doc, selection: { anchor: at }, extensions: [javascript(), closeBrackets()] });
  for (const key of keys) {
    if (key === "\n") {
      insertNewlineAndIndent({ state, dispatch: (tr) => (state = tr.state) });
      continue;
    }
    const tr = (plain ? null : typeOver(state, key)) ?? insertBracket(state, key) ?? state.update(state.replaceSelection(key), { userEvent: "input.type" });
    state = tr.state;
  }
  return { text: state.doc.toString(), cursor: state.selection.main.head };
}

describe("typing a closing bracket where the editor already put one", () => {
  it("the issue's sequence: no stray `})` (closeBrackets alone leaves one)", () => {
    const keys = "lantern.on('update', () => {\n})";
    expect(typed(keys, { plain: true }).text).toBe("lantern.on('update', () => {\n  })\n})");
    const done = typed(keys);
    expect(done.text).toBe("lantern.on('update', () => {\n})");
    expect(done.cursor).toBe(done.text.length);
    expect(typed(`${keys};\n`).text).toBe("lantern.on('update', () => {\n});\n");
  });

  it("after a body, and in nested blocks", () => {
    expect(typed("lantern.on('update', () => {\nx += 1;\n})").text).toBe("lantern.on('update', () => {\n  x += 1;\n})");
    expect(typed("if (a) {\nfor (const l of ls) {\nl.x = 1;\n}\n}").text).toBe("if (a) {\n  for (const l of ls) {\n    l.x = 1;\n  }\n}");
    expect(typed("const xs = [\n1, 2\n];").text).toBe("const xs = [\n  1, 2\n];");
  });

  it("goes over a matched closer after the cursor even when the editor did not add it", () => {
    expect(typed(")", { doc: "f(a, b)", at: 6 })).toEqual({ text: "f(a, b)", cursor: 7 });
  });

  it("inserts a closer that has no partner, one typed mid-line, and one in a string or comment", () => {
    expect(typed(")", { doc: "a" }).text).toBe("a)");
    expect(typed("}", { doc: "x)\n" }).text).toBe("x)\n}");
    // Text before the cursor on its line: the closer on the next line is not taken over.
    expect(typed("}", { doc: "if (a) {\n  b()\n}", at: 14 }).text).toBe("if (a) {\n  b()}\n}");
    const inString = EditorState.create({ doc: 'const s = ")";', selection: { anchor: 11 }, extensions: [javascript()] });
    expect(typeOver(inString, ")")).toBeNull();
    const inComment = EditorState.create({ doc: "// )", selection: { anchor: 3 }, extensions: [javascript()] });
    expect(typeOver(inComment, ")")).toBeNull();
  });
});
