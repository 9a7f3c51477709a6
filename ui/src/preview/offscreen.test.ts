import { describe, expect, it } from "vitest";
import { workerPaints } from "./offscreen";

describe("which engines paint the preview in a worker", () => {
  it("Chromium and WebView2 do", () => {
    expect(workerPaints("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")).toBe(true);
    expect(workerPaints("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")).toBe(true);
  });

  it("WebKitGTK (the Studio on Linux) and Safari draw on the main thread", () => {
    expect(workerPaints("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko)")).toBe(false);
    expect(workerPaints("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15")).toBe(false);
  });
});
