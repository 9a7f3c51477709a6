// Typing a closing bracket where the editor already put one. CodeMirror's closeBrackets steps
// over a bracket it inserted only while the cursor stays on that line: after
// `lantern.on('update', () => {` and Enter, its `})` sits on the next line, forgotten, and typing
// `})` on the blank line left a stray `})`. Here a typed `)`, `]` or `}` goes over the same
// bracket when that one is matched (so inserting another would unbalance the code): the one right
// after the cursor, or, from a blank line, the one that starts the next line (the blank line goes).
import { matchBrackets, syntaxTree } from "@codemirror/language";
import { type EditorState, Prec, type Transaction } from "@codemirror/state";
import { EditorView } from "@codemirror/view";

const CLOSERS = ")]}";
/** Where brackets are text, not code. */
const TEXT_NODES = new Set(["String", "TemplateString", "LineComment", "BlockComment"]);
/** How far past a blank line the closer is looked for. */
const MAX_SCAN = 2000;

/** The position of the existing closer `ch` that typing `ch` at the cursor should go over, or -1. */
function closerToTypeOver(state: EditorState, ch: string): number {
  const { ranges, main } = state.selection;
  if (!CLOSERS.includes(ch) || ch.length !== 1 || ranges.length !== 1 || !main.empty) return -1;
  const pos = main.head;
  if (TEXT_NODES.has(syntaxTree(state).resolveInner(pos, -1).name)) return -1;
  let at = pos;
  if (state.sliceDoc(pos, pos + 1) !== ch) {
    if (state.doc.lineAt(pos).text.trim() !== "") return -1;
    at = pos + (/^\s*/.exec(state.sliceDoc(pos, pos + MAX_SCAN))?.[0].length ?? 0);
    if (state.sliceDoc(at, at + 1) !== ch) return -1;
  }
  return matchBrackets(state, at + 1, -1)?.matched ? at : -1;
}

/** The transaction for typing closer `ch` over an existing one, or null to insert it as usual. */
export function typeOver(state: EditorState, ch: string): Transaction | null {
  const at = closerToTypeOver(state, ch);
  if (at < 0) return null;
  const pos = state.selection.main.head;
  // From a blank line: the blank lines go, the closer's line keeps its indentation.
  const from = at === pos ? at : state.doc.lineAt(pos).from;
  const to = at === pos ? at : state.doc.lineAt(at).from;
  return state.update({
    changes: [{ from, to }, { from: at, to: at + 1, insert: ch }],
    selection: { anchor: at + 1 - (to - from) },
    scrollIntoView: true,
    userEvent: "input.type",
  });
}

/** The editor extension: ahead of closeBrackets, which would insert a second closer. */
export const typeOverClosers = Prec.high(
  EditorView.inputHandler.of((view, from, to, text) => {
    if (view.composing || from !== to || from !== view.state.selection.main.head) return false;
    const tr = typeOver(view.state, text);
    if (tr) view.dispatch(tr);
    return !!tr;
  }),
);
