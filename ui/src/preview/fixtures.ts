// Preview frame headers for the tests.
import type { FrameInfo } from "../generated/ipc";
import type { FrameTarget } from "./live";

/** A frame header with neutral values. */
export function info(patch: Partial<FrameInfo> = {}): FrameInfo {
  return {
    session: 7, seq: 1, index: 0, width: 0, height: 0, shrink: 1, fps: 30, renderMs: 5, frameMs: 6, capturedAtMs: 0, skipped: 0,
    tracking: { state: "off", trackMs: 0 }, fired: [], logs: [], zones: [], ended: false, ...patch,
  };
}

/** A frame target that draws every frame at once, recording their numbers. */
export function drawAtOnce(drawn: number[]): FrameTarget {
  return {
    show: ({ info: i }, _overlay, done) => {
      drawn.push(i.seq);
      done("drawn");
    },
  };
}
