// The preview's transport bar and capture buttons, as rendered; the round trip through the real
// app is in e2e/studio-app.e2e.mjs.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { joinPath } from "../paths";
import { sameTransport } from "../preview/session";
import { CaptureButtons, ClipTransport, captureName, clock } from "./Transport";

describe("the video transport", () => {
  it("reads times as m:ss.t", () => {
    expect(clock(0)).toBe("0:00.0");
    expect(clock(1549)).toBe("0:01.5");
    expect(clock(61_000)).toBe("1:01.0");
    expect(clock(-5)).toBe("0:00.0");
  });

  it("shows Pause while playing, the time against the length, loop and the clip's name", () => {
    const html = renderToStaticMarkup(<ClipTransport clip={{ positionMs: 1500, durationMs: 12_000, playing: true, looping: true }} name="dance.mp4" />);
    expect(html).toContain('aria-label="Pause"');
    expect(html).toContain("0:01.5 / 0:12.0");
    expect(html).toMatch(/<input type="range" aria-label="Position in the clip" min="0" max="12000" step="10" value="1500"/);
    expect(html).toMatch(/<input type="checkbox" checked=""/);
    expect(html).toContain("dance.mp4");
    const paused = renderToStaticMarkup(<ClipTransport clip={{ positionMs: 0, durationMs: 12_000, playing: false, looping: false }} name="dance.mp4" />);
    expect(paused).toContain('aria-label="Play"');
    expect(paused).not.toMatch(/<input type="checkbox" checked=""/);
  });

  it("hears of a pause at once, of a position change with the readout", () => {
    const playing = { positionMs: 100, durationMs: 1000, playing: true, looping: true };
    expect(sameTransport(playing, { ...playing, positionMs: 900 })).toBe(true);
    expect(sameTransport(playing, { ...playing, playing: false })).toBe(false);
    expect(sameTransport(null, playing)).toBe(false);
    expect(sameTransport(null, null)).toBe(true);
  });
});

describe("capturing the preview", () => {
  it("names captures after the effect and the time, in the project's folder", () => {
    const at = new Date(2026, 11, 7, 9, 5, 3);
    expect(captureName("Lucky Hat!", "png", at)).toBe("Lucky-Hat-20261207-090503.png");
    expect(captureName("", "mp4", at)).toBe("preview-20261207-090503.mp4");
    expect(joinPath("/home/me/hat", "a.png")).toBe("/home/me/hat/a.png");
    expect(joinPath("C:\\Users\\me\\hat\\", "a.png")).toBe("C:\\Users\\me\\hat\\a.png");
  });

  it("offers a screenshot and a recording while the preview runs, and the time while recording", () => {
    const idle = renderToStaticMarkup(<CaptureButtons recording={null} running={false} />);
    expect(idle.match(/disabled=""/g)?.length).toBe(2);
    const rec = renderToStaticMarkup(<CaptureButtons recording={{ path: "/p/take.mp4", seconds: 65.2, dropped: 0 }} running />);
    expect(rec).toContain("Stop recording (1:05.2)");
    expect(rec).toContain('title="Recording to /p/take.mp4"');
  });
});
