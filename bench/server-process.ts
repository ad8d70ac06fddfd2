import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "./serve";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The app server child process (bench/serve.ts) and its command channel. */
export class ServerProcess {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    readonly pid: number,
  ) {
    child.on("message", (raw) => {
      const m = raw as { id: number; ok: boolean; result?: unknown; error?: string };
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.result);
      else w.reject(new Error(m.error));
    });
    child.on("exit", (code) => {
      this.exited = true;
      for (const w of this.waiting.values()) w.reject(new Error(`server process exited (${code})`));
      this.waiting.clear();
    });
  }

  static async start(env: Record<string, string>): Promise<ServerProcess> {
    const child = fork(path.join(ROOT, "bench", "serve.ts"), [], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      env: { ...process.env, ...env },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const ready = await new Promise<{ pid: number }>((resolve, reject) => {
      const onMessage = (raw: unknown) => {
        const m = raw as { id: number; ok: boolean; result?: { pid: number }; error?: string };
        if (m.id !== 0) return;
        child.off("message", onMessage);
        if (m.ok && m.result) resolve(m.result);
        else reject(new Error(m.error ?? "server failed to start"));
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`server process exited early (${code})`)));
    });
    return new ServerProcess(child, ready.pid);
  }

  call<T = unknown>(msg: Command): Promise<T> {
    if (this.exited) return Promise.reject(new Error("server process is gone"));
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, msg });
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    await this.call({ cmd: "close" }).catch(() => undefined);
    const timer = setTimeout(() => this.kill(), 10_000);
    await gone;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }
}
