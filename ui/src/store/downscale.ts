// Images larger than the effect can show, found before an import copies anything (the Rust side's
// `plan_import`): for each, the Studio asks "Downscale to W×H (saves N MiB of texture memory)" or
// "Keep original" in its own prompt (Enter downscales, Escape keeps), with "Downscale all" while
// more are waiting. A downscaled image is written into the project resized; the person's file is
// only read.
import type { Downscale, Oversized } from "../generated/ipc";
import { quoted } from "./labels";
import { type Prompt, ask } from "./prompt";
import type { Store } from "./store";

/** Bytes as the export's budget table shows texture memory: "16.97 MiB", "640.0 KiB". */
export function formatBytes(v: number): string {
  return v >= 1048576 ? `${(v / 1048576).toFixed(2)} MiB` : `${(v / 1024).toFixed(1)} KiB`;
}

/** The file or folder name of a path as given to the import. */
function baseName(path: string): string {
  return path.replace(/[\\/]+$/, "").split(/[\\/]/).pop() || path;
}

function saved(items: readonly Oversized[]): number {
  return items.reduce((n, o) => n + o.textureBytes - o.proposedTextureBytes, 0);
}

/** The question about `waiting[0]`; the others are still to be asked about. */
export function downscalePrompt(waiting: readonly Oversized[], total = waiting.length): Prompt {
  const o = waiting[0]!;
  const count = total > 1 ? ` (${total - waiting.length + 1} of ${total})` : "";
  const size = `${o.width}×${o.height} px`;
  const what = o.frames > 1 ? `${o.frames} frames of ${size} take` : `${size} takes`;
  const choices = [{ id: "keep", label: "Keep original" }];
  if (waiting.length > 1) choices.push({ id: "all", label: `Downscale all ${waiting.length} (saves ${formatBytes(saved(waiting))})` });
  choices.push({ id: "downscale", label: `Downscale to ${o.proposedWidth}×${o.proposedHeight} (saves ${formatBytes(saved([o]))} of texture memory)` });
  return {
    title: `${quoted(baseName(o.source))} is larger than the effect can show${count}`,
    text:
      `${what} ${formatBytes(o.textureBytes)} of texture memory, but the effect never shows more than ` +
      `${o.maxSide} px on a side. Downscaling imports a resized copy; your file is not changed.`,
    choices,
    primary: "downscale",
    cancel: "keep",
  };
}

/** Ask about each oversized image in turn; returns those to downscale. */
export async function chooseDownscales(s: Store, plan: readonly Oversized[]): Promise<Downscale[]> {
  const chosen: Downscale[] = [];
  for (let i = 0; i < plan.length; i++) {
    const waiting = plan.slice(i);
    const { choice } = await ask(s, downscalePrompt(waiting, plan.length));
    const take = choice === "all" ? waiting : choice === "downscale" ? waiting.slice(0, 1) : [];
    chosen.push(...take.map((o) => ({ source: o.source, maxSide: o.maxSide })));
    if (choice === "all") break;
  }
  return chosen;
}
