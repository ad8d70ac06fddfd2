import { Session } from "node:inspector/promises";

/** Where the CPU time of a process went, from a V8 CPU profile. */
export interface ProfileSummary {
  /** Sampled time, excluding idle. */
  busyMs: number;
  idleMs: number;
  /** Self time by package (node_modules/<pkg>), source file (src/…), node internals, GC. */
  selfByGroup: Array<{ name: string; ms: number; share: number }>;
  /** Time with at least one frame of the group on the stack (synchronous part only). */
  inclusiveByGroup: Array<{ name: string; ms: number; share: number }>;
  topFunctions: Array<{ name: string; where: string; ms: number; share: number }>;
}

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  samples?: number[];
  timeDeltas?: number[];
}

function groupOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const src = url.indexOf("/src/");
  if (src >= 0) return url.slice(src + 1).replace(/\?.*$/, "");
  const bench = url.indexOf("/bench/");
  if (bench >= 0) return url.slice(bench + 1);
  if (url.startsWith("node:")) return "node internals";
  return url;
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let idle = 0;
  let busy = 0;
  const inclusive = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    const dt = (deltas[i] ?? 0) / 1000;
    const node = byId.get(samples[i]);
    if (!node) continue;
    if (node.callFrame.functionName === "(idle)") {
      idle += dt;
      continue;
    }
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (f.functionName === "(root)") break;
      seen.add(groupOf(f.url, f.functionName));
    }
    // Samples taken while the profiler itself was being driven are not the app's.
    if ([...seen].some((g) => g.startsWith("bench/"))) continue;
    busy += dt;
    self.set(node.id, (self.get(node.id) ?? 0) + dt);
    for (const g of seen) inclusive.set(g, (inclusive.get(g) ?? 0) + dt);
  }
  const selfGroups = new Map<string, number>();
  const fns = new Map<string, { name: string; where: string; ms: number }>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const g = groupOf(f.url, f.functionName);
    selfGroups.set(g, (selfGroups.get(g) ?? 0) + ms);
    const where = f.url ? `${g}:${f.lineNumber + 1}` : g;
    const key = `${f.functionName}@${where}`;
    const cur = fns.get(key) ?? { name: f.functionName || "(anonymous)", where, ms: 0 };
    cur.ms += ms;
    fns.set(key, cur);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: busy > 0 ? ms / busy : 0 }));
  return {
    busyMs: busy,
    idleMs: idle,
    selfByGroup: rank(selfGroups),
    inclusiveByGroup: rank(inclusive),
    topFunctions: [...fns.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((f) => ({ ...f, share: busy > 0 ? f.ms / busy : 0 })),
  };
}

/** Starts the V8 sampling profiler in this process; the returned function stops it and summarizes. */
export async function startCpuProfile(): Promise<() => Promise<ProfileSummary>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return async () => {
    const { profile } = (await session.post("Profiler.stop")) as { profile: CpuProfile };
    session.disconnect();
    return summarizeProfile(profile);
  };
}
