/**
 * What the sharing-policy layer and the access log cost (issues 3 and 4): three complete
 * federations in one process over the same databases — `on` as deployed (policy layer and
 * access log), `policy` (the policy layer, no access records written) and `off` (neither), all
 * with the trust chain — measured by throughput under load (rounds in rotating order, median
 * run) and by CPU per request (cpuCost.ts, the steadier measure). Run once per cryptographic
 * suite, by `npm run bench` in its backend process (bench/backend.ts, which owns the
 * databases). Target: the deployed stack keeps ≥ 90 % of the bare stack's capacity
 * (CPU per request, `off` ÷ `on`) on every workload. See bench/README.md.
 */
import type { RunningStack } from '../app/stack';
import type { World } from '../lib/synthetic';
import type { SuiteName } from '../lib/crypto';
import { testSecurity, PEOPLE, DIBAO } from '../test/support/security';
import type { Workload } from './workloads';
import { measure, RunResult } from './measure';
import { measureCpuCost, CpuCost } from './cpuCost';
import { startBenchStack, post, policyModeOf, BenchDatabases, StackVariant } from './federation';

/** How the policy cost is measured. */
export interface PolicyCostSettings {
  /** Seconds measured per throughput run, and of warm-up before it. */
  duration: number;
  warmup: number;
  connections: number;
  /** Rounds of (on, policy, off) under load per workload; 0 = CPU per request only (--quick). */
  rounds: number;
  /** Rounds of CPU batches (cpuCost.ts), and requests per batch (undefined: about half a second's). */
  cpuRounds: number;
  cpuBatch?: number;
  /** Requests sent to each stack before its CPU is counted. */
  cpuWarm: number;
}

export const VARIANTS: readonly StackVariant[] = ['on', 'policy', 'off'];

export interface VariantReport extends RunResult {
  /** Requests per second of every run, in the order run. */
  runs: number[];
  /** The best run's requests per second. */
  bestRps: number;
}

export interface WorkloadReport {
  description: string;
  on: VariantReport;
  policy: VariantReport;
  off: VariantReport;
  /** 1 - policy/off median requests per second: what enforcement costs. */
  loss: number;
  /** 1 - on/off: what enforcement and the access log cost together. */
  lossWithLog: number;
  /** The same two from the best runs. */
  bestLoss: number;
  bestLossWithLog: number;
  /** CPU per request (this process + local databases) of each stack. */
  cpu: Record<StackVariant, CpuCost>;
  /** Capacity lost to enforcement, from CPU per request: 1 - cpu(off)/cpu(policy). */
  cpuLoss: number;
  /** The same with the access log: 1 - cpu(off)/cpu(on). The target (report.ts): ≤ 10 %. */
  cpuLossWithLog: number;
}

/**
 * A variant's median run (the run whose req/s is the median; with an even count, the lower
 * middle). The median, not the best: on this kind of shared 2-core machine two runs of the
 * same stack differ by up to ±10%, and the best run of a side is its luckiest outlier — a
 * comparison of two maxima measures luck as much as cost.
 */
function summarise(rs: RunResult[]): VariantReport {
  if (!rs.length) return { rps: NaN, p50: NaN, p99: NaN, requests: 0, non2xx: 0, errors: 0, timeouts: 0, runs: [], bestRps: NaN };
  const sorted = [...rs].sort((a, b) => a.rps - b.rps);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return { ...median, runs: rs.map((r) => Math.round(r.rps * 10) / 10), bestRps: sorted[sorted.length - 1].rps };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export interface SuiteRun {
  interrupted: boolean;
}

/**
 * One suite (GOVGRAPH_CRYPTO already set): its keys and the three stacks, every workload
 * checked and then measured. The reports by workload, or the exit code to stop with.
 */
export async function measureSuite(suite: SuiteName, world: World, dbs: BenchDatabases, workloads: Workload[], settings: PolicyCostSettings, run: SuiteRun): Promise<Record<string, WorkloadReport> | number> {
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
      const empty = settings.rounds > 0 && VARIANTS.find((v) => !runs[v].length);
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
        rounds: settings.cpuRounds,
        batch: settings.cpuBatch,
        warm: settings.cpuWarm,
        databases: dbs.real,
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
      };
    }
    return reports;
  } finally {
    for (const v of VARIANTS) await stacks[v]?.stop().catch((err) => console.error(`stopping the ${v} stack:`, err));
    security.policy.close();
  }
}

export const cpuTotal = (c: CpuCost) => c.node + c.db;

/** Per workload and stack: how much more CPU per request the sm suite takes than intl (1 − intl/sm: the capacity it costs). */
export function nationalSuiteCost(intl: Record<string, WorkloadReport>, sm: Record<string, WorkloadReport>): Record<string, Record<StackVariant, number>> {
  const out: Record<string, Record<StackVariant, number>> = {};
  for (const name of Object.keys(intl)) {
    if (!sm[name]) continue;
    out[name] = Object.fromEntries(VARIANTS.map((v) => [v, 1 - cpuTotal(intl[name].cpu[v]) / cpuTotal(sm[name].cpu[v])])) as Record<StackVariant, number>;
  }
  return out;
}


const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '—');
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '—');

/**
 * One suite's table: capacity kept with policies + access log (`on`) and with the policy layer
 * alone, by CPU per request (the target's measure), and — when throughput runs were made —
 * requests/s and p50 of each stack's median run.
 */
export function policyTable(reports: Record<string, WorkloadReport>, withThroughput: boolean): string {
  const head = ['workload', 'CPU/req off ms', 'policy ms', 'on ms', 'capacity on÷off', 'policy÷off'];
  if (withThroughput) head.push('off req/s', 'policy req/s', 'on req/s', 'on÷off req/s', 'off p50', 'on p50', 'on p99');
  const rows = [head];
  for (const [name, r] of Object.entries(reports)) {
    const row = [name, fmt(cpuTotal(r.cpu.off)), fmt(cpuTotal(r.cpu.policy)), fmt(cpuTotal(r.cpu.on)), (1 - r.cpuLossWithLog).toFixed(3), (1 - r.cpuLoss).toFixed(3)];
    if (withThroughput) row.push(fmt(r.off.rps), fmt(r.policy.rps), fmt(r.on.rps), (1 - r.lossWithLog).toFixed(3), ms(r.off.p50), ms(r.on.p50), ms(r.on.p99));
    rows.push(row);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const best = withThroughput ? `\nbest runs: ${Object.entries(reports).map(([n, r]) => `${n} policy loss ${pct(r.bestLoss)}, on loss ${pct(r.bestLossWithLog)}`).join('; ')}` : '';
  return `${[line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')}${best}\n(CPU per request: the whole federation's process + the local database servers; capacity = CPU off ÷ CPU with the layer, the target ≥ 0.90 judged on on÷off)`;
}
