// End-to-end: the live preview and the script editor in Debian's Chromium, the IPC mocked at the
// boundary. The test stands in for the Rust side's preview thread: it pushes binary frame
// messages (JSON header + RGBA) into the channel the page handed to `start_preview`, and checks
// the canvas shows the pixels, the page acknowledges each drawn frame, the readout, the overlay,
// the fired-trigger indicator, the debounced reload on edits, the console, and that saving a
// script in the editor saves the file and hot-reloads it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBackend, frameHeader, previewFrame, starter } from "./studio-backend.mjs";
import { browseWith, lastCall, openStudio, shots, sticker, useStudioPage, WITHOUT_OFFSCREEN_CANVAS } from "./studio-harness.mjs";

useStudioPage();

/** A project with a face prop hidden at start and a heart trigger that shows it. */
function heartHat() {
  return {
    ...starter("Heart Hat"),
    assets: [{ type: "image", id: "hat", path: "images/hat.png" }],
    layers: [{ type: "faceProp", id: "hatProp", visible: false, asset: "hat", anchor: "forehead", offset: { x: 0, y: 0 }, scale: 1, pivot: { x: 0.5, y: 1 } }],
    triggers: [{ id: "heartShowsHat", when: { on: "gesture", gesture: "heart", hand: "any", phase: "begin" }, actions: [{ do: "show", layer: "hatProp" }] }],
  };
}

/** Solid RGBA pixels. */
function solid(w, h, [r, g, b]) {
  const px = new Uint8Array(w * h * 4);
  for (let i = 0; i < px.length; i += 4) px.set([r, g, b, 255], i);
  return px;
}

/** Wait until `probe()` returns something truthy (the page's IPC calls are asynchronous). */
async function eventually(probe, what) {
  for (let i = 0; i < 200; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * Wait until the live canvas shows `rgba` at (x, y), and return its size. The canvas may be drawn
 * by a worker (an OffscreenCanvas): it is read by copying what it shows into another canvas.
 */
async function waitForPixel(page, x, y, rgba) {
  const read = () => page.getByTestId("live-canvas").evaluate((c, [x, y]) => {
    const copy = document.createElement("canvas");
    [copy.width, copy.height] = [Number(c.dataset.width), Number(c.dataset.height)];
    const ctx = copy.getContext("2d");
    ctx.drawImage(c, 0, 0);
    return [copy.width, copy.height, ...ctx.getImageData(x, y, 1, 1).data];
  }, [x, y]);
  let last = null;
  for (let i = 0; i < 100; i++) {
    last = await read();
    if (last.slice(2).join() === rgba.join()) return last.slice(0, 2);
    await new Promise((r) => setTimeout(r, 30));
  }
  assert.fail(`the canvas shows ${JSON.stringify(last)} at (${x}, ${y}), not ${rgba}`);
}

/** Push one binary message into the page's preview channel, as Tauri delivers it. */
async function push(page, header, rgba) {
  const bytes = [...previewFrame(header, rgba)];
  await page.evaluate((b) => window.__previewChannel.onmessage(new Uint8Array(b).buffer), bytes);
}

for (const [painter, init] of [["in a worker", undefined], ["on the main thread", WITHOUT_OFFSCREEN_CANVAS]]) test(`the live preview draws binary frames (${painter}), acknowledges them, shows what fired and reloads on edits`, async () => {
  const backend = createBackend({ projectsDir: "/tmp/e2e", importPaths: [], sticker, projects: { "/tmp/e2e/heart-hat": { effect: heartHat() } } });
  const { page, errors } = await openStudio(backend, { init });
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Heart Hat/ }).click();
  await page.getByText("Live (engine)").click();
  await page.getByTestId("no-camera").getByText("No camera found").waitFor();

  await browseWith(page, "Photo…");
  await page.getByTestId("live-readout").or(page.getByText("running")).first().waitFor();
  const start = lastCall(backend, "start_preview").args;
  assert.deepEqual(start.source, { kind: "photo", path: "/tmp/e2e/media/face.jpg" });
  assert.deepEqual(start.options, { width: 720, height: 1280, fps: 30, overlay: true, shrink: 2 }, "sent at the canvas's size");
  assert.match(start.onFrame, /^__CHANNEL__:\d+$/, "frames come on a channel, not in the reply");

  // A 36x64 green frame with a face, a hand making a heart, a hot-zone, a fired trigger and a log line.
  const [w, h] = [36, 64];
  const points = Array.from({ length: 42 }, (_, i) => (i % 2 ? 40 : 10) + i / 4);
  await push(page, frameHeader({
    seq: 1, width: w, height: h, fired: ["heartShowsHat"],
    logs: [{ level: "info", message: "hello from the script", location: "scripts/main.js:3", frame: 0 }],
    zones: [{ id: "hatProp", kind: "prop", rect: { x: 20, y: 2, w: 10, h: 8 } }],
    overlay: { faces: [{ bbox: [8, 10, 20, 24], points: [18, 20, 19, 21], anchors: [{ name: "forehead", x: 18, y: 12 }] }],
      hands: [{ bbox: [5, 36, 12, 14], points, handedness: "left", gesture: "heart" }], gestures: ["heart"] },
  }), solid(w, h, [0, 200, 0]));
  const canvas = page.getByTestId("live-canvas");
  await page.locator('[data-testid="live-canvas"][data-frame="1"]').waitFor();
  assert.deepEqual(await waitForPixel(page, 34, 62, [0, 200, 0, 255]), [w, h], "the frame's pixels are in the canvas");
  const ack = await eventually(() => lastCall(backend, "preview_ack"), "the drawn frame is acknowledged");
  assert.deepEqual(ack.args, { session: 1, seq: 1 });
  await page.getByTestId("live-readout").getByText(/30 fps · engine 21\.5 ms · latency \d+ ms · tracking 31 ms · 36×64/).waitFor();
  assert.equal(await page.getByTestId("fired-heartShowsHat").getAttribute("data-fired"), "yes");
  await page.getByTestId("trigger-heartShowsHat").getByTitle("Fired in the live preview").waitFor();
  await page.screenshot({ path: `${shots}/lantern-studio-live.png` });

  // The overlay is drawn over the picture by the same painter: a face box's green edge, on black.
  await push(page, frameHeader({
    seq: 2, width: 360, height: 640, zones: [{ id: "hatProp", kind: "prop", rect: { x: 200, y: 20, w: 100, h: 80 } }],
    overlay: { faces: [{ bbox: [100, 200, 100, 100], points: [], anchors: [] }], hands: [], gestures: [] },
  }), solid(360, 640, [0, 0, 0]));
  await waitForPixel(page, 100, 250, [0x3d, 0xdc, 0x84, 255]);
  await waitForPixel(page, 150, 250, [0, 0, 0, 255]);

  // The overlay toggle goes to the Rust side; taps on a hot-zone too.
  await page.getByLabel("Tracking overlay").uncheck();
  assert.deepEqual((await eventually(() => lastCall(backend, "set_preview_overlay"), "overlay off")).args, { on: false });
  const box = await canvas.boundingBox();
  await page.mouse.click(box.x + (25 / w) * box.width, box.y + (6 / h) * box.height);
  const tap = await eventually(() => lastCall(backend, "preview_tap"), "a tap on the hot-zone");
  assert.equal(tap.args.zoneId, "hatProp");

  // An edit reaches the running preview once, after a quiet moment.
  const updatesBefore = backend.calls.filter((c) => c.cmd === "update_preview").length;
  await page.getByLabel("Show hatProp").check();
  const reloads = () => backend.calls.filter((c) => c.cmd === "update_preview").slice(updatesBefore);
  await eventually(() => reloads().length, "the edit reaches the preview");
  await new Promise((r) => setTimeout(r, 500));
  const updates = reloads();
  assert.equal(updates.length, 1, "one reload for the edit");
  assert.equal(updates[0].args.effect.layers[0].visible, true);

  // A problem with the latest edit is shown while the previous version keeps playing.
  await push(page, frameHeader({ seq: 3, width: w, height: h, problem: "the effect has 1 problem(s): effect.json: /layers/0/asset: no asset \"gone\"" }), solid(w, h, [0, 0, 200]));
  await page.getByTestId("live-problem").getByText(/Not playing the latest edit: the effect has 1 problem/).waitFor();

  // The console has the script's line.
  await page.getByRole("tab", { name: "Console" }).click();
  await page.getByTestId("console").getByText("hello from the script").waitFor();

  // The source ends: the last message says why.
  await push(page, frameHeader({ seq: 4, error: "the camera stopped", ended: true }));
  await page.getByTestId("live-message").getByText("the camera stopped").waitFor();
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the script editor creates a script, completes the lantern API, saves and hot-reloads it", async () => {
  const backend = createBackend({ projectsDir: "/tmp/e2e", importPaths: [], sticker, projects: { "/tmp/e2e/heart-hat": { effect: heartHat() } } });
  const { page, errors } = await openStudio(backend);
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Heart Hat/ }).click();
  await page.getByText("Live (engine)").click();
  await browseWith(page, "Photo…");
  await page.getByRole("tab", { name: "Script" }).click();
  await page.getByRole("button", { name: "New script" }).click();
  const editor = page.getByTestId("script-editor");
  await editor.getByText('lantern.on("start"').waitFor();
  assert.equal(await page.getByLabel("Effect script").inputValue(), "main", "the new script runs with the effect");

  // Completion of the lantern API from lantern.d.ts.
  await editor.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nlantern.getL");
  const completion = (label) => page.locator(".cm-tooltip-autocomplete .cm-completionLabel").getByText(label, { exact: true });
  await completion("getLayer").waitFor();
  await page.waitForTimeout(150); // CodeMirror ignores Enter in a list shown for less than 75 ms
  await page.keyboard.press("Enter");
  await page.keyboard.type('("hatProp");\nlantern.on("gest');
  await completion("gesture").waitFor();
  await page.keyboard.press("Escape");
  await page.keyboard.type('ure", (g) => console.log(g.gesture));\n');
  await page.screenshot({ path: `${shots}/lantern-studio-script.png` });

  // Ctrl+S in the editor saves the script (not the project) and reloads it in the preview.
  await page.keyboard.press("Control+s");
  await page.getByText("scripts/main.js", { exact: true }).waitFor();
  const saved = (await eventually(() => lastCall(backend, "save_script"), "the script saved")).args;
  assert.equal(saved.path, "scripts/main.js");
  assert.match(saved.text, /lantern\.getLayer\("hatProp"\);\nlantern\.on\("gesture", \(g\) => console\.log\(g\.gesture\)\);/);
  assert.equal((await eventually(() => lastCall(backend, "reload_preview_script"), "a hot reload")).args.effect.script, "main");
  assert.equal(lastCall(backend, "save_project"), undefined, "the project itself was not saved");

  // A syntax error in the reloaded script reaches the console; the old one keeps running.
  await push(page, frameHeader({ seq: 1, width: 2, height: 2, logs: [
    { level: "error", message: "reload failed, the previous script keeps running: SyntaxError: unexpected token", location: "scripts/main.js", frame: 12 },
  ] }), solid(2, 2, [9, 9, 9]));
  await page.getByRole("tab", { name: "Console" }).click();
  const line = page.getByTestId("console").locator("li.error");
  await line.getByText(/previous script keeps running/).waitFor();
  await page.getByTestId("console").getByText("saved scripts/main.js: reloading it in the live preview").waitFor();
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("going live: readable errors, the push's status and frames in the panel, the LIVE badge, controls, stop", async () => {
  const backend = createBackend({ projectsDir: "/tmp/e2e", importPaths: [], sticker, projects: { "/tmp/e2e/heart-hat": { effect: heartHat() } } });
  const { page, errors } = await openStudio(backend);
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Heart Hat/ }).click();
  await page.getByText("Live (engine)").click();
  await browseWith(page, "Photo…");
  await eventually(() => lastCall(backend, "start_preview"), "the preview runs");

  await page.getByRole("button", { name: "Go live…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export" });
  await dialog.getByTestId("validity").getByText(/^Valid/).waitFor();
  const panel = dialog.getByRole("region", { name: "Go live" });
  await panel.getByText(/over the photo face\.jpg at 720×1280/).waitFor();
  assert.equal(await panel.getByLabel("Stream key").getAttribute("type"), "password");

  // An unreachable server: a readable error, and the preview comes back over the photo.
  await panel.getByLabel("Server URL").fill("rtmp://nowhere.invalid/app");
  await panel.getByLabel("Stream key").fill("sk_e2e_secret");
  const previews = () => backend.calls.filter((c) => c.cmd === "start_preview").length;
  const before = previews();
  await panel.getByRole("button", { name: "Go live" }).click();
  const refused = panel.getByTestId("golive-error").getByText(/cannot reach rtmp:\/\/nowhere\.invalid\/app \(Connection refused\)/);
  await refused.waitFor();
  assert.doesNotMatch(await refused.innerText(), /\(live\)$/, "the error's code is not a tag at the end of the sentence");
  await eventually(() => previews() > before, "the preview resumes");

  // A good one: the edited document over the preview's photo, at the frame shape's size.
  await panel.getByLabel("Server URL").fill("rtmp://127.0.0.1:1935/live");
  await panel.getByLabel("Video kbit/s").fill("3000");
  await panel.getByRole("button", { name: "Go live" }).click();
  const badge = page.getByTestId("live-badge");
  await badge.getByText(/^LIVE 00:0\d$/).waitFor();
  const start = lastCall(backend, "start_live").args;
  assert.deepEqual(start.target, { url: "rtmp://127.0.0.1:1935/live", key: "sk_e2e_secret" });
  assert.deepEqual(start.source, { kind: "photo", path: "/tmp/e2e/media/face.jpg" });
  assert.deepEqual(start.options, { width: 720, height: 1280, fps: 30, videoKbps: 3000, gameplay: true });
  assert.equal(start.effect.meta.name, "Heart Hat");
  await dialog.getByRole("button", { name: "Close" }).click();

  // The push's events: live (key masked), then its figures in the toolbar.
  const event = (e) => page.evaluate((ev) => window.__liveEvents.onmessage(ev), e);
  await event({ kind: "status", state: "live", url: "rtmp://127.0.0.1:1935/live/••••" });
  await event({ kind: "stats", stats: { uptimeS: 3, fpsOut: 29.8, fpsIn: 30, kbps: 2512.3, framesSent: 90, dropped: 2, reconnects: 0, renderMs: 21, previewFps: 24, firstPacketMs: 870 } });
  await page.getByTestId("live-stats").getByText("30 fps · 2512 kbit/s · 2 dropped · 0 reconnects").waitFor();
  assert.equal(await badge.getAttribute("title"), "rtmp://127.0.0.1:1935/live/••••");

  // The panel shows the push's outgoing frames and acknowledges them.
  await push(page, frameHeader({ session: 99, seq: 1, width: 18, height: 32, shrink: 2 }), solid(18, 32, [200, 0, 0]));
  await page.locator('[data-testid="live-canvas"][data-frame="1"]').waitFor();
  await waitForPixel(page, 9, 16, [200, 0, 0, 255]);
  assert.deepEqual((await eventually(() => lastCall(backend, "preview_ack")?.args.session === 99 && lastCall(backend, "preview_ack"), "ack")).args, { session: 99, seq: 1 });

  // Gameplay off and a host command while live.
  await page.getByLabel("Gameplay").uncheck();
  assert.deepEqual((await eventually(() => lastCall(backend, "live_gameplay"), "gameplay")).args, { on: false });
  await page.getByLabel("Host command").fill("boss");
  await page.getByLabel("Command arguments").fill('{"level": 2}');
  await page.getByRole("button", { name: "Send", exact: true }).click();
  assert.deepEqual((await eventually(() => lastCall(backend, "live_command"), "command")).args, { name: "boss", args: { level: 2 } });

  // A dropped connection, then stop: the preview takes the panel back over the same photo.
  await event({ kind: "status", state: "reconnecting", url: "x", message: "the connection dropped: reconnecting (attempt 2)", attempt: 2 });
  await badge.getByText("RECONNECTING (2)").waitFor();
  await event({ kind: "status", state: "live", url: "rtmp://127.0.0.1:1935/live/••••" });
  await page.screenshot({ path: `${shots}/lantern-studio-golive.png` });
  const beforeStop = previews();
  await page.getByRole("toolbar").getByRole("button", { name: "Stop" }).click();
  await eventually(() => lastCall(backend, "stop_live"), "stop_live");
  await badge.waitFor({ state: "detached" });
  await eventually(() => previews() > beforeStop, "the preview resumes after the stream");
  assert.deepEqual(lastCall(backend, "start_preview").args.source, { kind: "photo", path: "/tmp/e2e/media/face.jpg" });

  // The URL is remembered for the project; the key is not stored.
  await page.getByRole("button", { name: "Go live…" }).click();
  assert.equal(await page.getByLabel("Server URL").inputValue(), "rtmp://127.0.0.1:1935/live");
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(stored.includes("127.0.0.1:1935") && !stored.includes("sk_e2e_secret"), stored);
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});
