// Figures, not assertions on time: how far the drawn hot-zones are from the picture, measured
// on pixels, and the glass-to-glass latency. Opt-in (LANTERN_E2E_MEASURE=1), because it needs the
// dev pusher `cargo build -p lantern-media --example push_pattern`: its test pattern writes the
// frame number into the picture (a 16-bit counter bar) and moves a box whose position per frame
// is known, so both the picture's frame and the overlay's frame can be read back.
//
// 1. Pairing: in each requestVideoFrameCallback (frames where the box covers the counter skipped), the frame number painted in the picture (read
//    from a canvas) vs the frame number in the payload the viewer chose to draw.
// 2. On screen: page screenshots (what the compositor shows) — the counter bar gives the
//    picture's frame, the debug outline of the box zone gives the overlay's frame.

import { join } from "node:path";
import { homedir } from "node:os";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ViewerInspector } from "../src/viewer/inspector";
import { type Ingest, Proc, ROOT, launchChromium, startIngest, tempDir } from "./harness";

const FPS = 30;
const W = 640;
const H = 360;

function pusher(): string {
  const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache/lantern/target");
  return process.env.LANTERN_PATTERN_PUSH ?? join(target, "debug/examples/push_pattern");
}

/** TestPattern::box_rect (engine/media/src/source/pattern.rs) for a 640x360 pattern. */
function boxRect(i: number) {
  const side = H / 4;
  const bounce = (t: number, span: number) => {
    const p = t % (2 * span);
    return p < span ? p : 2 * span - p;
  };
  return { x: bounce(i * 8, W - side), y: bounce(i * 5, H - side), w: side, h: side };
}

const histogram = (values: number[]) => {
  const h: Record<string, number> = {};
  for (const v of values) h[v] = (h[v] ?? 0) + 1;
  return h;
};

describe.runIf(process.env.LANTERN_E2E_MEASURE === "1")("viewer sync figures (test pattern)", () => {
  const tmp = tempDir();
  let ingest: Ingest;
  let push: Proc;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    ingest = await startIngest(join(tmp.path, "ingest"), join(ROOT, "ui/dist"));
    push = new Proc("push_pattern", pusher(), [ingest.rtmp, "sync", "40", `${W}x${H}`, String(FPS)]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await push?.stop();
    await ingest?.proc.stop();
    tmp.remove();
  });

  test("pairing and on-screen offset, latency", async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    await page.goto(`${ingest.http}/viewer.html?src=/hls/sync.m3u8&debug=1`);
    await page.waitForSelector('#stage[data-status="playing"]', { timeout: 60_000 });
    await page.waitForSelector(".zone[data-zone-id=packet]", { timeout: 20_000 });

    // 1. Pairing, per presented frame.
    const pairs = await page.evaluate(
      (frames) =>
        new Promise<number[]>((resolve) => {
          const video = document.getElementById("video") as HTMLVideoElement;
          const canvas = document.createElement("canvas");
          const out: number[] = [];
          const onFrame = () => {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            const ctx = canvas.getContext("2d", { willReadFrequently: true });
            if (!ctx) throw new Error("no 2d context");
            ctx.drawImage(video, 0, 0);
            let pixel = 0;
            for (let bit = 0; bit < 16; bit++) {
              const x = Math.floor(((bit + 0.5) * video.videoWidth) / 16);
              if (ctx.getImageData(x, Math.floor(video.videoHeight / 32), 1, 1).data[0] > 128) pixel |= 1 << bit;
            }
            const viewer = (window as unknown as { lanternViewer: ViewerInspector }).lanternViewer;
            const zone = viewer.snapshot().zones.find((z) => z.id === "packet");
            const drawn = (zone?.payload as { frame?: number } | null)?.frame;
            // The box is painted over the counter bar when it is near the top: skip those.
            const clear = zone !== undefined && zone.rect.y > video.videoHeight / 16;
            if (typeof drawn === "number" && clear) out.push(drawn - pixel);
            if (out.length < frames) video.requestVideoFrameCallback(onFrame);
            else resolve(out);
          };
          video.requestVideoFrameCallback(onFrame);
        }),
      150,
    );

    // 2. On screen, from screenshots.
    const screen: number[] = [];
    for (let shot = 0; shot < 40; shot++) {
      const png = (await page.screenshot()).toString("base64");
      const found = await page.evaluate(
        async ({ png, w, h }) => {
          const img = new Image();
          img.src = `data:image/png;base64,${png}`;
          await img.decode();
          const canvas = document.createElement("canvas");
          canvas.width = img.width;
          canvas.height = img.height;
          const ctx = canvas.getContext("2d", { willReadFrequently: true });
          if (!ctx) throw new Error("no 2d context");
          ctx.drawImage(img, 0, 0);
          const video = document.getElementById("video") as HTMLVideoElement;
          const r = video.getBoundingClientRect();
          const scale = Math.min(r.width / w, r.height / h);
          const cx = r.x + (r.width - w * scale) / 2;
          const cy = r.y + (r.height - h * scale) / 2;
          const px = (x: number, y: number) => ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data;
          let frame = 0;
          for (let bit = 0; bit < 16; bit++) {
            if (px(cx + ((bit + 0.5) * w * scale) / 16, cy + (h * scale) / 32)[0] > 128) frame |= 1 << bit;
          }
          // Bottom-right corner of the yellow debug outline (redPacket zones).
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let x1 = -1;
          let y1 = -1;
          for (let y = Math.ceil(cy + (h * scale) / 16); y < cy + h * scale; y++) {
            for (let x = Math.ceil(cx); x < cx + w * scale; x++) {
              const o = (y * canvas.width + x) * 4;
              if (data[o] > 230 && data[o + 1] > 180 && data[o + 1] < 235 && data[o + 2] < 130) {
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
              }
            }
          }
          return { frame, x1: (x1 - 1 - cx) / scale, y1: (y1 - 1 - cy) / scale };
        },
        { png, w: W, h: H },
      );
      if (found.x1 < 0) continue;
      // The overlay's frame: the one whose box corner is nearest the outline's corner.
      let best = 0;
      let bestDist = Infinity;
      for (let k = -4; k <= 4; k++) {
        const b = boxRect(found.frame + k);
        const d = Math.hypot(b.x + b.w - found.x1, b.y + b.h - found.y1);
        if (d < bestDist) [best, bestDist] = [k, d];
      }
      if (bestDist < 6) screen.push(best);
    }

    const figs = await page.evaluate(() =>
      (window as unknown as { lanternViewer: ViewerInspector }).lanternViewer.figures(),
    );
    const ms = (frames: number[]) => frames.map((f) => Math.round((f * 1000) / FPS));
    console.log(
      [
        `pairing (payload frame − picture frame, per presented frame): ${JSON.stringify(histogram(pairs))}`,
        `on screen (overlay frame − picture frame, per screenshot), ms: ${JSON.stringify(histogram(ms(screen)))}`,
        `glass-to-glass latency: ${JSON.stringify(figs.latencyMs)}`,
        `timestamp offset: ${JSON.stringify(figs.offsetMs)}`,
      ].join("\n"),
    );
    expect(pairs.length).toBe(150);
    expect(screen.length).toBeGreaterThan(10);
  });
});
