// A stand-in for the Studio's Rust side, for the browser end-to-end test. It answers the same
// commands with the same shapes (ui/src/generated/ipc.ts), keeps a record of every call, and checks
// every effect document it receives against effect-schema/effect.schema.json plus the reference
// rules (ids unique, layers and actions point at things that exist).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const schema = JSON.parse(readFileSync(`${root}effect-schema/effect.schema.json`, "utf8"));
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const validateSchema = ajv.compile(schema);

/** Every problem of an effect document: schema errors, then reference errors. */
export function problemsOf(effect) {
  const out = [];
  if (!validateSchema(effect)) {
    for (const e of validateSchema.errors ?? []) out.push(`${e.instancePath || "/"}: ${e.message}`);
    return out;
  }
  const ids = [...effect.assets, ...effect.layers, ...effect.triggers].map((x) => x.id);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupes.length) out.push(`duplicate ids: ${dupes.join(", ")}`);
  const assets = new Set(effect.assets.map((a) => a.id));
  const sounds = new Set(effect.assets.filter((a) => a.type === "audio").map((a) => a.id));
  effect.layers.forEach((l, i) => {
    const ref = l.asset ?? l.sprite ?? l.font ?? l.lut;
    if (ref !== undefined && !assets.has(ref)) out.push(`/layers/${i}: asset "${ref}" does not exist`);
  });
  const layers = new Set(effect.layers.map((l) => l.id));
  effect.triggers.forEach((t, i) =>
    t.actions.forEach((a, j) => {
      if ("layer" in a && !layers.has(a.layer)) out.push(`/triggers/${i}/actions/${j}: layer "${a.layer}" does not exist`);
      if (a.do === "animate" && !effect.animations?.some((x) => x.layer === a.layer && x.name === a.animation))
        out.push(`/triggers/${i}/actions/${j}: layer "${a.layer}" has no animation "${a.animation}"`);
      if ("sound" in a && !sounds.has(a.sound)) out.push(`/triggers/${i}/actions/${j}: sound "${a.sound}" is not an audio asset`);
    }),
  );
  (effect.animations ?? []).forEach((a, i) => {
    if (!layers.has(a.layer)) out.push(`/animations/${i}/layer: layer "${a.layer}" does not exist`);
    if (!Object.values(a.tracks).some((keys) => keys.length)) out.push(`/animations/${i}/tracks: an animation needs at least one key`);
    for (const [name, keys] of Object.entries(a.tracks)) {
      keys.forEach((k, j) => j > 0 && k.time < keys[j - 1].time && out.push(`/animations/${i}/tracks/${name}/${j}/time: keys must be in time order`));
    }
  });
  if (effect.music && !sounds.has(effect.music.sound)) out.push(`/music/sound: "${effect.music.sound}" is not an audio asset`);
  return out;
}

/** A tenth of a second of a 440 Hz tone as a 16-bit mono 8 kHz WAV (what an imported sound holds). */
export function toneWav() {
  const n = 800;
  const b = Buffer.alloc(44 + n * 2);
  b.write("RIFF", 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write("WAVEfmt ", 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write("data", 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / 8000) * 12000 * (1 - i / n)), 44 + i * 2);
  return b;
}

export function starter(name) {
  return {
    formatVersion: 1,
    meta: {
      name,
      author: "",
      version: "1.0.0",
      description: "",
      targetResolution: { width: 1080, height: 1920 },
      budgets: { maxPackageBytes: 20971520, maxTextureBytes: 134217728, maxParticles: 2000, maxFaces: 2 },
    },
    assets: [],
    layers: [],
    triggers: [],
  };
}

const ipcError = (code, message) => ({ __ipcError: { code, message } });

/**
 * A preview frame message as the Rust side packs it (src-tauri/src/preview/message.rs):
 * "LPV1", the JSON header's length (u32 LE), the header, zero padding to 4, RGBA pixels.
 */
export function previewFrame(header, rgba = new Uint8Array(0)) {
  const json = Buffer.from(JSON.stringify(header));
  const pad = (4 - (json.length % 4)) % 4;
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  return Buffer.concat([Buffer.from("LPV1"), len, json, Buffer.alloc(pad), Buffer.from(rgba)]);
}

/** A frame header with neutral values (FrameInfo in ui/src/generated/ipc.ts). */
export function frameHeader(patch) {
  return {
    session: 1, seq: 1, index: 0, width: 0, height: 0, shrink: 1, fps: 30, renderMs: 21.5, frameMs: 23, capturedAtMs: Date.now(), skipped: 0,
    tracking: { state: "running", trackMs: 31 }, fired: [], logs: [], zones: [], ended: false, ...patch,
  };
}

/**
 * A fake backend. `files` maps the paths the file dialog returns to real files whose bytes are
 * served back as thumbnails.
 */
export function createBackend({ projectsDir, importPaths, sticker, projects = {}, photo = "/tmp/e2e/media/face.jpg" }) {
  const calls = [];
  const invalid = [];
  const files = new Map();
  const check = (cmd, effect) => {
    const p = problemsOf(effect);
    if (p.length) invalid.push({ cmd, problems: p });
    return p;
  };
  const hub = createHub((effect) => check("publish_to_hub", effect));
  const handlers = {
    ...hub.handlers,
    engine_info: () => ({ version: "e2e", modelsOk: 0, modelsTotal: 6 }),
    recent_projects: () =>
      Object.entries(projects).map(([dir, p]) => ({ dir, name: p.effect.meta.name, openedAtMs: 0, exists: true })),
    "plugin:dialog|open": ({ options }) =>
      options?.directory ? projectsDir : options?.filters?.[0]?.name === "Photos" ? photo : importPaths,
    test_dialog_answer: () => null,
    // The window closes for real (the Studio destroys it once the person agreed).
    "plugin:window|destroy": () => null,
    // ~ in typed paths.
    "plugin:path|resolve_directory": () => "/home/e2e",
    list_cameras: () => [],
    start_preview: ({ effect }) => void check("start_preview", effect),
    update_preview: ({ effect }) => void check("update_preview", effect),
    reload_preview_script: ({ effect }) => void check("reload_preview_script", effect),
    preview_ack: () => null,
    preview_tap: () => null,
    preview_animation: () => null,
    set_preview_overlay: () => null,
    stop_preview: () => null,
    // Going live: an unreachable server and an invalid document fail as the Rust side says.
    start_live: ({ effect, target }) => {
      const p = check("start_live", effect);
      if (p.length) return ipcError("invalid", `not going live: the effect has ${p.length} problem(s): ${p.join("; ")}`);
      if (target.url.includes("nowhere")) return ipcError("live", `cannot reach ${target.url} (Connection refused): check the server URL (rtmp://host[:port]/app) and that the server is running`);
      return null;
    },
    stop_live: () => null,
    live_gameplay: () => null,
    update_live: () => null,
    live_command: () => null,
    create_script: ({ taken }) => {
      let id = "main";
      for (let n = 2; taken.includes(id); n++) id = `main-${n}`;
      const path = `scripts/${id}.js`;
      files.set(path, Buffer.from('lantern.on("start", () => console.log("started"));\n'));
      return { asset: { type: "script", id, path }, files: [path], bytes: files.get(path).length, width: 0, height: 0, frames: 0 };
    },
    save_script: ({ path, text }) => void files.set(path, Buffer.from(text)),
    "plugin:dialog|save": ({ options }) => options?.defaultPath ?? null,
    new_project: ({ dir, name }) => {
      const effect = starter(name);
      check("new_project", effect);
      return { dir, effect };
    },
    open_project: ({ dir }) => {
      const p = projects[dir];
      if (!p) return ipcError("notFound", `${dir} has no effect.json: open a project folder, or create a new project`);
      return { dir, effect: p.effect, ...(p.recovery ? { recovery: p.recovery } : {}) };
    },
    discard_recovery: () => null,
    // The sticker is small: no image is offered a downscale.
    plan_import: () => [],
    import_assets: ({ paths, taken }) =>
      paths.map((p) => {
        const stem = p.split("/").pop().replace(/\.[^.]+$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-");
        let id = stem;
        for (let n = 2; taken.includes(id); n++) id = `${stem}-${n}`;
        if (/\.(wav|ogg|mp3|m4a)$/i.test(p)) {
          // Sounds: a real WAV, so the page decodes it (waveform, playback).
          const path = `sounds/${id}.wav`;
          files.set(path, toneWav());
          return { asset: { type: "audio", id, path }, files: [path], bytes: files.get(path).length, width: 0, height: 0, frames: 0 };
        }
        const path = `images/${id}.png`;
        files.set(path, readFileSync(sticker));
        return { asset: { type: "image", id, path }, files: [path], bytes: files.get(path).length, width: 128, height: 96, frames: 1 };
      }),
    read_project_file: ({ path }) => {
      const bytes = files.get(path);
      return bytes ? Array.from(bytes) : ipcError("notFound", `${path}: not in the project`);
    },
    autosave_project: ({ effect }) => void check("autosave_project", effect),
    save_project: ({ effect }) => {
      const p = check("save_project", effect);
      return p.length ? ipcError("document", p.join("; ")) : { savedAtMs: Date.now() };
    },
    check_package: ({ effect }) => report(check("check_package", effect), effect),
    export_package: ({ effect, out }) => {
      const p = check("export_package", effect);
      if (p.length) return ipcError("invalid", `the effect has ${p.length} problem(s): ${p.join("; ")}`);
      return { path: out, report: report(p, effect) };
    },
  };
  function report(problems, effect) {
    const gestures = [...new Set(effect.triggers.filter((t) => t.when.on === "gesture").map((t) => t.when.gesture))];
    return {
      valid: problems.length === 0,
      problems: problems.map((message) => ({ file: "effect.json", pointer: message.split(":")[0], message })),
      warnings: [],
      budget: problems.length
        ? []
        : [
            { name: "packageBytes", used: 2400, limit: effect.meta.budgets.maxPackageBytes, over: false },
            { name: "textureBytes", used: 128 * 96 * 4, limit: effect.meta.budgets.maxTextureBytes, over: false },
            { name: "particles", used: 0, limit: effect.meta.budgets.maxParticles, over: false },
          ],
      capabilities: {
        face: effect.layers.some((l) => l.type === "faceProp"),
        faceMesh: effect.layers.some((l) => l.type === "faceProp"),
        iris: false,
        hands: gestures.length > 0,
        gestures,
        segmentation: false,
        maxFaces: 1,
        maxHands: gestures.length ? 2 : 0,
        script: false,
      },
      files: 1 + effect.assets.length,
      unpackedBytes: 3000,
    };
  }
  /** Commands made to fail: cmd → {code, message}. */
  const fail = {};
  return {
    calls,
    invalid,
    fail,
    /** The fake Lantern Hub: its versions, the tokens kept, `review(name, version, status, by, reason)`. */
    hub,
    /** The project's files by path (what read_project_file serves). */
    files,
    /** Answer one IPC call (what the page's mocked `invoke` forwards). */
    handle(cmd, args) {
      calls.push({ cmd, args });
      if (fail[cmd]) return ipcError(fail[cmd].code, fail[cmd].message);
      const h = handlers[cmd];
      if (!h) return ipcError("io", `the test backend does not know the command ${cmd}`);
      return h(args ?? {}) ?? null;
    },
  };
}

/**
 * A Lantern Hub as the Studio's Rust side reports it (src-tauri/src/project/publish.rs): tokens
 * `lh_designer` (uploads) and `lh_host` (cannot), versions that start pending with a preview
 * rendering, the same sentences for a refused token, a role that cannot upload, a version that
 * exists and an unreachable hub (any address with "nowhere"). `check` gives an effect's problems.
 */
export function createHub(check) {
  const roles = { lh_designer: "designer", lh_host: "host" };
  /** Normalised hub address → the token kept for it (as the Studio's hub.json). */
  const kept = new Map();
  const versions = new Map();
  let reads = 0;
  const norm = (url) => url.trim().replace(/\/+$/, "");
  const hubError = (message) => ipcError("hub", message);
  const handlers = {
    publish_defaults: ({ dir }) => ({ hubUrl: "http://127.0.0.1:8470", savedTokens: [...kept.keys()], name: dir.split("/").pop().toLowerCase() }),
    forget_hub_token: ({ hubUrl }) => {
      kept.delete(norm(hubUrl));
      return [...kept.keys()];
    },
    publish_to_hub: ({ effect, request }) => {
      const url = norm(request.hubUrl);
      const problems = check(effect);
      if (problems.length) return ipcError("invalid", `the effect has ${problems.length} problem(s), nothing was published: ${problems.join("; ")}`);
      if (url.includes("nowhere")) return hubError(`Cannot reach the hub at ${url} (Connection refused): check the address and that the hub is running.`);
      const token = request.token?.trim() || kept.get(url);
      if (!token) return hubError(`Paste a designer's token for ${url}: an admin of the hub makes one with \`lantern hub token create --role designer\`.`);
      const role = roles[token];
      if (!role) return hubError(`The hub at ${url} did not accept this token: it is unknown or was revoked. Paste a designer's token (an admin makes one with \`lantern hub token create --role designer\`).`);
      if (role !== "designer") return hubError("This token's role cannot upload packages: publishing needs a designer's token.");
      kept.set(url, token);
      const key = `${request.name}@${effect.meta.version}`;
      if (versions.has(key)) return hubError(`${key} is already on the hub, and a published version never changes: raise the version in the effect's settings (now ${effect.meta.version}) and publish again.`);
      const v = {
        hubUrl: url, name: request.name, version: effect.meta.version, title: effect.meta.name, status: "pending", reason: null, reviewedBy: null, reviewedAt: null,
        uploadedAt: new Date().toISOString(), size: 2400, sha256: "ab".repeat(32), previews: [{ photo: "face.jpg", status: "rendering", error: null }],
      };
      versions.set(key, v);
      return { version: v, tokenSaved: true, report: { valid: true, problems: [], warnings: [], budget: [], capabilities: {}, files: 1, unpackedBytes: 3000 } };
    },
    hub_version_status: ({ name, version }) => {
      reads += 1;
      const v = versions.get(`${name}@${version}`);
      if (!v) return hubError(`The hub has no ${name}@${version} this token may read.`);
      // Previews finish rendering by the first read.
      v.previews = v.previews.map((p) => ({ ...p, status: "ready" }));
      return v;
    },
  };
  return {
    handlers,
    kept,
    versions,
    /** How many times the Studio read a version's status. */
    reads: () => reads,
    review(name, version, status, by, reason = null) {
      Object.assign(versions.get(`${name}@${version}`), { status, reviewedBy: by, reason, reviewedAt: new Date().toISOString() });
    },
  };
}
