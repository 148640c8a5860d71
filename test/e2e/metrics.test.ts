/**
 * GET /metrics on the gateway and on every subgraph (lib/metrics, wired in app/metrics.ts),
 * scraped from a running federation before and after real queries: the counters that the
 * queries should move move — requests by operation and outcome, latency, subgraph calls,
 * denials by reason, refusals by code, the access log's commits and batches, AUDIT_UNAVAILABLE
 * when the log cannot be written, SQL statements by the service that ran them — and the
 * gauges read the pools, the policy revision in force and the age of the newest signed
 * checkpoint. The Grafana dashboard in deploy/grafana/ reads
 * only series and labels that the processes export.
 */
import { startTestStack, TestStack } from '../support/stack';
import { postGraphQL } from '../support/http';
import { PEOPLE, DIBAO } from '../support/security';
import { flagshipQuery } from '../support/queries';
import { SHOWCASE } from '../../lib/synthetic';
import { currentLogger } from '../../lib/log';
import fs from 'node:fs';
import path from 'node:path';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format → samples. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of the samples of `name` whose labels include `labels`. */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);
}

const samplesOf = (samples: Sample[], name: string) => samples.filter((s) => s.name === name);

/** How far a series moved at a service between two scrapes of every service. */
const movedBetween =
  (before: Record<string, Sample[]>, after: Record<string, Sample[]>) =>
  (service: string, name: string, labels: Record<string, string> = {}): number =>
    total(after[service], name, labels) - total(before[service], name, labels);

const DEPARTMENTS = ['population', 'legal-person', 'geospatial', 'social-security'];

let stack: TestStack;
/** Each service's base URL: the gateway's, and each subgraph's without /graphql. */
let bases: Record<string, string>;
const checkpointSecondsBefore = process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS;

beforeAll(async () => {
  // The anchor signs a checkpoint every second here (60 s as deployed), so its age shows soon.
  process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS = '1';
  stack = await startTestStack();
  bases = { gateway: stack.gatewayUrl, ...Object.fromEntries(Object.entries(stack.subgraphUrls).map(([n, u]) => [n, u.replace(/\/graphql$/, '')])) };
});
afterAll(async () => {
  await stack?.stop();
  if (checkpointSecondsBefore === undefined) delete process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS;
  else process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS = checkpointSecondsBefore;
});

async function scrape(service: string): Promise<Sample[]> {
  const res = await fetch(`${bases[service]}/metrics`);
  expect([service, res.status]).toEqual([service, 200]);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await res.text());
}

async function scrapeAll(): Promise<Record<string, Sample[]>> {
  return Object.fromEntries(await Promise.all(Object.keys(bases).map(async (s) => [s, await scrape(s)] as const)));
}

/** Polls until `check` passes (metrics observed when a response has gone: a scrape may come a moment early). */
async function eventually(check: () => Promise<void>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('GET /metrics', () => {
  it('answers on the gateway and on every subgraph, with its service label and the process metrics', async () => {
    expect(Object.keys(bases).sort()).toEqual(['gateway', ...DEPARTMENTS, 'sharing'].sort());
    const all = await scrapeAll();
    for (const [service, samples] of Object.entries(all)) {
      expect([service, samples.some((s) => s.name === 'process_cpu_user_seconds_total')]).toEqual([service, true]);
      expect([service, samples.filter((s) => s.name.startsWith('govgraph_')).every((s) => s.labels.service === service)]).toEqual([service, true]);
    }
  });

  it('counts the flagship query at the gateway, at every department it called, and its access records', async () => {
    const before = await scrapeAll();
    const res = await stack.query(flagshipQuery('MetricsFlagship', 'socialInsurance { insuranceType status }'), { id: SHOWCASE.head });
    expect(res.errors).toBeUndefined();
    await eventually(async () => {
      const after = await scrapeAll();
      const moved = movedBetween(before, after);
      expect(moved('gateway', 'govgraph_requests_total', { operation: 'MetricsFlagship', outcome: 'ok' })).toBe(1);
      expect(moved('gateway', 'govgraph_request_duration_seconds_count', { operation: 'MetricsFlagship', outcome: 'ok' })).toBe(1);
      expect(moved('gateway', 'govgraph_request_duration_seconds_sum', { operation: 'MetricsFlagship' })).toBeGreaterThan(0);
      for (const department of DEPARTMENTS) {
        // The plan calls each department at least once; none fails (an answer may carry the
        // denial of a key the gateway fetched for a join, which the client never sees).
        expect([department, moved('gateway', 'govgraph_subgraph_calls_total', { subgraph: department }) >= 1]).toEqual([department, true]);
        expect([department, moved('gateway', 'govgraph_subgraph_calls_total', { subgraph: department, outcome: 'failed' })]).toEqual([department, 0]);
        expect([department, moved('gateway', 'govgraph_subgraph_call_duration_seconds_count', { subgraph: department })]).toEqual([
          department,
          moved('gateway', 'govgraph_subgraph_calls_total', { subgraph: department }),
        ]);
        // … and the department counts them under the client's operation, not the plan's sub-query.
        expect([department, moved(department, 'govgraph_requests_total', { operation: 'MetricsFlagship' }) >= 1]).toEqual([department, true]);
        // Every one of its requests read personal data, so each left one access record.
        const requests = moved(department, 'govgraph_requests_total', { operation: 'MetricsFlagship' });
        expect([department, moved(department, 'govgraph_audit_records_committed_total')]).toEqual([department, requests]);
        expect([department, moved(department, 'govgraph_audit_batch_records_sum')]).toEqual([department, requests]);
        expect([department, moved(department, 'govgraph_audit_commit_duration_seconds_count', { result: 'committed' }) >= 1]).toEqual([department, true]);
      }
    });
  });

  it('counts denials by reason and refusals by code, at the department and at the gateway', async () => {
    const before = await scrapeAll();
    // No grant: the conditional phone is GRANT_REQUIRED; caseFlags is NOT_SHARED whatever the grant.
    const noGrant = await stack.queryAs(PEOPLE.caseworker, { purpose: DIBAO.purpose }, `query MetricsDenied { person(idNumber: "${SHOWCASE.head}") { name phone caseFlags } }`);
    expect(noGrant.data?.person?.name).toBeTruthy();
    // A 江宁区 tax officer asking for a 玄武区 resident: OUT_OF_JURISDICTION.
    await stack.queryAs(PEOPLE.taxOfficer, { purpose: 'tax-audit' }, `query MetricsBorder { person(idNumber: "${SHOWCASE.head}") { name } }`);
    // No token at all: refused before GraphQL runs.
    const anonymous = await postGraphQL(`${stack.gatewayUrl}/graphql`, 'query MetricsNoToken { division(code: "320102") { name } }');
    expect(anonymous.status).toBe(401);
    await eventually(async () => {
      const after = await scrapeAll();
      const moved = movedBetween(before, after);
      for (const service of ['population', 'gateway']) {
        for (const reason of ['GRANT_REQUIRED', 'NOT_SHARED', 'OUT_OF_JURISDICTION']) {
          expect([service, reason, moved(service, 'govgraph_policy_denials_total', { reason })]).toEqual([service, reason, 1]);
        }
      }
      expect(moved('gateway', 'govgraph_requests_total', { operation: 'MetricsDenied', outcome: 'partial' })).toBe(1);
      expect(moved('gateway', 'govgraph_graphql_errors_total', { code: 'FORBIDDEN' })).toBe(3);
      expect(moved('gateway', 'govgraph_requests_total', { operation: 'MetricsNoToken', outcome: 'error' })).toBe(1);
      expect(moved('gateway', 'govgraph_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    });
  });

  it('counts every SQL statement a department runs once, under that department, its access-log writes included', async () => {
    // Every statement on every database of the stack, by the service whose request ran it
    // (lib/db/trace.ts attributes them so), and whether it wrote the access log.
    const seen: Record<string, { department: number; accessLog: number }> = {};
    const listener = (q: { sql: string }) => {
      const service = currentLogger()?.bindings().service ?? '(none)';
      const counts = (seen[service] ??= { department: 0, accessLog: 0 });
      if (/\baccess_log/.test(q.sql)) counts.accessLog += 1;
      else counts.department += 1;
    };
    const knexes = new Set([...stack.databases.values()].map((t) => t.db.knex));
    knexes.forEach((k) => k.on('query', listener));
    let before: Record<string, Sample[]>;
    try {
      before = await scrapeAll();
      const res = await stack.query(flagshipQuery('MetricsSql', 'socialInsurance { insuranceType status }'), { id: SHOWCASE.head });
      expect(res.errors).toBeUndefined();
    } finally {
      knexes.forEach((k) => k.off('query', listener));
    }
    const moved = movedBetween(before, await scrapeAll());
    expect(moved('gateway', 'govgraph_sql_statements_total')).toBe(0);
    expect(samplesOf(before.gateway, 'govgraph_sql_statements_total')).toEqual([]);
    for (const department of DEPARTMENTS) {
      const own = seen[department] ?? { department: 0, accessLog: 0 };
      // It read its database and committed its access record before answering.
      expect([department, own.department >= 1, own.accessLog >= 1]).toEqual([department, true, true]);
      expect([department, moved(department, 'govgraph_sql_statements_total')]).toEqual([department, own.department + own.accessLog]);
    }
  });

  it('reads the pools, the policy revision in force and the age of the newest checkpoint', async () => {
    const population = await scrape('population');
    expect(total(population, 'govgraph_db_pool_connections', { pool: 'department', state: 'max' })).toBeGreaterThan(0);
    expect(total(population, 'govgraph_db_pool_connections', { pool: 'platform', state: 'max' })).toBeGreaterThan(0);
    const revision = stack.security.policy.current.revision;
    expect(population.filter((s) => s.name === 'govgraph_policy_revision_info').map((s) => [s.labels.revision, s.value])).toEqual([[revision, 1]]);
    // The flagship query above left records; the anchor signs them within a second or two.
    await eventually(async () => {
      const age = (await scrape('sharing')).filter((s) => s.name === 'govgraph_audit_checkpoint_age_seconds');
      expect(age).toHaveLength(1);
      expect(age[0].value).toBeGreaterThanOrEqual(0); // NaN before the first checkpoint
      expect(age[0].value).toBeLessThan(30);
    }, 15_000);
  });

  it('counts AUDIT_UNAVAILABLE when the access log cannot be written', async () => {
    const platform = stack.databases.get('sharing')!.db.knex;
    const before = await scrapeAll();
    await platform.raw('ALTER TABLE access_log RENAME TO access_log_away');
    let res;
    try {
      res = await stack.query(`query MetricsNoLog { person(idNumber: "${SHOWCASE.head}") { name } }`);
    } finally {
      await platform.raw('ALTER TABLE access_log_away RENAME TO access_log');
    }
    expect(res.data?.person?.name ?? null).toBeNull();
    expect((res.errors ?? []).map((e) => e.extensions?.code)).toContain('AUDIT_UNAVAILABLE');
    await eventually(async () => {
      const after = await scrapeAll();
      const moved = movedBetween(before, after);
      expect(moved('population', 'govgraph_audit_unavailable_total')).toBe(1);
      expect(moved('population', 'govgraph_audit_commit_duration_seconds_count', { result: 'failed' })).toBeGreaterThanOrEqual(1);
      expect(moved('population', 'govgraph_graphql_errors_total', { code: 'AUDIT_UNAVAILABLE' })).toBe(1);
      expect(moved('gateway', 'govgraph_graphql_errors_total', { code: 'AUDIT_UNAVAILABLE' })).toBe(1);
    });
  });

  it('exports every series and label the Grafana dashboard (deploy/grafana/govgraph.json) reads', async () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'deploy', 'grafana', 'govgraph.json'), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((p: { targets?: Array<{ expr: string }> }) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(10);
    // Run last: the suite's queries have given every series a sample by now.
    const samples = Object.values(await scrapeAll()).flat();
    const exported = new Set(samples.map((x) => x.name));
    const labelsOf = (name: string) => new Set(samples.filter((x) => x.name === name).flatMap((x) => Object.keys(x.labels)));
    for (const expr of exprs) {
      const used = [...expr.matchAll(/\b((?:govgraph|process)_[a-z_]+)(\{[^}]*\})?/g)];
      expect([expr, used.length > 0]).toEqual([expr, true]);
      // Labels the expression selects on or groups by.
      const grouped = [...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap((m) => m[1].split(',').map((l) => l.trim()));
      for (const [, name, selector] of used) {
        expect([expr, name, exported.has(name)]).toEqual([expr, name, true]);
        const labels = labelsOf(name);
        const selected = [...(selector ?? '').matchAll(/([a-z_]+)\s*=~?/g)].map((m) => m[1]);
        for (const label of [...selected, ...grouped.filter((l) => l !== 'le')]) expect([expr, name, label, labels.has(label)]).toEqual([expr, name, label, true]);
      }
    }
  });
});
