/**
 * `npm run bench` (issue 13): govgraph as deployed, side by side with the physical limit and
 * with a peer gateway, on the same databases, for every workload — and what the policy layer
 * and the access log cost (issues 3 and 4). `npm run bench -- --quick`: a smoke run of all of
 * it (small world, one short round; 76 s with all four sides on a quiet 2-core machine), which CI runs.
 *
 * Processes (so that each one's CPU and memory are its own, read from /proc):
 *   - this one: orchestrates, reads /proc, reports;
 *   - the backend (backend.ts): seeds the department databases (real servers when
 *     GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL are set, embedded PGlite otherwise) and serves
 *     govgraph's five subgraphs as deployed and the limit server (limit/server.ts) over them,
 *     counting every SQL statement;
 *   - one process per front (fronts.ts): `govgraph serve gateway`, and Hive Gateway
 *     (`govgraph serve hive-gateway`, JS planner; Rust planner when the tree has it) in front
 *     of the very same subgraphs;
 *   - the load generator (limit/load.ts, autocannon).
 * Every side's `data` must be identical to govgraph's for every workload before anything is
 * measured (exit 1 otherwise). Then per workload, rounds rotating which side goes first; each
 * run a warm-up (discarded) and the measured window, around which the CPU of the side's
 * gateway, of the backend and of the local database servers, the backend's SQL statements and
 * every process's peak RSS are read. Only one side runs at a time, so the backend's CPU during
 * the limit's window is the limit's. Each side's median run counts. Then the policy on/off
 * measurement (policyCost.ts) in the backend. The targets are printed PASS / TARGET MISSED;
 * the exit code is 0 either way (a measurement), 1 only when it cannot measure.
 * Writes bench/results/latest.json (--quick: quick.json). See bench/README.md.
 */
import './quiet';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cryptoSuiteName } from '../lib/config';
import type { SuiteName } from '../lib/crypto';
import { PEOPLE, DIBAO } from '../test/support/security';
import { workloads as allWorkloads, type Workload, type GraphQLBody } from './workloads';
import { post } from './federation';
import { FRONTS, SIDES, childLogLevel, startFront, type RunningFront, type Side } from './fronts';
import type { BackendMessage, BackendReady, BackendRequest } from './backend';
import type { LoadJob, LoadResult } from './limit/load';
import { databaseCpuMs, peakRssKb, processCpuMs, resetPeakRss } from './procstat';
import { capacityTarget, ratios, sideTargets, summariseSide, targetLine, type Ratios, type SideRun, type SideSummary, type TargetResult } from './report';
import { cpuTotal, nationalSuiteCost, policyTable, type PolicyCostSettings, type WorkloadReport } from './policyCost';
import { envNumber, runScript } from './script';

const quick = process.argv.includes('--quick');
const RESULTS_FILE = path.join(__dirname, 'results', quick ? 'quick.json' : 'latest.json');

/** Defaults of a full run, and of --quick (each still overridable by its variable). */
const settings = {
  persons: envNumber('BENCH_PERSONS', quick ? 2500 : 10_000),
  duration: envNumber('BENCH_DURATION', quick ? 1 : 10),
  warmup: envNumber('BENCH_WARMUP', quick ? 0.5 : 2),
  connections: envNumber('BENCH_CONNECTIONS', quick ? 4 : 10),
  rounds: Math.max(1, envNumber('BENCH_ROUNDS', quick ? 1 : 3)),
  /** --quick: each run sends this many requests (warm-up: one per connection) instead of lasting BENCH_DURATION. */
  amount: quick ? envNumber('BENCH_AMOUNT', 8) : undefined,
};
const policySettings: PolicyCostSettings = {
  duration: envNumber('BENCH_POLICY_DURATION', quick ? 1 : 12),
  warmup: settings.warmup,
  connections: settings.connections,
  rounds: envNumber('BENCH_POLICY_ROUNDS', quick ? 0 : 3),
  cpuRounds: envNumber('BENCH_CPU_ROUNDS', quick ? 1 : 20),
  cpuBatch: quick ? 4 : undefined,
  cpuWarm: quick ? 2 : 16,
};

/** BENCH_SUITES — the cryptographic suites of the policy on/off measurement. @default intl,sm (--quick: intl) */
function selectedSuites(): SuiteName[] {
  const raw = process.env.BENCH_SUITES?.split(',').map((s) => s.trim()).filter(Boolean) ?? (quick ? ['intl'] : ['intl', 'sm']);
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

/** BENCH_SIDES — which sides to run (govgraph always). @default all the tree has */
function selectedSides(): Side[] {
  const only = process.env.BENCH_SIDES?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!only?.length) return [...SIDES];
  const unknown = only.filter((s) => !SIDES.includes(s as Side));
  if (unknown.length) throw new Error(`BENCH_SIDES: unknown side(s) ${unknown.join(', ')}; known: ${SIDES.join(', ')}`);
  return SIDES.filter((s) => s === 'govgraph' || only.includes(s));
}

const f = (n: number | undefined, d = 1) => (n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(d));
const mb = (kb: number | undefined) => (kb === undefined ? '—' : `${Math.round(kb / 1024)}`);
const x = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(2)}×`);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The backend process: requests and answers over IPC, one at a time. */
class Backend {
  private exited: string | undefined;
  constructor(readonly child: ChildProcess) {
    child.once('exit', (code, signal) => (this.exited = `the backend process exited (${signal ?? code})`));
  }
  get pid(): number {
    return this.child.pid!;
  }
  next<K extends BackendMessage['kind']>(kind: K): Promise<Extract<BackendMessage, { kind: K }>> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(this.exited));
      const onMessage = (m: BackendMessage) => {
        if (m.kind !== kind && m.kind !== 'failed') return;
        cleanup();
        if (m.kind === 'failed') reject(new Error(`backend: ${m.error}`));
        else resolve(m as Extract<BackendMessage, { kind: K }>);
      };
      const onExit = () => (cleanup(), reject(new Error(this.exited ?? 'the backend process exited')));
      const cleanup = () => (this.child.off('message', onMessage), this.child.off('exit', onExit));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }
  ask<K extends BackendMessage['kind']>(request: BackendRequest, answer: K): Promise<Extract<BackendMessage, { kind: K }>> {
    const reply = this.next(answer);
    this.child.send(request);
    return reply;
  }
  async statements(): Promise<{ request: number; background: number }> {
    return (await this.ask({ kind: 'sql' }, 'sql')).statements;
  }
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ kind: 'stop' } satisfies BackendRequest);
    const timer = setTimeout(() => this.child.kill('SIGTERM'), 60_000);
    await gone;
    clearTimeout(timer);
  }
}

/** One job for the load process, and its answer. */
function drive(loader: ChildProcess, job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null) => {
      loader.off('message', onMessage);
      reject(new Error(`the load process exited (${signal ?? code})`));
    };
    const onMessage = (m: { result?: LoadResult; error?: string }) => {
      loader.off('exit', onExit);
      if (m.result) resolve(m.result);
      else reject(new Error(m.error));
    };
    loader.once('message', onMessage);
    loader.once('exit', onExit);
    loader.send(job);
  });
}

/**
 * autocannon leaves its in-flight requests to the server when a timed run stops: let them
 * finish, so no run pays for the previous one. A run of a number of requests (--quick) waits
 * for every answer itself.
 */
const drain = (r: LoadResult) => (settings.amount ? Promise.resolve() : sleep(Math.min(20_000, Math.max(250, (Number.isFinite(r.p99) ? r.p99 : 1000) * 1.5))));

/**
 * Each subgraph's govgraph_sql_statements_total from its /metrics (lib/metrics: its requests'
 * and its background work's statements), by service; undefined when the subgraphs do not
 * export it. Per service, beside the backend's own count.
 */
async function sqlByService(subgraphUrls: Record<string, string>): Promise<Record<string, number> | undefined> {
  const out: Record<string, number> = {};
  for (const [name, url] of Object.entries(subgraphUrls)) {
    try {
      const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'), { signal: AbortSignal.timeout(5000) })).text();
      const m = /^govgraph_sql_statements_total(?:\{[^}]*\})?\s+([0-9.e+]+)\s*$/m.exec(text);
      if (!m) return undefined;
      out[name] = Number(m[1]);
    } catch {
      return undefined;
    }
  }
  return out;
}

interface Target {
  url: string;
  headers: Record<string, string>;
  /** The side's gateway process (none for the limit). */
  gatewayPid?: number;
}

async function main(): Promise<number> {
  const workloads = selectedWorkloads();
  const suites = selectedSuites();
  const wanted = selectedSides();
  const interrupted = { now: false };
  const onSignal = () => {
    interrupted.now = true;
    console.error('\ninterrupted: finishing the current run, then shutting down');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  const loadAtStart = os.loadavg();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-bench-data-'));
  const fronts = new Map<Side, RunningFront>();
  const missing: Partial<Record<Side, string>> = {};
  let backend: Backend | undefined;
  let loader: ChildProcess | undefined;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  try {
    // The fronts run from dist/, as `govgraph serve` does: compiled once here, not by two fronts at once.
    require('../scripts/build.js').ensureBuilt();
    console.log(`${quick ? 'QUICK (a smoke run: small world, one short round; the numbers are not a measurement) — ' : ''}node ${process.version}, ${os.cpus().length} CPUs, load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}`);

    // ---- The backend: databases, govgraph's subgraphs, the limit -------------------------
    backend = new Backend(
      fork(path.join(__dirname, 'backend.ts'), [], {
        execArgv: ['--import', 'tsx', '--expose-gc'],
        // Its warnings are about the demo keys and the in-memory stores, as expected here; errors still show.
        env: { ...process.env, GOVGRAPH_LOG_LEVEL: childLogLevel(), GOVGRAPH_DATA_DIR: dataDir, BENCH_PERSONS: String(settings.persons), BENCH_WORKLOADS: workloads.map((w) => w.name).join(',') },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const ready: BackendReady = await backend.next('ready');
    const real = Object.values(ready.engines).some((e) => e !== 'pglite');
    console.log(`databases: ${real ? 'real servers' : 'embedded PGlite (in the backend process: its CPU is counted there)'} — ${Object.entries(ready.engines).map(([n, e]) => `${n}=${e}`).join(', ')}`);
    console.log(`world: ${ready.world.persons} persons, ${ready.world.companies} companies, ${ready.world.households} households (seeded in ${ready.seedSeconds.toFixed(1)} s); backend up at ${elapsed()}`);

    // ---- The fronts, each its own process --------------------------------------------------
    // Started together (each takes seconds of CPU to load); govgraph's must start, a peer that cannot is reported missing.
    const launched = await Promise.allSettled(
      FRONTS.map(async (spec) => {
        if (!wanted.includes(spec.side)) return void (missing[spec.side] = 'not selected (BENCH_SIDES)');
        const launch = spec.launch();
        if ('missing' in launch) return void (missing[spec.side] = launch.missing);
        try {
          fronts.set(spec.side, await startFront(spec, { dataDir, subgraphUrls: ready.subgraphUrls }));
        } catch (err) {
          if (spec.side === 'govgraph') throw err;
          missing[spec.side] = `did not start: ${(err as Error).message.split('\n')[0]}`;
          console.error(`${spec.side}: ${(err as Error).message}`);
        }
      }),
    );
    // Every front is in `fronts` (stopped in finally) before govgraph's failure, if any, ends the run.
    for (const s of launched) if (s.status === 'rejected') throw s.reason;
    if (!wanted.includes('limit')) missing.limit = 'not selected (BENCH_SIDES)';
    const sides = SIDES.filter((s) => (s === 'limit' ? !missing.limit : fronts.has(s)));
    console.log(`sides: ${sides.map((s) => `${s}${s === 'limit' ? ` ${ready.limitUrl}` : ` ${fronts.get(s)!.url} (${fronts.get(s)!.how}, pid ${fronts.get(s)!.pid})`}`).join(', ')}; backend pid ${backend.pid}; up at ${elapsed()}`);
    for (const [side, why] of Object.entries(missing)) console.log(`MISSING SIDE ${side}: ${why}`);

    const target = (side: Side, w: string): Target =>
      side === 'limit' ? { url: `${ready.limitUrl}/${w}`, headers: {} } : { url: fronts.get(side)!.url, headers: ready.headers, gatewayPid: fronts.get(side)!.pid };

    // ---- Identical answers first: a side that answers something else measures nothing -------
    const failures: string[] = [];
    for (const w of workloads) {
      const body = ready.bodies[w.name];
      const answers = new Map<Side, GraphQLBody & { status: number }>();
      for (const side of sides) answers.set(side, await post(target(side, w.name).url, target(side, w.name).headers, body));
      const g = answers.get('govgraph')!;
      const problems = g.status === 200 ? w.check(g, 'on') : [`HTTP ${g.status}`, ...w.check(g, 'on')];
      for (const p of problems) failures.push(`${w.name} (govgraph): ${p}`);
      const reference = JSON.stringify(g.data);
      for (const side of sides.filter((s) => s !== 'govgraph')) {
        const a = answers.get(side)!;
        if (a.status !== 200 || JSON.stringify(a.data) !== reference) {
          failures.push(`${w.name} (${side}): its data differs from govgraph's (HTTP ${a.status}${a.errors?.length ? `, errors: ${a.errors.slice(0, 2).map((e) => `${String(e.extensions?.code ?? '?')} ${e.message}`).join('; ')}` : ''})`);
        }
      }
    }
    if (failures.length) {
      console.error(`A side does not answer as govgraph does; nothing was measured:\n  ${failures.join('\n  ')}`);
      return 1;
    }
    console.log(`checked: ${workloads.map((w) => w.name).join(', ')} — ${sides.join(', ')} answer the same data (govgraph's checks pass: rows, masking)`);
    console.log(
      `load: ${settings.connections} connections from a separate process, ` +
        (settings.amount ? `${settings.connections} requests warm-up + ${settings.amount} measured per run, ` : `${settings.warmup} s warm-up + ${settings.duration} s measured per run, `) +
        `${settings.rounds} round(s) rotating which side goes first; the median run of each side counts\n`,
    );

    // ---- Measure, side by side -------------------------------------------------------------
    const be = backend;
    const load = (loader = fork(path.join(__dirname, 'limit', 'load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const runSide = async (side: Side, w: Workload): Promise<{ run: SideRun; bad: number }> => {
      const t = target(side, w.name);
      const job: LoadJob = { url: t.url, headers: t.headers, body: ready.bodies[w.name], connections: settings.connections, duration: settings.duration, warmup: 0, amount: settings.amount };
      if (settings.warmup > 0) await drain(await drive(load, { ...job, duration: settings.warmup, amount: settings.amount && settings.connections }));
      const pids = { gateway: t.gatewayPid, backend: be.pid };
      // Read outside the CPU readings, so that the scrapes are not counted in the window.
      const metrics0 = side === 'limit' ? undefined : await sqlByService(ready.subgraphUrls);
      for (const pid of Object.values(pids)) if (pid) resetPeakRss(pid);
      const before = { gateway: t.gatewayPid ? processCpuMs(t.gatewayPid) ?? NaN : 0, backend: processCpuMs(be.pid) ?? NaN, databases: databaseCpuMs(), sql: await be.statements() };
      const r = await drive(load, job);
      await drain(r);
      const after = { gateway: t.gatewayPid ? processCpuMs(t.gatewayPid) ?? NaN : 0, backend: processCpuMs(be.pid) ?? NaN, databases: databaseCpuMs(), sql: await be.statements() };
      const metrics1 = metrics0 && (await sqlByService(ready.subgraphUrls));
      const n = Math.max(1, r.sent);
      const run: SideRun = {
        rps: r.rps,
        p50: r.p50,
        p95: r.p95,
        p99: r.p99,
        requests: r.requests,
        sent: r.sent,
        cpu: { gateway: (after.gateway - before.gateway) / n, backend: (after.backend - before.backend) / n, databases: real ? (after.databases - before.databases) / n : 0 },
        sql: (after.sql.request - before.sql.request) / n,
        backgroundSql: after.sql.background - before.sql.background,
        ...(metrics0 && metrics1 ? { sqlByService: Object.fromEntries(Object.keys(metrics0).map((k) => [k, ((metrics1[k] ?? 0) - metrics0[k]) / n])) } : {}),
        peakRssKb: { gateway: pids.gateway ? peakRssKb(pids.gateway) : undefined, backend: peakRssKb(be.pid) },
      };
      return { run, bad: r.non2xx + r.errors + r.timeouts + (r.requests === 0 ? 1 : 0) };
    };

    const results: Record<string, { description: string; sides: Partial<Record<Side, SideSummary>>; ratios: Ratios; runs: Partial<Record<Side, SideRun[]>> }> = {};
    for (const w of workloads) {
      const runs: Partial<Record<Side, SideRun[]>> = Object.fromEntries(sides.map((s) => [s, []]));
      for (let round = 0; round < settings.rounds && !interrupted.now; round++) {
        for (const side of sides.map((_, i) => sides[(i + round) % sides.length])) {
          if (interrupted.now) break;
          const { run, bad } = await runSide(side, w);
          console.log(
            `  ${w.name.padEnd(16)} ${side.padEnd(9)} round ${round + 1}: ${f(run.rps).padStart(7)} req/s  p50 ${f(run.p50, 0)}  p95 ${f(run.p95, 0)}  p99 ${f(run.p99, 0)} ms  ` +
              `CPU/req ${f(run.cpu.gateway)} + ${f(run.cpu.backend)} + ${f(run.cpu.databases)} ms  SQL/req ${f(run.sql)}` +
              (bad ? `  INVALID (${run.requests} answered, errors or non-2xx)` : ''),
          );
          if (!bad) runs[side]!.push(run);
        }
      }
      if (interrupted.now) return 130;
      const empty = sides.find((s) => !runs[s]!.length);
      if (empty) {
        console.error(`${w.name}: no valid run on the ${empty} side; cannot measure`);
        return 1;
      }
      // Still the same answer after the load (not an error page under pressure).
      const reference = JSON.stringify((await post(target('govgraph', w.name).url, ready.headers, ready.bodies[w.name])).data);
      for (const side of sides) {
        const a = await post(target(side, w.name).url, target(side, w.name).headers, ready.bodies[w.name]);
        if (JSON.stringify(a.data) !== reference || (side === 'govgraph' && w.check(a, 'on').length)) {
          console.error(`${w.name} (${side}) after the load: the data differs from govgraph's; cannot measure`);
          return 1;
        }
      }
      const summaries = Object.fromEntries(sides.map((s) => [s, summariseSide(runs[s]!)])) as Partial<Record<Side, SideSummary>>;
      results[w.name] = { description: w.description, sides: summaries, ratios: ratios(summaries), runs };
    }

    // ---- The sides are done: their processes go, the policy on/off measurement follows ------
    for (const front of fronts.values()) await front.stop();
    fronts.clear();
    loader.kill();
    loader = undefined;
    await be.ask({ kind: 'stopSides' }, 'sql');
    console.log(`\nside by side done at ${elapsed()}; now policies + access log on vs off (in the backend process: three federations over the same databases)`);
    const policy = await be.ask({ kind: 'policyCost', suites, workloads: workloads.map((w) => w.name), settings: policySettings }, 'policyCost');
    if (policy.code !== undefined) return policy.code;
    const bySuite = policy.suites;

    // ---- Report ------------------------------------------------------------------------------
    console.log(`\n==== govgraph as deployed, the limit and the peer, side by side (${real ? 'real servers' : 'embedded PGlite'}, ${ready.world.persons} persons, ${settings.connections} connections)`);
    const rows = [['workload', 'side', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU/req gateway', 'backend', 'databases', 'total ms', 'SQL/req', 'peak RSS gateway', 'backend MB']];
    for (const [name, r] of Object.entries(results)) {
      for (const side of sides) {
        const s = r.sides[side]!;
        rows.push([name, side, f(s.rps), f(s.p50, 0), f(s.p95, 0), f(s.p99, 0), side === 'limit' ? '—' : f(s.cpu.gateway), f(s.cpu.backend), real ? f(s.cpu.databases) : 'in backend', f(s.cpu.total), f(s.sql), side === 'limit' ? '—' : mb(s.peakRssKb.gateway), mb(s.peakRssKb.backend)]);
      }
    }
    console.log(table(rows));
    console.log(
      'backend = govgraph\'s five subgraphs for govgraph and Hive (the same process, the same subgraphs), the limit server for the limit' +
        `${real ? '' : ', and the embedded databases for all'}; peak RSS: the highest of the side's windows (backend: one process holds the subgraphs and the limit server)`,
    );
    const ratioRows = [['workload', '', 'govgraph÷hive req/s', 'govgraph÷hive-rust req/s', 'p50 govgraph÷limit', 'CPU/req govgraph÷limit', '(without databases)', 'req/s limit÷govgraph']];
    for (const [name, r] of Object.entries(results)) {
      ratioRows.push([name, '', x(r.ratios.throughputVsHive), x(r.ratios.throughputVsHiveRust), x(r.ratios.p50VsLimit), x(r.ratios.cpuVsLimit), x(r.ratios.nodeCpuVsLimit), x(r.ratios.limitThroughputMultiple)]);
    }
    console.log(`\n${table(ratioRows)}`);

    for (const suite of suites) {
      const reports = bySuite[suite];
      if (!reports) continue;
      console.log(`\n==== policies + access log on vs off, GOVGRAPH_CRYPTO=${suite}`);
      console.log(policyTable(reports, policySettings.rounds > 0));
    }
    const suiteCost = bySuite.intl && bySuite.sm ? nationalSuiteCost(bySuite.intl, bySuite.sm) : undefined;
    if (suiteCost) {
      console.log(`\nwhat the national suite costs each stack (CPU per request, sm against intl): ${Object.entries(suiteCost).map(([n, c]) => `${n}: off ${pct(c.off)}, policy ${pct(c.policy)}, on ${pct(c.on)}`).join('; ')}`);
    }

    const targets: TargetResult[] = [];
    for (const [name, r] of Object.entries(results)) targets.push(...sideTargets(name, r.ratios, missing));
    for (const suite of suites) {
      for (const w of workloads) {
        const rep: WorkloadReport | undefined = bySuite[suite]?.[w.name];
        targets.push(capacityTarget(w.name, suite, rep && cpuTotal(rep.cpu.off), rep && cpuTotal(rep.cpu.on)));
      }
    }
    console.log(`\n==== targets (issue 13)${quick ? ' — QUICK run: a smoke check, not a measurement' : ''}`);
    for (const t of targets) console.log(targetLine(t));
    for (const [side, why] of Object.entries(missing)) console.log(`MISSING SIDE ${side}: ${why}`);

    const loadAtEnd = os.loadavg();
    const result = {
      date: new Date().toISOString(),
      quick,
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage: { start: loadAtStart, end: loadAtEnd },
      seconds: Math.round((Date.now() - started) / 1000),
      engine: real ? 'servers' : 'pglite',
      engines: ready.engines,
      world: ready.world,
      settings: { ...settings, policy: policySettings, suites, logLevel: process.env.GOVGRAPH_LOG_LEVEL, counted: 'median run per side (by req/s); CPU, SQL: medians over runs; peak RSS: highest' },
      identity: { user: PEOPLE.caseworker.user, dept: PEOPLE.caseworker.dept, purpose: DIBAO.purpose, grantId: DIBAO.grantId },
      sides,
      missing,
      workloads: results,
      policyCost: { suites: bySuite, ...(suiteCost ? { nationalSuiteCpuCost: suiteCost } : {}) },
      targets,
    };
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written: ${path.relative(process.cwd(), RESULTS_FILE)} (${elapsed()}, load average now ${loadAtEnd.map((l) => l.toFixed(1)).join(' ')})`);
    return 0;
  } finally {
    loader?.kill();
    for (const front of fronts.values()) await front.stop().catch((err) => console.error(`stopping ${front.side}:`, err));
    await backend?.stop().catch((err) => console.error('stopping the backend:', err));
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

runScript('bench', main);
