import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the built web app
 * (`npm run build:web` first), served by the real server on a fresh embedded database.
 */
/** E2E_PORT lets several runs share a machine. */
const PORT = Number(process.env.E2E_PORT ?? 3300);
const dataDir = path.join(os.tmpdir(), `linli-e2e-${process.pid}`);
// Test workers load this file too; only the runner (which starts the server) prepares the folder.
if (process.env.TEST_WORKER_INDEX === undefined && !process.env.E2E_BASE_URL) {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  // The server is stopped before the runner exits; its throwaway database (~100 MB) goes with it.
  process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  // One retry on CI, reported as "flaky" in the list: a rare hiccup of the shared machine does not
  // sink the run, while a real failure fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: process.env.E2E_OUTPUT ?? "test-results",
  use: {
    baseURL: process.env.E2E_BASE_URL ?? `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // An action or a page load that cannot happen fails the test at once, naming what it waited for,
    // instead of waiting out the whole test.
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: "npx tsx src/server/main.ts start",
        url: `http://127.0.0.1:${PORT}/api/config`,
        env: { PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
        timeout: 420_000,
        reuseExistingServer: false,
        stdout: "ignore",
        stderr: "pipe",
      },
});
