import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { javascript, javascriptLanguage } from "@codemirror/lang-javascript";
import { linter } from "@codemirror/lint";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";
import dts from "../../../engine/script/lantern.d.ts?raw";
import { parseApi } from "../script/api";
import { completionsAt } from "../script/completion";
import { typeOverClosers } from "../script/brackets";
import { checkScript } from "../script/lint";
import { editorLook } from "../script/theme";

export const API = parseApi(dts);

function lanternCompletions(ctx: CompletionContext): CompletionResult | null {
  const line = ctx.state.doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  const c = completionsAt(before, API);
  if (!c || (c.replace === 0 && !ctx.explicit && !/[.("'`]$/.test(before))) return null;
  return {
    from: ctx.pos - c.replace,
    options: c.options.map((m) => ({ label: m.name, type: m.kind, detail: m.detail, info: m.doc || undefined })),
    validFor: /^\w*$/,
  };
}

/**
 * CodeMirror 6 with JavaScript, lantern.d.ts completions and checks, closers typed over the ones it
 * added, readable colours (script/theme.ts); Ctrl+S calls `onSave`.
 */
export function ScriptEditor({ text, onChange, onSave }: { text: string; onChange: (t: string) => void; onSave: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const handlers = useRef({ onChange, onSave });
  handlers.current = { onChange, onSave };
  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      doc: text,
      extensions: [
        basicSetup,
        typeOverClosers,
        javascript(),
        javascriptLanguage.data.of({ autocomplete: lanternCompletions }),
        autocompletion({ activateOnTyping: true }),
        linter((v) => checkScript(v.state.doc.toString(), API), { delay: 300 }),
        keymap.of([{ key: "Mod-s", preventDefault: true, run: () => {
          handlers.current.onSave();
          return true;
        } }]),
        EditorView.updateListener.of((u) => u.docChanged && handlers.current.onChange(u.state.doc.toString())),
        editorLook,
      ],
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; `text` changes from outside are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== text) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  }, [text]);
  return <div className="script-editor" ref={host} data-testid="script-editor" />;
}
