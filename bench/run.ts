/**
 * `npm run bench`: what the sharing-policy layer costs (issue 3, "Performance").
 *
 * One set of department databases is seeded once; two complete federations (gateway +
 * every subgraph) run in this process over the same databases — one with the policy layer
 * (graphql-shield rules, masking, sealing), one without (`withoutPolicy`). Both keep the
 * trust chain (token at the gateway, signed credential per subgraph call), which is not
 * optional. Each workload is measured on, off, on, off; the best run of each side counts.
 * See bench/README.md.
 */
import './quiet';
import fs from 'node:fs';
import path from 'node:path';
import type { RunningStack } from '../lib/runtime/stack';
import { generateWorld } from '../lib/synthetic';
import { testSecurity, PEOPLE, DIBAO } from '../test/support/security';
import { workloads as allWorkloads, TARGET_WORKLOAD, Workload, PolicyMode } from './workloads';
import { measure, RunResult } from './measure';
import { openBenchDatabases, startBenchStack, post, BenchDatabases } from './federation';

const TARGET = 0.1;
const RESULTS_FILE = path.join(__dirname, 'results', 'latest.json');

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
  return n;
}

const settings = {
  persons: envNumber('BENCH_PERSONS', 3000),
  duration: envNumber('BENCH_DURATION', 10),
  warmup: envNumber('BENCH_WARMUP', 3),
  connections: envNumber('BENCH_CONNECTIONS', 10),
  rounds: envNumber('BENCH_ROUNDS', 2),
};

function selectedWorkloads(): Workload[] {
  const only = process.env.BENCH_WORKLOADS?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!only?.length) return allWorkloads;
  const unknown = only.filter((n) => !allWorkloads.some((w) => w.name === n));
  if (unknown.length) throw new Error(`BENCH_WORKLOADS: unknown workload(s) ${unknown.join(', ')}; known: ${allWorkloads.map((w) => w.name).join(', ')}`);
  return allWorkloads.filter((w) => only.includes(w.name));
}

interface WorkloadReport {
  description: string;
  on: RunResult & { runs: number[] };
  off: RunResult & { runs: number[] };
  /** 1 - on/off requests per second. */
  loss: number;
  withinTarget: boolean;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
  const workloads = selectedWorkloads();
  let dbs: BenchDatabases | undefined;
  const stacks: Partial<Record<PolicyMode, RunningStack>> = {};
  const security = await testSecurity();
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    console.error('\ninterrupted: finishing the current run, then shutting down');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // ---- One world, one set of databases ------------------------------------------------
    const world = generateWorld({ persons: settings.persons });
    const seedStart = Date.now();
    dbs = await openBenchDatabases(world);
    const { engines, real } = dbs;
    const engineLabel = real ? 'real servers' : 'embedded PGlite';
    console.log(`databases: ${engineLabel} — ${Object.entries(engines).map(([n, e]) => `${n}=${e}`).join(', ')}`);
    console.log(`world: ${world.persons.length} persons, ${world.companies.length} companies, ${world.households.length} households (seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s)`);

    // ---- Two federations over the same databases ----------------------------------------
    stacks.on = await startBenchStack(dbs, security, 'on');
    stacks.off = await startBenchStack(dbs, security, 'off');
    const headers = await security.headers(PEOPLE.caseworker, DIBAO);
    console.log(`stacks: policies on ${stacks.on.gatewayUrl}, policies off ${stacks.off.gatewayUrl}`);
    console.log(
      `load: ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per run, ` +
        `${settings.rounds} × (on, off) per workload, best run of each side counts; node ${process.version}\n`,
    );

    // ---- Every workload must answer for real, on both stacks ----------------------------
    const bodies = new Map<string, string>();
    const failures: string[] = [];
    for (const w of workloads) {
      const body = JSON.stringify(w.request(world));
      bodies.set(w.name, body);
      for (const mode of ['on', 'off'] as const) {
        const answer = await post(`${stacks[mode]!.gatewayUrl}/graphql`, headers, body);
        const problems = answer.status === 200 ? w.check(answer, mode) : [`HTTP ${answer.status}`, ...w.check(answer, mode)];
        for (const p of problems) failures.push(`${w.name} (policies ${mode}): ${p}`);
      }
    }
    if (failures.length) {
      console.error(`A workload does not answer as it should; nothing was measured:\n  ${failures.join('\n  ')}`);
      return 1;
    }
    console.log(`checked: ${workloads.map((w) => w.name).join(', ')} answer without errors on both stacks; policies on masks, off does not\n`);

    // ---- Measure: on, off, on, off … ----------------------------------------------------
    const reports: Record<string, WorkloadReport> = {};
    for (const w of workloads) {
      const runs: Record<PolicyMode, RunResult[]> = { on: [], off: [] };
      for (let round = 0; round < settings.rounds && !interrupted; round++) {
        for (const mode of ['on', 'off'] as const) {
          if (interrupted) break;
          const r = await measure({
            url: `${stacks[mode]!.gatewayUrl}/graphql`,
            headers,
            body: bodies.get(w.name)!,
            connections: settings.connections,
            duration: settings.duration,
            warmup: settings.warmup,
          });
          const bad = r.non2xx + r.errors + r.timeouts + (r.requests === 0 ? 1 : 0);
          console.log(
            `  ${w.name.padEnd(16)} ${mode.padEnd(3)} round ${round + 1}: ${fmt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50, 0)} ms  p99 ${fmt(r.p99, 0)} ms` +
              (bad ? `  INVALID (${r.requests} completed, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)` : ''),
          );
          if (!bad) runs[mode].push(r);
        }
      }
      if (interrupted) break;
      if (!runs.on.length || !runs.off.length) {
        console.error(`${w.name}: no valid run on ${!runs.on.length ? 'the policies-on' : 'the policies-off'} stack`);
        return 1;
      }
      // Still answering for real after the load (not an error page under pressure).
      for (const mode of ['on', 'off'] as const) {
        const after = await post(`${stacks[mode]!.gatewayUrl}/graphql`, headers, bodies.get(w.name)!);
        const problems = w.check(after, mode);
        if (problems.length) {
          console.error(`${w.name} (policies ${mode}) after the load: ${problems.join('; ')}`);
          return 1;
        }
      }
      const best = (rs: RunResult[]) => ({ ...rs.reduce((a, b) => (b.rps > a.rps ? b : a)), runs: rs.map((r) => Math.round(r.rps * 10) / 10) });
      const on = best(runs.on);
      const off = best(runs.off);
      const loss = 1 - on.rps / off.rps;
      reports[w.name] = { description: w.description, on, off, loss, withinTarget: loss <= TARGET };
    }
    if (interrupted) return 130;

    // ---- Report ---------------------------------------------------------------------------
    const rows = [['workload', 'on req/s', 'off req/s', 'loss', 'on p50', 'off p50', 'on p99', 'off p99']];
    for (const [name, r] of Object.entries(reports)) {
      rows.push([
        name + (name === TARGET_WORKLOAD ? ' *' : ''),
        fmt(r.on.rps),
        fmt(r.off.rps),
        pct(r.loss),
        `${fmt(r.on.p50, 0)} ms`,
        `${fmt(r.off.p50, 0)} ms`,
        `${fmt(r.on.p99, 0)} ms`,
        `${fmt(r.off.p99, 0)} ms`,
      ]);
    }
    console.log(`\n${table(rows)}`);
    console.log(`(* the target workload; loss = 1 - on/off requests per second; target ≤ ${pct(TARGET)})`);

    const target = reports[TARGET_WORKLOAD];
    const met = target ? target.withinTarget : null;
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      engine: real ? 'servers' : 'pglite',
      engines,
      world: { persons: world.persons.length, companies: world.companies.length, households: world.households.length },
      settings: { ...settings, workers: 1, bestOf: 'max req/s per side', logLevel: process.env.GOVGRAPH_LOG_LEVEL },
      identity: { user: PEOPLE.caseworker.user, dept: PEOPLE.caseworker.dept, purpose: DIBAO.purpose, grantId: DIBAO.grantId },
      workloads: reports,
      targetWorkload: TARGET_WORKLOAD,
      target: TARGET,
      met,
    };
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written: ${path.relative(process.cwd(), RESULTS_FILE)}`);
    if (met === false) console.log(`TARGET MISSED: the policy layer costs ${pct(target!.loss)} of ${TARGET_WORKLOAD} throughput (target ≤ ${pct(TARGET)})`);
    else if (met) console.log(`target met: the policy layer costs ${pct(target!.loss)} of ${TARGET_WORKLOAD} throughput (target ≤ ${pct(TARGET)})`);
    else console.log(`target not judged: ${TARGET_WORKLOAD} was not run`);
    return 0;
  } finally {
    for (const mode of ['on', 'off'] as const) await stacks[mode]?.stop().catch((err) => console.error(`stopping the policies-${mode} stack:`, err));
    security.policy.close();
    await dbs?.drop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; if a handle still keeps the process alive, say so and go.
    setTimeout(() => {
      console.error('bench: something still holds the event loop after shutdown; exiting anyway');
      process.exit(code);
    }, 5000).unref();
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
