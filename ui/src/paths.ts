// Paths the person types or pastes: one a line where several are asked for, with the quotes a
// shell adds and the file:// URLs a file manager copies taken off, and ~ as the home folder.

/** One typed or pasted line as a path ("" for a blank line). */
export function cleanPath(line: string): string {
  let p = line.trim();
  if (/^(['"]).+\1$/.test(p)) p = p.slice(1, -1);
  if (/^file:\/\//i.test(p)) {
    try {
      p = decodeURIComponent(new URL(p).pathname);
    } catch {
      return p;
    }
    // file:///C:/x on Windows.
    if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
  }
  return p;
}

/** The paths in `text`: every non-blank line, or only the first where one path is asked for. */
export function parsePaths(text: string, multiple: boolean): string[] {
  const paths = text.split(/\r?\n/).map(cleanPath).filter((p) => p !== "");
  return multiple ? paths : paths.slice(0, 1);
}

/** `~` and `~/…` in the home folder (`home` is asked once, only when needed; kept as typed if it fails). */
export async function withHome(paths: string[], home: () => Promise<string>): Promise<string[]> {
  if (!paths.some((p) => p === "~" || p.startsWith("~/"))) return paths;
  let dir: string;
  try {
    dir = (await home()).replace(/[\\/]+$/, "");
  } catch {
    return paths;
  }
  return paths.map((p) => (p === "~" ? dir : p.startsWith("~/") ? `${dir}${p.slice(1)}` : p));
}

/** `name` inside the folder `dir` (its own separator kept; just `name` without a folder). */
export function joinPath(dir: string, name: string): string {
  if (!dir) return name;
  const sep = dir.includes("\\") && !dir.includes("/") ? "\\" : "/";
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}
