// End-to-end: the built Studio front-end in Debian's Chromium (playwright-core), with the Tauri
// IPC mocked only at the boundary (studio-page-mock.mjs → studio-backend.mjs).
// Run: npm --prefix ui run test:e2e:studio (builds ui/dist first).
//
// Creates a project, imports a sticker, adds it as a face prop on the forehead, makes it hidden at
// start, adds a heart-gesture trigger that shows it, saves, and exports — and checks that every
// effect document that crossed the IPC is valid.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBackend, starter } from "./studio-backend.mjs";
import { browseWith, lastCall, openStudio, shots, sticker, useStudioPage } from "./studio-harness.mjs";

useStudioPage();

test("create, import, face prop on the forehead, heart trigger, export", async () => {
  const backend = createBackend({
    projectsDir: "/tmp/e2e/projects",
    importPaths: ["/tmp/e2e/src/Heart Sticker.png"],
    sticker,
  });
  const { page, errors } = await openStudio(backend);

  // New project.
  await page.getByRole("button", { name: "New project" }).click();
  await page.getByRole("dialog", { name: "New project" }).getByRole("textbox").first().fill("Heart Hat");
  await page.getByRole("button", { name: "Browse…" }).click();
  await page.getByText("The project folder will be /tmp/e2e/projects/heart-hat").waitFor();
  await page.getByRole("button", { name: "Create" }).click();
  await page.getByTestId("project-title").getByText("Heart Hat").waitFor();
  assert.deepEqual(lastCall(backend, "new_project").args, { dir: "/tmp/e2e/projects/heart-hat", name: "Heart Hat" });

  // Import a sticker through the file dialog; its thumbnail loads from the project.
  await browseWith(page, "Import…");
  const asset = page.getByTestId("asset-heart-sticker");
  await asset.waitFor();
  await asset.locator("img.thumb").waitFor();
  assert.ok(await asset.getByText("unused").isVisible(), "a fresh asset is flagged unused");
  assert.deepEqual(lastCall(backend, "import_assets").args.paths, ["/tmp/e2e/src/Heart Sticker.png"]);

  // Add it as a face prop; pick the chin, then the forehead on the face diagram.
  await asset.getByRole("button", { name: "+ face prop" }).click();
  const inspector = page.getByTestId("layer-inspector");
  await inspector.waitFor();
  await inspector.getByRole("button", { name: "Chin" }).click();
  await inspector.getByText("Anchor: Chin").waitFor();
  await inspector.getByRole("button", { name: "Forehead" }).click();
  await inspector.getByText("Anchor: Forehead").waitFor();
  await inspector.getByText("Visible at start").click();
  assert.equal(await asset.getByText("unused").count(), 0, "used now");

  // Drag the prop up in the preview: the offset moves up (negative y, in face sizes).
  const box = page.getByTestId("box-heart-stickerFaceProp");
  const b = await box.boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 - 20, { steps: 4 });
  await page.mouse.up();
  const offsetY = Number(await inspector.getByRole("spinbutton", { name: "Offset (face sizes) y" }).inputValue());
  assert.ok(offsetY < -0.1, `dragging up moved the offset up: ${offsetY}`);
  await page.screenshot({ path: `${shots}/lantern-studio-editor.png` });

  // A heart-gesture trigger that shows the prop; undo and redo it once.
  await page.getByRole("button", { name: "Add trigger" }).click();
  const trigger = page.getByTestId("trigger-editor");
  await trigger.getByRole("combobox", { name: "Source" }).selectOption("gesture");
  await trigger.getByRole("combobox", { name: "Gesture" }).selectOption("heart");
  await trigger.getByRole("combobox", { name: "Phase" }).selectOption("begin");
  await trigger.getByRole("button", { name: "Add action" }).click();
  await trigger.getByTestId("action-0").getByRole("combobox", { name: "Do" }).selectOption("show");
  await trigger.getByTestId("action-0").getByRole("combobox", { name: "Layer" }).selectOption("heart-stickerFaceProp");
  await page.getByText("heart (begin) → show heart-stickerFaceProp").waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByText("heart (begin) → nothing yet").waitFor();
  await page.getByRole("button", { name: "Redo" }).click();
  await page.getByText("heart (begin) → show heart-stickerFaceProp").waitFor();

  // Save, then export: the dialog validates, shows the budget, and writes the zip.
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("button", { name: "Save" }).and(page.locator(":disabled")).waitFor();
  await page.getByRole("button", { name: "Export…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export" });
  await dialog.getByTestId("validity").getByText(/^Valid/).waitFor();
  await dialog.getByText("Texture memory").waitFor();
  await dialog.getByText("gestures: heart").waitFor();
  assert.equal(await dialog.getByRole("textbox", { name: "Package file" }).inputValue(), "/tmp/e2e/projects/heart-hat.zip");
  await dialog.getByRole("button", { name: "Export", exact: true }).click();
  await dialog.getByTestId("export-done").waitFor();
  await page.screenshot({ path: `${shots}/lantern-studio-export.png` });

  // What crossed the IPC.
  assert.deepEqual(backend.invalid, [], "every effect document sent was valid");
  const exported = lastCall(backend, "export_package").args;
  assert.equal(exported.out, "/tmp/e2e/projects/heart-hat.zip");
  const e = exported.effect;
  assert.deepEqual(e.assets, [{ type: "image", id: "heart-sticker", path: "images/heart-sticker.png" }]);
  assert.equal(e.layers.length, 1);
  assert.equal(e.layers[0].type, "faceProp");
  assert.equal(e.layers[0].anchor, "forehead");
  assert.equal(e.layers[0].asset, "heart-sticker");
  assert.equal(e.layers[0].visible, false);
  assert.equal(e.triggers.length, 1);
  assert.deepEqual(e.triggers[0].when, { on: "gesture", gesture: "heart", hand: "any", phase: "begin" });
  assert.deepEqual(e.triggers[0].actions, [{ do: "show", layer: "heart-stickerFaceProp" }]);
  assert.deepEqual(lastCall(backend, "save_project").args.effect, e, "saved what was exported");
  assert.deepEqual(errors, []);
  await page.close();
});

test("errors from Rust are shown as readable messages", async () => {
  const backend = createBackend({ projectsDir: "/tmp/e2e/nowhere", importPaths: [], sticker });
  const { page, errors } = await openStudio(backend);
  await browseWith(page, "Open project…");
  const alert = page.getByRole("alert");
  // A sentence, without the error's code as a trailing "(notFound)"; the code is the tooltip.
  await alert.getByText("/tmp/e2e/nowhere has no effect.json: open a project folder, or create a new project", { exact: true }).waitFor();
  assert.doesNotMatch(await alert.innerText(), /\(notFound\)/);
  assert.equal(await alert.getAttribute("title"), "Error code: notFound");
  assert.ok(await page.getByRole("heading", { name: "Lantern Studio" }).isVisible(), "the home screen stays");
  assert.deepEqual(errors, []);
  await page.close();
});

test("reopening a project offers the autosaved edits, and restoring them is undoable", async () => {
  const saved = starter("Lucky");
  const recovered = { ...saved, layers: [{ type: "beauty", id: "glow", visible: true, smoothing: 0.5, brightening: 0.1 }] };
  const backend = createBackend({
    projectsDir: "/tmp/e2e",
    importPaths: [],
    sticker,
    projects: { "/tmp/e2e/lucky": { effect: saved, recovery: { savedAtMs: Date.now() - 60000, effect: recovered } } },
  });
  const { page, errors } = await openStudio(backend);
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Lucky/ }).click();
  const banner = page.getByRole("alert").filter({ hasText: "unsaved changes" });
  await banner.waitFor();
  assert.equal(await page.getByTestId("layer-glow").count(), 0, "the saved document first");
  await banner.getByRole("button", { name: "Restore" }).click();
  await page.getByTestId("layer-glow").waitFor();
  await page.getByTestId("project-title").getByText("●").waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  assert.equal(await page.getByTestId("layer-glow").count(), 0, "restoring is one undo step");
  await page.getByRole("button", { name: "Redo" }).click();
  await page.keyboard.press("Control+s");
  await page.getByRole("button", { name: "Save" }).and(page.locator(":disabled")).waitFor();
  assert.deepEqual(lastCall(backend, "save_project").args.effect, recovered);
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("publish to Lantern Hub: the form's checks, the hub's refusals, pending, then approved", async () => {
  const backend = createBackend({
    projectsDir: "/tmp/e2e",
    importPaths: [],
    sticker,
    projects: { "/tmp/e2e/heart-hat": { effect: starter("Heart Hat") } },
  });
  const { page, errors } = await openStudio(backend);
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Heart Hat/ }).click();
  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish" });
  await dialog.getByTestId("publish-validity").getByText(/^Valid/).waitFor();
  const hubField = dialog.getByRole("textbox", { name: "Hub address" });
  const name = dialog.getByRole("textbox", { name: "Name on the hub" });
  const token = dialog.getByLabel("Designer token");
  const publish = dialog.getByRole("button", { name: "Publish", exact: true });
  assert.equal(await hubField.inputValue(), "http://127.0.0.1:8470");
  assert.equal(await name.inputValue(), "heart-hat", "the folder's name");
  assert.equal(await token.getAttribute("type"), "password");

  // Checked as typed, in sentences; nothing to publish with until they are fixed.
  await dialog.getByTestId("token-problem").getByText(/^Paste your designer token/).waitFor();
  await name.fill("Heart Hat");
  await dialog.getByTestId("name-problem").getByText("Use only a–z, 0–9 and hyphens: spaces cannot be in a name on the hub (try “heart-hat”).").waitFor();
  assert.ok(await publish.isDisabled());
  await name.fill("heart-hat");
  await hubField.fill("127.0.0.1:8470");
  await dialog.getByTestId("hub-url-problem").getByText(/starts with http:\/\/ or https:\/\//).waitFor();
  await hubField.fill("http://127.0.0.1:8470");
  assert.equal(await dialog.getByTestId("name-problem").count(), 0);

  // A token the hub does not know, then a host's token: sentences, and nothing kept.
  await token.fill("lh_wrong");
  await publish.click();
  await dialog.getByTestId("publish-error").getByText(/did not accept this token/).waitFor();
  await token.fill("lh_host");
  await publish.click();
  await dialog.getByTestId("publish-error").getByText("This token's role cannot upload packages: publishing needs a designer's token.").waitFor();
  assert.equal(backend.hub.kept.size, 0);

  // A designer's token: published, pending review while the previews render; the token is kept.
  await token.fill("lh_designer");
  await publish.click();
  await dialog.getByTestId("publish-done").getByText("Published heart-hat@1.0.0 to http://127.0.0.1:8470").waitFor();
  await dialog.getByTestId("publish-status-line").getByText("heart-hat@1.0.0 is pending review (previews rendering: 1 of 1).").waitFor();
  await dialog.getByTestId("token-saved").waitFor();
  assert.equal(await token.inputValue(), "", "the field no longer holds the token");
  assert.equal(lastCall(backend, "publish_to_hub").args.request.token, "lh_designer");
  assert.equal(lastCall(backend, "publish_to_hub").args.effect.meta.name, "Heart Hat");
  await page.getByTestId("publish-status").getByText("heart-hat@1.0.0: pending review").waitFor();
  // The next read (every 5 s) sees the previews ready, still pending.
  await dialog.getByTestId("publish-status-line").getByText("heart-hat@1.0.0 is pending review.", { exact: true }).waitFor({ timeout: 15000 });
  await page.screenshot({ path: `${shots}/lantern-studio-publish.png` });

  // A reviewer approves it: the dialog and the toolbar say so, and the Studio stops asking.
  backend.hub.review("heart-hat", "1.0.0", "approved", "rita");
  await dialog.getByTestId("publish-status-line").getByText("heart-hat@1.0.0 was approved by rita: hosts can go live with hub:heart-hat@1.0.0.").waitFor({ timeout: 15000 });
  await page.getByTestId("publish-status").getByText("heart-hat@1.0.0: approved").waitFor();
  const reads = backend.hub.reads();
  await new Promise((r) => setTimeout(r, 6000));
  assert.equal(backend.hub.reads(), reads, "no more reads once the status is final");
  assert.ok(lastCall(backend, "hub_version_status").args.token === null, "reads use the kept token");

  // The same version again: the hub's sentence says what to do. An invalid package: one problem a line.
  await publish.click();
  await dialog.getByTestId("publish-error").getByText(/heart-hat@1.0.0 is already on the hub, .*raise the version in the effect's settings/).waitFor();
  backend.fail.publish_to_hub = { code: "invalid", message: "The hub refused the package (2 problem(s)): fix them and publish again.\neffect.json /layers/0/anchor: unknown anchor\nscripts/main.js: does not load" };
  await publish.click();
  const problems = dialog.getByTestId("publish-error").getByRole("listitem");
  await problems.first().waitFor();
  assert.deepEqual(await problems.allInnerTexts(), ["effect.json /layers/0/anchor: unknown anchor", "scripts/main.js: does not load"]);
  delete backend.fail.publish_to_hub;

  // Forget the token: the field asks for one again.
  await dialog.getByTestId("token-saved").getByRole("button", { name: "Forget" }).click();
  await dialog.getByTestId("token-problem").waitFor();
  assert.equal(backend.hub.kept.size, 0);
  await dialog.getByRole("button", { name: "Close" }).click();
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});
