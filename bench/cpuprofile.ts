/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof` or bench/profile.ts): self time by
 * area (graphql-shield, graphql-middleware, graphql-js, the gateway, govgraph's own policy
 * code, …), the top functions by self time, and the inclusive time of the policy layer's
 * entry points.
 *
 *   npx tsx bench/cpuprofile.ts <file.cpuprofile> [more files…]
 */
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const ROOT = path.resolve(__dirname, '..');

/** Where a function lives, in words a reader of the report understands. */
export function areaOf(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) {
    const fn = frame.functionName;
    if (fn === '(garbage collector)') return 'V8: garbage collector';
    if (fn === '(idle)') return '(idle)';
    if (fn === '(program)') return 'V8: (program)';
    return 'V8/native builtins';
  }
  if (url.startsWith('node:')) return 'node core';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nm) {
    const pkg = nm[1];
    if (pkg === 'graphql') return 'graphql-js';
    if (/^@apollo\/(gateway|query-planner|federation-internals)$/.test(pkg)) return '@apollo/gateway (planning, fetching, merging)';
    return pkg;
  }
  const rel = path.relative(ROOT, url);
  if (rel.startsWith('lib/policy/')) return `govgraph ${rel.replace(/\.ts$/, '')}`;
  if (rel.startsWith('lib/identity/')) return 'govgraph lib/identity';
  if (rel.startsWith('subgraphs/')) return 'govgraph subgraphs (resolvers, loaders)';
  if (rel.startsWith('gateway/')) return 'govgraph gateway';
  if (!rel.startsWith('..')) return `govgraph ${rel.split('/').slice(0, 2).join('/')}`;
  return url;
}

function sampleTimes(p: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i + 1] ?? 0; // a sample lasts until the next one
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + dt);
  }
  return self;
}

export interface Summary {
  totalMs: number;
  busyMs: number;
  areas: Array<{ area: string; ms: number }>;
  functions: Array<{ fn: string; where: string; area: string; ms: number }>;
  inclusive: Array<{ fn: string; where: string; area: string; ms: number }>;
}

export function summarise(p: CpuProfile, isEntryPoint: (area: string) => boolean = (a) => /graphql-shield|graphql-middleware|govgraph lib\/(policy|identity)/.test(a)): Summary {
  const self = sampleTimes(p);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const where = (f: CallFrame) => {
    const url = f.url.replace(/^file:\/\//, '');
    const short = url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 13) : path.relative(ROOT, url) || url;
    return url ? `${short}:${f.lineNumber + 1}` : '';
  };
  const key = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${where(f)}`;

  let totalMs = 0;
  let idleMs = 0;
  const areas = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; area: string; ms: number }>();
  for (const n of p.nodes) {
    const ms = (self.get(n.id) ?? 0) / 1000;
    if (!ms) continue;
    totalMs += ms;
    const area = areaOf(n.callFrame);
    if (area === '(idle)') idleMs += ms;
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const k = key(n.callFrame);
    const e = fns.get(k) ?? { fn: n.callFrame.functionName || '(anonymous)', where: where(n.callFrame), area, ms: 0 };
    e.ms += ms;
    fns.set(k, e);
  }

  // Inclusive time of entry points: each sample counted once per function even under recursion.
  const inclusive = new Map<string, { fn: string; where: string; area: string; ms: number }>();
  const walk = (id: number, open: Set<string>) => {
    const n = byId.get(id)!;
    const k = key(n.callFrame);
    const area = areaOf(n.callFrame);
    const entering = isEntryPoint(area) && !open.has(k);
    if (entering) {
      open.add(k);
      if (!inclusive.has(k)) inclusive.set(k, { fn: n.callFrame.functionName || '(anonymous)', where: where(n.callFrame), area, ms: 0 });
    }
    const ms = (self.get(id) ?? 0) / 1000;
    if (ms) for (const open1 of open) inclusive.get(open1)!.ms += ms;
    for (const c of n.children ?? []) walk(c, open);
    if (entering) open.delete(k);
  };
  // The root is the first node.
  walk(p.nodes[0].id, new Set());

  return {
    totalMs,
    busyMs: totalMs - idleMs,
    areas: [...areas].map(([area, ms]) => ({ area, ms })).sort((a, b) => b.ms - a.ms),
    functions: [...fns.values()].sort((a, b) => b.ms - a.ms),
    inclusive: [...inclusive.values()].sort((a, b) => b.ms - a.ms),
  };
}

export function printSummary(title: string, s: Summary, top = 25): void {
  const pctBusy = (ms: number) => `${((ms / s.busyMs) * 100).toFixed(1).padStart(5)}%`;
  console.log(`\n== ${title}: ${(s.totalMs / 1000).toFixed(1)} s sampled, ${(s.busyMs / 1000).toFixed(1)} s busy (percentages are of busy time)`);
  console.log('-- self time by area');
  for (const a of s.areas.filter((a) => a.area !== '(idle)').slice(0, 18)) console.log(`  ${pctBusy(a.ms)}  ${a.ms.toFixed(0).padStart(7)} ms  ${a.area}`);
  console.log(`-- top ${top} functions by self time`);
  for (const f of s.functions.filter((f) => f.area !== '(idle)').slice(0, top)) console.log(`  ${pctBusy(f.ms)}  ${f.ms.toFixed(0).padStart(7)} ms  ${f.fn}  ${f.where}  [${f.area}]`);
  console.log('-- inclusive time of policy-layer functions (shield, middleware, lib/policy, lib/identity)');
  for (const f of s.inclusive.slice(0, 15)) console.log(`  ${pctBusy(f.ms)}  ${f.ms.toFixed(0).padStart(7)} ms  ${f.fn}  ${f.where}  [${f.area}]`);
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: tsx bench/cpuprofile.ts <file.cpuprofile> [more…]');
    process.exit(2);
  }
  for (const f of files) printSummary(path.basename(f), summarise(JSON.parse(fs.readFileSync(f, 'utf8')) as CpuProfile));
}
