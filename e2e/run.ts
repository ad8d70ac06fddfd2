/**
 * `npm run e2e`: builds the web app, then runs the Playwright specs (extra arguments are passed on).
 * CI runs the two steps itself (`npm run build:web`, then `npx playwright test`).
 */
import { spawnSync } from "node:child_process";

const run = (args: string[]) => spawnSync("npx", args, { stdio: "inherit", shell: process.platform === "win32" }).status ?? 1;

const built = run(["vite", "build"]);
if (built !== 0) process.exit(built);
process.exit(run(["playwright", "test", ...process.argv.slice(2)]));
