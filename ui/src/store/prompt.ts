// Questions the Studio asks in its own modal (components/PromptDialog.tsx), never window.confirm:
// one at a time, answered by a button, by Escape (the prompt's cancel choice), or, for a prompt
// that asks for a path, by a path typed, pasted, browsed for or dropped on the window.
import type { Store } from "./store";

export interface Choice {
  id: string;
  label: string;
}

/** A field for a path (or several) and the native dialog that can fill it. */
export interface PathQuestion {
  multiple: boolean;
  placeholder: string;
  /** Opens the native dialog; no paths when the person cancels it. */
  browse: () => Promise<string[]>;
}

export interface Prompt {
  title: string;
  text?: string;
  /** The buttons, left to right. */
  choices: readonly Choice[];
  /** The default button: focused, so Enter chooses it. */
  primary: string;
  /** What Escape chooses. */
  cancel: string;
  path?: PathQuestion;
}

export interface Answer {
  choice: string;
  /** The paths given, for a prompt that asks for them. */
  paths: string[];
}

/** The prompt on screen, with the function that answers it. */
export interface OpenPrompt extends Prompt {
  /** Tells prompts apart (a new one starts with an empty field). */
  id: number;
  answer: (a: Answer) => void;
}

let asked = 0;

/** Show `prompt` (answering one already shown with its cancel choice) and wait for the answer. */
export function ask(s: Store, prompt: Prompt): Promise<Answer> {
  const shown = s.get().prompt;
  shown?.answer({ choice: shown.cancel, paths: [] });
  return new Promise((resolve) => {
    const open: OpenPrompt = {
      ...prompt,
      id: ++asked,
      answer: (a) => {
        if (s.get().prompt === open) s.set({ prompt: null });
        resolve(a);
      },
    };
    s.set({ prompt: open });
  });
}
