import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HubVersion, Published } from "../generated/ipc";

const calls: { cmd: string; args: Record<string, unknown> }[] = [];
/** Answers by command: a value, or a function of the call's arguments; an `Error`-like object thrown. */
let answers: Record<string, unknown> = {};
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push({ cmd, args });
    const a = answers[cmd];
    const v = typeof a === "function" ? (a as (x: unknown) => unknown)(args) : a;
    if (v && typeof v === "object" && "throw" in v) throw (v as { throw: unknown }).throw;
    return v ?? null;
  },
  Channel: class {},
}));

const rules = await import("./rules");
const publish = await import("./publish");
const { Store } = await import("../store/store");
const { emptyEffect } = await import("../store/fixtures");
const { ErrorBlock, PublishBadge, ReviewStatus } = await import("../components/PublishDialog");
const { store } = await import("../store/store");

function version(patch: Partial<HubVersion> = {}): HubVersion {
  return {
    hubUrl: "http://127.0.0.1:8470",
    name: "heart-hat",
    version: "1.0.0",
    title: "Heart Hat",
    status: "pending",
    reason: null,
    reviewedBy: null,
    reviewedAt: null,
    uploadedAt: "2026-12-07T22:00:00Z",
    size: 2400,
    sha256: "ab",
    previews: [],
    ...patch,
  };
}

const rendering = [{ photo: "face.jpg", status: "rendering" as const, error: null }];
const ready = [{ photo: "face.jpg", status: "ready" as const, error: null }];

describe("the publish form's rules", () => {
  it("checks the name on the hub as it is typed, in plain sentences", () => {
    expect(rules.nameProblem("heart-hat")).toBeNull();
    expect(rules.nameProblem("a")).toBeNull();
    expect(rules.nameProblem("")).toMatch(/^Give the package a name/);
    expect(rules.nameProblem("Heart-Hat")).toBe("Use lowercase letters: “heart-hat”.");
    expect(rules.nameProblem("heart hat!")).toBe("Use only a–z, 0–9 and hyphens: spaces, “!” cannot be in a name on the hub (try “heart-hat”).");
    expect(rules.nameProblem("-hat")).toMatch(/^Start the name with a letter or a digit/);
    expect(rules.nameProblem("x".repeat(65))).toMatch(/at most 64 characters; this one has 65/);
    expect(rules.nameProblem("帽子")).toBe("Use only a–z, 0–9 and hyphens: “帽”, “子” cannot be in a name on the hub.");
  });

  it("makes names from titles as the hub does", () => {
    expect(rules.nameFromTitle("Lucky Hat!")).toBe("lucky-hat");
    expect(rules.nameFromTitle("  --Heart  Hat 2-- ")).toBe("heart-hat-2");
    expect(rules.nameFromTitle("花字")).toBe("");
  });

  it("checks the hub's address, the token and the version", () => {
    expect(rules.hubUrlProblem("http://127.0.0.1:8470")).toBeNull();
    expect(rules.hubUrlProblem("https://hub.example.com/")).toBeNull();
    expect(rules.hubUrlProblem("")).toMatch(/^Type the hub's address/);
    expect(rules.hubUrlProblem("hub.example.com")).toMatch(/starts with http:\/\/ or https:\/\//);
    expect(rules.hubUrlProblem("http:// x")).not.toBeNull();
    expect(rules.normaliseUrl(" http://h:1// ")).toBe("http://h:1");
    expect(rules.tokenProblem("", false)).toMatch(/^Paste your designer token/);
    expect(rules.tokenProblem("", true)).toBeNull();
    expect(rules.tokenProblem(" lh_x ", false)).toBeNull();
    expect(rules.versionProblem("1.0.0")).toBeNull();
    expect(rules.versionProblem("1..0")).toMatch(/is not one a hub takes/);
    expect(rules.versionProblem("")).not.toBeNull();
    const form = { hubUrl: "http://h:1", token: "", name: "Hat" };
    expect(rules.formProblems(form, true, "1.0.0")).toEqual(["Use lowercase letters: “hat”."]);
    expect(rules.formProblems({ ...form, name: "hat" }, true, "1.0.0")).toEqual([]);
    expect(rules.formProblems({ ...form, name: "hat" }, false, "1.0.0")).toHaveLength(1);
  });

  it("says where the review is", () => {
    expect(rules.statusSentence(version({ previews: [...rendering, ...ready] }))).toBe("heart-hat@1.0.0 is pending review (previews rendering: 1 of 2).");
    expect(rules.statusSentence(version())).toBe("heart-hat@1.0.0 is pending review.");
    expect(rules.statusSentence(version({ status: "approved", reviewedBy: "rita" }))).toBe("heart-hat@1.0.0 was approved by rita: hosts can go live with hub:heart-hat@1.0.0.");
    expect(rules.statusSentence(version({ status: "rejected", reviewedBy: "rita", reason: "the hat covers the eyes" }))).toBe("heart-hat@1.0.0 was rejected by rita: the hat covers the eyes");
    expect(rules.shortStatus(version({ status: "rejected", reason: "too big" }))).toBe("heart-hat@1.0.0: rejected (too big)");
    expect(rules.isFinal(version())).toBe(false);
    expect(rules.isFinal(version({ status: "approved", previews: rendering }))).toBe(false);
    expect(rules.isFinal(version({ status: "approved", previews: ready }))).toBe(true);
  });

  it("shows each of the hub's problems on its own line", () => {
    const message = "The hub refused the package (2 problem(s)): fix them and publish again.\neffect.json /layers/0/anchor: unknown anchor\nscripts/main.js: does not load";
    expect(rules.errorLines(message)).toEqual({
      lead: "The hub refused the package (2 problem(s)): fix them and publish again.",
      lines: ["effect.json /layers/0/anchor: unknown anchor", "scripts/main.js: does not load"],
    });
    const html = renderToStaticMarkup(<ErrorBlock message={message} code="invalid" />);
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html).toContain('title="Error code: invalid"');
    const plain = renderToStaticMarkup(<ErrorBlock message="This token's role cannot upload packages: publishing needs a designer's token." />);
    expect(plain).not.toContain("<li>");
  });
});

describe("polling the review", () => {
  /** Timers run by hand. */
  function clock() {
    const timers: { fn: () => void; ms: number }[] = [];
    return {
      timers,
      setTimer: (fn: () => void, ms: number) => timers.push({ fn, ms }),
      clearTimer: vi.fn(),
      /** Run the next timer and let its read settle. */
      async next() {
        const t = timers.shift();
        t?.fn();
        await new Promise((r) => setTimeout(r, 0));
      },
    };
  }

  it("reads every few seconds while pending or rendering, and stops once final", async () => {
    const c = clock();
    const seen: HubVersion[] = [];
    const replies = [version({ previews: rendering }), version({ status: "approved", reviewedBy: "rita", previews: rendering }), version({ status: "approved", previews: ready })];
    const onEnd = vi.fn();
    publish.pollStatus(version(), { read: async () => replies.shift()!, onUpdate: (v) => seen.push(v), onEnd, ...c });
    expect(c.timers[0]!.ms).toBe(publish.POLL_MS);
    await c.next();
    await c.next();
    expect(onEnd).not.toHaveBeenCalled();
    await c.next();
    expect(seen.map((v) => v.status)).toEqual(["pending", "approved", "approved"]);
    expect(onEnd).toHaveBeenCalledWith("final", null);
    expect(c.timers).toHaveLength(0);
  });

  it("does not poll a final status, stops when told, and gives up after bounded reads or errors", async () => {
    let c = clock();
    const onEnd = vi.fn();
    publish.pollStatus(version({ status: "rejected" }), { read: async () => version(), onUpdate: vi.fn(), onEnd, ...c });
    expect(onEnd).toHaveBeenCalledWith("final", null);
    expect(c.timers).toHaveLength(0);

    c = clock();
    const onUpdate = vi.fn();
    const stop = publish.pollStatus(version(), { read: async () => version(), onUpdate, onEnd: vi.fn(), ...c });
    stop();
    expect(c.clearTimer).toHaveBeenCalled();

    c = clock();
    const limit = vi.fn();
    publish.pollStatus(version(), { read: async () => version(), onUpdate: vi.fn(), onEnd: limit, maxPolls: 3, ...c });
    for (let i = 0; i < 3; i++) await c.next();
    expect(limit).toHaveBeenCalledWith("limit", expect.stringMatching(/^Still waiting for a review/));
    expect(c.timers).toHaveLength(0);

    c = clock();
    const failed = vi.fn();
    let n = 0;
    const read = async () => {
      n += 1;
      if (n === 2) return version();
      throw { code: "hub", message: "Cannot reach the hub at http://127.0.0.1:8470 (refused)" };
    };
    publish.pollStatus(version(), { read, onUpdate: vi.fn(), onEnd: failed, maxErrors: 2, ...c });
    for (let i = 0; i < 4; i++) await c.next();
    expect(n).toBe(4);
    expect(failed).toHaveBeenCalledWith("error", "Stopped checking the review: Cannot reach the hub at http://127.0.0.1:8470 (refused)");
  });
});

describe("publishing from the Studio", () => {
  const form = { hubUrl: " http://127.0.0.1:8470/ ", token: " lh_secret ", name: "heart-hat" };
  let s: InstanceType<typeof Store>;
  beforeEach(() => {
    calls.length = 0;
    answers = {};
    s = new Store();
    s.load("/p/heart-hat", emptyEffect());
  });
  afterEach(() => publish.stopPolling(s));

  it("uploads, shows pending, and follows the review to approved", async () => {
    const published: Published = { version: version({ previews: rendering }), tokenSaved: true, report: { valid: true, problems: [], warnings: [], budget: [], capabilities: {} as never, files: 1, unpackedBytes: 10 } };
    answers.publish_to_hub = published;
    const replies = [version({ previews: ready }), version({ status: "approved", reviewedBy: "rita", previews: ready })];
    answers.hub_version_status = () => replies.shift();
    const timers: (() => void)[] = [];
    const ok = await publish.publishNow(s, form, { setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });
    expect(ok).toBe(true);
    const sent = calls.find((c) => c.cmd === "publish_to_hub")!.args;
    expect(sent.request).toEqual({ hubUrl: "http://127.0.0.1:8470/", token: "lh_secret", name: "heart-hat" });
    expect(s.get().publish).toMatchObject({ phase: "published", polling: true });
    expect(renderToStaticMarkup(<ReviewStatus pub={s.get().publish} />)).toContain("Published heart-hat@1.0.0 to http://127.0.0.1:8470");
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.get().publish.version?.status).toBe("pending");
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.get().publish).toMatchObject({ polling: false, pollMessage: null, version: { status: "approved" } });
    // The token was kept by the Rust side: polling sends none and lets it use the kept one.
    const reads = calls.filter((c) => c.cmd === "hub_version_status");
    expect(reads.map((c) => c.args)).toEqual(Array(2).fill({ hubUrl: "http://127.0.0.1:8470", token: null, name: "heart-hat", version: "1.0.0" }));
    // With the dialog closed, notices say it.
    expect(s.get().notices.map((n) => n.text)).toEqual([
      "Published heart-hat@1.0.0 is pending review (previews rendering: 1 of 1).",
      "heart-hat@1.0.0 was approved by rita: hosts can go live with hub:heart-hat@1.0.0.",
    ]);
    expect(timers).toHaveLength(0);
  });

  it("keeps the hub's refusal as the dialog shows it, and forgets it all when the project changes", async () => {
    answers.publish_to_hub = { throw: { code: "hub", message: "heart-hat@1.0.0 is already on the hub, and a published version never changes: raise the version in the effect's settings (now 1.0.0) and publish again." } };
    expect(await publish.publishNow(s, form)).toBe(false);
    expect(s.get().publish).toMatchObject({ phase: "failed", errorCode: "hub", version: null });
    expect(s.get().publish.error).toMatch(/raise the version in the effect's settings/);

    answers.publish_to_hub = { version: version(), tokenSaved: false, report: {} };
    answers.hub_version_status = version();
    const timers: (() => void)[] = [];
    await publish.publishNow(s, form, { setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    // Not kept: the typed token is still needed to read the status.
    expect(calls.filter((c) => c.cmd === "hub_version_status").at(-1)!.args.token).toBe("lh_secret");
    const stopWatching = publish.watchPublish(s);
    s.load("/p/other", emptyEffect());
    expect(s.get().publish).toMatchObject({ phase: "idle", polling: false, version: null });
    stopWatching();
  });

  it("the toolbar shows the status and opens the dialog", () => {
    store.setPublish({ phase: "published", version: version({ status: "rejected", reason: "too big" }), polling: false });
    const html = renderToStaticMarkup(<PublishBadge />);
    expect(html).toContain("heart-hat@1.0.0: rejected (too big)");
    expect(html).toContain('aria-label="Stop following the review"');
    store.setPublish({ phase: "idle", version: null });
    expect(renderToStaticMarkup(<PublishBadge />)).toBe("");
  });
});
