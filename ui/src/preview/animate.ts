// The timeline's hold on the live preview: scrubbing poses the clip at the playhead, Play plays
// it, Stop lets the layer go. Poses are coalesced: while one is on its way only the newest waits,
// so dragging the playhead never queues up calls.
import type { AnimationRequest } from "../generated/ipc";
import * as ipc from "../ipc";
import { isLive } from "./live";

let inFlight = false;
let pending: AnimationRequest | null = null;

async function send(request: AnimationRequest): Promise<void> {
  inFlight = true;
  try {
    await ipc.previewAnimation(request);
  } catch {
    // The preview stopped meanwhile: nothing to show the pose in.
  } finally {
    inFlight = false;
  }
  const next = pending;
  pending = null;
  if (next) await send(next);
}

/** Ask the running preview for `request` (nothing when the preview is not running). */
export function animateInPreview(request: AnimationRequest): void {
  if (!isLive()) return;
  if (inFlight) {
    pending = request;
    return;
  }
  void send(request);
}

/** Show `layer`'s clip `animation` paused at `seconds` in the preview. */
export function poseInPreview(layer: string, animation: string, seconds: number): void {
  animateInPreview({ kind: "pose", layer, animation, seconds });
}
