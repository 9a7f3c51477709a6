import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The viewer's end-to-end test: real nginx-rtmp (scripts/ingest.sh), a real `lantern push`, real
// Chromium. Run with `npm --prefix ui run test:e2e:viewer` (it builds the viewer first).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["**/*.e2e.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
