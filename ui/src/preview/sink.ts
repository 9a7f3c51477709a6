// Where the live preview's frames go: a canvas, drawn off the main thread where the platform
// allows (an OffscreenCanvas in a worker, see offscreen.ts), else on it. Either way only the
// newest frame is drawn, once per animation frame; older ones are dropped unread, and every frame
// learns its fate (drawn, replaced, failed) so the session can acknowledge what was drawn.
import type { FrameInfo } from "../generated/ipc";
import type { DecodedFrame } from "./frame";
import { type Fate, Latest, type Scheduler } from "./latest";
import { type PaintJob, imageOf, paintFrame } from "./paint";
import { TypingWatch } from "./typing";

/** Draws preview frames. */
export interface FrameSink {
  /** Draw `frame` (with its pixels) at the next animation frame; `done` says what became of it. */
  show(frame: DecodedFrame, overlay: boolean, done: (fate: Fate) => void): void;
  /** The newest frame drawn (for taps on hot-zones), if any. */
  readonly drawn: FrameInfo | null;
  close(): void;
}

/** The canvas's CSS width, kept up to date without reading layout for every frame. */
export function cssWidthOf(canvas: HTMLCanvasElement): { readonly px: number; stop(): void } {
  const width = { px: canvas.clientWidth, stop: () => undefined as void };
  if (typeof ResizeObserver !== "undefined") {
    const o = new ResizeObserver((entries) => (width.px = entries[0]?.contentRect.width ?? width.px));
    o.observe(canvas);
    width.stop = () => o.disconnect();
  }
  return width;
}

/** Marks the canvas with the drawn frame (tests and the real-app test read these, as `data-painter`). */
export function markDrawn(canvas: HTMLCanvasElement, info: FrameInfo): void {
  const d = canvas.dataset;
  d.frame = String(info.seq);
  d.shrink = String(Math.max(1, info.shrink));
  d.width = String(info.width);
  d.height = String(info.height);
}

type Job = PaintJob & { pixels: Uint8ClampedArray };

/**
 * Once per animation frame, in a task right after it: the paint of that frame (a character just
 * typed) does not wait for the picture (measured: p95 keydown-to-paint 70-78 ms instead of
 * 107-121 ms with 4x CPU throttling, e2e/studio-latency.e2e.mjs).
 */
const afterNextFrame: Scheduler = (run) => void requestAnimationFrame(() => setTimeout(run, 0));

/**
 * Draws on the main thread, once per animation frame (right after it), giving way to typing
 * (typing.ts). putImageData, not createImageBitmap: in Chromium a bitmap made from ImageData is
 * copied on the main thread anyway, and measured slower (e2e/studio-latency.e2e.mjs).
 */
export class CanvasSink implements FrameSink {
  drawn: FrameInfo | null = null;
  private readonly latest: Latest<Job>;
  private readonly width: ReturnType<typeof cssWidthOf>;
  private readonly typing: TypingWatch;

  constructor(private readonly canvas: HTMLCanvasElement) {
    canvas.dataset.painter = "main thread";
    this.width = cssWidthOf(canvas);
    this.typing = new TypingWatch(canvas.ownerDocument);
    const ctx = canvas.getContext("2d");
    this.latest = new Latest<Job>((job) => {
      if (!ctx) throw new Error("no 2D context for the preview canvas");
      paintFrame(ctx, imageOf(job.pixels, job.info), job);
    }, this.typing.giveWay(afterNextFrame));
  }

  show({ info, pixels }: DecodedFrame, overlay: boolean, done: (fate: Fate) => void): void {
    if (!pixels) return done("drawn");
    this.latest.offer({ info, pixels, overlay, cssWidth: this.width.px }, (fate) => {
      if (fate === "drawn") {
        this.drawn = info;
        markDrawn(this.canvas, info);
      }
      done(fate);
    });
  }

  close(): void {
    this.latest.close();
    this.width.stop();
    this.typing.stop();
  }
}
