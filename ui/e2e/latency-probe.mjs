// Typing latency while the live preview runs, measured inside the page (Chromium in the browser
// end-to-end test, WebKitGTK in the real-app test): each typed character is timed from its
// keydown (the event's own timestamp, so time spent waiting for a busy main thread counts) to
// the first animation frame whose DOM shows it, i.e. the paint that follows. The functions marked
// "in the page" are sent as source text (Playwright's evaluate, WebDriver's execute).

/** In the page: time every character typed into `selector` until `text` has been typed. */
export function installTypingProbe({ selector, text }) {
  const content = document.querySelector(selector);
  const probe = { text, typed: 0, latencies: [], drawn: 0, start: performance.now(), end: 0 };
  window.__typingProbe = probe;
  const canvas = document.querySelector("[data-testid=live-canvas]");
  let last = canvas?.dataset.frame;
  // Frames drawn: the canvas names the newest drawn frame; count its changes once per animation frame.
  const count = () => {
    if (probe.end) return;
    const now = canvas?.dataset.frame;
    if (now !== last) probe.drawn++;
    last = now;
    requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
  document.addEventListener(
    "keydown",
    (e) => {
      if (e.key.length !== 1 || probe.typed >= text.length) return;
      const want = text.slice(0, ++probe.typed);
      const t0 = e.timeStamp;
      const check = () => {
        if (!content.textContent.includes(want)) return requestAnimationFrame(check);
        probe.latencies.push(performance.now() - t0);
        if (probe.latencies.length === text.length) probe.end = performance.now();
      };
      requestAnimationFrame(check);
    },
    true,
  );
}

/** In the page: the probe's figures once every character has shown (null before). */
export function typingProbeResult() {
  const p = window.__typingProbe;
  if (!p || p.latencies.length < p.text.length) return null;
  return { latencies: p.latencies, drawn: p.drawn, seconds: (p.end - p.start) / 1000 };
}

/** p50 / p95 / max of a list of milliseconds. */
export function percentiles(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

/** One line for the test's output. */
export function describeLatency(where, { latencies, drawn, seconds }) {
  const { p50, p95, max } = percentiles(latencies);
  return `typing latency ${where}: ${latencies.length} characters, keydown to paint p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(1)} ms; the preview drew ${(drawn / seconds).toFixed(1)} frames per second meanwhile`;
}

/** About a hundred characters with no brackets or quotes (nothing the editor closes by itself). */
export const PROBE_TEXT = "// the quick brown fox jumps over the lazy dog while the preview runs at thirty frames a second ok";
