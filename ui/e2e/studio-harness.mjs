// Shared by the Studio's browser end-to-end tests: the built front-end served by `vite preview`,
// Debian's Chromium (playwright-core), and a page whose Tauri IPC is mocked at the boundary.
import { after, before } from "node:test";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { preview } from "vite";
import { pageMockScript } from "./studio-page-mock.mjs";

const ui = fileURLToPath(new URL("../", import.meta.url));
export const sticker = fileURLToPath(new URL("../../examples/lucky-hat/images/hat.png", import.meta.url));
const CHROMIUM = process.env.LANTERN_CHROMIUM ?? "/usr/bin/chromium";
/** Where the tests leave screenshots. */
export const shots = process.env.LANTERN_E2E_SHOTS ?? tmpdir();

let server;
let browser;

/** Start the server and the browser before the file's tests; stop them after. */
export function useStudioPage() {
  before(async () => {
    server = await preview({ root: ui, logLevel: "warn", preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.httpServer.close(resolve));
  });
}

/** Makes the page draw the live preview on the main thread, as where OffscreenCanvas is missing. */
export const WITHOUT_OFFSCREEN_CANVAS = "delete HTMLCanvasElement.prototype.transferControlToOffscreen;";

/** A fresh page of the Studio talking to `backend` (`init`: a script to run first); collects page errors. */
export async function openStudio(backend, { init } = {}) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  await page.exposeFunction("__lanternBackend", (cmd, args) => backend.handle(cmd, args));
  await page.addInitScript({ content: pageMockScript() });
  if (init) await page.addInitScript({ content: init });
  await page.goto(server.resolvedUrls.local[0]);
  return { page, errors };
}

/** The newest call of `cmd` the backend saw. */
export const lastCall = (backend, cmd) => [...backend.calls].reverse().find((c) => c.cmd === cmd);

/**
 * Press the button that asks for a path (`name`: its accessible name) and answer the Studio's
 * prompt with Browse…: the native dialog, which the backend answers.
 */
export async function browseWith(page, name) {
  await page.getByRole("button", { name, exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Browse…" }).click();
}
