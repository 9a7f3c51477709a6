// The paint worker: owns the preview canvas (transferred as an OffscreenCanvas) and draws the
// newest frame once per animation frame, off the main thread, so typing never waits for the
// preview. Frames arrive with their pixels transferred; each one's fate goes back by id.
import { Latest, type Scheduler } from "./latest";
import { type FrameJob, type FromPainter, type ToPainter, imageOf, paintFrame } from "./paint";

/** The parts of the worker's global scope used here. */
interface PainterScope {
  postMessage(message: FromPainter): void;
  onmessage: ((e: MessageEvent<ToPainter>) => void) | null;
  requestAnimationFrame?: (run: () => void) => number;
}

const scope = self as unknown as PainterScope;
const raf = scope.requestAnimationFrame?.bind(scope);
// Workers without animation frames draw at most 60 times a second.
const schedule: Scheduler = raf ? (run) => void raf(run) : (run) => void setTimeout(run, 16);

let ctx: OffscreenCanvasRenderingContext2D | null = null;
const latest = new Latest<FrameJob>((job) => {
  if (!ctx) throw new Error("the paint worker has no canvas yet");
  paintFrame(ctx, imageOf(job.pixels, job.info), job);
}, schedule);

scope.onmessage = ({ data }) => {
  if (data.kind === "canvas") {
    ctx = data.canvas.getContext("2d");
    return;
  }
  latest.offer(data, (fate) => scope.postMessage({ kind: "fate", id: data.id, fate }));
};
scope.postMessage({ kind: "ready" });
