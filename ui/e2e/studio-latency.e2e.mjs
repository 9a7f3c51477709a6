// Benchmark-style end-to-end: typing into the script editor while the live preview receives
// 1280x720 frames at 30 fps (Debian's Chromium, IPC mocked at the boundary). The page itself
// stands in for the Rust side's preview thread: it sends a frame every 1/30 s over the channel,
// at most two unacknowledged (MAX_IN_FLIGHT), counting the others as skipped, as
// src-tauri/src/preview/session.rs does. Prints the keydown-to-paint latency (p50/p95/max) and
// the frames drawn per second, with the preview drawn in a worker, on the main thread, and with no
// frames at all (what typing costs by itself); asserts only that every character arrived, in
// order. LANTERN_E2E_CPU_SLOWDOWN=4 runs the page with DevTools' CPU throttling.
// Run: npm --prefix ui run test:e2e:studio (builds ui/dist first).
import assert from "node:assert/strict";
import { test } from "node:test";
import { PROBE_TEXT, describeLatency, installTypingProbe, typingProbeResult } from "./latency-probe.mjs";
import { createBackend, frameHeader, starter } from "./studio-backend.mjs";
import { browseWith, openStudio, sticker, useStudioPage, WITHOUT_OFFSCREEN_CANVAS } from "./studio-harness.mjs";

useStudioPage();

/** In the page: send `w`x`h` frames at `fps` into the preview channel, paced by acknowledgements. */
function startFeeder({ w, h, fps, base }) {
  const pixels = new Uint8Array(w * h * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set([(i >> 4) & 255, 90, 160, 255], i);
  const feeder = { sent: 0, skipped: 0, seq: 0 };
  let skipped = 0;
  const frame = (seq) => {
    const header = { ...base, seq, index: seq, width: w, height: h, capturedAtMs: Date.now(), skipped };
    const json = new TextEncoder().encode(JSON.stringify(header));
    const at = 8 + json.length + ((4 - (json.length % 4)) % 4);
    const out = new Uint8Array(at + pixels.length);
    out.set([0x4c, 0x50, 0x56, 0x31], 0);
    new DataView(out.buffer).setUint32(4, json.length, true);
    out.set(json, 8);
    out.set(pixels, at);
    return out.buffer;
  };
  feeder.timer = setInterval(() => {
    if (feeder.seq - (window.__previewAcked ?? 0) >= 2) {
      skipped++;
      feeder.skipped++;
      return;
    }
    window.__previewChannel.onmessage(frame(++feeder.seq));
    feeder.sent++;
    skipped = 0;
  }, 1000 / fps);
  window.__feeder = feeder;
}

function heartHat() {
  return {
    ...starter("Heart Hat"),
    assets: [{ type: "image", id: "hat", path: "images/hat.png" }],
    layers: [{ type: "faceProp", id: "hatProp", visible: true, asset: "hat", anchor: "forehead", offset: { x: 0, y: 0 }, scale: 1, pivot: { x: 0.5, y: 1 } }],
    triggers: [],
  };
}

/** The preview drawn by a worker, by the main thread (no OffscreenCanvas), and no frames at all (the reference). */
const CASES = [
  { name: "preview drawn in a worker", init: undefined, frames: true },
  { name: "preview drawn on the main thread", init: WITHOUT_OFFSCREEN_CANVAS, frames: true },
  { name: "no preview frames: the reference", init: undefined, frames: false },
];

for (const { name, init, frames } of CASES) test(`typing into the script editor while 1280x720 preview frames arrive at 30 fps (${name}): latency and frames drawn (printed)`, async () => {
  const backend = createBackend({ projectsDir: "/tmp/e2e", importPaths: [], sticker, projects: { "/tmp/e2e/heart-hat": { effect: heartHat() } } });
  const { page, errors } = await openStudio(backend, { init });
  // LANTERN_E2E_CPU_SLOWDOWN=4 runs the page as on a computer four times slower (DevTools' CPU throttling).
  const slowdown = Number(process.env.LANTERN_E2E_CPU_SLOWDOWN ?? 1);
  if (slowdown > 1) await (await page.context().newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: slowdown });
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Heart Hat/ }).click();
  await page.getByText("Live (engine)").click();
  await page.getByText("16:9").click();
  await browseWith(page, "Photo…");
  await page.waitForFunction(() => !!window.__previewChannel);
  await page.getByRole("tab", { name: "Script" }).click();
  await page.getByRole("button", { name: "New script" }).click();
  const editor = page.getByTestId("script-editor");
  await editor.getByText('lantern.on("start"').waitFor();
  await editor.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");

  // A face, a hand and a hot-zone in every frame, so the overlay is drawn too.
  const base = frameHeader({
    zones: [{ id: "hatProp", kind: "prop", rect: { x: 500, y: 80, w: 280, h: 160 } }],
    overlay: { faces: [{ bbox: [480, 120, 320, 400], points: Array.from({ length: 956 }, (_, i) => 500 + (i % 300)), anchors: [{ name: "forehead", x: 640, y: 200 }] }],
      hands: [{ bbox: [100, 400, 200, 200], points: Array.from({ length: 42 }, (_, i) => 150 + i * 3), handedness: "left", gesture: "heart" }], gestures: ["heart"] },
  });
  if (frames) {
    await page.evaluate(startFeeder, { w: 1280, h: 720, fps: 30, base });
    await page.locator('[data-testid="live-canvas"][data-frame]').waitFor();
  }
  await page.evaluate(installTypingProbe, { selector: ".cm-content", text: PROBE_TEXT });
  await page.keyboard.type(PROBE_TEXT, { delay: 40 });
  const result = await page.waitForFunction(typingProbeResult, null, { timeout: 30000 }).then((h) => h.jsonValue());
  const feeder = await page.evaluate(() => {
    clearInterval(window.__feeder?.timer);
    return window.__feeder ?? { sent: 0, skipped: 0 };
  });
  console.log(describeLatency(`in Chromium (IPC mocked${slowdown > 1 ? `, CPU ${slowdown}x slower` : ""}, ${name})`, result));
  if (frames) console.log(`the stand-in preview thread sent ${feeder.sent} frames and skipped ${feeder.skipped} (at most two unacknowledged)`);

  const line = await editor.locator(".cm-line").filter({ hasText: "// the quick" }).innerText();
  assert.equal(line, PROBE_TEXT, "every character arrived, in order");
  if (frames) assert.ok(feeder.sent > 0 && result.drawn > 0, "frames were drawn while typing");
  assert.deepEqual(errors, []);
  await page.close();
});
