// End-to-end through the real app: the built `lantern-studio` binary (WebKitGTK) under Xvfb,
// driven over WebDriver by tauri-driver + WebKitWebDriver. No mocks: real files, the real engine.
//
// Creates a project, imports a sticker, adds it as a face prop on the forehead, adds a heart-gesture
// trigger that shows it, exports — then the zip must pass `lantern validate` and render with
// `lantern render` with the prop on the forehead of a face photo. Then the live preview over that
// photo at 1280x720: frames counted as the webview draws them (fps), the readout, and a screenshot
// of the window (docs/studio.png when LANTERN_STUDIO_SCREENSHOT says so); typing into the script
// editor while the preview runs, each character timed from keydown to paint (printed). Going live
// to a local nginx-rtmp: the recording is H.264 + AAC with the SEI on every frame (`lantern probe`).
// Publishing to a real `lantern-hub` (a temp data folder, real tokens): the hub lists the upload as
// pending for its reviewers, the token is kept in the Studio's config folder (not in the project),
// and a reviewer's approval shows in the window.
// Last, closing the window with unsaved changes asks first, and Cancel keeps it.
//
// Native dialogs are answered through LANTERN_STUDIO_TEST_DIALOGS (src-tauri/src/commands/testing.rs).
// Needs: the binaries (`cargo build -p lantern-studio -p lantern-cli -p lantern-hub`), `cargo install tauri-driver
// --locked`, Debian `webkit2gtk-driver` and `xvfb`, the models and ONNX Runtime, the test photos.
// Run: npm --prefix ui run test:e2e:studio-app (LANTERN_E2E_STDERR=<file> keeps the app's and the
// drivers' stderr; a dead web process shows as "session deleted because of page crash" and in dmesg).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { PROBE_TEXT, describeLatency, installTypingProbe, typingProbeResult } from "./latency-probe.mjs";
import { toneWav } from "./studio-backend.mjs";
import { WebDriver } from "./studio-webdriver.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache/lantern/target");
const studioBin = process.env.LANTERN_STUDIO_BIN ?? join(target, "debug/lantern-studio");
const lanternBin = process.env.LANTERN_BIN ?? join(target, "debug/lantern");
const hubBin = process.env.LANTERN_HUB_BIN ?? join(target, "debug/lantern-hub");
const media = process.env.LANTERN_MEDIA ?? join(root, "../shared/media");
const facePhoto = join(media, "keijiro_pexels-tim-douglas-6567248.jpg");
const sticker = join(root, "examples/lucky-hat/images/hat.png");

const children = [];
const work = mkdtempSync(join(tmpdir(), "lantern-studio-app-"));
const clip = join(work, "clip.mp4");
let driver;

function startChild(cmd, args, env) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => {
    err = (err + d).slice(-4000);
    if (process.env.LANTERN_E2E_STDERR) writeFileSync(process.env.LANTERN_E2E_STDERR, d, { flag: "a" });
  });
  children.push(child);
  return { child, stderr: () => err };
}

async function until(probe, what, ms = 60000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  for (const [what, path] of [["lantern-studio", studioBin], ["lantern", lanternBin], ["lantern-hub", hubBin], ["the face photo", facePhoto]]) {
    assert.ok(existsSync(path), `${what} not found at ${path} (build it: cargo build -p lantern-studio -p lantern-cli)`);
  }
  let display = null;
  for (let n = 140; n < 190 && !display; n++) if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) display = `:${n}`;
  startChild("Xvfb", [display, "-screen", "0", "1400x960x24", "-nolisten", "tcp", "-noreset"], {});
  await until(async () => existsSync(`/tmp/.X11-unix/X${display.slice(1)}`), "Xvfb");
  const runtime = join(work, "runtime");
  mkdirSync(runtime, { mode: 0o700 });
  // A clip to preview over: four seconds of FFmpeg's test pattern.
  execFileSync("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=30:duration=4", "-pix_fmt", "yuv420p", "-c:v", "libx264", clip]);
  writeFileSync(join(work, "dialogs.json"), JSON.stringify({
    folder: join(work, "projects"),
    files: [sticker],
    photo: facePhoto,
    video: clip,
    snapshot: join(work, "shot.png"),
    recording: join(work, "take.mp4"),
  }));
  mkdirSync(join(work, "projects"));
  const port = 4444 + Math.floor(Math.random() * 1000);
  const tauriDriver = process.env.TAURI_DRIVER ?? join(homedir(), ".cargo/bin/tauri-driver");
  const td = startChild(tauriDriver, ["--port", String(port), "--native-port", String(port + 1), "--native-driver", "/usr/bin/WebKitWebDriver"], {
    DISPLAY: display,
    XDG_RUNTIME_DIR: runtime,
    XDG_CONFIG_HOME: join(work, "config"),
    LANTERN_STUDIO_TEST_DIALOGS: join(work, "dialogs.json"),
    WAYLAND_DISPLAY: "",
  });
  driver = new WebDriver(`http://127.0.0.1:${port}`);
  await until(() => driver.status(), `tauri-driver on port ${port}: ${td.stderr()}`, 30000);
  // The very first session request after start can be dropped: retry.
  await until(() => driver.start({ "tauri:options": { application: studioBin } }), "a WebDriver session", 120000);
});

after(async () => {
  await driver?.quit().catch(() => undefined);
  for (const c of children.reverse()) c.kill();
});

/** What the engine needs to track: the models and ONNX Runtime, as the environment says. */
const engineEnv = { ...process.env, LANTERN_LOG: "warn" };

/** Render `effect` over the face photo into `<work>/<name>`; returns its RGBA pixels and size. */
function render(effect, name) {
  const out = join(work, name);
  execFileSync(lanternBin, ["render", "--effect", effect, "--input", facePhoto, "--output", out], { stdio: "pipe", env: engineEnv });
  return rgba(out);
}

/** A picture's RGBA pixels, decoded by ffmpeg. */
function rgba(path) {
  const [w, h] = execFileSync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path], { encoding: "utf8" }).trim().split(",").map(Number);
  const data = execFileSync("ffmpeg", ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgba", "-"], { maxBuffer: 1 << 28 });
  return { w, h, data };
}

/** The bounding box of the pixels that differ clearly between two pictures of one size. */
function changedBox(a, b) {
  assert.deepEqual([a.w, a.h], [b.w, b.h]);
  let box = null;
  for (let y = 0; y < a.h; y++) {
    for (let x = 0; x < a.w; x++) {
      const i = (y * a.w + x) * 4;
      const d = Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]);
      if (d < 60) continue;
      box = box ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) } : { x0: x, y0: y, x1: x, y1: y };
    }
  }
  return box;
}

/** How many pixels differ clearly between two pictures of one size. */
function changedPixels(a, b) {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) >= 60) n++;
  }
  return n;
}

const button = (text) => `//button[normalize-space()='${text}']`;

test("the real Studio: create, import, face prop on the forehead, heart trigger, export; the zip validates and renders", async () => {
  const d = driver;
  await d.click(button("New project"));
  const dialog = await d.find("css selector", "[role=dialog] input");
  await d.type(dialog, "Heart Hat");
  await d.click(button("Browse…"));
  await d.waitText(`The project folder will be ${join(work, "projects", "heart-hat")}`);
  await d.click(button("Create"));
  await d.waitCss("[data-testid=project-title]");

  await d.click("//button[normalize-space()='Import…']");
  await d.waitCss("[data-testid=asset-hat] img.thumb");
  await d.click("//*[@data-testid='asset-hat']//button[normalize-space()='+ face prop']");
  await d.waitCss("[data-testid=layer-inspector]");
  await d.click("//*[@data-testid='layer-inspector']//*[@aria-label='Chin']");
  await d.waitText("Anchor: Chin");
  await d.click("//*[@data-testid='layer-inspector']//*[@aria-label='Forehead']");
  await d.waitText("Anchor: Forehead");
  // A negative offset, typed key by key into an emptied field (it came out as "00.45"), then the
  // original value typed back.
  const offsetSelector = "[data-testid=layer-inspector] input[aria-label='Offset (face sizes) y']";
  const offsetValue = () => d.exec(`return document.querySelector("${offsetSelector}").value`);
  const originalOffset = await offsetValue();
  const offsetY = await d.el(offsetSelector);
  const erase = "\uE003".repeat(12); // Backspace until the field is empty
  await d.keys(offsetY, `${erase}-0.45`); // then key by key
  assert.equal(await offsetValue(), "-0.45", "a negative number can be typed");
  await d.keys(offsetY, `${erase}${originalOffset}`);
  assert.equal(await offsetValue(), originalOffset);

  await d.click(button("Add trigger"));
  await d.pick("Source", "gesture");
  await d.pick("Gesture", "heart");
  await d.pick("Phase", "begin");
  await d.click(button("Add action"));
  await d.pick("Do", "show");
  await d.pick("Layer", "hatFaceProp");
  await d.waitText("heart (begin) → show hatFaceProp");
  await d.click(button("Save"));
  await until(() => d.exec("return document.querySelector('header button:nth-child(3)').disabled"), "saved");

  await d.click(button("Export…"));
  await d.waitCss("[data-testid=validity]");
  await d.waitText("Valid:");
  await d.click("//*[@role='dialog']//button[normalize-space()='Export']");
  await d.waitCss("[data-testid=export-done]", 120000);
  await d.click("//*[@role='dialog']//button[normalize-space()='Close']");
  const zip = join(work, "projects", "heart-hat.zip");
  assert.ok(existsSync(zip), "the package was written");

  const validate = execFileSync(lanternBin, ["validate", zip], { encoding: "utf8", env: engineEnv });
  assert.match(validate, /valid/i, validate);

  // Rendered over the face photo, the prop sits on the forehead: the pixels that differ from a
  // render of an empty effect surround the forehead the tracker finds.
  const withProp = render(zip, "x.png");
  const empty = join(work, "empty");
  mkdirSync(empty);
  writeFileSync(join(empty, "effect.json"), JSON.stringify({ ...JSON.parse(readFileSync(join(work, "projects/heart-hat/effect.json"), "utf8")), assets: [], layers: [], triggers: [] }));
  const baseline = render(empty, "plain.png");
  const track = JSON.parse(execFileSync(lanternBin, ["track", "--json", "--no-hands", facePhoto], { encoding: "utf8", env: engineEnv }).trim().split("\n")[0]);
  const face = track.faces[0];
  assert.ok(face, "the tracker finds the face");
  const box = changedBox(withProp, baseline);
  assert.ok(box, "the prop changed some pixels");
  const f = face.anchors.forehead;
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  assert.ok(f.x >= box.x0 && f.x <= box.x1 && f.y >= box.y0 && f.y <= box.y1, `the forehead ${JSON.stringify(f)} is under the prop ${JSON.stringify(box)}`);
  assert.ok(Math.hypot(cx - f.x, cy - f.y) < face.scale, `the prop is centred on the forehead: (${cx}, ${cy}) vs ${JSON.stringify(f)}`);
});

test("the real Studio: a sound imported as music, a keyframed face prop; the zip validates with both", async () => {
  const d = driver;
  // The project of the first test is open; the next import answers with a sound.
  const wav = join(work, "Pop.wav");
  writeFileSync(wav, toneWav());
  const answers = JSON.parse(readFileSync(join(work, "dialogs.json"), "utf8"));
  writeFileSync(join(work, "dialogs.json"), JSON.stringify({ ...answers, files: [wav] }));
  try {
    await d.click(button("Import…"));
    await d.waitCss("[data-testid=asset-pop]");
  } finally {
    writeFileSync(join(work, "dialogs.json"), JSON.stringify(answers));
  }
  await d.click(button("← Effect settings")).catch(() => undefined);
  await d.pick("Background music", "pop");
  await d.waitCss("[data-testid=music-fields] input[aria-label='Fade in (s)']");

  // A clip on the face prop: scale 1.5 at 1 s.
  await d.click("//*[@data-testid='layer-hatFaceProp']//button[starts-with(normalize-space(), 'hatFaceProp')]");
  await d.click("//button[@role='tab'][normalize-space()='Timeline']");
  await d.click(button("Add animation"));
  const erase = "\uE003".repeat(12);
  await d.keys(await d.el("input[aria-label='Playhead (s)']"), `${erase}1`);
  // The lane's button sits in the bottom panel's scrolled timeline: pressed from the page.
  await d.waitCss("button[aria-label='Add scale key at the playhead']");
  await d.exec(`document.querySelector("button[aria-label='Add scale key at the playhead']").click(); return true;`);
  await d.keys(await d.el("[data-testid=key-fields] input[aria-label='Scale value']"), `${erase}1.5\uE004`);
  await d.waitCss("button[aria-label='scale key 1 at 1 s']");

  await d.click(button("Export…"));
  await d.waitText("Valid:");
  await d.click("//*[@role='dialog']//button[normalize-space()='Export']");
  await d.waitCss("[data-testid=export-done]", 120000);
  await d.click("//*[@role='dialog']//button[normalize-space()='Close']");
  const zip = join(work, "projects", "heart-hat.zip");
  const validate = execFileSync(lanternBin, ["validate", zip], { encoding: "utf8", env: engineEnv });
  assert.match(validate, /valid/i, validate);
  const effect = JSON.parse(execFileSync("unzip", ["-p", zip, "effect.json"], { encoding: "utf8" }));
  assert.deepEqual(effect.assets.find((a) => a.id === "pop"), { type: "audio", id: "pop", path: "sounds/pop.wav" });
  assert.equal(effect.music.sound, "pop");
  assert.deepEqual(effect.animations[0].tracks.scale, [{ time: 1, value: 1.5, ease: "linear" }]);
  assert.ok(execFileSync("unzip", ["-l", zip], { encoding: "utf8" }).includes("sounds/pop.wav"), "the sound is packed");
});

/**
 * A real Lantern Hub on a free port over a temp data folder, without reference photos (no preview
 * renders); returns its address, a designer's and a reviewer's token, and `stop` (the whole group).
 */
async function startHub() {
  const data = join(work, "hub-data");
  const photos = join(work, "hub-photos");
  mkdirSync(photos, { recursive: true });
  const token = (role, name) => execFileSync(hubBin, ["token", "create", "--data", data, "--role", role, "--name", name], { encoding: "utf8" }).trim().split("\n").at(-1).trim();
  const designer = token("designer", "dana");
  const reviewer = token("reviewer", "rita");
  const hub = spawn(hubBin, ["serve", "--data", data, "--listen", "127.0.0.1:0", "--photos", photos], { stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, LANTERN_LOG: "warn" } });
  let log = "";
  hub.stderr.on("data", (d) => (log = (log + d).slice(-4000)));
  const url = await new Promise((ok, fail) => {
    let out = "";
    hub.stdout.on("data", (d) => {
      out += d;
      const m = /^lantern-hub listening on (http:\/\/\S+)/m.exec(out);
      if (m) ok(m[1]);
    });
    hub.once("exit", (code) => fail(new Error(`lantern-hub exited (${code}): ${log}`)));
    setTimeout(() => fail(new Error(`lantern-hub did not start: ${out}${log}`)), 30000);
  });
  const stop = () => {
    try {
      process.kill(-hub.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  return { url, designer, reviewer, stop, log: () => log };
}

test("the real Studio publishes to a real Lantern Hub: pending in the review queue, then approved in the window", async () => {
  const d = driver;
  const hub = await startHub();
  try {
    await d.click(button("Publish…"));
    await d.waitText("Valid:");
    const field = (label) => d.el(`//*[@role='dialog']//input[@aria-label='${label}']`);
    await d.type(await field("Hub address"), hub.url);
    await d.type(await field("Designer token"), hub.designer);
    assert.equal(await d.exec(`return document.querySelector("[role=dialog] input[aria-label='Name on the hub']").value`), "heart-hat", "the folder's name");
    await d.click("//*[@role='dialog']//button[normalize-space()='Publish']");
    await d.waitText("Published heart-hat@1.0.0", 120000).catch((e) => {
      throw new Error(`${e.message}\nthe hub's log: ${hub.log()}`);
    });
    await d.waitText("heart-hat@1.0.0 is pending review");
    await d.waitText("heart-hat@1.0.0: pending review"); // the toolbar

    // The hub lists it for its reviewers.
    const auth = { authorization: `Bearer ${hub.reviewer}` };
    const queue = await (await fetch(`${hub.url}/api/reviews`, { headers: auth })).json();
    assert.deepEqual(queue.versions.map((v) => `${v.name}@${v.version} ${v.status} by ${v.uploadedBy}`), ["heart-hat@1.0.0 pending by dana"]);
    // The token is kept in the Studio's config folder (owner-only), never in the project.
    const settings = join(work, "config", "dev.lantern.studio", "hub.json");
    assert.equal(JSON.parse(readFileSync(settings, "utf8")).tokens[hub.url], hub.designer);
    assert.equal(statSync(settings).mode & 0o077, 0, "hub.json is readable by its owner only");
    assert.ok(!readFileSync(join(work, "projects/heart-hat/effect.json"), "utf8").includes(hub.designer));
    await d.waitCss("[data-testid=token-saved]");

    // A reviewer approves it: the window shows it within a few seconds.
    const approved = await fetch(`${hub.url}/api/packages/heart-hat/1.0.0/review`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ decision: "approve" }),
    });
    assert.equal(approved.status, 200, await approved.text());
    await d.waitText("heart-hat@1.0.0 was approved by rita", 30000);
    await d.waitText("heart-hat@1.0.0: approved");
    await d.click("//*[@role='dialog']//button[normalize-space()='Close']");
    await d.click("//button[@aria-label='Stop following the review']");
  } finally {
    hub.stop();
  }
});

test("the real Studio's live preview over a photo at 1280x720: frames reach the canvas", async () => {
  const d = driver;
  await d.click("//label[normalize-space()='Live (engine)']");
  await d.click("//label[normalize-space()='16:9']");
  await d.click(button("Photo…"));
  // The drawn frame's size is on the canvas's data attributes (drawn by a worker, the canvas element
  // itself may keep its initial width and height).
  const frame = () => d.exec("const c = document.querySelector('[data-testid=live-canvas]'); return c && c.dataset.frame ? [Number(c.dataset.frame), Number(c.dataset.width), Number(c.dataset.height), Number(c.dataset.shrink), c.dataset.painter] : null");
  const [, w, h, k] = await until(frame, "a first frame in the canvas", 120000).catch(async (e) => {
    throw new Error(`${e.message}; the page shows: ${(await d.exec("return document.body.innerText")).slice(0, 1200)}`);
  });
  assert.deepEqual([w * k, h * k], [1280, 720], "rendered at 1280x720 (sent at the canvas's size)");
  // Let tracking start, then count the frames the webview draws (not a timed assertion: printed).
  const readout = () => d.exec("const r = document.querySelector('[data-testid=live-readout]'); return r ? r.innerText : ''");
  // Let tracking start before counting (on a machine this busy it may not: the count goes on).
  await until(async () => /tracking (\d|unavailable)/.test(await readout()), "tracking", 120000).catch(async (e) => {
    console.log(`${e.message}; readout: ${await readout()}`);
  });
  const seconds = Number(process.env.LANTERN_PREVIEW_SECONDS ?? 10);
  const [a] = await frame();
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const [b] = await frame();
  const drawn = (b - a) / ((Date.now() - t0) / 1000);
  const painter = (await frame())[4];
  console.log(`live preview 1280x720 in the real webview: ${drawn.toFixed(1)} frames drawn per second (sent at 1/${k}, drawn ${painter === "worker" ? "in a worker" : "on the main thread"}); readout: ${await readout()}`);
  assert.ok(b > a, "frames keep arriving");
  const shot = await d.screenshot();
  writeFileSync(process.env.LANTERN_STUDIO_SCREENSHOT ?? join(work, "studio.png"), shot);
  await d.click(button("Stop"));
});

test("the real Studio: typing into the script editor while the live preview runs (keydown-to-paint latency, printed)", async () => {
  const d = driver;
  await d.click(button("Photo…"));
  const drawnFrame = () => d.exec("const c = document.querySelector('[data-testid=live-canvas]'); return c && c.dataset.frame ? Number(c.dataset.frame) : 0");
  const first = await until(drawnFrame, "the preview draws again", 120000);
  await until(async () => (await drawnFrame()) > first, "frames keep coming", 60000);
  await d.click("//button[@role='tab' and normalize-space()='Script']");
  await d.click(button("New script"));
  await d.waitText('lantern.on("start"');
  await d.waitCss(".cm-content");
  await d.editorInsert("\n"); // a new last line
  await d.exec(`(${installTypingProbe})(arguments[0])`, [{ selector: ".cm-content", text: PROBE_TEXT }]);
  // One character a command, a typist's pace.
  for (const ch of PROBE_TEXT) {
    await d.editorInsert(ch);
    await new Promise((r) => setTimeout(r, 40));
  }
  const result = await until(() => d.exec(`return (${typingProbeResult})()`), "every typed character on screen", 60000);
  const painter = await d.exec("return document.querySelector('[data-testid=live-canvas]').dataset.painter");
  console.log(describeLatency(`in the real app (WebKitGTK; each character inserted by the page's editing command after a dispatched keydown, as WebKitWebDriver cannot type into a contenteditable; preview over the photo at 1280x720, drawn ${painter === "worker" ? "in a worker" : "on the main thread"})`, result));
  const line = await d.exec("return [...document.querySelectorAll('.cm-line')].map((l) => l.textContent).find((t) => t.startsWith('// the quick'))");
  assert.equal(line, PROBE_TEXT, "every character arrived, in order");
  await d.click(button("Stop"));
});

test("the real Studio: a script that throws when it loads is refused at export, with its line", async () => {
  const d = driver;
  await d.click("//button[@role='tab' and normalize-space()='Script']");
  await d.waitCss(".cm-content");
  await d.editorInsert("\nlantern.on('mouthOpen', () => {});");
  await d.click(button("Save script"));
  await d.click(button("Export…"));
  await d.waitText("problem(s) to fix before exporting");
  const problems = await d.exec("return document.querySelector('[role=dialog] .problems').textContent");
  assert.match(problems, /does not load/, problems);
  assert.match(problems, /unknown event 'mouthOpen'/, problems);
  assert.match(problems, /scripts\/[\w-]+\.js:\d+/, `the message says where: ${problems}`);
  assert.equal(await d.exec("return document.querySelector('[role=dialog] button.primary').disabled"), true, "Export is refused");
  await d.click("//*[@role='dialog']//button[normalize-space()='Close']");
  // Comment the line out (Home, then //) and save: the script loads again for the tests after.
  await d.editorInsert("//", true);
  await d.click(button("Save script"));
});

/** Debian's nginx with the RTMP module on a free port, recording every stream (as the Rust tests' fixture). */
/** Codec, width, height and frame count of a video file's first video stream. */
function probeVideo(path) {
  const [codec, w, h, frames] = execFileSync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", path], { encoding: "utf8" }).trim().split(",");
  return { codec, w: Number(w), h: Number(h), frames: Number(frames) };
}

test("the real Studio previews a video clip: pause holds it, the bar scrubs it, a screenshot and a recording are saved at full size", async () => {
  const d = driver;
  await d.click(button("Video…"));
  await d.waitCss("[data-testid=transport]", 120000);
  const time = () => d.exec("return document.querySelector('[data-testid=clip-time]').textContent");
  await d.waitText("clip.mp4");
  // Paused: the clip's time holds (the effect keeps playing over its picture).
  await d.click("//button[@aria-label='Pause']");
  await d.waitCss("//button[@aria-label='Play']");
  await new Promise((r) => setTimeout(r, 600));
  const held = await time();
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await time(), held, "a paused clip stays where it is");
  // Scrubbed to 3 s (the range input's value set as a drag would, then let go).
  await d.exec("const i = document.querySelector('[aria-label=\"Position in the clip\"]'); Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, '3000'); i.dispatchEvent(new Event('input', { bubbles: true })); i.blur(); return true");
  await until(async () => /^0:0(2\.[89]|3\.0) \/ 0:04\.0$/.test(await time()), `the engine at 3 s (the bar shows ${await time()})`, 30000);
  // A screenshot at the effect's full size, not the canvas's.
  await d.click(button("Screenshot…"));
  await d.waitText("Saved a 1280×720 screenshot", 30000);
  assert.deepEqual(probeVideo(join(work, "shot.png")).w, 1280);
  // A recording while the clip plays.
  await d.click(button("Record…"));
  await d.click("//button[@aria-label='Play']");
  await d.waitText("Stop recording (0:02", 60000);
  await d.click("//button[starts-with(normalize-space(), 'Stop recording')]");
  await d.waitText("Recorded ", 30000);
  const take = probeVideo(join(work, "take.mp4"));
  console.log(`recording the preview in the real app: ${JSON.stringify(take)}; ${await d.exec("return [...document.querySelectorAll('[role=status], .notice')].map((n) => n.textContent).join(' | ')")}`);
  assert.deepEqual([take.codec, take.w, take.h], ["h264", 1280, 720]);
  assert.ok(take.frames >= 10, `${take.frames} frames recorded`);
  // Back over the photo, stopped, for the tests after.
  await d.click(button("Photo…"));
  await d.waitCss("//span[@data-testid='live-readout']", 120000);
  await d.click(button("Stop"));
});

async function startNginxRtmp() {
  const prefix = mkdtempSync(join(tmpdir(), "lantern-nginx-"));
  for (const sub of ["record", "hls", "tmp"]) mkdirSync(join(prefix, sub));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const conf = readFileSync(join(root, "engine/testing/testdata/nginx-rtmp.conf.in"), "utf8")
    .replaceAll("@PREFIX@", prefix).replaceAll("@RTMP_PORT@", String(port)).replaceAll("@HTTP_PORT@", String(port + 1)).replaceAll("@HLS@", "");
  writeFileSync(join(prefix, "nginx.conf"), conf);
  const n = startChild("nginx", ["-p", prefix, "-c", join(prefix, "nginx.conf"), "-e", join(prefix, "error.log")], {});
  const { connect } = await import("node:net");
  await until(() => new Promise((ok) => { const s = connect(port, "127.0.0.1", () => { s.end(); ok(true); }); s.on("error", () => ok(false)); }), `nginx-rtmp on ${port}: ${n.stderr()}`, 20000);
  return { url: `rtmp://127.0.0.1:${port}/live`, recording: (key) => join(prefix, "record", `${key}.flv`) };
}

test("the real Studio goes live to a local nginx-rtmp: H.264 + AAC with the SEI arrive, the panel shows the push", async () => {
  const d = driver;
  const server = await startNginxRtmp();
  const key = "studio_e2e_key";
  await d.click(button("Go live…"));
  await d.waitText("Valid:");
  await d.type(await d.el("//input[@aria-label='Server URL']"), server.url);
  await d.type(await d.el("//input[@aria-label='Stream key']"), key);
  const t0 = Date.now();
  await d.click(button("Go live"));
  const recording = server.recording(key);
  // The first frames at the server: nginx records what it receives.
  await until(async () => existsSync(recording) && statSync(recording).size > 8192, "frames at the server", 60000);
  const atServer = Date.now() - t0;
  await d.waitText("LIVE 00:");
  await d.click(button("Close"));
  const frame = () => d.exec("const c = document.querySelector('[data-testid=live-canvas]'); return c && c.dataset.frame ? Number(c.dataset.frame) : 0");
  const stats = () => d.exec("const s = document.querySelector('[data-testid=live-stats]'); return s ? [s.innerText, s.dataset.firstPacketMs, s.dataset.previewFps] : null");
  await until(async () => (await frame()) > 0 && (await stats())?.[0], "the push's frames in the panel and its stats", 30000);
  const a = await frame();
  const t1 = Date.now();
  await new Promise((r) => setTimeout(r, 5000));
  const drawn = ((await frame()) - a) / ((Date.now() - t1) / 1000);
  const [line, firstPacket] = await stats();
  console.log(`go live in the real app: first frames recorded by nginx ${atServer} ms after the click (first packet written ${firstPacket} ms after it); toolbar: ${line}; the panel drew ${drawn.toFixed(1)} push frames per second`);
  writeFileSync(join(work, "studio-live.png"), await d.screenshot());
  // An edit while live reaches the stream (no reconnect): the hat hidden, then shown again.
  // Each edit goes out after the editor's quiet time and its check, then shows for seconds.
  await d.click("//input[@aria-label='Show hatFaceProp']");
  await new Promise((r) => setTimeout(r, 4000));
  await d.click("//input[@aria-label='Show hatFaceProp']");
  await new Promise((r) => setTimeout(r, 4000));
  await d.click("//span[@aria-label='Live']//button[normalize-space()='Stop']");
  await until(async () => !(await d.exec("return !!document.querySelector('[data-testid=live-badge]')")), "the badge goes when the stream ends", 30000);
  // nginx closes the recording when the publisher disconnects.
  let size = -1;
  await until(async () => { const s = statSync(recording).size; const same = s === size; size = s; return same; }, "a finished recording", 20000);
  const streams = JSON.parse(execFileSync("ffprobe", ["-v", "error", "-show_streams", "-of", "json", recording], { encoding: "utf8" })).streams.map((s) => s.codec_name).sort();
  assert.deepEqual(streams, ["aac", "h264"]);
  const probed = execFileSync(lanternBin, ["probe", "--strict", recording], { encoding: "utf8", env: engineEnv }).trim().split("\n");
  assert.ok(probed.length >= 30, `${probed.length} frames with the SEI`);
  assert.ok(drawn > 0, "the panel showed the push's frames");
  // The recording shows the hat, then not (the edit), then again: one stream, no reconnect.
  const at = (s) => {
    const out = join(work, `live-${s}.png`);
    execFileSync("ffmpeg", ["-v", "error", "-y", "-ss", String(s), "-i", recording, "-frames:v", "1", out]);
    return rgba(out);
  };
  const seconds = Number(execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", recording], { encoding: "utf8" }));
  const shots = [];
  for (let t = 1; t < seconds - 0.3; t += 0.5) shots.push(at(t));
  // Pixels that changed clearly between frames half a second apart: the hat going or coming
  // changes thousands; tracking's jitter and the encoder's noise a few hundred at most.
  const changed = shots.slice(1).map((b, i) => changedPixels(shots[i], b));
  console.log(`an edit while live: pixels changed between frames of the recording half a second apart: ${changed.join(", ")}`);
  assert.ok(changed.filter((n) => n > 5000).length >= 2, "the hat went and came back in the stream");
});

test("the real Studio: closing the window with unsaved changes asks first, and Cancel keeps it", async () => {
  const d = driver;
  // Edit something: hide the face prop (the project also has the new script, unsaved).
  await d.click("//input[@aria-label='Show hatFaceProp']");
  await d.waitCss("[data-testid=project-title] span");
  // The window's close, as its close button asks for it (Tauri's close request, which the page holds).
  await d.exec("const t = window.__TAURI_INTERNALS__; t.invoke('plugin:window|close', { label: t.metadata.currentWindow.label }); return true");
  await d.waitText("Save changes to “Heart Hat” before closing?");
  assert.equal(await d.exec("return document.activeElement && document.activeElement.textContent"), "Save", "Save is the default button");
  await d.click("//*[@role='alertdialog']//button[normalize-space()='Cancel']");
  await until(async () => !(await d.exec("return !!document.querySelector('[role=alertdialog]')")), "the question goes");
  // The window is still there, with its unsaved changes.
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await d.exec("return document.querySelector('[data-testid=project-title]').textContent"), "Heart Hat ●");
  // Leave nothing unsaved, so that the end of the session closes the window without a question.
  await d.click(button("Save"));
  await d.click(button("Save script"));
  await until(async () => !(await d.exec("return !!document.querySelector('[data-testid=project-title] span')")), "all saved");
});
