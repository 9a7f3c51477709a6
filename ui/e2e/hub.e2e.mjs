// End-to-end: Lantern Hub's web pages (ui/dist/hub.html) served by the REAL `lantern-hub` binary,
// driven in Debian's Chromium (playwright-core). No mocks: a temp data folder, real tokens.
//
// A designer uploads examples/lucky-hat through the Upload page and sees the report; an invalid
// package shows the server's problem list; a reviewer approves the upload in the review queue; a
// host finds it in Browse, opens its page and sees the budget table, has no Review link, and is
// told "your role (host) cannot do this" on #/review; an admin creates a token (shown once) and
// revokes it.
//
// Needs: `cargo build -p lantern-hub` (LANTERN_HUB_BIN, or $CARGO_TARGET_DIR or
// ~/.cache/lantern/target, then debug/lantern-hub), the `zip` command, /usr/bin/chromium
// (LANTERN_CHROMIUM). Skips, saying why, when the binary is missing.
// Run: npm --prefix ui run test:e2e:hub (builds ui/dist first).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../", import.meta.url));
const web = join(root, "ui/dist");
const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache/lantern/target");
const hubBin = process.env.LANTERN_HUB_BIN ?? join(target, "debug/lantern-hub");
const CHROMIUM = process.env.LANTERN_CHROMIUM ?? "/usr/bin/chromium";
const missing = existsSync(hubBin) ? false : `lantern-hub not found at ${hubBin} (build it: cargo build -p lantern-hub, or set LANTERN_HUB_BIN)`;

const work = mkdtempSync(join(tmpdir(), "lantern-hub-e2e-"));
const data = join(work, "data");
const tokens = {};
let server;
let serverLog = "";
let base;
let context;
let page;
const pageErrors = [];

async function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** `lantern-hub token create`: the token is the last line it prints. */
function createToken(role, name) {
  const out = execFileSync(hubBin, ["token", "create", "--data", data, "--role", role, "--name", name], { encoding: "utf8" });
  const token = out.trim().split("\n").at(-1)?.trim();
  assert.ok(token, `no token printed for ${role}: ${out}`);
  return token;
}

/** A zip of `dir`'s `entries` (the `zip` command, run in `dir`). */
function zipOf(dir, entries, out) {
  execFileSync("zip", ["-q", "-r", "-X", out, ...entries], { cwd: dir });
  return out;
}

/** The lucky-hat example as a package, and a copy whose hat layer names an asset that is not there. */
function packages() {
  const entries = ["effect.json", "thumbnail.png", "images", "luts"];
  const good = zipOf(join(root, "examples/lucky-hat"), entries, join(work, "lucky-hat.zip"));
  const bad = join(work, "bad");
  for (const e of entries) cpSync(join(root, "examples/lucky-hat", e), join(bad, e), { recursive: true });
  const effect = JSON.parse(readFileSync(join(bad, "effect.json"), "utf8"));
  effect.layers.find((l) => l.type === "faceProp").asset = "noSuchAsset";
  writeFileSync(join(bad, "effect.json"), JSON.stringify(effect, null, 2));
  return { good, bad: zipOf(bad, entries, join(work, "broken.zip")) };
}

async function until(probe, what, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`never happened: ${what}\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Signals the server's process group (the server and the workers it started). */
function signalServer(signal) {
  try {
    process.kill(-server.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((ok) => server.once("exit", ok));
  signalServer("SIGTERM");
  const timer = setTimeout(() => signalServer("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  signalServer("SIGKILL"); // a worker still rendering
}

before(async () => {
  if (missing) return;
  assert.ok(existsSync(join(web, "hub.html")), "ui/dist/hub.html missing: run `npx vite build` in ui/ first");
  tokens.designer = createToken("designer", "dora");
  tokens.reviewer = createToken("reviewer", "rita");
  tokens.host = createToken("host", "hugo");
  tokens.admin = createToken("admin", "ada");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(hubBin, ["serve", "--data", data, "--listen", `127.0.0.1:${port}`, "--web", web], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (d) => (serverLog = (serverLog + d).slice(-8000));
  server.stdout.on("data", keep);
  server.stderr.on("data", keep);
  await until(async () => (await fetch(`${base}/api/health`)).ok, `lantern-hub answering on ${base}`);
  context = await chromium.launchPersistentContext(join(work, "chromium"), {
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

after(async () => {
  await context?.close().catch(() => undefined);
  await stopServer();
  rmSync(work, { recursive: true, force: true });
});

/** Sign out whoever is signed in, then sign in with `role`'s token; the header shows the role. */
async function signInAs(role) {
  await page.goto(`${base}/#/`);
  const signOut = page.getByRole("button", { name: "Sign out" });
  const field = page.getByLabel("API token");
  await signOut.or(field).waitFor();
  if (await signOut.isVisible()) await signOut.click();
  await field.fill(tokens[role]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("me").getByText(role, { exact: true }).waitFor();
}

const opts = { skip: missing, timeout: 120_000 };
let uploaded; // { name, version } of lucky-hat as the server named it

test("without a token the page explains where tokens come from", opts, async () => {
  await page.goto(`${base}/`);
  await page.getByText("lantern hub token create --role host").waitFor();
  await page.getByLabel("API token").fill("not-a-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").getByText("sign in again").waitFor();
});

test("a designer uploads lucky-hat and sees the report; a broken package shows its problems", opts, async () => {
  const { good, bad } = packages();
  await signInAs("designer");
  await page.getByRole("link", { name: "Upload" }).click();
  await page.getByLabel(/Package \(\.zip\)/).setInputFiles(bad);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  const problems = page.getByRole("list", { name: "Problems" });
  await problems.waitFor();
  // Each problem says where it is: the hat layer's unknown asset, by its JSON pointer.
  await problems.getByRole("listitem").filter({ hasText: "noSuchAsset" }).getByText(/effect\.json \/layers\/\d+/).waitFor({ timeout: 5000 });
  await page.getByLabel(/Package \(\.zip\)/).setInputFiles(good);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  const done = page.getByRole("region", { name: "Uploaded" });
  await done.getByText("Pending review").waitFor();
  await done.getByRole("table", { name: "Budgets" }).waitFor();
  const href = await done.getByRole("link", { name: /Lucky Hat/ }).getAttribute("href");
  const [, name, version] = /^#\/p\/([^/]+)\/([^/]+)$/.exec(href ?? "") ?? [];
  assert.ok(name && version, `a link to the version: ${href}`);
  uploaded = { name: decodeURIComponent(name), version: decodeURIComponent(version) };
});

test("a reviewer approves it in the review queue", opts, async () => {
  assert.ok(uploaded, "the upload test ran first");
  await signInAs("reviewer");
  await page.getByRole("link", { name: "Review" }).click();
  const item = page.getByRole("listitem", { name: `${uploaded.name} ${uploaded.version}` });
  await item.getByRole("table", { name: "Budgets" }).waitFor();
  assert.equal(await item.getByRole("button", { name: "Reject" }).isDisabled(), true, "rejecting needs a reason");
  await item.getByRole("button", { name: /^Approve/ }).click();
  await page.getByRole("list", { name: "Decisions" }).getByText(/^Approved Lucky Hat/).waitFor();
  assert.equal(await item.count(), 0, "the approved version left the queue");
});

test("a host finds it, opens its page, sees its budgets, and cannot review", opts, async () => {
  await signInAs("host");
  const nav = page.getByRole("navigation", { name: "Pages" });
  assert.equal(await nav.getByRole("link", { name: "Review" }).count(), 0, "no Review link for a host");
  await page.getByRole("searchbox", { name: "Search packages" }).fill("lucky");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("list", { name: "Packages" }).getByRole("link", { name: /Lucky Hat/ }).click();
  await page.getByRole("heading", { name: "Lucky Hat", level: 1 }).waitFor();
  const budgets = page.getByRole("table", { name: "Budgets" });
  await budgets.waitFor();
  assert.ok((await budgets.getByRole("row").count()) > 1, "the budget table has lines");
  await page.getByText("Approved").first().waitFor();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /^Download/ }).click();
  assert.equal((await download).suggestedFilename(), `${uploaded.name}-${uploaded.version}.zip`);
  await page.goto(`${base}/#/review`);
  await page.getByText("Your role (host) cannot do this").waitFor();
});

test("an admin creates a token, sees it once, and revokes it", opts, async () => {
  await signInAs("admin");
  await page.getByRole("link", { name: "Tokens" }).click();
  await page.getByLabel("Name").fill("stream-pc");
  await page.getByLabel("Role").selectOption("host");
  await page.getByRole("button", { name: "Create token" }).click();
  await page.getByText("this is the only time the hub shows it").waitFor();
  assert.ok((await page.getByTestId("new-token").inputValue()).length > 8, "the token is shown");
  const row = page.getByRole("row", { name: /stream-pc/ });
  await row.getByRole("button", { name: "Revoke…" }).click();
  await row.getByRole("button", { name: "Revoke stream-pc" }).click();
  await row.waitFor({ state: "detached" });
  assert.deepEqual(pageErrors, [], "no errors in the page");
});
