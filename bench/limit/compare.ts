/**
 * `npx tsx bench/limit/compare.ts`: govgraph as deployed against the physical limit
 * (bench/limit/server.ts), side by side on the same databases, for every workload.
 *
 * Seeds one world (BENCH_PERSONS, default 10,000 — the issue's size; parcelsNear100 needs
 * ≥ 4,000 for its 100 parcels) into the department databases (real servers when
 * GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL are set, embedded PGlite otherwise), starts the
 * federation as deployed (policies, access log, trust chain: bench/federation.ts's `on`) and
 * the limit server with pools of its own on the same databases, both in this process. It
 * first checks that both answer every workload with the same `data` (serialised; nothing is
 * measured otherwise), then drives each workload in rounds alternating which side goes
 * first, from a separate load process (load.ts: warm-up discarded, then the measured window),
 * and reports each side's median run: requests/s, p50/p95/p99 and the ratios govgraph/limit.
 * Writes bench/results/limit.json. Settings as bench/README.md: BENCH_DURATION (10),
 * BENCH_WARMUP (2), BENCH_CONNECTIONS (10), BENCH_ROUNDS (3), BENCH_WORKLOADS, BENCH_PERSONS.
 */
import '../quiet';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateWorld } from '../../lib/synthetic';
import { testSecurity, PEOPLE, DIBAO } from '../../test/support/security';
import { openBenchDatabases, post, startBenchStack } from '../federation';
import { workloads as allWorkloads } from '../workloads';
import { openLimitDatabases, startLimitServer } from './server';
import type { LoadJob, LoadResult } from './load';
import { envNumber, runScript } from '../script';

const RESULTS_FILE = path.join(__dirname, '..', 'results', 'limit.json');
const settings = {
  persons: envNumber('BENCH_PERSONS', 10_000),
  duration: envNumber('BENCH_DURATION', 10),
  warmup: envNumber('BENCH_WARMUP', 2),
  connections: envNumber('BENCH_CONNECTIONS', 10),
  rounds: envNumber('BENCH_ROUNDS', 3),
};
const SIDES = ['govgraph', 'limit'] as const;
type Side = (typeof SIDES)[number];

/** One job for the load process, and its answer. */
function drive(loader: ChildProcess, job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    loader.once('message', (m: { result?: LoadResult; error?: string }) => (m.result ? resolve(m.result) : reject(new Error(m.error))));
    loader.send(job);
  });
}

/** The run whose requests/s is the median (the lower middle of an even count). */
function median(runs: LoadResult[]): LoadResult {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor((runs.length - 1) / 2)];
}

const f = (n: number, d = 1) => n.toFixed(d);

async function main(): Promise<number> {
  const only = process.env.BENCH_WORKLOADS?.split(',').map((s) => s.trim()).filter(Boolean);
  const workloads = only?.length ? allWorkloads.filter((w) => only.includes(w.name)) : allWorkloads;
  const world = generateWorld({ persons: settings.persons });
  const dbs = await openBenchDatabases(world);
  const security = await testSecurity();
  const stack = await startBenchStack(dbs, security, 'on');
  const limitDbs = openLimitDatabases(dbs);
  const limit = await startLimitServer(limitDbs.databases);
  const loader = fork(path.join(__dirname, 'load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const headers = await security.headers(PEOPLE.caseworker, DIBAO);
    const target = (side: Side, name: string) => (side === 'govgraph' ? { url: `${stack.gatewayUrl}/graphql`, headers } : { url: `${limit.url}/${name}`, headers: {} });
    console.log(`databases: ${Object.entries(dbs.engines).map(([n, e]) => `${n}=${e}`).join(', ')}; world: ${world.persons.length} persons`);
    console.log(`load: ${settings.connections} connections from a separate process, ${settings.warmup} s warm-up + ${settings.duration} s per run, ${settings.rounds} rounds alternating which side goes first; median run counts\n`);

    // Identical answers first: a limit that answers something else measures nothing.
    const bodies = new Map(workloads.map((w) => [w.name, JSON.stringify(w.request(world))]));
    for (const w of workloads) {
      const [a, b] = await Promise.all(SIDES.map((s) => post(target(s, w.name).url, target(s, w.name).headers, bodies.get(w.name)!)));
      const problems = [...w.check(a, 'on'), ...(JSON.stringify(a.data) === JSON.stringify(b.data) ? [] : ['the limit server’s data differs from govgraph’s'])];
      if (problems.length) {
        console.error(`${w.name}: ${problems.join('; ')} — nothing measured`);
        return 1;
      }
    }
    console.log(`checked: ${workloads.map((w) => w.name).join(', ')} — govgraph and the limit answer the same data\n`);

    const report: Record<string, Record<string, unknown>> = {};
    const rows: string[][] = [['workload', 'govgraph req/s', 'limit req/s', 'govgraph p50/p95/p99 ms', 'limit p50/p95/p99 ms', 'req/s limit÷govgraph', 'p50 govgraph÷limit']];
    for (const w of workloads) {
      const runs: Record<Side, LoadResult[]> = { govgraph: [], limit: [] };
      for (let round = 0; round < settings.rounds; round++) {
        for (const side of round % 2 ? [...SIDES].reverse() : SIDES) {
          const r = await drive(loader, { ...target(side, w.name), body: bodies.get(w.name)!, connections: settings.connections, duration: settings.duration, warmup: settings.warmup });
          // Let the server finish what autocannon abandoned, so the next run does not pay for it.
          await new Promise((resolve) => setTimeout(resolve, Math.min(20_000, Math.max(250, r.p99 * 1.5))));
          const bad = r.non2xx + r.errors + r.timeouts + (r.requests === 0 ? 1 : 0);
          console.log(`  ${w.name.padEnd(16)} ${side.padEnd(8)} round ${round + 1}: ${f(r.rps).padStart(7)} req/s  p50 ${f(r.p50, 0)}  p95 ${f(r.p95, 0)}  p99 ${f(r.p99, 0)} ms${bad ? '  INVALID' : ''}`);
          if (!bad) runs[side].push(r);
        }
      }
      if (!runs.govgraph.length || !runs.limit.length) {
        console.error(`${w.name}: no valid run on one side`);
        return 1;
      }
      const g = median(runs.govgraph);
      const l = median(runs.limit);
      report[w.name] = {
        description: w.description,
        govgraph: { ...g, runs: runs.govgraph.map((r) => Math.round(r.rps * 10) / 10) },
        limit: { ...l, runs: runs.limit.map((r) => Math.round(r.rps * 10) / 10) },
        throughputRatio: l.rps / g.rps,
        p50Ratio: g.p50 / l.p50,
      };
      rows.push([w.name, f(g.rps), f(l.rps), `${f(g.p50, 0)}/${f(g.p95, 0)}/${f(g.p99, 0)}`, `${f(l.p50, 0)}/${f(l.p95, 0)}/${f(l.p99, 0)}`, `${f(l.rps / g.rps)}×`, `${f(g.p50 / l.p50)}×`]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log(`\n${rows.map((r) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')).join('\n')}`);
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, engines: dbs.engines, world: { persons: world.persons.length }, settings, identity: { user: PEOPLE.caseworker.user, ...DIBAO }, workloads: report }, null, 2)}\n`,
    );
    console.log(`written: ${path.relative(process.cwd(), RESULTS_FILE)}`);
    return 0;
  } finally {
    loader.kill();
    await limit.stop();
    await limitDbs.close();
    await stack.stop();
    security.policy.close();
    await dbs.drop();
  }
}

runScript('compare', main);
