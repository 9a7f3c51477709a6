import { useEffect, useState } from "react";
import { parsePaths } from "../paths";
import type { OpenPrompt } from "../store/prompt";
import { useStudio } from "../store/store";
import { PathField } from "./PathField";

/** The Studio's question on screen, if any (store/prompt.ts): a modal over everything else. */
export function PromptDialog() {
  const prompt = useStudio((s) => s.prompt);
  return prompt ? <PromptView key={prompt.id} prompt={prompt} /> : null;
}

function PromptView({ prompt }: { prompt: OpenPrompt }) {
  const [text, setText] = useState("");
  const ask = prompt.path;
  const paths = ask ? parsePaths(text, ask.multiple) : [];
  const choose = (choice: string, given: string[] = paths) => prompt.answer({ choice, paths: choice === prompt.primary ? given : [] });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      prompt.answer({ choice: prompt.cancel, paths: [] });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [prompt]);
  const browse = async () => {
    const chosen = ask ? await ask.browse() : [];
    if (chosen.length) choose(prompt.primary, chosen);
  };
  return (
    <div className="backdrop">
      <div className="modal prompt" role="alertdialog" aria-modal="true" aria-label={prompt.title}>
        <h2 className="question">{prompt.title}</h2>
        {prompt.text && <p>{prompt.text}</p>}
        {ask && (
          <PathField
            label={ask.multiple ? "Paths (one a line)" : "Path"}
            value={text}
            onChange={setText}
            placeholder={ask.placeholder}
            multiple={ask.multiple}
            onBrowse={browse}
            onEnter={() => paths.length > 0 && choose(prompt.primary)}
            autoFocus
          />
        )}
        <div className="row end">
          {prompt.choices.map((c) => {
            const primary = c.id === prompt.primary;
            return (
              <button
                key={c.id}
                className={primary ? "primary" : undefined}
                autoFocus={primary && !ask}
                disabled={primary && !!ask && paths.length === 0}
                onClick={() => choose(c.id)}
              >
                {c.label}
              </button>
            );
          })}
        </div>
      </div>
    </div>
  );
}
