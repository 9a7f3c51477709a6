import { describe, expect, it } from "vitest";
import { StreamHealth, playlistIsLive } from "./health";
import { RollingStats, formatSummary } from "./stats";

const opts = { stallMs: 3000, startMs: 10_000 };

describe("StreamHealth", () => {
  it("goes connecting → playing → offline → connecting → playing", () => {
    const h = new StreamHealth(0, opts);
    expect(h.status).toBe("connecting");
    expect(h.tick(5000)).toBe("connecting");
    expect(h.frame(5100)).toBe("playing");
    expect(h.tick(8000)).toBe("playing");
    expect(h.tick(8101)).toBe("offline");
    expect(h.reason).toBe("no new video");
    expect(h.frame(9000)).toBe("playing");
    h.fatal(9500, "manifestLoadError (HTTP 404)");
    expect(h.status).toBe("offline");
    expect(h.reason).toBe("manifestLoadError (HTTP 404)");
    expect(h.tick(50_000)).toBe("offline");
    expect(h.retry(50_000)).toBe("connecting");
    expect(h.tick(59_000)).toBe("connecting");
    expect(h.tick(60_001)).toBe("offline");
    expect(h.reason).toBe("no video arrived");
  });

  it("retry only leaves offline", () => {
    const h = new StreamHealth(0, opts);
    h.frame(1);
    expect(h.retry(2)).toBe("playing");
  });
});

describe("playlistIsLive", () => {
  const live = "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:4\n#EXTINF:1.0,\ndemo-4.ts\n";
  it("needs segments and a change from the frozen playlist", () => {
    expect(playlistIsLive(live, null)).toBe(true);
    expect(playlistIsLive(live, live)).toBe(false);
    expect(playlistIsLive("#EXTM3U\n", null)).toBe(false);
    expect(playlistIsLive(live.replace("4", "5"), live)).toBe(true);
  });
});

describe("RollingStats", () => {
  it("summarises a bounded window", () => {
    const s = new RollingStats(4);
    expect(s.summary()).toBeNull();
    expect(formatSummary(null)).toBe("–");
    for (const v of [100, 1, 2, 3, 4, Number.NaN]) s.push(v);
    expect(s.summary()).toEqual({ count: 4, mean: 2.5, p50: 3, p95: 4, min: 1, max: 4 });
    expect(formatSummary(s.summary())).toBe("p50 3 ms · p95 4 ms");
    s.clear();
    expect(s.summary()).toBeNull();
  });
});
