// Real parts for the viewer's end-to-end test: free ports, the local ingest (scripts/ingest.sh),
// the push command (configurable), `lantern probe`, and Debian's Chromium via playwright-core.
//
// Environment:
//   LANTERN_BIN        the lantern binary (default: $CARGO_TARGET_DIR or ~/.cache/lantern/target,
//                      then debug/lantern, then `lantern` on PATH)
//   LANTERN_E2E_PUSH   the push command, a shell line with placeholders {lantern} {root} {url}
//                      {key} {seconds} {video}; default: `lantern push` of the red-packet example
//   CHROMIUM           the browser (default /usr/bin/chromium)

import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Browser, chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const run = promisify(execFile);

export const DEFAULT_PUSH =
  "{lantern} push --effect {root}/examples/red-packet-rain --input {video} " +
  "--url {url} --key {key} --size 1280x720 --fps 30 --duration {seconds}";

export function lanternBin(): string {
  if (process.env.LANTERN_BIN) return process.env.LANTERN_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache/lantern/target");
  for (const profile of ["debug", "release"]) {
    const bin = join(target, profile, "lantern");
    if (existsSync(bin)) return bin;
  }
  return "lantern";
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? ok(addr.port) : fail(new Error("no port"))));
    });
  });
}

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), "lantern-viewer-e2e-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A child process whose output is kept for failure messages; stopped by its pid. */
export class Proc {
  readonly child: ChildProcess;
  output = "";
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    opts: { shell?: boolean } = {},
  ) {
    this.child = spawn(command, args, {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      shell: opts.shell ?? false,
      detached: true,
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout?.on("data", keep);
    this.child.stderr?.on("data", keep);
    this.exited = new Promise((ok) => this.child.on("exit", (code) => ok(code)));
  }

  /** Resolves when the output contains `text`; rejects if the process exits first or on timeout. */
  async waitFor(text: string, timeoutMs: number): Promise<void> {
    const start = Date.now();
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null) {
        throw new Error(`${this.name} exited (${this.child.exitCode}) before "${text}":\n${this.output}`);
      }
      if (Date.now() - start > timeoutMs) throw new Error(`${this.name}: no "${text}" in ${timeoutMs} ms:\n${this.output}`);
      await sleep(100);
    }
  }

  /** Stops the process group this test started (the shell and what it runs). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (this.child.pid !== undefined) process.kill(-this.child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export type Ingest = { proc: Proc; rtmp: string; http: string; dir: string };

/** Starts scripts/ingest.sh (recording on) serving `www`, on free ports, files in `dir`. */
export async function startIngest(dir: string, www: string): Promise<Ingest> {
  const [rtmpPort, httpPort] = [await freePort(), await freePort()];
  const proc = new Proc("ingest", "bash", [
    join(ROOT, "scripts/ingest.sh"),
    "--rtmp-port",
    String(rtmpPort),
    "--http-port",
    String(httpPort),
    "--dir",
    dir,
    "--www",
    www,
    "--record",
  ]);
  await proc.waitFor("ingest: ready", 20_000);
  return { proc, rtmp: `rtmp://127.0.0.1:${rtmpPort}/live`, http: `http://127.0.0.1:${httpPort}`, dir };
}

/** Starts the configured push command for `seconds` of video to `ingest` under `key`. */
export function startPush(ingest: Ingest, key: string, seconds: number, video: string): Proc {
  const template = process.env.LANTERN_E2E_PUSH ?? DEFAULT_PUSH;
  const line = template
    .replaceAll("{lantern}", lanternBin())
    .replaceAll("{root}", ROOT)
    .replaceAll("{url}", ingest.rtmp)
    .replaceAll("{key}", key)
    .replaceAll("{seconds}", String(seconds))
    .replaceAll("{video}", video);
  return new Proc(line, "bash", ["-c", line]);
}

/** Whether the push command needs a video file ({video} in the template). */
export function pushNeedsVideo(): boolean {
  return (process.env.LANTERN_E2E_PUSH ?? DEFAULT_PUSH).includes("{video}");
}

/** A 1280x720 30 fps clip for `lantern push --input` (FFmpeg's testsrc2, 12 s). */
export async function makeClip(path: string): Promise<void> {
  await run("ffmpeg", [
    "-hide_banner", "-loglevel", "error", "-y",
    "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "12",
    "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", path,
  ]);
}

export type ProbeZone = { id: string; kind: string; rect: { x: number; y: number; w: number; h: number }; payload?: unknown };
export type ProbeFrame = { frame: number; pts_ms: number | null; sei: { pts: number; w: number; h: number; zones: ProbeZone[] } | null };

/** `lantern probe <file>`: every frame's hot-zones, by Lantern pts. */
export async function probe(file: string): Promise<Map<number, ProbeFrame>> {
  const { stdout } = await run(lanternBin(), ["probe", file], { maxBuffer: 256 * 1024 * 1024 });
  const frames = new Map<number, ProbeFrame>();
  for (const line of stdout.split("\n")) {
    if (!line.trim()) continue;
    const f = JSON.parse(line) as ProbeFrame;
    if (f.sei) frames.set(f.sei.pts, f);
  }
  return frames;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--autoplay-policy=no-user-gesture-required"],
  });
}
