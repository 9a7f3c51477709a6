// A sound's waveform for the asset library: the loudest sample in each of `bins` slices, over
// every channel, 0..1.

export function peaks(channels: readonly ArrayLike<number>[], bins: number): number[] {
  const length = Math.max(0, ...channels.map((c) => c.length));
  const out = new Array<number>(bins).fill(0);
  if (length === 0 || bins <= 0) return out;
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * length) / bins);
    const to = Math.max(from + 1, Math.floor(((b + 1) * length) / bins));
    let peak = 0;
    for (const c of channels) {
      for (let i = from; i < to && i < c.length; i++) peak = Math.max(peak, Math.abs(c[i]!));
    }
    out[b] = Math.min(1, peak);
  }
  return out;
}

/** An SVG path of mirrored bars, one per peak, in a `width` x `height` box. */
export function waveformPath(p: readonly number[], width: number, height: number): string {
  if (p.length === 0) return "";
  const step = width / p.length;
  const mid = height / 2;
  return p
    .map((v, i) => {
      const h = Math.max(0.5, v * mid);
      const x = (i + 0.5) * step;
      return `M${x.toFixed(1)} ${(mid - h).toFixed(1)}V${(mid + h).toFixed(1)}`;
    })
    .join("");
}

/** "0:07" / "1:02.5" for a length in seconds. */
export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `${m}:${s < 10 ? "0" : ""}${s.toFixed(seconds < 10 ? 1 : 0)}`;
}
