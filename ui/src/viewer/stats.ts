// Rolling figures for the debug panel and the e2e test: glass-to-glass latency (display time on
// this page minus the encode wall-clock time carried in the SEI) and the zone-to-picture offset
// (pts of the payload drawn minus pts of the frame shown). Both are kept as a bounded window of
// recent samples; summaries are computed on demand.

export type Summary = { count: number; mean: number; p50: number; p95: number; min: number; max: number };

export class RollingStats {
  private values: number[] = [];
  private next = 0;

  constructor(private readonly window = 600) {}

  push(value: number): void {
    if (!Number.isFinite(value)) return;
    if (this.values.length < this.window) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.window;
  }

  clear(): void {
    this.values = [];
    this.next = 0;
  }

  summary(): Summary | null {
    const n = this.values.length;
    if (n === 0) return null;
    const sorted = [...this.values].sort((a, b) => a - b);
    const pick = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))];
    const mean = sorted.reduce((s, v) => s + v, 0) / n;
    return { count: n, mean, p50: pick(0.5), p95: pick(0.95), min: sorted[0], max: sorted[n - 1] };
  }
}

/** "p50 123 ms · p95 160 ms" (or "–" without samples). */
export function formatSummary(s: Summary | null): string {
  if (!s) return "–";
  return `p50 ${Math.round(s.p50)} ms · p95 ${Math.round(s.p95)} ms`;
}
