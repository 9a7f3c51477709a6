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
    // Two pages: the Studio (index.html) and the web viewer (viewer.html, docs/viewer.md).
    rolldownOptions: { input: { main: "index.html", viewer: "viewer.html" } },
  },
  test: { environment: "node", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
