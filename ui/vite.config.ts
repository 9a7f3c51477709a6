import { defineConfig } from "vitest/config";

// Tauri expects a fixed port and a relative base so the built files load from the app bundle.
export default defineConfig({
  base: "./",
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // Three pages: the Studio (index.html), the web viewer (viewer.html, docs/viewer.md) and
    // Lantern Hub's pages (hub.html, served by lantern-hub at /).
    rolldownOptions: { input: { main: "index.html", viewer: "viewer.html", hub: "hub.html" } },
  },
  test: { environment: "node", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
