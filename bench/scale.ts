/**
 * Issue 13's target "per-request cost flat from 10,000 to 1,000,000 persons (ratio ≤ 1.2)":
 * the same workloads measured over a small and a large world, side by side, in one run.
 *
 *   GOVGRAPH_PG_URL=postgres://… GOVGRAPH_MYSQL_URL=mysql://… \
 *   NODE_OPTIONS='--expose-gc --max-old-space-size=8192' npx tsx bench/scale.ts
 *
 * For each size (BENCH_SCALE_PERSONS, default `10000,1000000`) it generates the synthetic world
 * and seeds a fresh set of throw-away department databases from it with the departments' own
 * seed code — what `govgraph seed --persons N` runs (bench/federation.ts's openBenchDatabases:
 * real servers when GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL are set, embedded PGlite otherwise),
 * timing it — builds each workload's request from that world and lets the world go (a
 * million-person world in this process's heap would make every collection dearer). Then a
 * deployed federation (`on`: policies, access log, trust chain) over each set, both running in
 * this process, and for every workload (BENCH_WORKLOADS, default all):
 *
 * - the answer of each checked (bench/workloads): no errors, the expected rows, masking;
 * - **CPU per request** (cpuCost.ts: batches of requests, this process's CPU plus the local
 *   database servers', a forced collection at both ends of each batch), BENCH_REPEATS times
 *   per size (default 3, the sizes taking turns, the order alternating) after one discarded
 *   warm-up measurement, BENCH_ROUNDS batches each (default 6): the median;
 * - **p50 latency** of requests sent one at a time (no queueing: the request's own cost),
 *   BENCH_LATENCY_ROUNDS rounds (default 5) of 8 requests to each federation in turn;
 * - **SQL statements per request**: each department's `govgraph_sql_statements_total` (its
 *   /metrics) before and after those requests, access-log writes included, summed over the
 *   four departments (the sharing subgraph takes no part in these workloads; its own scrapes
 *   read the log's checkpoint).
 *
 * The ratio large ÷ small of each is printed against the target (≤ 1.2) and everything is
 * written to bench/results/scale.json. The databases are dropped at the end. Exit code 0
 * whether or not the target is met; 1 when it cannot measure (a wrong answer, a failure).
 *
 * The requests are the workloads' own at each size: persons500 takes 500 persons spread over
 * the whole world, parcelsNear100 the radius of the 100th-nearest parcel of that world (~100
 * parcels at both sizes), legalPersons500 the first page, flagship the showcase household
 * (the same in every world). Both federations share the machine and this process, measured
 * in alternation, so load from elsewhere falls on both.
 */
import './quiet';
import fs from 'node:fs';
import path from 'node:path';
import { generateWorld } from '../lib/synthetic';
import { testSecurity, PEOPLE, DIBAO, type TestSecurity } from '../test/support/security';
import type { RunningStack } from '../app/stack';
import { workloads, type Workload } from './workloads';
import { measureCpuCost } from './cpuCost';
import { openBenchDatabases, startBenchStack, post, policyModeOf, type BenchDatabases } from './federation';
import { envNumber, runScript } from './script';

/** Issue 13: per-request cost at 1,000,000 persons at most this many times that at 10,000. */
export const TARGET_RATIO = 1.2;
const DEPARTMENTS = ['population', 'legal-person', 'geospatial', 'social-security'];

interface Size {
  persons: number;
  seedSeconds: number;
  dbs: BenchDatabases;
  stack?: RunningStack;
  /** Each workload's request body, built from this world. */
  bodies: Record<string, string>;
  /** What the request returns, for the report: rows of the list. */
  rows: Record<string, number>;
}

interface Measured {
  /** ms of CPU per request: this process (gateway, subgraphs), the database servers, both. */
  cpu: { node: number; db: number; total: number; repeats: number[] };
  p50: number;
  p95: number;
  sqlPerRequest: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** The sum of the departments' `govgraph_sql_statements_total`, from their /metrics. */
async function sqlStatements(stack: RunningStack): Promise<number> {
  let sum = 0;
  for (const name of DEPARTMENTS) {
    const text = await (await fetch(stack.subgraphUrls[name].replace(/\/graphql$/, '/metrics'))).text();
    const line = text.split('\n').find((l) => l.startsWith('govgraph_sql_statements_total'));
    if (!line) throw new Error(`${name}: no govgraph_sql_statements_total on /metrics`);
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Rows in an answer, for the report (persons, edges, parcels, household members). */
function rowsOf(data: Record<string, any> | null | undefined): number {
  const value = data ? Object.values(data)[0] : undefined;
  if (Array.isArray(value)) return value.length;
  if (Array.isArray(value?.edges)) return value.edges.length;
  if (Array.isArray(value?.household?.members)) return value.household.members.length;
  return value ? 1 : 0;
}

async function openSize(persons: number, selected: Workload[]): Promise<Size> {
  const generated = Date.now();
  let world: ReturnType<typeof generateWorld> | undefined = generateWorld({ persons });
  console.log(`${persons.toLocaleString('en')} persons: world generated in ${((Date.now() - generated) / 1000).toFixed(1)} s; seeding…`);
  const bodies = Object.fromEntries(selected.map((w) => [w.name, JSON.stringify(w.request(world!))]));
  const started = Date.now();
  const dbs = await openBenchDatabases(world);
  world = undefined; // the requests are built: a million persons need not stay in the heap
  const seedSeconds = (Date.now() - started) / 1000;
  console.log(`${persons.toLocaleString('en')} persons: seeded in ${seedSeconds.toFixed(0)} s (${Object.entries(dbs.engines).map(([n, e]) => `${n} ${e}`).join(', ')})`);
  return { persons, seedSeconds, dbs, bodies, rows: {} };
}

async function main(): Promise<number> {
  if (!(globalThis as { gc?: unknown }).gc) console.warn('no global.gc (run with NODE_OPTIONS=--expose-gc): garbage lands in whichever batch collects it');
  const sizes = (process.env.BENCH_SCALE_PERSONS ?? '10000,1000000').split(',').map((s) => Number(s.trim()));
  if (sizes.length !== 2 || sizes.some((n) => !Number.isInteger(n) || n < 3000)) throw new Error('BENCH_SCALE_PERSONS: two sizes of at least 3000 persons, small first (e.g. 10000,1000000)');
  const names = process.env.BENCH_WORKLOADS?.split(',').map((s) => s.trim()).filter(Boolean);
  const selected = names ? names.map((n) => workloads.find((w) => w.name === n) ?? (() => { throw new Error(`unknown workload ${n}`); })()) : workloads;
  const repeats = envNumber('BENCH_REPEATS', 3);
  const rounds = envNumber('BENCH_ROUNDS', 6);
  const latencyRounds = envNumber('BENCH_LATENCY_ROUNDS', 5);
  const labels = sizes.map((n) => String(n));

  const opened: Size[] = [];
  let security: TestSecurity | undefined;
  try {
    // One at a time: seeding is the database servers' work, and two at once only share them.
    for (const n of sizes) opened.push(await openSize(n, selected));
    security = await testSecurity();
    for (const size of opened) size.stack = await startBenchStack(size.dbs, security, 'on');
    const headers = await security.headers(PEOPLE.caseworker, DIBAO);
    const url = (size: Size) => `${size.stack!.gatewayUrl}/graphql`;
    console.log(`${opened[0].dbs.real ? 'real servers' : 'embedded PGlite'}; node ${process.version}; ${repeats} × ${rounds} CPU rounds, ${latencyRounds} latency rounds per workload`);

    for (const w of selected) for (const size of opened) {
      const answer = await post(url(size), headers, size.bodies[w.name]);
      const problems = w.check(answer, policyModeOf('on'));
      if (problems.length) throw new Error(`${w.name} at ${size.persons} persons: ${problems.join('; ')}`);
      size.rows[w.name] = rowsOf(answer.data);
    }

    const results: Record<string, Record<string, Measured>> = {};
    for (const w of selected) {
      const measured: Record<string, Measured> = {};
      // CPU per request: each size's own request (its ids, its radius), measured in turn, the
      // order alternating, one discarded measurement each first (the JIT is still compiling).
      const node: Record<string, number[]> = Object.fromEntries(labels.map((l) => [l, []]));
      const db: Record<string, number[]> = Object.fromEntries(labels.map((l) => [l, []]));
      for (let i = 0; i <= repeats; i++) {
        for (let k = 0; k < opened.length; k++) {
          const at = (k + i) % opened.length;
          const cost = (await measureCpuCost({ urls: { [labels[at]]: url(opened[at]) }, headers, body: opened[at].bodies[w.name], rounds }))[labels[at]];
          if (i === 0) continue;
          node[labels[at]].push(cost.node);
          db[labels[at]].push(cost.db);
        }
      }
      // Latency one request at a time, and the statements those requests ran.
      const latencies: Record<string, number[]> = Object.fromEntries(labels.map((l) => [l, []]));
      const statements: Record<string, number> = Object.fromEntries(labels.map((l) => [l, 0]));
      for (let r = 0; r < latencyRounds; r++) {
        for (let k = 0; k < opened.length; k++) {
          const i = (k + r) % opened.length;
          const size = opened[i];
          const before = await sqlStatements(size.stack!);
          for (let j = 0; j < 8; j++) {
            const t0 = process.hrtime.bigint();
            const res = await post(url(size), headers, size.bodies[w.name]);
            latencies[labels[i]].push(Number(process.hrtime.bigint() - t0) / 1e6);
            if (res.status !== 200 || res.errors?.length) throw new Error(`${w.name} at ${size.persons} persons: HTTP ${res.status} ${JSON.stringify(res.errors?.[0] ?? '')}`);
          }
          statements[labels[i]] += (await sqlStatements(size.stack!)) - before;
        }
      }
      for (const l of labels) {
        const total = node[l].map((x, i) => x + db[l][i]);
        measured[l] = {
          cpu: { node: median(node[l]), db: median(db[l]), total: median(total), repeats: total },
          p50: percentile(latencies[l], 50),
          p95: percentile(latencies[l], 95),
          sqlPerRequest: statements[l] / (latencyRounds * 8),
        };
      }
      results[w.name] = measured;
      const [a, b] = labels.map((l) => measured[l]);
      console.log(
        `  ${w.name.padEnd(16)} CPU ${a.cpu.total.toFixed(1)} → ${b.cpu.total.toFixed(1)} ms (×${(b.cpu.total / a.cpu.total).toFixed(2)}), p50 ${a.p50.toFixed(1)} → ${b.p50.toFixed(1)} ms (×${(b.p50 / a.p50).toFixed(2)}), SQL/request ${a.sqlPerRequest} → ${b.sqlPerRequest}`,
      );
    }

    report(opened, labels, results);
    return 0;
  } finally {
    for (const size of opened) await size.stack?.stop().catch((err) => console.error(`stopping the ${size.persons}-person stack:`, err));
    security?.policy.close();
    for (const size of opened) await size.dbs.drop();
  }
}

function report(opened: Size[], labels: string[], results: Record<string, Record<string, Measured>>): void {
  const [small, large] = labels;
  const f = (x: number) => x.toFixed(1);
  const header = ['workload', `rows`, `CPU ms ${small}`, `CPU ms ${large}`, 'CPU ratio', `p50 ms ${small}`, `p50 ms ${large}`, 'p50 ratio', 'SQL/req', 'target'];
  const rows = Object.entries(results).map(([name, m]) => {
    const cpuRatio = m[large].cpu.total / m[small].cpu.total;
    const p50Ratio = m[large].p50 / m[small].p50;
    const met = cpuRatio <= TARGET_RATIO && p50Ratio <= TARGET_RATIO;
    return [
      name,
      `${opened[0].rows[name]} / ${opened[1].rows[name]}`,
      `${f(m[small].cpu.total)} (${f(m[small].cpu.node)}+${f(m[small].cpu.db)})`,
      `${f(m[large].cpu.total)} (${f(m[large].cpu.node)}+${f(m[large].cpu.db)})`,
      cpuRatio.toFixed(2),
      f(m[small].p50),
      f(m[large].p50),
      p50Ratio.toFixed(2),
      `${m[small].sqlPerRequest} / ${m[large].sqlPerRequest}`,
      met ? 'met' : 'TARGET MISSED',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log(`\nPer-request cost at ${Number(small).toLocaleString('en')} and ${Number(large).toLocaleString('en')} persons (CPU: this process + databases; target: ratio ≤ ${TARGET_RATIO})`);
  for (const r of [header, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
  const file = path.join(__dirname, 'results', 'scale.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        engines: opened[0].dbs.engines,
        target: TARGET_RATIO,
        sizes: opened.map((s) => ({ persons: s.persons, seedSeconds: s.seedSeconds, rows: s.rows })),
        workloads: Object.fromEntries(
          Object.entries(results).map(([name, m]) => [name, { ...m, cpuRatio: m[large].cpu.total / m[small].cpu.total, p50Ratio: m[large].p50 / m[small].p50 }]),
        ),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

runScript('scale', main);
