// End-to-end: issue #21's day-one editing bugs, in Debian's Chromium with the IPC mocked at the
// boundary (as studio.e2e.mjs). Typing a negative number into a number field; a burst's optional
// count; undo steps named after what they did, and no step for an edit that changes nothing; a
// trigger's automatic id following its source; a particle layer drawn as an emitter, not as its
// sprite stretched over the box.
// Run: npm --prefix ui run test:e2e:studio (builds ui/dist first).
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBackend, starter } from "./studio-backend.mjs";
import { browseWith, lastCall, openStudio, sticker, useStudioPage } from "./studio-harness.mjs";

useStudioPage();

/** A hat on the forehead, a confetti emitter, and a heart trigger that bursts 40 of it. */
function hatParty() {
  return {
    ...starter("Hat Party"),
    assets: [{ type: "image", id: "hat", path: "images/hat.png" }],
    layers: [
      { type: "faceProp", id: "hat-prop", visible: true, asset: "hat", anchor: "forehead", offset: { x: 0, y: 0.2 }, scale: 1, rotation: 0, followRotation: true, face: 0, pivot: { x: 0.5, y: 0.5 } },
      {
        type: "particles", id: "confetti", visible: true, sprite: "hat", placement: { relativeTo: "frame", position: { x: 0.5, y: 0.9 }, width: 0.6, pivot: { x: 0.5, y: 0.5 }, rotation: 0 },
        rate: 0, burst: 60, maxParticles: 300, lifetime: { min: 0.8, max: 1.6 }, speed: { min: 0.3, max: 0.8 }, direction: 0, spread: 30,
        gravity: { x: 0, y: 0.5 }, spin: { min: 0, max: 0 }, size: { min: 0.02, max: 0.04 }, fade: 0.3,
      },
    ],
    triggers: [{ id: "gestureTrigger", when: { on: "gesture", gesture: "heart", hand: "any", phase: "begin" }, cooldown: 1, hysteresis: { beginFrames: 3, endFrames: 5 }, actions: [{ do: "burst", layer: "confetti", count: 40 }] }],
  };
}

async function openHatParty() {
  const backend = createBackend({ projectsDir: "/tmp/e2e", importPaths: ["/tmp/e2e/src/Star.png"], sticker, projects: { "/tmp/e2e/hat-party": { effect: hatParty() } } });
  const { page, errors } = await openStudio(backend);
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Hat Party/ }).click();
  await page.getByTestId("project-title").getByText("Hat Party").waitFor();
  return { backend, page, errors };
}

/** Save (Ctrl+S) and return the document the Rust side received. */
async function saved(page, backend) {
  const before = backend.calls.filter((c) => c.cmd === "save_project").length;
  await page.keyboard.press("Control+s");
  for (let i = 0; i < 100 && backend.calls.filter((c) => c.cmd === "save_project").length === before; i++) await page.waitForTimeout(20);
  return lastCall(backend, "save_project").args.effect;
}

const undoTitle = (page) => page.getByTestId("undo").getAttribute("title");

test("a negative number can be typed into a number field, and text that is no number goes back", async () => {
  const { backend, page, errors } = await openHatParty();
  await page.getByTestId("layer-hat-prop").getByRole("button", { name: /^hat-prop/ }).click();
  const y = page.getByTestId("layer-inspector").getByRole("spinbutton", { name: "Offset (face sizes) y" });
  assert.equal(await y.inputValue(), "0.2");

  // Empty the field: it stays empty (it used to snap back to "0"); then type -0.45 key by key.
  await y.click();
  await y.press("Control+a");
  await y.press("Backspace");
  assert.equal(await y.inputValue(), "", "an emptied field stays empty while typing");
  await y.pressSequentially("-0.45");
  assert.equal(await y.inputValue(), "-0.45");
  await y.press("Tab");
  assert.equal(await y.inputValue(), "-0.45");
  assert.equal((await saved(page, backend)).layers[0].offset.y, -0.45);

  // Text that is not a number is kept while typing, and put back to the last good value on leaving.
  for (const text of ["-", "1e", "abc"]) {
    await y.fill(text);
    assert.equal(await y.inputValue(), text);
    await y.press("Tab");
    assert.equal(await y.inputValue(), "-0.45", `"${text}" goes back to the last good value`);
  }
  // Arrow keys step.
  await y.focus();
  await y.press("ArrowUp");
  assert.equal(await y.inputValue(), "-0.44");
  await y.press("Tab");
  assert.equal((await saved(page, backend)).layers[0].offset.y, -0.44);
  // Typing, then the arrow key: two steps, named after the field.
  assert.equal(await undoTitle(page), "Undo Change offset Y (Ctrl+Z)");
  assert.equal(await page.getByTestId("undo").innerText(), "Undo Change offset Y");
  await page.getByTestId("undo").click();
  assert.equal(await y.inputValue(), "-0.45");
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a burst's count shows the file's value, and emptying it removes the count", async () => {
  const { backend, page, errors } = await openHatParty();
  await page.getByTestId("trigger-gestureTrigger").getByRole("button", { name: /^gestureTrigger/ }).click();
  const count = page.getByTestId("action-0").getByRole("spinbutton", { name: "Count (empty = layer's burst)" });
  assert.equal(await count.inputValue(), "40", "the count the file holds (it used to show 0)");
  await count.fill("");
  await count.press("Tab");
  assert.equal(await count.inputValue(), "");
  assert.equal(await count.getAttribute("placeholder"), "60 (the layer's burst)");
  assert.deepEqual((await saved(page, backend)).triggers[0].actions[0], { do: "burst", layer: "confetti" }, "no count: the layer's burst");
  await count.pressSequentially("25");
  await count.press("Tab");
  assert.deepEqual((await saved(page, backend)).triggers[0].actions[0], { do: "burst", layer: "confetti", count: 25 });
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("undo steps are named; a trigger's automatic id follows its source; an edit that changes nothing is no step", async () => {
  const { backend, page, errors } = await openHatParty();
  assert.equal(await undoTitle(page), "Nothing to undo", "opening is no undo step");
  await page.getByTestId("trigger-gestureTrigger").getByRole("button", { name: /^gestureTrigger/ }).click();
  const editor = page.getByTestId("trigger-editor");
  await editor.getByRole("combobox", { name: "Source" }).selectOption("face");
  await page.getByTestId("trigger-faceTrigger").waitFor();
  await editor.getByRole("heading", { name: "Trigger faceTrigger" }).waitFor();
  assert.equal(await undoTitle(page), "Undo Make “gestureTrigger” a face trigger (Ctrl+Z)");
  assert.equal((await saved(page, backend)).triggers[0].id, "faceTrigger");

  await page.getByTestId("undo").click();
  await page.getByTestId("trigger-gestureTrigger").waitFor();
  assert.equal(await page.getByTestId("redo").getAttribute("title"), "Redo Make “gestureTrigger” a face trigger (Ctrl+Shift+Z)");
  // Choosing the value a field already has is no step: the redo step is still there.
  await page.getByTestId("trigger-gestureTrigger").getByRole("button", { name: /^gestureTrigger/ }).click();
  await editor.getByRole("combobox", { name: "Phase" }).selectOption("begin");
  assert.equal(await page.getByTestId("redo").getAttribute("title"), "Redo Make “gestureTrigger” a face trigger (Ctrl+Shift+Z)");
  assert.equal(await undoTitle(page), "Nothing to undo");

  // A chosen id stays when the source changes.
  const id = editor.getByRole("textbox", { name: "Id" });
  await id.fill("heartBurst");
  await id.press("Enter");
  await page.getByTestId("trigger-heartBurst").waitFor();
  assert.equal(await undoTitle(page), "Undo Rename trigger “gestureTrigger” to “heartBurst” (Ctrl+Z)");
  await editor.getByRole("combobox", { name: "Source" }).selectOption("timer");
  await editor.getByRole("heading", { name: "Trigger heartBurst" }).waitFor();
  assert.equal((await saved(page, backend)).triggers[0].id, "heartBurst");

  // Moving a layer in the preview is named after the layer.
  const box = await page.getByTestId("box-hat-prop").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 15, box.y + box.height / 2, { steps: 3 });
  await page.mouse.up();
  assert.equal(await undoTitle(page), "Undo Move layer “hat-prop” (Ctrl+Z)");
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the Layout view draws a particle layer as an emitter, its sprite only as a small icon", async () => {
  const { page, errors } = await openHatParty();
  await browseWith(page, "Import…");
  const asset = page.getByTestId("asset-star");
  await asset.locator("img.thumb").waitFor();
  await asset.getByRole("button", { name: "+ particles" }).click();
  const box = page.getByTestId("box-starParticles");
  await box.getByTestId("emitter-glyph").waitFor();
  await box.getByText("starParticles").waitFor();
  assert.ok((await box.locator("circle").count()) >= 5, "a spray of particles");
  const images = box.locator("img");
  assert.equal(await images.count(), 1, "one image: the sprite's icon");
  const icon = await images.boundingBox();
  assert.ok(icon.width <= 16 && icon.height <= 16, `the sprite is an icon, not stretched over the box: ${JSON.stringify(icon)}`);
  assert.deepEqual(errors, []);
  await page.close();
});

/** WCAG contrast of two computed CSS colours ("rgb(r, g, b)"). */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl + 0.05;
  };
  return Math.max(lum(a), lum(b)) / Math.min(lum(a), lum(b));
}

test("the script editor: a closing bracket typed over the one it added leaves no stray `})`; token colours read on the dark theme", async () => {
  const { page, errors } = await openHatParty();
  await page.getByRole("tab", { name: "Script" }).click();
  await page.getByRole("button", { name: "New script" }).click();
  const content = page.getByTestId("script-editor").locator(".cm-content");
  await content.getByText('lantern.on("start"').waitFor();
  await content.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("lantern.on('update', () => {");
  await page.keyboard.press("Enter");
  await page.keyboard.type("})");
  const text = await content.innerText();
  assert.ok(text.endsWith("lantern.on('update', () => {\n})"), `no stray bracket: ${JSON.stringify(text)}`);

  // Every coloured token against the editor's background: WCAG AA (4.5:1).
  const { background, colours } = await page.getByTestId("script-editor").evaluate((el) => ({
    background: getComputedStyle(el.querySelector(".cm-editor")).backgroundColor,
    colours: [...new Set([...el.querySelectorAll(".cm-content span")].map((s) => getComputedStyle(s).color))],
  }));
  assert.ok(colours.length >= 3, `tokens are coloured: ${colours}`);
  for (const c of colours) assert.ok(contrast(c, background) >= 4.5, `${c} on ${background}: ${contrast(c, background).toFixed(2)}:1`);
  assert.deepEqual(errors, []);
  await page.close();
});
