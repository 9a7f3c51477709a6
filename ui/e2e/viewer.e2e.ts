// End-to-end: the web viewer in a real Chromium reads the hot-zones `lantern push` writes into
// the stream's SEI, over the local ingest's HLS, and draws them where `lantern probe` says they
// are. Steps: start the ingest (recording on) → open the viewer (offline message) → push the
// red-packet example → zones appear, sit on the probe's rects after letterboxing, move, and a
// click records a catch with the zone's payload → the push ends (offline again) → a second push
// (the viewer recovers). Prints the latency and zone-offset figures.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Catch } from "../src/viewer/catches";
import type { ViewerInspector, ViewerSnapshot } from "../src/viewer/inspector";
import {
  type Ingest,
  type ProbeFrame,
  type Proc,
  ROOT,
  launchChromium,
  makeClip,
  probe,
  pushNeedsVideo,
  sleep,
  startIngest,
  startPush,
  tempDir,
} from "./harness";

const KEY = "e2e";
/** Allowed distance between a drawn zone and the probe's rect mapped to the page, CSS px. */
const TOLERANCE_PX = 3;

const tmp = tempDir();
let ingest: Ingest;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let video = "";

beforeAll(async () => {
  video = join(tmp.path, "clip.mp4");
  if (pushNeedsVideo()) await makeClip(video);
  ingest = await startIngest(join(tmp.path, "ingest"), join(ROOT, "ui/dist"));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await ingest?.proc.stop();
  tmp.remove();
});

const snapshot = (page: Page) =>
  page.evaluate(() => (window as unknown as { lanternViewer: ViewerInspector }).lanternViewer.snapshot());
const catches = (page: Page) =>
  page.evaluate(() => (window as unknown as { lanternViewer: ViewerInspector }).lanternViewer.catches());
const figures = (page: Page) =>
  page.evaluate(() => (window as unknown as { lanternViewer: ViewerInspector }).lanternViewer.figures());

async function waitStatus(page: Page, status: string, timeoutMs: number): Promise<void> {
  await page.waitForSelector(`#stage[data-status="${status}"]`, { timeout: timeoutMs });
}

/** Waits until the viewer plays; fails at once with the push's output if the push dies first. */
async function waitPlaying(page: Page, push: Proc, timeoutMs: number, log: () => string): Promise<void> {
  const start = Date.now();
  for (;;) {
    if ((await page.getAttribute("#stage", "data-status")) === "playing") return;
    const died = push.child.exitCode !== null && push.child.exitCode !== 0;
    if (died || Date.now() - start > timeoutMs) {
      const why = died ? `the push exited with ${push.child.exitCode}` : `not playing after ${timeoutMs} ms`;
      throw new Error(`${why}\npush: ${push.name}\n${push.output}\n${log()}`);
    }
    await sleep(200);
  }
}

/** Polls until the viewer draws at least one zone. */
async function waitZones(page: Page, timeoutMs: number): Promise<ViewerSnapshot> {
  const start = Date.now();
  for (;;) {
    const snap = await snapshot(page);
    if (snap.zones.length > 0 && snap.frame) return snap;
    if (Date.now() - start > timeoutMs) throw new Error(`no hot-zones drawn in ${timeoutMs} ms: ${JSON.stringify(snap)}`);
    await sleep(100);
  }
}

/** Where `rect` (frame pixels) should be on the page: object-fit contain, clipped. */
function expectedBox(rect: ProbeFrameZone["rect"], frameW: number, frameH: number, v: ViewerSnapshot["video"]) {
  const scale = Math.min(v.width / v.videoWidth, v.height / v.videoHeight);
  const cw = v.videoWidth * scale;
  const ch = v.videoHeight * scale;
  const cx = v.x + (v.width - cw) / 2;
  const cy = v.y + (v.height - ch) / 2;
  const x0 = Math.max(cx + (rect.x * cw) / frameW, cx);
  const y0 = Math.max(cy + (rect.y * ch) / frameH, cy);
  const x1 = Math.min(cx + ((rect.x + rect.w) * cw) / frameW, cx + cw);
  const y1 = Math.min(cy + ((rect.y + rect.h) * ch) / frameH, cy + ch);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
type ProbeFrameZone = NonNullable<ProbeFrame["sei"]>["zones"][number];

test("the viewer draws the pushed hot-zones in place, in sync, and records catches", async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
  const logs: string[] = [];
  page.on("console", (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => logs.push(`pageerror: ${e.message}`));
  const fail = (what: string) => `${what}\npage log:\n${logs.join("\n")}`;

  // 1. Nothing is published yet: a clear offline message.
  await page.goto(`${ingest.http}/viewer.html?src=/hls/${KEY}.m3u8&debug=1`);
  await waitStatus(page, "offline", 20_000);
  await expect.poll(() => page.textContent("#status")).toContain("offline");

  // 2. Go live: the viewer recovers on its own and draws zones.
  const push = startPush(ingest, KEY, 24, video);
  const samples: ViewerSnapshot[] = [];
  let caught: Catch | undefined;
  try {
    await waitPlaying(page, push, 60_000, () => fail(""));
    await waitZones(page, 20_000);
    expect(await page.isHidden("#status")).toBe(true);

    // 3. Sample what is drawn for a few seconds.
    for (let i = 0; i < 30; i++) {
      const snap = await snapshot(page);
      if (snap.frame && snap.zones.length > 0) samples.push(snap);
      await sleep(120);
    }
    expect(samples.length, fail("frames with zones")).toBeGreaterThan(10);

    // 4. Tap a zone (a red packet if there is one) where it is drawn.
    for (let attempt = 0; attempt < 20 && !caught; attempt++) {
      const snap = await snapshot(page);
      const zone = snap.zones.find((z) => z.kind === "redPacket") ?? snap.zones[0];
      if (!zone) {
        await sleep(100);
        continue;
      }
      const before = (await catches(page)).length;
      await page.mouse.click(zone.page.x + zone.page.width / 2, zone.page.y + zone.page.height / 2);
      await sleep(100);
      const after = await catches(page);
      if (after.length > before) caught = after[after.length - 1];
    }
    expect(caught, fail("a click on a zone should register a catch")).toBeDefined();
    await expect.poll(() => page.textContent("#toast")).toBe(caught?.message);
    expect(await page.textContent("#catch-count")).toBe("1");
    if (process.env.LANTERN_E2E_SCREENSHOT) {
      await page.screenshot({ path: process.env.LANTERN_E2E_SCREENSHOT });
    }

    const figs = await figures(page);
    console.log(`viewer figures (${figs.latencyMs?.count ?? 0} frames): ${JSON.stringify(figs)}`);
    writeFileSync(join(tmp.path, "figures.json"), JSON.stringify(figs));
    expect(figs.sei.invalid).toBe(0);
    // Pairing is by timestamps, so it is exact, not a timing figure: the zones drawn belong to
    // the very frame on screen.
    expect(Math.abs(figs.offsetMs?.p50 ?? Infinity)).toBeLessThan(1);

    // 5. The stream ends: offline again.
    expect(await push.exited, `push failed:\n${push.output}`).toBe(0);
    await waitStatus(page, "offline", 30_000);
    expect((await snapshot(page)).zones).toEqual([]);
  } finally {
    await push.stop();
  }

  // 6. Compare with `lantern probe` on what the ingest recorded.
  const frames = await probe(join(ingest.dir, "record", `${KEY}.flv`));
  // Enough frames to compare with (the push's frame rate depends on the machine's load: it drops
  // frames rather than fall behind, so this is not an fps check — `lantern bench push` is).
  expect(frames.size).toBeGreaterThan(120);
  const seen = new Map<string, string>();
  let moved = 0;
  for (const snap of samples) {
    const frame = snap.frame;
    expect(frame).not.toBeNull();
    if (!frame) continue;
    const reference = frames.get(frame.pts);
    expect(reference, `probe has no frame with pts ${frame.pts}`).toBeDefined();
    const sei = reference?.sei;
    if (!sei) continue;
    for (const z of snap.zones) {
      const ref = sei.zones.find((r) => r.id === z.id);
      expect(ref, `zone ${z.id} at pts ${frame.pts} is not in the probe's frame`).toBeDefined();
      if (!ref) continue;
      expect(z.rect).toEqual(ref.rect);
      expect(z.payload).toEqual(ref.payload ?? null);
      const want = expectedBox(ref.rect, sei.w, sei.h, snap.video);
      for (const k of ["x", "y", "width", "height"] as const) {
        expect(Math.abs(z.page[k] - want[k]), `zone ${z.id} ${k} at pts ${frame.pts}`).toBeLessThan(TOLERANCE_PX);
      }
      const where = `${Math.round(z.page.x)},${Math.round(z.page.y)}`;
      const last = seen.get(z.id);
      if (last !== undefined && last !== where) moved += 1;
      seen.set(z.id, where);
    }
  }
  expect(moved, "zones should move between frames").toBeGreaterThan(3);
  // The catch carries the payload the stream had for that zone in that frame.
  const ref = frames.get(caught?.pts ?? -1)?.sei?.zones.find((z) => z.id === caught?.id);
  expect(ref, `probe has no zone ${caught?.id} at pts ${caught?.pts}`).toBeDefined();
  expect(caught?.payload).toEqual(ref?.payload ?? null);
  if (caught?.kind === "redPacket") expect(caught.message).toMatch(/^You caught a red packet/);

  // 7. The host comes back: the viewer plays again without a reload.
  const again = startPush(ingest, KEY, 12, video);
  try {
    await waitPlaying(page, again, 60_000, () => fail(""));
    await waitZones(page, 20_000);
  } finally {
    await again.stop();
  }
  await page.close();
});
