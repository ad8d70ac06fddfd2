import { fileURLToPath } from "node:url";
import { extname } from "node:path";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * Two web shells in one multi-page build: the staff console (`/`) and the phone H5 app (`/m/`).
 * The server serves `dist/web` and falls back to each shell's index.html for client-side routes.
 */
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
/** Where `vite` (dev server) sends /api and /docs: the Linli server, on port 3000 unless told. */
const apiTarget = process.env.LINLI_API_URL ?? "http://localhost:3000";

/** Dev server only: client-side routes of the phone app (/m/…) get its page, as the Linli server does. */
function phoneAppFallback(): Plugin {
  return {
    name: "linli-phone-app-fallback",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const pathname = (req.url ?? "").split("?")[0];
        if ((pathname === "/m" || pathname.startsWith("/m/")) && !extname(pathname)) req.url = "/m/index.html";
        next();
      });
    },
  };
}

export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [react(), phoneAppFallback()],
  build: {
    outDir: "dist/web",
    emptyOutDir: true,
    // The largest chunk is the case dashboard with its charts (ECharts core, bar, line and pie: ~570 kB,
    // ~190 kB gzipped), loaded only on 事件统计. Every other page stays far below; warn above 800 kB.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: {
        console: here("./index.html"),
        mobile: here("./m/index.html"),
      },
    },
  },
  server: {
    port: 5173,
    // Keep the browser's Host: the server refuses writes whose Origin names another host.
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/docs": { target: apiTarget, changeOrigin: false },
    },
  },
});
