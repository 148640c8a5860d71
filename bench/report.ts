/**
 * The arithmetic of `npm run bench`'s report, apart from any process so it can be tested
 * (test/bench-report.test.ts): a side's runs reduced to its summary, the ratios between sides
 * and the targets of issue 13 judged on them.
 */
import type { LoadResult } from './limit/load';
import type { Side } from './fronts';

/** CPU per request, ms, by process. */
export interface CpuSplit {
  /** The side's gateway process (0 for the limit, which has none). */
  gateway: number;
  /** The backend process: govgraph's subgraphs, or the limit server (and embedded PGlite, when embedded). */
  backend: number;
  /** The local PostgreSQL and MariaDB servers (0 when embedded: the engine is in the backend). */
  databases: number;
}

/** One measured window of one side. */
export interface SideRun extends Pick<LoadResult, 'rps' | 'p50' | 'p95' | 'p99' | 'requests' | 'sent'> {
  cpu: CpuSplit;
  /** SQL statements per request run for the requests, every database (govgraph's access log included). */
  sql: number;
  /** Statements of the backend's background work during the window (head checks, grant polling), not per request. */
  backgroundSql?: number;
  /** Per subgraph, its govgraph_sql_statements_total over the window per request (background included), when the subgraphs export it. */
  sqlByService?: Record<string, number>;
  /** Peak resident set of each process during the window, kB (undefined: not measurable). */
  peakRssKb: { gateway?: number; backend?: number };
}

export interface SideSummary {
  /** Of the median run (by requests/s). */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests/s of every run, in the order run. */
  runs: number[];
  /** Each component's median over the runs; `total` the median of the runs' totals. */
  cpu: CpuSplit & { total: number };
  sql: number;
  /** The highest peak of any run. */
  peakRssKb: { gateway?: number; backend?: number };
}

/** The median of numbers (the lower middle of an even count, as the median run is chosen). */
export function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const cpuTotal = (c: CpuSplit) => c.gateway + c.backend + c.databases;

const maxDefined = (values: Array<number | undefined>): number | undefined => {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? Math.max(...defined) : undefined;
};

/** A side's runs reduced: the median run's throughput and latencies, medians of the per-request costs, the highest peaks. */
export function summariseSide(runs: SideRun[]): SideSummary {
  if (!runs.length) throw new Error('no run to summarise');
  const byRps = [...runs].sort((a, b) => a.rps - b.rps);
  const mid = byRps[Math.floor((byRps.length - 1) / 2)];
  return {
    rps: mid.rps,
    p50: mid.p50,
    p95: mid.p95,
    p99: mid.p99,
    runs: runs.map((r) => Math.round(r.rps * 10) / 10),
    cpu: {
      gateway: median(runs.map((r) => r.cpu.gateway)),
      backend: median(runs.map((r) => r.cpu.backend)),
      databases: median(runs.map((r) => r.cpu.databases)),
      total: median(runs.map((r) => cpuTotal(r.cpu))),
    },
    sql: median(runs.map((r) => r.sql)),
    peakRssKb: { gateway: maxDefined(runs.map((r) => r.peakRssKb.gateway)), backend: maxDefined(runs.map((r) => r.peakRssKb.backend)) },
  };
}

/** The ratios issue 13 reads, per workload (undefined when a side is missing). */
export interface Ratios {
  /** govgraph ÷ Hive Gateway, requests/s (JS query planner). */
  throughputVsHive?: number;
  /** govgraph ÷ Hive Gateway with the Rust query planner, requests/s. */
  throughputVsHiveRust?: number;
  /** govgraph ÷ the limit, p50. */
  p50VsLimit?: number;
  /** govgraph ÷ the limit, CPU per request (every process and the databases). The target's measure. */
  cpuVsLimit?: number;
  /** The same without the database servers (gateway + backend): steadier on a machine whose database servers others use too. */
  nodeCpuVsLimit?: number;
  /** The limit ÷ govgraph, requests/s (how many times more the hand-written server serves). */
  limitThroughputMultiple?: number;
}

export function ratios(sides: Partial<Record<Side, SideSummary>>): Ratios {
  const g = sides.govgraph;
  if (!g) return {};
  // A CPU reading ≤ 0 is no measurement (the database servers' CPU can read lower after a window
  // when other clients' processes ended meanwhile): no ratio, so no verdict.
  const div = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(a > 0) || !(b > 0) ? undefined : a / b);
  return {
    throughputVsHive: div(g.rps, sides.hive?.rps),
    throughputVsHiveRust: div(g.rps, sides['hive-rust']?.rps),
    p50VsLimit: div(g.p50, sides.limit?.p50),
    cpuVsLimit: div(g.cpu.total, sides.limit?.cpu.total),
    nodeCpuVsLimit: div(g.cpu.gateway + g.cpu.backend, sides.limit && sides.limit.cpu.gateway + sides.limit.cpu.backend),
    limitThroughputMultiple: div(sides.limit?.rps, g.rps),
  };
}

/** One target judged on one workload: met, missed, or not measured (a side or a stack missing). */
export interface TargetResult {
  workload: string;
  /** e.g. `govgraph ≥ 1.5× hive requests/s`. */
  target: string;
  value?: number;
  bound: number;
  /** `min`: value ≥ bound passes; `max`: value ≤ bound passes. */
  kind: 'min' | 'max';
  /** undefined: not measured (see `note`). */
  met?: boolean;
  note?: string;
}

/** Issue 13's targets. */
export const TARGETS = {
  throughputVsHive: 1.5,
  p50VsLimit: 3,
  cpuVsLimit: 3,
  /** Capacity with policies and the access log on, against off (CPU per request off ÷ on). */
  capacityOnVsOff: 0.9,
} as const;

function judge(workload: string, target: string, value: number | undefined, bound: number, kind: 'min' | 'max', missing?: string): TargetResult {
  if (value === undefined || !Number.isFinite(value)) return { workload, target, bound, kind, note: missing ?? 'not measured' };
  return { workload, target, value, bound, kind, met: kind === 'min' ? value >= bound : value <= bound };
}

/**
 * The side-by-side targets of one workload: govgraph ≥ 1.5× Hive's throughput (each Hive
 * planner measured), govgraph's p50 and CPU per request ≤ 3× the limit's. `missing`: why a
 * side was not measured, to say so instead of judging.
 */
export function sideTargets(workload: string, r: Ratios, missing: Partial<Record<Side, string>> = {}): TargetResult[] {
  const out = [judge(workload, `govgraph ≥ ${TARGETS.throughputVsHive}× hive requests/s`, r.throughputVsHive, TARGETS.throughputVsHive, 'min', missing.hive && `hive not measured: ${missing.hive}`)];
  if (!missing['hive-rust'] || r.throughputVsHiveRust !== undefined) {
    out.push(judge(workload, `govgraph ≥ ${TARGETS.throughputVsHive}× hive-rust requests/s`, r.throughputVsHiveRust, TARGETS.throughputVsHive, 'min', missing['hive-rust']));
  }
  out.push(
    judge(workload, `govgraph p50 ≤ ${TARGETS.p50VsLimit}× the limit's`, r.p50VsLimit, TARGETS.p50VsLimit, 'max', missing.limit),
    judge(workload, `govgraph CPU/request ≤ ${TARGETS.cpuVsLimit}× the limit's`, r.cpuVsLimit, TARGETS.cpuVsLimit, 'max', missing.limit),
  );
  return out;
}

/** Policies + access log on vs off: capacity = CPU per request off ÷ on, ≥ 0.90. */
export function capacityTarget(workload: string, suite: string, cpuOffMs: number | undefined, cpuOnMs: number | undefined): TargetResult {
  const measured = cpuOffMs !== undefined && cpuOnMs !== undefined;
  const value = measured && cpuOffMs > 0 && cpuOnMs > 0 ? cpuOffMs / cpuOnMs : undefined;
  const why = !measured ? 'policy on/off not measured' : 'a CPU per request ≤ 0: the database servers\' CPU read lower after a batch (other clients\' processes ended); not judged';
  return judge(workload, `${suite}: capacity with policies + access log ≥ ${TARGETS.capacityOnVsOff.toFixed(2)}× off (CPU/request)`, value, TARGETS.capacityOnVsOff, 'min', why);
}

/** One line per target: `PASS`, `TARGET MISSED` or `NOT MEASURED`, the workload, the target, the value. */
export function targetLine(t: TargetResult): string {
  const verdict = t.met === undefined ? 'NOT MEASURED ' : t.met ? 'PASS         ' : 'TARGET MISSED';
  const value = t.value === undefined ? (t.note ?? '') : `${t.value.toFixed(2)}×`;
  return `${verdict}  ${t.workload.padEnd(16)} ${t.target.padEnd(62)} ${value}`;
}
