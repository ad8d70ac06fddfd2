import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "../src/server/platform/lock";

describe("embedded database folder lock", () => {
  it("refuses a second process on the same data folder with a clear message", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linli-lock-"));
    const release = lockDataDir(dir);
    try {
      const res = spawnSync(process.execPath, ["--import", "tsx", "src/server/main.ts", "migrate"], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", LOG_LEVEL: "silent" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(res.status).toBe(1);
      expect(res.stderr).toContain("is in use by another Linli process");
      expect(res.stderr).toContain(String(process.pid));
    } finally {
      release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes over a lock left by a dead process", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linli-lock-"));
    fs.writeFileSync(path.join(dir, "linli.lock"), "999999\n");
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, "linli.lock"), "utf8").trim()).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, "linli.lock"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
