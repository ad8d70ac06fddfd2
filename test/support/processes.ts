import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "../../src/server/seed/demo";
import { TEST_DATA_KEY } from "./constants";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` answers true (errors count as not yet). */
export async function eventually(check: () => Promise<boolean>, ms = 20_000, what = "condition"): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`${what}: not met within ${ms} ms`);
    await wait(100);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A real server process (`main.ts start`) on a PostgreSQL database, as `npm start` runs it. */
export class ServerProc {
  output = "";
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout?.on("data", (d) => (this.output += String(d)));
    child.stderr?.on("data", (d) => (this.output += String(d)));
    child.once("exit", (code, signal) => (this.exited = { code, signal }));
  }

  get pid(): number {
    return this.child.pid!;
  }
  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(env: Record<string, string>): Promise<ServerProc> {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts", "start"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATA_KEY: TEST_DATA_KEY,
        DATA_DIR: path.join(os.tmpdir(), `linli-proc-${port}`),
        DEMO_MODE: "true",
        SEED_ON_EMPTY: "false",
        LOG_LEVEL: "warn",
        WEB_DIST: path.join(os.tmpdir(), "linli-no-web"),
        WORKERS: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const proc = new ServerProc(child, port);
    await eventually(async () => {
      if (proc.exited) throw new Error(`server exited: ${proc.output}`);
      return (await fetch(`${proc.base}/api/health/ready`)).status === 200;
    }, 60_000, `server on port ${port} ready (output: ${proc.output.slice(-500)})`).catch((err) => {
      child.kill("SIGKILL");
      throw new Error(`${(err as Error).message}\n${proc.output.slice(-2000)}`);
    });
    return proc;
  }

  kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill(signal);
    });
  }
}

/** A signed-in HTTP client of a server process (its cookie works on every process of the database). */
export class HttpSession {
  /** Cookie jar: name → value and expiry (Max-Age honoured, like a browser). */
  private jar = new Map<string, { value: string; expires: number }>();
  constructor(public base: string) {}

  get cookie(): string {
    const now = Date.now();
    return [...this.jar].filter(([, c]) => c.expires > now).map(([k, c]) => `${k}=${c.value}`).join("; ");
  }
  set cookie(header: string) {
    this.jar.clear();
    for (const pair of header.split(/;\s*/).filter(Boolean)) {
      const i = pair.indexOf("=");
      this.jar.set(pair.slice(0, i), { value: pair.slice(i + 1), expires: Infinity });
    }
  }

  static async login(base: string, username: string): Promise<HttpSession> {
    const s = new HttpSession(base);
    const res = await s.send("POST", "/api/auth/login", { username, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return s;
  }

  async send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.base + url, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair, ...attrs] = set.split(/;\s*/);
      const i = pair.indexOf("=");
      const maxAge = attrs.find((a) => /^max-age=/i.test(a));
      const expires = maxAge ? Date.now() + Number(maxAge.split("=")[1]) * 1000 : Infinity;
      if (pair.slice(i + 1) === "" || expires <= Date.now()) this.jar.delete(pair.slice(0, i));
      else this.jar.set(pair.slice(0, i), { value: pair.slice(i + 1), expires });
    }
    return res;
  }

  async json<T = any>(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await this.send(method, url, body, headers);
    if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Opens the SSE stream and collects the notifications that arrive. */
  async stream(): Promise<{ received: Array<{ title: string }>; close(): void }> {
    const ac = new AbortController();
    const res = await fetch(this.base + "/api/notifications/stream", { headers: { cookie: this.cookie }, signal: ac.signal });
    if (res.status !== 200 || !res.body) throw new Error(`stream: ${res.status}`);
    const received: Array<{ title: string }> = [];
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let i: number;
          while ((i = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const data = block.split("\n").find((l) => l.startsWith("data: "));
            if (block.includes("event: notification") && data) received.push(JSON.parse(data.slice(6)));
          }
        }
      } catch {
        /* aborted */
      }
    })();
    return { received, close: () => ac.abort() };
  }
}

/** The connection string of a test database opened by openTestDatabase (PostgreSQL). */
export function urlOf(pool: { options: { connectionString?: string } }): string {
  return pool.options.connectionString!;
}
