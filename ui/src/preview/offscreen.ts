// The preview canvas drawn by a worker (paint.worker.ts): the canvas is handed over as an
// OffscreenCanvas once the worker has loaded, and each frame's pixels are transferred to it, so
// the main thread only decodes the small header. Until the worker is ready the newest frame waits;
// a worker that cannot start leaves the canvas to the main-thread sink. Used in Chromium only
// (`workerPaints`).
import type { FrameInfo } from "../generated/ipc";
import type { DecodedFrame } from "./frame";
import type { Fate } from "./latest";
import type { FromPainter, ToPainter } from "./paint";
import { CanvasSink, type FrameSink, cssWidthOf, markDrawn } from "./sink";

interface Waiting {
  info: FrameInfo;
  done: (fate: Fate) => void;
}

interface Early {
  frame: DecodedFrame;
  overlay: boolean;
  done: (fate: Fate) => void;
}

export class WorkerSink implements FrameSink {
  private worker: Worker | null;
  private ready = false;
  private fallback: FrameSink | null = null;
  private early: Early | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private lastDrawn: FrameInfo | null = null;
  private readonly width: ReturnType<typeof cssWidthOf>;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly makeFallback: () => FrameSink,
  ) {
    this.width = cssWidthOf(canvas);
    this.worker = new Worker(new URL("./paint.worker.ts", import.meta.url), { type: "module", name: "preview-paint" });
    this.worker.onmessage = (e: MessageEvent<FromPainter>) => this.reply(e.data);
    this.worker.onerror = () => this.broken();
  }

  get drawn(): FrameInfo | null {
    return this.fallback ? this.fallback.drawn : this.lastDrawn;
  }

  show(frame: DecodedFrame, overlay: boolean, done: (fate: Fate) => void): void {
    if (this.fallback) return this.fallback.show(frame, overlay, done);
    // The worker died after it took the canvas: nothing can draw there any more.
    if (!this.worker) return done("failed");
    if (!this.ready) {
      this.early?.done("replaced");
      this.early = { frame, overlay, done };
      return;
    }
    const { info, pixels } = frame;
    if (!pixels) return done("drawn");
    const id = this.nextId++;
    this.waiting.set(id, { info, done });
    this.post({ kind: "frame", id, info, pixels, overlay, cssWidth: this.width.px }, [pixels.buffer]);
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
    this.waiting.clear();
    this.early = null;
    this.width.stop();
    this.fallback?.close();
  }

  private post(message: ToPainter, transfer: Transferable[]): void {
    this.worker?.postMessage(message, transfer);
  }

  private reply(m: FromPainter): void {
    if (m.kind === "ready") {
      const canvas = this.canvas.transferControlToOffscreen();
      this.post({ kind: "canvas", canvas }, [canvas]);
      this.ready = true;
      this.canvas.dataset.painter = "worker";
      this.flushEarly();
      return;
    }
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    if (m.fate === "drawn") {
      this.lastDrawn = w.info;
      markDrawn(this.canvas, w.info);
    }
    w.done(m.fate);
  }

  /** The worker failed to load (the main thread draws instead) or died (frames fail). */
  private broken(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const w of this.waiting.values()) w.done("failed");
    this.waiting.clear();
    if (!this.ready) this.fallback = this.makeFallback();
    this.flushEarly();
  }

  private flushEarly(): void {
    const e = this.early;
    this.early = null;
    if (e) this.show(e.frame, e.overlay, e.done);
  }
}

/**
 * Whether the paint worker may be used in the browser engine `userAgent` names: Chromium only
 * (WebView2, the viewer in Chrome), where it was measured to help. WebKitGTK 2.50 (the Studio on
 * Linux) hits a release assertion in its web process with a worker-owned OffscreenCanvas fed at
 * video rate (the page dies within a minute, in one e2e run out of two), and its main-thread
 * painter was no slower there (keydown to paint p95 178–191 ms against 193–258 ms).
 */
export function workerPaints(userAgent: string): boolean {
  return /\bChrom(e|ium)\//.test(userAgent);
}

/** The best sink this platform has for `canvas`. */
export function frameSink(canvas: HTMLCanvasElement, userAgent = navigator.userAgent): FrameSink {
  const offscreen = typeof Worker === "function" && typeof canvas.transferControlToOffscreen === "function" && workerPaints(userAgent);
  return offscreen ? new WorkerSink(canvas, () => new CanvasSink(canvas)) : new CanvasSink(canvas);
}
