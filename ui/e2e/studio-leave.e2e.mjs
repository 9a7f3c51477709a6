// End-to-end (Chromium, IPC mocked at the boundary; issue #21): leaving a project with unsaved
// changes, and paths. Tauri's window events come through the mocked event plugin: the test emits
// "tauri://close-requested" as the Rust side does when the window's close button is pressed (it
// holds the close while the page listens), and "tauri://drag-*" as a drop of files does.
// Closing asks "Save changes to … before closing?" in the Studio's own modal; Open… asks first,
// then for a folder that can be typed (~ is home); files can be pasted, dropped, or typed.
// Run: npm --prefix ui run test:e2e:studio (builds ui/dist first).
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBackend, starter } from "./studio-backend.mjs";
import { lastCall, openStudio, sticker, useStudioPage } from "./studio-harness.mjs";

useStudioPage();

/** Emit a Tauri event into the page, as the Rust side would. */
const emit = (page, event, payload = null) =>
  page.evaluate(([event, payload]) => window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event, payload }), [event, payload]);

const count = (backend, cmd) => backend.calls.filter((c) => c.cmd === cmd).length;

/** The project "Hat Party" (one image asset), opened, with one unsaved edit (a sticker layer). */
async function editedHatParty(projects = {}) {
  const effect = { ...starter("Hat Party"), assets: [{ type: "image", id: "hat", path: "images/hat.png" }] };
  const backend = createBackend({ projectsDir: "/tmp/e2e", importPaths: [], sticker, projects: { "/tmp/e2e/hat-party": { effect }, ...projects } });
  const { page, errors } = await openStudio(backend);
  await page.getByTestId("recent-projects").getByRole("button", { name: /^Hat Party/ }).click();
  await page.getByTestId("asset-hat").getByRole("button", { name: "+ sticker" }).click();
  await page.getByTestId("project-title").getByText("●").waitFor();
  return { backend, page, errors };
}

test("closing with unsaved changes asks first: Escape keeps the window, a failed Save keeps it with the error, Save saves and closes", async () => {
  const { backend, page, errors } = await editedHatParty();
  const prompt = page.getByRole("alertdialog", { name: "Save changes to “Hat Party” before closing?" });
  await emit(page, "tauri://close-requested");
  await prompt.waitFor();
  assert.deepEqual(await prompt.getByRole("button").allInnerTexts(), ["Don't save", "Cancel", "Save"]);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Save", "Save is the default button");
  await page.keyboard.press("Escape");
  await prompt.waitFor({ state: "detached" });
  assert.equal(count(backend, "plugin:window|destroy"), 0, "Cancel keeps the window");

  backend.fail.save_project = { code: "io", message: "effect.json: the disk is full" };
  await emit(page, "tauri://close-requested");
  await prompt.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("alert").getByText("effect.json: the disk is full").waitFor();
  assert.equal(count(backend, "plugin:window|destroy"), 0, "a failed save keeps the window");
  await page.getByTestId("project-title").getByText("●").waitFor();

  delete backend.fail.save_project;
  await emit(page, "tauri://close-requested");
  await prompt.waitFor();
  await page.keyboard.press("Enter");
  await prompt.waitFor({ state: "detached" });
  for (let i = 0; i < 100 && count(backend, "plugin:window|destroy") === 0; i++) await page.waitForTimeout(20);
  assert.equal(count(backend, "plugin:window|destroy"), 1, "saved, then closed");
  assert.equal(lastCall(backend, "save_project").args.effect.layers[0].id, "hatSticker");
  assert.ok(backend.calls.findIndex((c) => c.cmd === "plugin:window|destroy") > backend.calls.findLastIndex((c) => c.cmd === "save_project"));

  // Nothing unsaved: no question, the window just closes.
  await emit(page, "tauri://close-requested");
  for (let i = 0; i < 100 && count(backend, "plugin:window|destroy") === 1; i++) await page.waitForTimeout(20);
  assert.equal(count(backend, "plugin:window|destroy"), 2);
  assert.equal(await prompt.count(), 0);
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("Don't save closes with the edits in the recovery file; Open… asks first, then takes a typed folder (~ is home)", async () => {
  const { backend, page, errors } = await editedHatParty({ "/home/e2e/effects/lucky": { effect: starter("Lucky") } });
  await emit(page, "tauri://close-requested");
  await page.getByRole("alertdialog", { name: /before closing\?$/ }).getByRole("button", { name: "Don't save" }).click();
  for (let i = 0; i < 100 && count(backend, "plugin:window|destroy") === 0; i++) await page.waitForTimeout(20);
  assert.equal(count(backend, "plugin:window|destroy"), 1);
  assert.equal(lastCall(backend, "autosave_project").args.effect.layers.length, 1, "the edits are in the recovery file");
  assert.equal(count(backend, "save_project"), 0);

  // (The mocked window stays.) Open… asks the same question first; Cancel stays.
  const leave = page.getByRole("alertdialog", { name: "Save changes to “Hat Party” before opening another project?" });
  await page.getByRole("button", { name: "Open…" }).click();
  await leave.getByRole("button", { name: "Cancel" }).click();
  await leave.waitFor({ state: "detached" });
  assert.equal(await page.getByRole("alertdialog").count(), 0);
  await page.getByRole("button", { name: "Open…" }).click();
  await leave.getByRole("button", { name: "Don't save" }).click();
  const ask = page.getByRole("alertdialog", { name: "Open an effect project" });
  const field = ask.getByRole("textbox", { name: "Path" });
  await field.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Path", "the field has the focus: type or paste");
  assert.ok(await ask.getByRole("button", { name: "Open" }).isDisabled(), "nothing to open yet");
  await field.fill("  ~/effects/lucky ");
  await field.press("Enter");
  await page.getByTestId("project-title").getByText("Lucky").waitFor();
  assert.deepEqual(lastCall(backend, "open_project").args, { dir: "/home/e2e/effects/lucky" });
  assert.deepEqual(errors, []);
  await page.close();
});

test("files pasted (one a line, file:// URLs), dropped on the window, or a photo typed; a used asset's removal asks in the Studio", async () => {
  const { backend, page, errors } = await editedHatParty();
  await page.getByRole("button", { name: "Import…", exact: true }).click();
  const ask = page.getByRole("alertdialog", { name: "Import assets" });
  await ask.getByRole("textbox", { name: "Paths (one a line)" }).fill("file:///tmp/e2e/src/Star%20One.png\n'/tmp/e2e/src/moon.png'\n");
  await ask.getByRole("button", { name: "Import" }).click();
  await page.getByTestId("asset-moon").waitFor();
  assert.deepEqual(lastCall(backend, "import_assets").args.paths, ["/tmp/e2e/src/Star One.png", "/tmp/e2e/src/moon.png"]);

  // A drag over the window outlines the assets; the drop imports.
  await emit(page, "tauri://drag-enter", { paths: ["/tmp/e2e/src/sun.png"], position: { x: 10, y: 10 } });
  await page.locator(".assets.drag-over").waitFor();
  await emit(page, "tauri://drag-drop", { paths: ["/tmp/e2e/src/sun.png"], position: { x: 10, y: 10 } });
  await page.getByTestId("asset-sun").waitFor();
  assert.equal(await page.locator(".assets.drag-over").count(), 0);
  assert.deepEqual(lastCall(backend, "import_assets").args.paths, ["/tmp/e2e/src/sun.png"]);

  // Removing an asset a layer uses asks in the Studio's modal (not window.confirm); Cancel is the default.
  await page.getByRole("button", { name: "Remove hat" }).click();
  const remove = page.getByRole("alertdialog", { name: "Remove “hat”?" });
  await remove.getByText("hatSticker uses it.").waitFor();
  await page.keyboard.press("Enter");
  await remove.waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("asset-hat").count(), 1);

  // The preview's photo, typed.
  await page.getByText("Live (engine)").click();
  await page.getByRole("button", { name: "Photo…" }).click();
  const photo = page.getByRole("alertdialog", { name: "Preview over a photo" }).getByRole("textbox", { name: "Path" });
  await photo.fill("/tmp/e2e/media/typed.jpg");
  await photo.press("Enter");
  for (let i = 0; i < 100 && !lastCall(backend, "start_preview"); i++) await page.waitForTimeout(20);
  assert.deepEqual(lastCall(backend, "start_preview").args.source, { kind: "photo", path: "/tmp/e2e/media/typed.jpg" });
  assert.deepEqual(backend.invalid, []);
  assert.deepEqual(errors, []);
  await page.close();
});
