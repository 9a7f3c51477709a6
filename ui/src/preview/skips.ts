// Preview frames skipped: the engine made them, but the window could not show them because the
// next one was already there (it draws the newest). Not an error: the effect renders (and streams)
// at its full rate; only this preview shows fewer frames. Like OBS's "skipped frames", the readout
// gives a share of the recent frames, not an ever-growing count.

/** How far back the skipped share looks. */
export const SKIP_WINDOW_MS = 5000;
/** Below this share of the recent frames, skipping is the normal pacing of the window: not shown. */
export const SKIP_NOTICE_SHARE = 0.02;
/** Fewer recent frames than this (the first second) say too little to show a share. */
export const SKIP_MIN_FRAMES = 30;

export interface SkipStats {
  /** Frames skipped in the last [`SKIP_WINDOW_MS`]. */
  skipped: number;
  /** Frames the engine made in that time: shown plus skipped. */
  frames: number;
  /** Frames skipped since the preview started. */
  total: number;
}

interface Sample {
  at: number;
  shown: number;
  skipped: number;
}

/** Counts shown and skipped frames over a sliding window. */
export class SkipMeter {
  private samples: Sample[] = [];
  private total = 0;

  /** A message arrived at `now` (ms): `shown` frames drawn, `skipped` frames not sent before it. */
  add(now: number, shown: number, skipped: number): void {
    this.samples.push({ at: now, shown, skipped });
    this.total += skipped;
    const from = now - SKIP_WINDOW_MS;
    let old = 0;
    while (old < this.samples.length && this.samples[old]!.at < from) old++;
    if (old) this.samples.splice(0, old);
  }

  stats(): SkipStats {
    let skipped = 0;
    let shown = 0;
    for (const s of this.samples) {
      skipped += s.skipped;
      shown += s.shown;
    }
    return { skipped, frames: skipped + shown, total: this.total };
  }
}

/** The recent share of frames skipped (0..1). */
export function skippedShare(s: SkipStats): number {
  return s.frames > 0 ? s.skipped / s.frames : 0;
}

/** The readout's words for skipped frames, and the tooltip; null when it is only the normal pacing. */
export function describeSkips(s: SkipStats): { text: string; tooltip: string } | null {
  const share = skippedShare(s);
  if (s.frames < SKIP_MIN_FRAMES || share < SKIP_NOTICE_SHARE) return null;
  const pct = `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
  return {
    text: `${pct} frames skipped`,
    tooltip:
      `Preview frames skipped: ${s.skipped} of the last ${s.frames} (${pct}) in the last ${SKIP_WINDOW_MS / 1000} s; ${s.total} since the start. ` +
      "The window could not show them because the next one was already there. This is not an error: the effect renders " +
      "and streams at its full rate; only this preview shows fewer frames (a busy computer or a hidden window).",
  };
}
