// End-to-end: issue #18's Studio parts, in Debian's Chromium with the IPC mocked at the boundary
// (as studio.e2e.mjs). Import a sound (its waveform decoded in the page), make it the music and
// play it from a trigger, animate a sticker on the timeline (a clip, a key at the playhead, its
// ease), scrub and play it in the preview, and export.
// Run: npm --prefix ui run test:e2e:studio (builds ui/dist first).
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBackend, frameHeader, previewFrame, starter, toneWav } from "./studio-backend.mjs";
import { browseWith, lastCall, openStudio, shots, sticker, useStudioPage } from "./studio-harness.mjs";

useStudioPage();

function hatShow() {
  return {
    ...starter("Hat Show"),
    assets: [{ type: "image", id: "hat", path: "images/hat.png" }],
    layers: [{ type: "sticker", id: "hatSticker", visible: true, asset: "hat", placement: { relativeTo: "frame", position: { x: 0.5, y: 0.5 }, width: 0.3, pivot: { x: 0.5, y: 0.5 }, rotation: 0 }, opacity: 1 }],
    triggers: [{ id: "tapTrigger", when: { on: "tap" }, cooldown: 1, hysteresis: { beginFrames: 0, endFrames: 0 }, actions: [] }],
  };
}

test("import a sound, use it as music and in a trigger, keyframe a sticker, export", async () => {
  const backend = createBackend({ projectsDir: "/tmp/e2e", importPaths: ["/tmp/e2e/src/Pop.wav"], sticker, projects: { "/tmp/e2e/hat-show": { effect: hatShow() } } });
  const { page, errors } = await openStudio(backend);
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Hat Show/ }).click();
  await page.getByTestId("project-title").getByText("Hat Show").waitFor();

  // Import the sound: an audio asset with a waveform decoded from its bytes, and a play button.
  await browseWith(page, "Import…");
  const asset = page.getByTestId("asset-pop");
  await asset.waitFor();
  await asset.locator(".waveform path").waitFor();
  await asset.getByText("0:00.1").waitFor();
  await asset.getByRole("button", { name: "Play pop" }).click();
  await asset.getByRole("button", { name: "Play pop" }).waitFor({ timeout: 15000 });

  // The effect's music: the sound, quieter, with a fade in.
  const meta = page.getByTestId("meta-inspector");
  await meta.getByRole("combobox", { name: "Background music" }).selectOption("pop");
  await meta.getByRole("spinbutton", { name: "Fade in (s)" }).fill("2");
  await meta.getByRole("spinbutton", { name: "Fade in (s)" }).press("Tab");

  // Animate the sticker: a clip, renamed; a scale key at the playhead, moved to 0.5 s, eased.
  await page.getByTestId("layer-hatSticker").getByRole("button", { name: /^hatSticker/ }).click();
  await page.getByRole("tab", { name: "Timeline" }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline.getByRole("button", { name: "Add animation" }).click();
  const name = timeline.getByRole("textbox", { name: "Animation name" });
  await name.fill("pop-in");
  await name.press("Enter");
  await timeline.getByRole("combobox", { name: "Animation" }).and(page.locator("select")).waitFor();
  const ruler = timeline.getByTestId("timeline-ruler");
  const r = await ruler.boundingBox();
  // The ruler spans 2 s: a click at three quarters is 1.5 s.
  await page.mouse.click(r.x + r.width * 0.75, r.y + r.height / 2);
  assert.equal(Number(await timeline.getByRole("spinbutton", { name: "Playhead (s)" }).inputValue()).toFixed(1), "1.5");
  await timeline.getByRole("button", { name: "Add scale key at the playhead" }).click();
  const keyFields = timeline.getByTestId("key-fields");
  await keyFields.waitFor();
  await keyFields.getByRole("spinbutton", { name: "Scale value" }).fill("1.6");
  await keyFields.getByRole("spinbutton", { name: "Scale value" }).press("Tab");
  // Drag the key to the left, to about 0.5 s.
  const key = timeline.getByRole("button", { name: /^scale key 1 at/ });
  await key.scrollIntoViewIfNeeded();
  const k = await key.boundingBox();
  const lane = await timeline.getByTestId("track-scale").locator(".lane").boundingBox();
  await page.mouse.move(k.x + k.width / 2, k.y + k.height / 2);
  await page.mouse.down();
  // The lanes now span 3 s (the clip and a second more): a sixth of the way is 0.5 s.
  await page.mouse.move(lane.x + lane.width / 6, k.y + k.height / 2, { steps: 5 });
  await page.mouse.up();
  const time = Number(await keyFields.getByRole("spinbutton", { name: "Time (s)" }).inputValue());
  assert.ok(Math.abs(time - 0.5) < 0.05, `dragged to ${time}`);
  assert.equal(await page.getByTestId("undo").getAttribute("title"), "Undo Move scale key (Ctrl+Z)");
  await keyFields.getByRole("combobox", { name: "Ease" }).selectOption("spring");
  await keyFields.getByRole("spinbutton", { name: "Bounce (0–0.9)" }).fill("0.6");
  await keyFields.getByRole("spinbutton", { name: "Bounce (0–0.9)" }).press("Tab");
  await page.screenshot({ path: `${shots}/lantern-studio-timeline.png` });

  // The tap trigger plays the clip and the sound.
  await page.getByRole("tab", { name: "Triggers" }).click();
  await page.getByTestId("trigger-tapTrigger").getByRole("button", { name: /^tapTrigger/ }).click();
  const trigger = page.getByTestId("trigger-editor");
  await trigger.getByRole("button", { name: "Add action" }).click();
  await trigger.getByTestId("action-0").getByRole("combobox", { name: "Do" }).selectOption("animate");
  await trigger.getByRole("button", { name: "Add action" }).click();
  await trigger.getByTestId("action-1").getByRole("combobox", { name: "Do" }).selectOption("playSound");
  await page.getByText("tap any zone → animate hatSticker, playSound pop").waitFor();

  // Export: valid, and what crossed the IPC holds the sound, the music, the clip and the actions.
  await page.getByRole("button", { name: "Export…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export" });
  await dialog.getByTestId("validity").getByText(/^Valid/).waitFor();
  await dialog.getByRole("button", { name: "Export", exact: true }).click();
  await dialog.getByTestId("export-done").waitFor();
  assert.deepEqual(backend.invalid, [], "every effect document sent was valid");
  const e = lastCall(backend, "export_package").args.effect;
  assert.deepEqual(e.assets[1], { type: "audio", id: "pop", path: "sounds/pop.wav" });
  assert.deepEqual(e.music, { sound: "pop", volume: 0.8, loop: true, fadeIn: 2, fadeOut: 1, duck: 1 });
  assert.equal(e.animations.length, 1);
  const clip = e.animations[0];
  assert.equal(clip.layer, "hatSticker");
  assert.equal(clip.name, "pop-in");
  assert.equal(clip.tracks.scale.length, 1);
  assert.equal(clip.tracks.scale[0].value, 1.6);
  assert.deepEqual(clip.tracks.scale[0].ease, { spring: { bounce: 0.6 } });
  assert.deepEqual(e.triggers[0].actions, [
    { do: "animate", layer: "hatSticker", animation: "pop-in" },
    { do: "playSound", sound: "pop", volume: 1, loop: false },
  ]);
  assert.deepEqual(errors, []);
});

/** Counts the sounds the page starts (WebAudio buffer sources): window.__started. */
const COUNT_SOUNDS = `
  window.__started = [];
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (...a) { window.__started.push({ seconds: this.buffer?.duration, loop: this.loop }); return start.apply(this, a); };
`;

test("the live preview: scrubbing poses the clip, Play plays it, cued sounds and the music play, mute", async () => {
  const effect = {
    ...hatShow(),
    assets: [...hatShow().assets, { type: "audio", id: "pop", path: "sounds/pop.wav" }],
    music: { sound: "pop", volume: 0.5, loop: true, fadeIn: 0, fadeOut: 0, duck: 1 },
    animations: [{ layer: "hatSticker", name: "spin", playback: "loop", autoplay: false, tracks: { rotation: [{ time: 0, value: 0, ease: "linear" }, { time: 1, value: 360, ease: "easeInOut" }] } }],
  };
  const backend = createBackend({ projectsDir: "/tmp/e2e", importPaths: [], sticker, projects: { "/tmp/e2e/hat-show": { effect } } });
  const { page, errors } = await openStudio(backend, { init: COUNT_SOUNDS });
  // The project's sound file, as read_project_file serves it.
  backend.files.set("sounds/pop.wav", toneWav());
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Hat Show/ }).click();
  await page.getByText("Live (engine)").click();
  await browseWith(page, "Photo…");
  // The preview's frame channel exists once start_preview has been answered.
  await page.waitForFunction(() => !!window.__previewChannel);
  const push = (header) => page.evaluate((b) => window.__previewChannel.onmessage(new Uint8Array(b).buffer), [...previewFrame(frameHeader(header), new Uint8Array(4 * 4 * 4))]);
  await push({ seq: 1, width: 4, height: 4 });
  await page.getByTestId("live-readout").waitFor();

  // The music starts with the preview, looping.
  const started = () => page.evaluate(() => window.__started);
  for (let i = 0; i < 400 && (await started()).length < 1; i++) await page.waitForTimeout(50);
  assert.deepEqual((await started())[0], { seconds: 0.1, loop: true }, "the music loops");

  // Scrub: the preview is asked for the pose; Play and Stop.
  await page.getByTestId("layer-hatSticker").getByRole("button", { name: /^hatSticker/ }).click();
  await page.getByRole("tab", { name: "Timeline" }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline.getByTestId("timeline-ruler").scrollIntoViewIfNeeded();
  const ruler = await timeline.getByTestId("timeline-ruler").boundingBox();
  await page.mouse.click(ruler.x + ruler.width / 4, ruler.y + ruler.height / 2);
  await page.screenshot({ path: `${shots}/lantern-studio-timeline-live.png` });
  for (let i = 0; i < 400 && !lastCall(backend, "preview_animation"); i++) await page.waitForTimeout(20);
  assert.deepEqual(lastCall(backend, "preview_animation").args.request, { kind: "pose", layer: "hatSticker", animation: "spin", seconds: 0.5 });
  await timeline.getByRole("button", { name: "▶ Play" }).click();
  await timeline.getByRole("button", { name: "■ Stop" }).click();
  for (let i = 0; i < 400 && lastCall(backend, "preview_animation").args.request.kind !== "stop"; i++) await page.waitForTimeout(20);
  const requests = backend.calls.filter((c) => c.cmd === "preview_animation").map((c) => c.args.request.kind);
  assert.deepEqual(requests.slice(-2), ["play", "stop"]);

  // A frame that cues the sound: the page plays it once, not looping.
  await push({ seq: 2, width: 4, height: 4, sounds: [{ cue: "play", sound: "pop", volume: 1, loop: false }] });
  for (let i = 0; i < 400 && (await started()).length < 2; i++) await page.waitForTimeout(50);
  assert.deepEqual((await started())[1], { seconds: 0.1, loop: false });
  // Mute: one switch for all the preview's sound.
  await page.getByRole("button", { name: "Mute the preview" }).click();
  await page.getByRole("button", { name: "Unmute the preview" }).waitFor();
  assert.deepEqual(errors, []);
});
