import http from "node:http";
import { performance } from "node:perf_hooks";

/** Latency summary in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: number[]): Latency {
  if (samples.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const s = Float64Array.from(samples).sort();
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  let sum = 0;
  for (const v of s) sum += v;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1], mean: sum / s.length };
}

export interface LoopResult {
  /** Operations completed inside the measured window. */
  count: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  perSecond: number;
  latency: Latency;
}

/**
 * A closed loop: `concurrency` workers each run `op` back to back. Operations that finish during the
 * warm-up are not counted; the measured window is the next `durationMs`; no worker starts an
 * operation after the window ends, so the loop always stops by itself.
 */
export async function closedLoop(opts: {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  op: (worker: number, n: number) => Promise<void>;
}): Promise<LoopResult> {
  const t0 = performance.now();
  const measureFrom = t0 + opts.warmupMs;
  const measureTo = measureFrom + opts.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const worker = async (w: number) => {
    for (let n = 0; performance.now() < measureTo; n++) {
      const start = performance.now();
      let failed = false;
      try {
        await opts.op(w, n);
      } catch (err) {
        failed = true;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
      const end = performance.now();
      if (start >= measureFrom && end <= measureTo) {
        if (failed) errors++;
        else latencies.push(end - start);
      } else if (failed && start >= measureFrom) {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  const seconds = opts.durationMs / 1000;
  return { count: latencies.length, errors, firstError, seconds, perSecond: latencies.length / seconds, latency: summarize(latencies) };
}

/**
 * An open loop: requests start at a fixed arrival rate (`perSecond`, evenly spaced), whether or not
 * earlier ones have answered, so a slow server meets a queue as real arrivals would (no coordinated
 * omission). Latency is measured from the scheduled start. Requests scheduled in the warm-up are not
 * counted; at most `maxInFlight` run at once (beyond it a request counts as an error, the load is
 * then past saturation). `op` gets the index of a client slot (`n % slots`).
 */
export async function openLoop(opts: {
  perSecond: number;
  warmupMs: number;
  durationMs: number;
  maxInFlight?: number;
  op: (n: number) => Promise<void>;
}): Promise<LoopResult> {
  const t0 = performance.now();
  const measureFrom = t0 + opts.warmupMs;
  const total = Math.floor(((opts.warmupMs + opts.durationMs) / 1000) * opts.perSecond);
  const gap = 1000 / opts.perSecond;
  const maxInFlight = opts.maxInFlight ?? 512;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let inFlight = 0;
  const running: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const scheduled = t0 + n * gap;
    const delay = scheduled - performance.now();
    if (delay > 1) await new Promise((r) => setTimeout(r, delay));
    const counted = scheduled >= measureFrom;
    if (inFlight >= maxInFlight) {
      if (counted) errors++;
      firstError ??= `more than ${maxInFlight} requests in flight`;
      continue;
    }
    inFlight++;
    running.push(
      opts.op(n).then(
        () => {
          inFlight--;
          if (counted) latencies.push(performance.now() - scheduled);
        },
        (err: unknown) => {
          inFlight--;
          if (counted) errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        },
      ),
    );
  }
  await Promise.all(running);
  const seconds = opts.durationMs / 1000;
  return { count: latencies.length, errors, firstError, seconds, perSecond: latencies.length / seconds, latency: summarize(latencies) };
}

/**
 * Runs `op` sequentially: `warmup` unrecorded calls, then up to `iterations` timed ones — fewer when
 * `budgetMs` runs out (but never fewer than `minIterations`), so slow requests stay bounded in time.
 */
export async function sequential(
  iterations: number,
  warmup: number,
  op: () => Promise<void>,
  budgetMs = Infinity,
  minIterations = 20,
  /** Runs before each op, outside the timing (e.g. to forget what a cache kept). */
  prepare?: () => Promise<void>,
): Promise<Latency> {
  const t0 = performance.now();
  for (let i = 0; i < warmup && (i < 3 || performance.now() - t0 < budgetMs / 4); i++) {
    await prepare?.();
    await op();
  }
  const samples: number[] = [];
  const t1 = performance.now();
  for (let i = 0; i < iterations; i++) {
    if (i >= minIterations && performance.now() - t1 > budgetMs) break;
    await prepare?.();
    const start = performance.now();
    await op();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A minimal HTTP/1.1 client on one keep-alive connection to 127.0.0.1 (like one browser tab or
 * one upstream connection of a reverse proxy), keeping its session cookie.
 */
export class HttpClient {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  cookie: string | null = null;
  constructor(
    readonly port: number,
    readonly headers: Record<string, string> = {},
  ) {}

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpReply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            ...this.headers,
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...(payload ? { "content-type": "application/json", "content-length": String(payload.length) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            // A small cookie jar: the session cookie and any other (e.g. read-your-writes) by name.
            for (const line of res.headers["set-cookie"] ?? []) {
              const pair = line.split(";")[0];
              const name = pair.slice(0, pair.indexOf("="));
              const jar = new Map((this.cookie ?? "").split("; ").filter(Boolean).map((c) => [c.slice(0, c.indexOf("=")), c] as const));
              if (pair.endsWith("=") || /max-age=0/i.test(line)) jar.delete(name);
              else jar.set(name, pair);
              this.cookie = jar.size ? [...jar.values()].join("; ") : null;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
          });
          res.on("error", reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on("error", reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** Like `request`, but a non-2xx answer is an error. */
  async ok(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpReply> {
    const res = await this.request(method, path, body, headers);
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    return res;
  }

  close() {
    this.agent.destroy();
  }
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
