/**
 * Reading a V8 CPU profile (`node --cpu-prof`) of the server child: where its CPU time went,
 * by package or project file and by function (self time), to explain a missed throughput target.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  byGroup: { name: string; ms: number }[];
  byFunction: { name: string; ms: number }[];
  /** For the heaviest functions, the first package or project frame above them, heaviest first. */
  callers: Map<string, { chain: string; ms: number }[]>;
}

function groupOf(url: string, fn: string, root: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8)';
  if (url.startsWith('node:')) return 'node: core';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 14).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return relative(root, path);
}

/** Now on the clock of profile timestamps (CLOCK_MONOTONIC, µs), the same in every process. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Self time of the profile in `dir`, restricted to samples between `window.from` and `window.to`
 * (µs from `monotonicMicros`), or the whole profile when the window holds no sample.
 */
export function summariseProfile(dir: string, root: string, window?: { from: number; to: number }): ProfileSummary | null {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return null;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const collect = (inWindow: (t: number) => boolean) => {
    const self = new Map<number, number>();
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      t += delta;
      if (inWindow(t)) self.set(id, (self.get(id) ?? 0) + delta / 1000);
    });
    return self;
  };
  let self = window ? collect((t) => t >= window.from && t <= window.to) : new Map<number, number>();
  if (self.size === 0) self = collect(() => true);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frame = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${url ? `${groupOf(url, functionName, root)}:${lineNumber + 1}` : ''}`.trim();
  };
  const chains = new Map<string, Map<string, number>>();
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += ms;
    if (functionName === '(idle)') {
      idle += ms;
      continue;
    }
    const group = groupOf(url, functionName, root);
    groups.set(group, (groups.get(group) ?? 0) + ms);
    const name = frame(id);
    functions.set(name, (functions.get(name) ?? 0) + ms);
    // The first caller that is neither Node's core nor V8: the package or project code behind it.
    let via = '(root)';
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const { url: u, functionName: f } = byId.get(p)!.callFrame;
      const g = groupOf(u, f, root);
      if (g !== 'node: core' && g !== '(native / V8)' && !g.startsWith('(')) {
        via = frame(p);
        break;
      }
    }
    const byChain = chains.get(name) ?? new Map<string, number>();
    byChain.set(via, (byChain.get(via) ?? 0) + ms);
    chains.set(name, byChain);
  }
  const sorted = (m: Map<string, number>) => [...m].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  const byFunction = sorted(functions);
  const callers = new Map<string, { chain: string; ms: number }[]>();
  for (const f of byFunction.slice(0, 6)) {
    callers.set(f.name, sorted(chains.get(f.name)!).slice(0, 4).map((c) => ({ chain: c.name, ms: c.ms })));
  }
  return { wallMs: total, busyMs: total - idle, byGroup: sorted(groups), byFunction, callers };
}
