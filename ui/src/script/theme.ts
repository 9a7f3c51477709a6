// The script editor's look on the Studio's dark panels: the editor chrome and the syntax colours.
// Every token colour reads at WCAG AA (4.5:1 or more) on the editor's background and on the
// active line (theme.test.ts computes each one); CodeMirror's default style, made for light
// backgrounds (dark red strings, dark blue definitions), is not used.
import { HighlightStyle, type TagStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

/** The backgrounds text is drawn on: the editor, and the line the cursor is on. */
export const EDITOR_BACKGROUND = "#14151a";
export const ACTIVE_LINE_BACKGROUND = "#1d1f27";
export const GUTTER_BACKGROUND = "#1a1b21";
/** Plain text, and the line numbers. */
export const TEXT = "#e8e9ee";
export const GUTTER_TEXT = "#8b92a1";

/** The syntax colours, one rule per kind of token (the tags CodeMirror's default style colours, and a few more). */
export const TOKEN_STYLES: readonly TagStyle[] = [
  { tag: t.keyword, color: "#c792ea" },
  { tag: [t.atom, t.bool, t.null, t.url, t.contentSeparator, t.labelName], color: "#f78c6c" },
  { tag: [t.literal, t.number, t.inserted], color: "#f5b97f" },
  { tag: [t.string, t.deleted], color: "#a8d98a" },
  { tag: [t.regexp, t.escape, t.special(t.string)], color: "#ff9b8f" },
  { tag: t.definition(t.variableName), color: "#82aaff" },
  { tag: t.local(t.variableName), color: "#b4befe" },
  { tag: t.function(t.variableName), color: "#8fc7ff" },
  { tag: [t.typeName, t.namespace], color: "#ffcb6b" },
  { tag: t.className, color: "#ffd98a" },
  { tag: [t.special(t.variableName), t.macroName], color: "#89ddff" },
  { tag: [t.propertyName, t.definition(t.propertyName)], color: "#7fdbca" },
  { tag: t.operator, color: "#a6d8f0" },
  { tag: t.comment, color: "#8f98aa", fontStyle: "italic" },
  { tag: t.meta, color: "#a3acb9" },
  { tag: t.invalid, color: "#ff7a7a" },
  { tag: t.link, textDecoration: "underline" },
  { tag: t.heading, textDecoration: "underline", fontWeight: "bold" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strong, fontWeight: "bold" },
  { tag: t.strikethrough, textDecoration: "line-through" },
];

const chrome = EditorView.theme(
  {
    "&": { backgroundColor: EDITOR_BACKGROUND, color: TEXT, fontSize: "12.5px" },
    ".cm-gutters": { backgroundColor: GUTTER_BACKGROUND, color: GUTTER_TEXT, border: "none" },
    ".cm-activeLine": { backgroundColor: ACTIVE_LINE_BACKGROUND },
    ".cm-cursor": { borderLeftColor: "#ffb020" },
    ".cm-tooltip": { backgroundColor: "#2b2e37", color: TEXT },
  },
  { dark: true },
);

/** The editor's theme and syntax colours. */
export const editorLook = [chrome, syntaxHighlighting(HighlightStyle.define(TOKEN_STYLES as TagStyle[]))];
