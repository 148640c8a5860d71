/**
 * `npm run bench`: what the sharing-policy layer and the access log cost.
 *
 * One set of department databases is seeded once; three complete federations (gateway +
 * every subgraph) run in this process over the same databases: `on` as deployed (policy
 * layer and access log), `policy` (the policy layer, no access records written) and `off`
 * (neither). All keep the trust chain (token at the gateway, signed credential per subgraph
 * call), which is not optional. Each round measures the three in a rotating order; each
 * variant's median run counts (the best run is reported too). The target (issue 3: enforcement costs at most 10%) is judged on
 * persons500, `policy` against `off`; what the access log adds is reported beside it.
 *
 * All of it once per cryptographic suite (BENCH_SUITES, default `intl,sm`: GOVGRAPH_CRYPTO
 * is set for each, and the keys, the three stacks and their access logs are made anew over the
 * same databases), so the enforcement-cost ratio is reported for both — under `sm` the trust
 * chain is SM2, keys are sealed with SM4 + HMAC-SM3 and the log is chained with HMAC-SM3 — and
 * what the national suite costs each stack against the international one.
 * See bench/README.md.
 */
import './quiet';
import fs from 'node:fs';
import path from 'node:path';
import type { RunningStack } from '../app/stack';
import { generateWorld, type World } from '../lib/synthetic';
import { cryptoSuiteName } from '../lib/config';
import type { SuiteName } from '../lib/crypto';
import { testSecurity, PEOPLE, DIBAO } from '../test/support/security';
import { workloads as allWorkloads, TARGET_WORKLOAD, Workload } from './workloads';
import { measure, RunResult } from './measure';
import { measureCpuCost, CpuCost } from './cpuCost';
import { openBenchDatabases, startBenchStack, post, policyModeOf, BenchDatabases, StackVariant } from './federation';
import { envNumber, runScript } from './script';

const TARGET = 0.1;
const RESULTS_FILE = path.join(__dirname, 'results', 'latest.json');

const settings = {
  persons: envNumber('BENCH_PERSONS', 3000),
  duration: envNumber('BENCH_DURATION', 12),
  warmup: envNumber('BENCH_WARMUP', 2),
  connections: envNumber('BENCH_CONNECTIONS', 10),
  rounds: envNumber('BENCH_ROUNDS', 3),
};

/** BENCH_SUITES — the cryptographic suites measured, in order. @default intl,sm */
function selectedSuites(): SuiteName[] {
  const raw = process.env.BENCH_SUITES?.split(',').map((s) => s.trim()).filter(Boolean) ?? ['intl', 'sm'];
  return raw.map((name) => {
    try {
      return cryptoSuiteName({ GOVGRAPH_CRYPTO: name });
    } catch {
      throw new Error(`BENCH_SUITES: unknown suite "${name}" (intl or sm)`);
    }
  });
}

function selectedWorkloads(): Workload[] {
  const only = process.env.BENCH_WORKLOADS?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!only?.length) return allWorkloads;
  const unknown = only.filter((n) => !allWorkloads.some((w) => w.name === n));
  if (unknown.length) throw new Error(`BENCH_WORKLOADS: unknown workload(s) ${unknown.join(', ')}; known: ${allWorkloads.map((w) => w.name).join(', ')}`);
  return allWorkloads.filter((w) => only.includes(w.name));
}

const VARIANTS: readonly StackVariant[] = ['on', 'policy', 'off'];

interface VariantReport extends RunResult {
  /** Requests per second of every run, in the order run. */
  runs: number[];
  /** The best run's requests per second. */
  bestRps: number;
}

interface WorkloadReport {
  description: string;
  on: VariantReport;
  policy: VariantReport;
  off: VariantReport;
  /** 1 - policy/off median requests per second: what enforcement costs (the target). */
  loss: number;
  /** 1 - on/off: what enforcement and the access log cost together. */
  lossWithLog: number;
  /** The same two from the best runs. */
  bestLoss: number;
  bestLossWithLog: number;
  /** CPU per request (this process + local databases) of each stack. */
  cpu: Record<StackVariant, CpuCost>;
  /** Capacity lost to enforcement, from CPU per request: 1 - cpu(off)/cpu(policy). The target. */
  cpuLoss: number;
  /** The same with the access log: 1 - cpu(off)/cpu(on). */
  cpuLossWithLog: number;
  withinTarget: boolean;
}

/**
 * A variant's median run (the run whose req/s is the median; with an even count, the lower
 * middle). The median, not the best: on this kind of shared 2-core machine two runs of the
 * same stack differ by up to ±10%, and the best run of a side is its luckiest outlier — a
 * comparison of two maxima measures luck as much as cost.
 */
function summarise(rs: RunResult[]): VariantReport {
  const sorted = [...rs].sort((a, b) => a.rps - b.rps);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return { ...median, runs: rs.map((r) => Math.round(r.rps * 10) / 10), bestRps: sorted[sorted.length - 1].rps };
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
  const suites = selectedSuites();
  let dbs: BenchDatabases | undefined;
  const run: SuiteRun = { interrupted: false };
  const onSignal = () => {
    run.interrupted = true;
    console.error('\ninterrupted: finishing the current run, then shutting down');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const savedSuite = process.env.GOVGRAPH_CRYPTO;

  try {
    // ---- One world, one set of databases ------------------------------------------------
    const world = generateWorld({ persons: settings.persons });
    const seedStart = Date.now();
    dbs = await openBenchDatabases(world);
    const { engines, real } = dbs;
    const engineLabel = real ? 'real servers' : 'embedded PGlite';
    console.log(`databases: ${engineLabel} — ${Object.entries(engines).map(([n, e]) => `${n}=${e}`).join(', ')}`);
    console.log(`world: ${world.persons.length} persons, ${world.companies.length} companies, ${world.households.length} households (seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s)`);
    console.log(`suites: ${suites.join(', ')} (GOVGRAPH_CRYPTO, one after the other over the same databases)`);

    // ---- Each suite: its keys, three federations, every workload -------------------------
    const bySuite: Partial<Record<SuiteName, Record<string, WorkloadReport>>> = {};
    for (const suite of suites) {
      if (run.interrupted) break;
      process.env.GOVGRAPH_CRYPTO = suite;
      console.log(`\n==== GOVGRAPH_CRYPTO=${suite} ${suite === 'sm' ? '(SM2 tokens and credentials, SM4-CTR + HMAC-SM3 sealing, HMAC-SM3 access log)' : '(Ed25519, AES-256-GCM, HMAC-SHA-256)'}`);
      const outcome = await measureSuite(suite, world, dbs, workloads, run);
      if (typeof outcome === 'number') return outcome;
      bySuite[suite] = outcome;
    }
    if (run.interrupted) return 130;

    // ---- Report ---------------------------------------------------------------------------
    for (const suite of suites) {
      const reports = bySuite[suite]!;
      console.log(`\nGOVGRAPH_CRYPTO=${suite}`);
      const rows = [['workload', 'off req/s', 'policy req/s', 'on req/s', 'policy loss', 'on loss', 'policy CPU loss', 'on CPU loss', 'off p50', 'policy p50', 'on p50', 'on p99']];
      for (const [name, r] of Object.entries(reports)) {
        rows.push([
          name + (name === TARGET_WORKLOAD ? ' *' : ''),
          fmt(r.off.rps),
          fmt(r.policy.rps),
          fmt(r.on.rps),
          pct(r.loss),
          pct(r.lossWithLog),
          pct(r.cpuLoss),
          pct(r.cpuLossWithLog),
          `${fmt(r.off.p50, 0)} ms`,
          `${fmt(r.policy.p50, 0)} ms`,
          `${fmt(r.on.p50, 0)} ms`,
          `${fmt(r.on.p99, 0)} ms`,
        ]);
      }
      console.log(table(rows));
      console.log(`best runs: ${Object.entries(reports).map(([n, r]) => `${n} policy loss ${pct(r.bestLoss)}, on loss ${pct(r.bestLossWithLog)}`).join('; ')}`);
    }
    console.log(
      `(* the target workload. req/s and loss: median runs under load; CPU loss = 1 - CPU per request off / CPU per request with it, ` +
        `the steadier measure of capacity, on which the target (policy ≤ ${pct(TARGET)}) is judged. policy = enforcement alone; on = enforcement and the access log, as deployed)`,
    );
    const suiteCost = bySuite.intl && bySuite.sm ? nationalSuiteCost(bySuite.intl, bySuite.sm) : undefined;
    if (suiteCost) {
      console.log(`\nwhat the national suite costs each stack (CPU per request, sm against intl): ${Object.entries(suiteCost).map(([n, c]) => `${n}: off ${pct(c.off)}, policy ${pct(c.policy)}, on ${pct(c.on)}`).join('; ')}`);
    }

    const result = {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      engine: real ? 'servers' : 'pglite',
      engines,
      world: { persons: world.persons.length, companies: world.companies.length, households: world.households.length },
      settings: { ...settings, suites, workers: 1, counted: 'median run per variant (best run also reported)', logLevel: process.env.GOVGRAPH_LOG_LEVEL },
      identity: { user: PEOPLE.caseworker.user, dept: PEOPLE.caseworker.dept, purpose: DIBAO.purpose, grantId: DIBAO.grantId },
      suites: Object.fromEntries(suites.map((suite) => [suite, { workloads: bySuite[suite], met: bySuite[suite]![TARGET_WORKLOAD]?.withinTarget ?? null }])),
      ...(suiteCost ? { nationalSuiteCpuCost: suiteCost } : {}),
      targetWorkload: TARGET_WORKLOAD,
      target: TARGET,
    };
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written: ${path.relative(process.cwd(), RESULTS_FILE)}`);
    for (const suite of suites) {
      const target = bySuite[suite]![TARGET_WORKLOAD];
      const detail = target
        ? `${pct(target.cpuLoss)} of ${TARGET_WORKLOAD} capacity by CPU per request, ${pct(target.loss)} by median throughput under load (target ≤ ${pct(TARGET)}); ` +
          `with the access log: ${pct(target.cpuLossWithLog)} by CPU, ${pct(target.lossWithLog)} under load`
        : '';
      if (!target) console.log(`${suite}: target not judged: ${TARGET_WORKLOAD} was not run`);
      else if (!target.withinTarget) console.log(`${suite}: TARGET MISSED: the policy layer costs ${detail}`);
      else console.log(`${suite}: target met: the policy layer costs ${detail}`);
    }
    return 0;
  } finally {
    await dbs?.drop();
    if (savedSuite === undefined) delete process.env.GOVGRAPH_CRYPTO;
    else process.env.GOVGRAPH_CRYPTO = savedSuite;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

interface SuiteRun {
  interrupted: boolean;
}

/**
 * One suite (GOVGRAPH_CRYPTO already set): its keys and the three stacks, every workload
 * checked and then measured. The reports by workload, or the exit code to stop with.
 */
async function measureSuite(suite: SuiteName, world: World, dbs: BenchDatabases, workloads: Workload[], run: SuiteRun): Promise<Record<string, WorkloadReport> | number> {
  const stacks: Partial<Record<StackVariant, RunningStack>> = {};
  // Made after GOVGRAPH_CRYPTO is set: the issuer's, the gateway's and the anchor's keys are of this suite, and so is the sealer.
  const security = await testSecurity();
  try {
    for (const v of VARIANTS) stacks[v] = await startBenchStack(dbs, security, v);
    const headers = await security.headers(PEOPLE.caseworker, DIBAO);
    const alg = JSON.parse(Buffer.from(headers.authorization.split(' ')[1].split('.')[0], 'base64url').toString()).alg;
    console.log(`stacks: ${VARIANTS.map((v) => `${v} ${stacks[v]!.gatewayUrl}`).join(', ')} (tokens and credentials ${alg})`);
    console.log(
      `load: ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per run, ` +
        `${settings.rounds} rounds of (on, policy, off) in rotating order per workload, the median run of each counts; node ${process.version}\n`,
    );

    // ---- Every workload must answer for real, on every stack ----------------------------
    const bodies = new Map<string, string>();
    const failures: string[] = [];
    for (const w of workloads) {
      const body = JSON.stringify(w.request(world));
      bodies.set(w.name, body);
      for (const v of VARIANTS) {
        const answer = await post(`${stacks[v]!.gatewayUrl}/graphql`, headers, body);
        const problems = answer.status === 200 ? w.check(answer, policyModeOf(v)) : [`HTTP ${answer.status}`, ...w.check(answer, policyModeOf(v))];
        for (const p of problems) failures.push(`${w.name} (${v}, ${suite}): ${p}`);
      }
    }
    if (failures.length) {
      console.error(`A workload does not answer as it should; nothing was measured:\n  ${failures.join('\n  ')}`);
      return 1;
    }
    console.log(`checked: ${workloads.map((w) => w.name).join(', ')} answer without errors on every stack; on and policy mask, off does not\n`);

    // ---- Measure: rounds of the three, in rotating order (no side always goes first) -------
    const reports: Record<string, WorkloadReport> = {};
    for (const w of workloads) {
      const runs: Record<StackVariant, RunResult[]> = { on: [], policy: [], off: [] };
      for (let round = 0; round < settings.rounds && !run.interrupted; round++) {
        for (const mode of VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length])) {
          if (run.interrupted) break;
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
            `  ${w.name.padEnd(16)} ${mode.padEnd(6)} round ${round + 1}: ${fmt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50, 0)} ms  p99 ${fmt(r.p99, 0)} ms` +
              (bad ? `  INVALID (${r.requests} completed, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)` : ''),
          );
          if (!bad) runs[mode].push(r);
        }
      }
      if (run.interrupted) return 130;
      const empty = VARIANTS.find((v) => !runs[v].length);
      if (empty) {
        console.error(`${w.name}: no valid run on the ${empty} stack`);
        return 1;
      }
      // Still answering for real after the load (not an error page under pressure).
      for (const v of VARIANTS) {
        const after = await post(`${stacks[v]!.gatewayUrl}/graphql`, headers, bodies.get(w.name)!);
        const problems = w.check(after, policyModeOf(v));
        if (problems.length) {
          console.error(`${w.name} (${v}) after the load: ${problems.join('; ')}`);
          return 1;
        }
      }
      const on = summarise(runs.on);
      const policy = summarise(runs.policy);
      const off = summarise(runs.off);
      const loss = 1 - policy.rps / off.rps;
      const cpu = (await measureCpuCost({
        urls: Object.fromEntries(VARIANTS.map((v) => [v, `${stacks[v]!.gatewayUrl}/graphql`])),
        headers,
        body: bodies.get(w.name)!,
      })) as Record<StackVariant, CpuCost>;
      const cpuLoss = 1 - cpuTotal(cpu.off) / cpuTotal(cpu.policy);
      console.log(
        `  ${w.name.padEnd(16)} CPU per request: ${VARIANTS.map((v) => `${v} ${fmt(cpu[v].node)} + ${fmt(cpu[v].db)} ms (node + databases)`).join(', ')}`,
      );
      reports[w.name] = {
        description: w.description,
        on,
        policy,
        off,
        loss,
        lossWithLog: 1 - on.rps / off.rps,
        bestLoss: 1 - policy.bestRps / off.bestRps,
        bestLossWithLog: 1 - on.bestRps / off.bestRps,
        cpu,
        cpuLoss,
        cpuLossWithLog: 1 - cpuTotal(cpu.off) / cpuTotal(cpu.on),
        withinTarget: cpuLoss <= TARGET,
      };
    }
    return reports;
  } finally {
    for (const v of VARIANTS) await stacks[v]?.stop().catch((err) => console.error(`stopping the ${v} stack:`, err));
    security.policy.close();
  }
}

const cpuTotal = (c: CpuCost) => c.node + c.db;

/** Per workload and stack: how much more CPU per request the sm suite takes than intl (1 − intl/sm: the capacity it costs). */
function nationalSuiteCost(intl: Record<string, WorkloadReport>, sm: Record<string, WorkloadReport>): Record<string, Record<StackVariant, number>> {
  const out: Record<string, Record<StackVariant, number>> = {};
  for (const name of Object.keys(intl)) {
    if (!sm[name]) continue;
    out[name] = Object.fromEntries(VARIANTS.map((v) => [v, 1 - cpuTotal(intl[name].cpu[v]) / cpuTotal(sm[name].cpu[v])])) as Record<StackVariant, number>;
  }
  return out;
}

runScript('bench', main);
