import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { pageHeadersFile } from "./headers/page-headers.ts";

/** Where `npm run dev:web` sends /api: the `npm run dev` worker by default, or EDGEHOLD_API_URL. */
const apiTarget = process.env.EDGEHOLD_API_URL ?? "http://127.0.0.1:8787";

/** Writes dist/_headers (CSP and friends) for wrangler's static assets, with Clerk's origins when a key is set. */
function pageHeaders(): Plugin {
  let clerkKey: string | undefined;
  return {
    name: "edgehold-page-headers",
    apply: "build",
    configResolved(config) {
      clerkKey = config.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined;
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "_headers", source: pageHeadersFile(clerkKey) });
    },
  };
}

/**
 * The page. `npm run build -w web` writes web/dist, which wrangler serves as static assets (SPA fallback);
 * `npm run dev:web` serves it from Vite with /api (HTTP and WebSocket) proxied to `wrangler dev` on :8787.
 */
export default defineConfig({
  plugins: [react(), pageHeaders()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // sim.wasm is ~3 kB, under Vite's default 4 kB inline limit; inlined it would arrive as a base64 data URL that
    // compileStreaming cannot stream (and the browser could not cache on its own). Never inline .wasm.
    assetsInlineLimit: (file) => (file.endsWith(".wasm") ? false : undefined),
    // three alone is ~600 kB minified; the page is one game screen, so one bundle is fine.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      "/api": { target: apiTarget, ws: true },
    },
  },
});
