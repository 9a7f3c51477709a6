// The Publish dialog's rules and sentences: what a package name, a hub address, a token and a
// version must be (the hub's own rules, lantern_library::reference, checked as the designer
// types), and how a version's review status and the hub's refusals read.
import type { HubVersion } from "../generated/ipc";

/** The hub a fresh Studio publishes to (as the Rust side's DEFAULT_HUB). */
export const DEFAULT_HUB = "http://127.0.0.1:8470";

/** A hub's address as the settings key it: trimmed, without trailing slashes. */
export function normaliseUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

/** A package name made from a title ("Lucky Hat!" → "lucky-hat"), or "" (as `name_from_title`). */
export function nameFromTitle(title: string): string {
  const out = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return /^[a-z0-9][a-z0-9-]{0,63}$/.test(out) ? out : "";
}

/** Why `name` is not a package name on the hub (1–64 of a-z 0-9 -, a letter or digit first), or null. */
export function nameProblem(name: string): string | null {
  if (name === "") return "Give the package a name on the hub, for example lucky-hat.";
  if (name.length > 64) return `A name on the hub has at most 64 characters; this one has ${name.length}.`;
  const bad = [...new Set(name.replace(/[a-zA-Z0-9-]/g, ""))];
  if (bad.length) {
    const shown = bad.map((c) => (c === " " ? "spaces" : `“${c}”`)).join(", ");
    const suggestion = nameFromTitle(name);
    return `Use only a–z, 0–9 and hyphens: ${shown} cannot be in a name on the hub${suggestion ? ` (try “${suggestion}”)` : ""}.`;
  }
  if (/[A-Z]/.test(name)) return `Use lowercase letters: “${name.toLowerCase()}”.`;
  if (name.startsWith("-")) return "Start the name with a letter or a digit, not a hyphen.";
  return null;
}

/** Why `url` is not a hub address, or null. */
export function hubUrlProblem(url: string): string | null {
  const u = url.trim();
  if (u === "") return `Type the hub's address, for example ${DEFAULT_HUB}.`;
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(u)) return `A hub's address starts with http:// or https:// and a host, for example ${DEFAULT_HUB}.`;
  return null;
}

/** Why there is no token to publish with, or null (`saved`: this machine keeps one for the hub). */
export function tokenProblem(token: string, saved: boolean): string | null {
  if (token.trim() || saved) return null;
  return "Paste your designer token (an admin of the hub makes one); once the hub accepts it, this computer keeps it.";
}

/** Why the effect's version (meta.version) is not one a hub takes (as `is_version`), or null. */
export function versionProblem(version: string): string | null {
  if (/^[0-9A-Za-z][0-9A-Za-z.+-]{0,31}$/.test(version) && !version.includes("..")) return null;
  return `The effect's version “${version}” is not one a hub takes: in the effect's settings, use digits, letters, “.”, “+” and “-”, for example 1.0.0.`;
}

/** The fields' problems, in the order they are shown; empty when the form can be published. */
export function formProblems(form: { hubUrl: string; token: string; name: string }, saved: boolean, version: string): string[] {
  return [hubUrlProblem(form.hubUrl), tokenProblem(form.token, saved), nameProblem(form.name), versionProblem(version)].filter((p): p is string => p !== null);
}

/** An error message as the dialog shows it: the sentence, then each problem on its own line. */
export function errorLines(message: string): { lead: string; lines: string[] } {
  const [lead = "", ...lines] = message.split("\n").map((l) => l.trim());
  return { lead, lines: lines.filter((l) => l !== "") };
}

/** `name@version`. */
export const versionName = (v: HubVersion): string => `${v.name}@${v.version}`;

/** The previews still rendering, as "1 of 3", or null when none is. */
function rendering(v: HubVersion): string | null {
  const n = v.previews.filter((p) => p.status === "rendering").length;
  return n ? `${n} of ${v.previews.length}` : null;
}

/** Nothing more will change: reviewed, and no preview is still rendering. */
export function isFinal(v: HubVersion): boolean {
  return v.status !== "pending" && rendering(v) === null;
}

/** Where the version is in review, as a sentence. */
export function statusSentence(v: HubVersion): string {
  const what = versionName(v);
  const by = v.reviewedBy ? ` by ${v.reviewedBy}` : "";
  const previews = rendering(v);
  switch (v.status) {
    case "pending":
      return `${what} is pending review${previews ? ` (previews rendering: ${previews})` : ""}.`;
    case "approved":
      return `${what} was approved${by}: hosts can go live with hub:${what}.`;
    case "rejected":
      return `${what} was rejected${by}${v.reason ? `: ${v.reason}` : "."}`;
    case "yanked":
      return `${what} was withdrawn from the hub${v.reason ? `: ${v.reason}` : "."}`;
  }
}

/** The toolbar's short line. */
export function shortStatus(v: HubVersion): string {
  switch (v.status) {
    case "pending":
      return `${versionName(v)}: pending review`;
    case "approved":
      return `${versionName(v)}: approved`;
    case "rejected":
      return `${versionName(v)}: rejected${v.reason ? ` (${v.reason})` : ""}`;
    case "yanked":
      return `${versionName(v)}: withdrawn`;
  }
}
