/**
 * The console's 访问日志 and 统计 at 100,000 access records, on the real servers: the log is
 * filled through the product's own writer (chained, keyed, witnessed records that verify),
 * then searched through the gateway by the page's filters, page after page, each
 * page checked against the records written and timed; the statistics are checked against the
 * same records and timed; and the pages are driven once in Chromium at that size.
 *
 * Always checked: every page's records, the statistics' numbers, the browser's steps, and that
 * no page's plan scans the log — a missing index shows in the plan, whatever the machine's speed,
 * as `Seq Scan on access_log` or as an index read that drops more than {@link SCAN_ROWS_MAX}
 * rows by filter.
 *
 * Budgets (what a user feels as instant — a search answered within a few hundred ms keeps
 * them in the flow of their work; a second is where they start to wait) are measured and
 * printed against each run; they fail the run only as a benchmark, `npm run bench:access-log`
 * (GOVGRAPH_BUDGETS=enforce), on a machine doing nothing else — in `npm test` they share two
 * cores with every other suite, and a number met there says nothing about the product:
 * - a page of `accessLog` through the gateway, p95 of every page of every search here ≤
 *   {@link PAGE_P95_MS} (it includes the gateway, the subgraph call and the audit-read record of
 *   the search itself, committed and witnessed before the answer);
 * - its SQL alone (EXPLAIN ANALYZE on the server), every page ≤ {@link SQL_MAX_MS} — an index
 *   answers a page in about a millisecond; a scan of the log for a rare value took 88–210 ms,
 *   and grows with the log, and its plan is printed when it happens;
 * - the statistics (both queries of the 统计 page) ≤ {@link STATS_MS};
 * - in Chromium, each step (results, page 2, a record's detail, 统计) visible ≤ {@link STEP_MS}.
 * The machine is CI's: 2 cores, shared. Figures measured are printed (README, Console).
 *
 * Run on PostgreSQL servers only (GOVGRAPH_PG_URL): the embedded engine is a development
 * convenience, not what 100,000 records are served from. Chromium steps are skipped where
 * /usr/bin/chromium is missing, as in console.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Knex } from 'knex';
import { startTestStack, type TestStack } from '../support/stack';
import { AccessLog, AuditWriter, HeadWitness, accessEntry, type AccessEntryInput, type AccessRead } from '../../lib/audit';
import { makeIdNumber } from '../../lib/ids';
import { Prng } from '../../lib/synthetic/prng';
import type { Requester } from '../../lib/identity';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const onServers = !!process.env.GOVGRAPH_PG_URL;
if (!onServers) console.warn('GOVGRAPH_PG_URL is not set: the access log scale test runs on PostgreSQL servers only, skipped.');
const describeOnServers = onServers ? describe : describe.skip;

/** How many records: the issue's "stay fast at 100,000 access records". */
const RECORDS = 100_000;
/** The history they span, ending a few minutes ago. */
const DAYS = 42;
const PAGE = 20; // as accessLog.js pages
const PAGES = 5;
/** Budgets: see the top of the file. */
const PAGE_P95_MS = 300;
const SQL_MAX_MS = 50;
/**
 * What a page's plan may read and throw away: an index on the filtered value reads the page's
 * rows; one on `at` alone, filtering as it goes, reads on until it has a page — for a rare value,
 * the whole log. A tenth of the log is where a search has stopped using an index for its filter.
 */
const SCAN_ROWS_MAX = RECORDS / 10;
const STATS_MS = 1000;
/** A step in the browser adds the page's own work (render, focus) to the query's. */
const STEP_MS = 1500;
/** Timing budgets fail the run only when it is the benchmark (see the top of the file). */
const ENFORCE_BUDGETS = process.env.GOVGRAPH_BUDGETS === 'enforce';
const overBudget: string[] = [];
/** Whether a measured figure is within its budget; one that is not is noted (and, in the benchmark, failed). */
function withinBudget(what: string, measured: number, limit: number): boolean {
  if (measured > limit) overBudget.push(`${what}: ${ms(measured)} > ${ms(limit)}`);
  return measured <= limit;
}
/** The figure's verdict, as printed beside it. */
const verdict = (within: boolean) => (within ? 'within budget' : 'OVER BUDGET');

const OFFICER: Requester = { user: 'dsj-aq-01', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };

/** The department subgraphs, each writing its own chain, with the personal fields it serves. */
const PROVIDERS = [
  { service: 'population', provider: 'public-security', weight: 50, paths: ['Person.name', 'Person.birthDate', 'Person.registeredAddress', 'Person.maritalStatus', 'Household.members'], masked: ['Person.phone', 'masked(phone)'] },
  { service: 'social-security', provider: 'human-resources', weight: 25, paths: ['Person.socialInsurance', 'SocialInsuranceRecord.monthlyBase', 'SocialInsuranceRecord.status'], masked: ['Person.employer', 'masked(name)'] },
  { service: 'legal-person', provider: 'market-regulation', weight: 15, paths: ['Company.legalRepresentative', 'Person.shareholdings'], masked: ['Company.representativeIdNumber', 'masked(idNumber)'] },
  { service: 'geospatial', provider: 'natural-resources', weight: 10, paths: ['Parcel.rightHolder', 'Parcel.address'], masked: ['Parcel.rightHolderIdNumber', 'masked(idNumber)'] },
] as const;
type Provider = (typeof PROVIDERS)[number];

/** Consuming departments: their users, divisions, purposes and grants (the first purpose is the usual one). */
const CONSUMERS = [
  { dept: 'civil-affairs', prefix: 'mz', weight: 40, purposes: ['dibao-verification', 'elderly-subsidy'], grants: ['G-DEMO-0001', 'G-SCALE-MZ01', 'G-SCALE-MZ02'] },
  { dept: 'tax', prefix: 'sw', weight: 25, purposes: ['tax-audit', 'tax-refund'], grants: ['G-SCALE-SW01', 'G-SCALE-SW02'] },
  { dept: 'health', prefix: 'wj', weight: 15, purposes: ['medical-insurance', 'vaccination-followup'], grants: ['G-SCALE-WJ01'] },
  { dept: 'housing', prefix: 'zj', weight: 12, purposes: ['housing-subsidy'], grants: ['G-SCALE-ZJ01', 'G-SCALE-ZJ02'] },
  { dept: 'education', prefix: 'jy', weight: 8, purposes: ['school-enrolment'], grants: ['G-SCALE-JY01'] },
] as const;
const DISTRICTS = ['320102', '320104', '320105', '320106', '320111', '320113', '320114', '320115', '320116', '320117', '320118'];
/** Rare values, for the searches that must not scan the log to find their few records. */
const RARE_PURPOSE = 'disaster-relief';
const RARE_GRANT = 'G-SCALE-RARE';
const RARE_DENIAL = 'denied(PURPOSE_MISMATCH)';

/** One seeded record and what we know of it. */
interface Seeded {
  input: AccessEntryInput;
  service: string;
}

/**
 * The records, deterministic: per request one provider (a tenth of requests read two, leaving
 * two records with one request id, as the gateway's fan-out does), a consumer's user with its
 * purpose and grant, 1–3 subjects (one in fifty a list read of 20–60), decisions with masks
 * and denials. Every `at` is distinct, so "newest first" has one answer to check against.
 */
function generate(now: number): Seeded[] {
  const rng = new Prng(20261202);
  const weighted = <T extends { weight: number }>(items: readonly T[]) => {
    const total = items.reduce((n, i) => n + i.weight, 0);
    return () => {
      let x = rng.next() * total;
      for (const i of items) if ((x -= i.weight) < 0) return i;
      return items[items.length - 1];
    };
  };
  const provider = weighted(PROVIDERS);
  const consumer = weighted(CONSUMERS);
  // 40,000 people, so that a typical subject has a handful of records, as a citizen would; the
  // first hundred are read far more often (a household under review), for a subject with pages.
  const people = Array.from({ length: 40_000 }, (_, i) =>
    makeIdNumber(rng.pick(DISTRICTS), `19${rng.int(40, 99)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`, i % 1000));
  const subject = () => (rng.chance(0.05) ? people[rng.int(0, 99)] : people[rng.int(0, people.length - 1)]);

  const span = DAYS * 86_400_000;
  const start = now - span - 5 * 60_000;
  const times = new Set<number>();
  const out: Seeded[] = [];
  let request = 0;
  while (out.length < RECORDS) {
    request += 1;
    const c = consumer();
    const district = rng.pick(DISTRICTS);
    const user = `${c.prefix}-${district.slice(4)}-${String(rng.int(1, 6)).padStart(4, '0')}`;
    const purpose = rng.chance(0.0005) ? RARE_PURPOSE : rng.chance(0.8) ? c.purposes[0] : rng.pick(c.purposes);
    const grantId = rng.chance(0.0003) ? RARE_GRANT : rng.chance(0.3) ? null : rng.pick(c.grants);
    const who: Requester = { user, dept: c.dept, division: district, roles: ['consumer'], purpose, grantId: grantId ?? undefined };
    const subjects = [...new Set(rng.chance(0.02) ? Array.from({ length: rng.int(20, 60) }, subject) : Array.from({ length: rng.int(1, 3) }, subject))].sort();
    let at = start + Math.floor(rng.next() * span);
    const targets = rng.chance(0.1) ? [provider(), provider()].filter((p, i, a) => a.indexOf(p) === i) : [provider()];
    for (const p of targets) {
      while (times.has(at)) at += 1; // each subgraph stamps its own record: distinct, if only by a millisecond
      times.add(at);
      out.push({ service: p.service, input: accessEntry(who, { requestId: `scale-${request}`, kind: 'data', service: p.service, provider: p.provider, policyRevision: 'scale-rev-1', operation: { name: 'ScaleRead' } }, reads(p, subjects, rng), new Date(at)) });
    }
  }
  return out.slice(0, RECORDS);
}

function reads(p: Provider, subjects: string[], rng: Prng): AccessRead[] {
  const fields = p.paths.filter(() => rng.chance(0.6));
  const out: AccessRead[] = [{ decision: 'full', paths: fields.length ? fields : [p.paths[0]], subjects }];
  if (rng.chance(0.15)) out.push({ decision: p.masked[1], paths: [p.masked[0]], subjects });
  if (rng.chance(0.03)) out.push({ decision: 'denied(GRANT_REQUIRED)', paths: ['Person.phone'], subjects });
  if (rng.chance(0.001)) out.push({ decision: RARE_DENIAL, paths: ['Person.caseFlags'], subjects });
  return out;
}

/**
 * Writes the records as a second process writing the same chains would (replicas of a subgraph
 * share a chain, README "Tamper evidence"): one AuditWriter per chain over its own AccessLog and
 * its own head witness — the group commit every subgraph uses, 500 records a transaction, each
 * chained with the log key, fed as a busy subgraph's requests would feed it. Each record carries
 * its own `at`: a subgraph stamps the time of the request (accessEntry), the writer only chains
 * and commits, so a history of weeks is written in seconds without going around the chain.
 */
async function seed(stack: TestStack, records: Seeded[]): Promise<void> {
  const witnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-scale-witness-'));
  const log = new AccessLog(stack.databases.get('sharing')!.db, stack.security.auditKeys.key, { witness: await HeadWitness.open(witnessDir, stack.security.auditKeys.key) });
  try {
    await Promise.all(
      PROVIDERS.map(async (p) => {
        // timeoutMs is how long a request waits for its record before its personal data is
        // withheld; no request waits here, and a busy CI machine may take more than its 5 s.
        const writer = new AuditWriter(log, p.service, { timeoutMs: 120_000 });
        const mine = records.filter((r) => r.service === p.service).sort((a, b) => a.input.at.localeCompare(b.input.at));
        for (let i = 0; i < mine.length; i += WAVE) await Promise.all(mine.slice(i, i + WAVE).map((r) => writer.append(r.input)));
        expect(writer.committed).toBe(mine.length);
      }),
    );
  } finally {
    await log.close();
    fs.rmSync(witnessDir, { recursive: true, force: true });
  }
}

/** Records handed to each chain's writer at once: two of its transactions (maxBatch 500). */
const WAVE = 1000;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

const checkpointSecondsBefore = process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS;
let stack: TestStack;
let browser: Browser | undefined;
let records: Seeded[];
let officerHeaders: Record<string, string>;
const figures: string[] = [];

describeOnServers('the access log at 100,000 records', () => {
  beforeAll(async () => {
    // The anchor verifies what was added since its last checkpoint, once a minute: in service a
    // minute's records. Seeded in seconds, weeks of records would be its first round's backlog
    // (every record, in this process, while we measure); the chains are verified below instead.
    process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS = '3600';
    const started = Date.now();
    [stack, browser] = await Promise.all([
      startTestStack(),
      haveChromium ? chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] }) : undefined,
    ]);
    const up = Date.now();
    records = generate(Date.now());
    const seeding = Date.now();
    await seed(stack, records);
    const seeded = Date.now();
    // Autovacuum vacuums and analyzes an insert-only table once a fifth of it is new (PostgreSQL
    // 13+, within autovacuum_naptime, 1 min): a log that grew to 100,000 records over weeks has
    // had that many times. Done here at once, so that what is measured is the plans the server
    // settles on, not those of an empty table's statistics.
    await knex().raw('VACUUM ANALYZE access_log');
    figures.push(`stack up ${up - started} ms; ${RECORDS} records generated in ${seeding - up} ms, written through AuditWriter in ${seeded - seeding} ms (${Math.round(RECORDS / ((seeded - seeding) / 1000))} records/s)`);
    officerHeaders = await stack.security.headers(OFFICER, { purpose: 'audit' });
  });
  afterAll(async () => {
    if (checkpointSecondsBefore === undefined) delete process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS;
    else process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS = checkpointSecondsBefore;
    if (overBudget.length) figures.push(`over budget${ENFORCE_BUDGETS ? '' : ' (not enforced outside npm run bench:access-log)'}:\n    ${overBudget.join('\n    ')}`);
    if (figures.length) console.log(`access log at ${RECORDS} records:\n  ${figures.join('\n  ')}`);
    await browser?.close();
    await stack?.stop();
    records = []; // 100,000 records' worth of heap, not to be carried into jest's next suite
  });

  const knex = (): Knex => stack.databases.get('sharing')!.db.knex;

  it('holds real chained records that verify', async () => {
    const [{ n }] = await knex()('access_log').where('kind', 'data').count({ n: '*' });
    expect(Number(n)).toBe(RECORDS);
    // Every chain recomputed from its genesis with the log key — 立即校验, as the page asks for it:
    // a background run (startAccessLogVerification), read until it has ended, since the walk is
    // linear in the log and at this size takes about as long as the gateway waits for a subgraph.
    const gql = async (query: string) => {
      const res = await fetch(`${stack.gatewayUrl}/graphql`, { method: 'POST', headers: { ...officerHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    const RUN = 'id state records chains problems { kind } error';
    const started = performance.now();
    const run = (await gql(`mutation { startAccessLogVerification { ${RUN} } }`)).startAccessLogVerification;
    const answeredIn = performance.now() - started;
    expect(run.state).toBe('RUNNING');
    let latest = run;
    while (latest.state === 'RUNNING' && performance.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 500));
      latest = (await gql(`{ accessLogVerification { ${RUN} } }`)).accessLogVerification;
    }
    figures.push(`立即校验 (every chain from its genesis, in the background): started in ${Math.round(answeredIn)} ms, ${latest.records} records walked in ${Math.round(performance.now() - started)} ms`);
    expect(latest).toMatchObject({ id: run.id, state: 'DONE', problems: [], error: null, chains: 4 });
    expect(latest.records).toBe(RECORDS);
  });

  /** One page through the gateway, timed, with the SQL of its search (for EXPLAIN when over budget). */
  async function page(filter: Record<string, unknown>, after: string | null) {
    const sql: Array<{ sql: string; bindings: unknown[] }> = [];
    const listen = (q: { sql: string; bindings?: unknown[] }) => {
      if (/^select "id", "body" from "access_log"/.test(q.sql)) sql.push({ sql: q.sql, bindings: q.bindings ?? [] });
    };
    knex().on('query', listen);
    const started = performance.now();
    const res = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...officerHeaders },
      body: JSON.stringify({ query: SEARCH, variables: { filter, first: PAGE, after } }),
    });
    const body = (await res.json()) as { data?: { accessLog: { records: Array<{ at: string; requestId: string; provider: string }>; nextCursor: string | null } }; errors?: unknown[] };
    const took = performance.now() - started;
    knex().off('query', listen);
    expect(body.errors).toBeUndefined();
    return { ...body.data!.accessLog, took, sql: sql[0] };
  }

  async function explain(q: { sql: string; bindings: unknown[] }): Promise<{ plan: string; ms: number }> {
    // As knex sent it to pg: positional parameters, in the order of the bindings.
    const { rows } = await knex().raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as Knex.RawBinding[]);
    const plan = (rows as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n');
    return { plan, ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]) };
  }

  it('finds the right records by each filter, page after page, from an index', async () => {
    const data = records.map((r) => r.input);
    const newestFirst = (xs: AccessEntryInput[]) => xs.sort((a, b) => b.at.localeCompare(a.at));
    const hot = data.flatMap((r) => r.reads[0].subjects).reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>());
    const hotSubject = [...hot].sort((a, b) => b[1] - a[1])[0][0];
    const someSubject = data[12_345].reads[0].subjects[0];
    const aUser = data[777].user;
    const weekFrom = new Date(Date.now() - 20 * 86_400_000).toISOString();
    const weekTo = new Date(Date.now() - 13 * 86_400_000).toISOString();
    const searches: Array<{ name: string; filter: Record<string, unknown>; match: (r: AccessEntryInput) => boolean }> = [
      { name: 'everything (the page as opened)', filter: {}, match: () => true },
      { name: 'subject, a frequent one', filter: { subject: hotSubject }, match: (r) => r.reads.some((x) => x.subjects.includes(hotSubject)) },
      { name: 'subject, a typical one', filter: { subject: someSubject }, match: (r) => r.reads.some((x) => x.subjects.includes(someSubject)) },
      { name: 'consuming department', filter: { department: 'housing' }, match: (r) => r.dept === 'housing' },
      { name: 'user', filter: { user: aUser }, match: (r) => r.user === aUser },
      { name: 'provider', filter: { provider: 'natural-resources' }, match: (r) => r.provider === 'natural-resources' },
      { name: 'field', filter: { field: 'Parcel.rightHolder' }, match: (r) => r.reads.some((x) => x.paths.includes('Parcel.rightHolder')) },
      { name: 'purpose, a common one', filter: { purpose: 'tax-refund' }, match: (r) => r.purpose === 'tax-refund' },
      { name: 'purpose, a rare one', filter: { purpose: RARE_PURPOSE }, match: (r) => r.purpose === RARE_PURPOSE },
      { name: 'grant, a common one', filter: { grantId: 'G-DEMO-0001' }, match: (r) => r.grantId === 'G-DEMO-0001' },
      { name: 'grant, a rare one', filter: { grantId: RARE_GRANT }, match: (r) => r.grantId === RARE_GRANT },
      { name: 'time range (a week, three weeks back)', filter: { from: weekFrom, to: weekTo }, match: (r) => r.at >= weekFrom && r.at < weekTo },
      { name: 'decision: denied', filter: { decision: 'denied' }, match: (r) => r.reads.some((x) => x.decision.startsWith('denied')) },
      { name: `decision: ${RARE_DENIAL}`, filter: { decision: RARE_DENIAL }, match: (r) => r.reads.some((x) => x.decision === RARE_DENIAL) },
      { name: 'decision: masked', filter: { decision: 'masked' }, match: (r) => r.reads.some((x) => x.decision.startsWith('masked')) },
      {
        name: 'department + purpose + decision + a week',
        filter: { department: 'civil-affairs', purpose: 'dibao-verification', decision: 'masked', from: weekFrom, to: weekTo },
        match: (r) => r.dept === 'civil-affairs' && r.purpose === 'dibao-verification' && r.reads.some((x) => x.decision.startsWith('masked')) && r.at >= weekFrom && r.at < weekTo,
      },
    ];

    const pageTimes: number[] = [];
    const slow: string[] = [];
    const scans: string[] = [];
    const lines: string[] = [];
    for (const s of searches) {
      const expected = newestFirst(data.filter(s.match));
      expect(expected.length).toBeGreaterThan(0); // a search that finds nothing proves nothing
      let after: string | null = null;
      const times: number[] = [];
      const sqlTimes: number[] = [];
      let removedMax = 0;
      for (let p = 0; p < PAGES; p++) {
        const got = await page({ ...s.filter, kind: 'DATA' }, after);
        const want = expected.slice(p * PAGE, (p + 1) * PAGE);
        expect([s.name, p + 1, got.records.map((r) => `${r.at} ${r.requestId} ${r.provider}`)]).toEqual([s.name, p + 1, want.map((r) => `${r.at} ${r.requestId} ${r.provider}`)]);
        times.push(got.took);
        const plan = await explain(got.sql);
        sqlTimes.push(plan.ms);
        const removed = Math.max(0, ...[...plan.plan.matchAll(/Rows Removed by Filter: (\d+)/g)].map((m) => Number(m[1])));
        removedMax = Math.max(removedMax, removed);
        if (/Seq Scan on access_log/.test(plan.plan) || removed > SCAN_ROWS_MAX) scans.push(`${s.name}, page ${p + 1}:\n${plan.plan}`);
        if (!withinBudget(`SQL of ${s.name}, page ${p + 1}`, plan.ms, SQL_MAX_MS)) slow.push(`${s.name}, page ${p + 1}: ${ms(plan.ms)}\n${plan.plan}`);
        after = got.nextCursor;
        if (expected.length <= (p + 1) * PAGE) {
          expect(after).toBeNull();
          break;
        }
        expect(after).not.toBeNull();
      }
      pageTimes.push(...times);
      lines.push(`${s.name} (${expected.length} records): ${times.length} pages, ${times.map((t) => Math.round(t)).join(' / ')} ms; SQL ${sqlTimes.map((t) => t.toFixed(1)).join(' / ')} ms, at most ${removedMax} rows read and dropped`);
    }
    const p95 = percentile(pageTimes, 95);
    figures.push(...lines, `accessLog pages through the gateway: n=${pageTimes.length}, p50 ${ms(percentile(pageTimes, 50))}, p95 ${ms(p95)} (${verdict(withinBudget('accessLog page p95', p95, PAGE_P95_MS))}), max ${ms(Math.max(...pageTimes))}`);
    for (const line of slow) figures.push(`SQL over ${SQL_MAX_MS} ms — ${line}`);
    expect(scans).toEqual([]);
    if (ENFORCE_BUDGETS) expect(slow).toEqual([]);
    if (ENFORCE_BUDGETS) expect(p95).toBeLessThanOrEqual(PAGE_P95_MS);
  });

  it('answers the statistics page from the 100,000 records', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const inWindow = records.map((r) => r.input).filter((r) => r.at >= from.toISOString() && r.at < to.toISOString());
    const timed = async (query: string, variables?: Record<string, unknown>) => {
      const started = performance.now();
      const res = await fetch(`${stack.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...officerHeaders }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return { data: body.data, took: performance.now() - started };
    };
    const stats = await timed(STATS, { from: from.toISOString(), to: to.toISOString() });
    for (const p of PROVIDERS) {
      const mine = inWindow.filter((r) => r.provider === p.provider);
      const requestsBy = (rs: AccessEntryInput[]) => new Set(rs.map((r) => r.requestId)).size;
      const row = stats.data.sharingStatistics.find((s: { provider: string }) => s.provider === p.provider);
      expect(row.accessRecords).toBe(mine.length);
      expect(row.requests).toBe(requestsBy(mine));
      const consumers = CONSUMERS.map((c) => ({ department: c.dept, requests: requestsBy(mine.filter((r) => r.dept === c.dept)) })).sort((a, b) => b.requests - a.requests || a.department.localeCompare(b.department));
      expect(row.consumers).toEqual(consumers);
    }
    // As the page asks (the default window, ending now), twice over: both its queries, together.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await Promise.all([timed(STATS), timed(TREND)]);
      times.push(performance.now() - started);
    }
    const slowest = Math.max(stats.took, ...times);
    figures.push(`statistics: sharingStatistics over ${inWindow.length} records in the window ${Math.round(stats.took)} ms; the 统计 page's two queries together ${times.map((t) => Math.round(t)).join(' / ')} ms (${verdict(withinBudget('统计', slowest, STATS_MS))})`);
    if (ENFORCE_BUDGETS) expect(slowest).toBeLessThanOrEqual(STATS_MS);
  });

  (haveChromium ? it : it.skip)('in Chromium: a search, page 2, a record, 统计 — each shown', async () => {
    const opened = performance.now();
    const context = await browser!.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.setDefaultTimeout(15_000);
    await page.goto(`${stack.gatewayUrl}/console/`);
    await page.locator(`button[data-user="${OFFICER.user}"]`).click();
    await page.getByTestId('me-user').filter({ hasText: OFFICER.user }).waitFor();
    await page.getByRole('link', { name: '访问日志', exact: true }).click();
    await page.getByRole('heading', { name: '访问日志', exact: true }).waitFor();
    const signedIn = performance.now() - opened;

    const data = records.map((r) => r.input);
    const subject = [...data.flatMap((r) => r.reads[0].subjects).reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0][0];
    const expected = data.filter((r) => r.reads.some((x) => x.subjects.includes(subject))).sort((a, b) => b.at.localeCompare(a.at));
    expect(expected.length).toBeGreaterThan(2 * PAGE);
    const steps: Array<[string, number]> = [];
    const step = async (name: string, act: () => Promise<unknown>) => {
      const started = performance.now();
      await act();
      steps.push([name, performance.now() - started]);
    };
    // As the console writes a time (gateway/console/js/text.js dateTime).
    const beijing = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));
    const firstCell = () => page.locator('main table tbody tr').first().locator('td').first();

    await page.getByLabel(/主体/).fill(subject);
    await step('search by subject', async () => {
      await page.getByRole('button', { name: '检索', exact: true }).click();
      await page.getByText('检索结果 · 第 1 页').waitFor();
    });
    expect(await page.locator('main table tbody tr').count()).toBe(PAGE);
    expect(await firstCell().textContent()).toBe(beijing(expected[0].at));
    await step('page 2', async () => {
      await page.getByRole('button', { name: '下一页' }).click();
      await page.getByText('检索结果 · 第 2 页').waitFor();
    });
    expect(await firstCell().textContent()).toBe(beijing(expected[PAGE].at));
    await step('a record', async () => {
      await page.locator('main table tbody tr').first().getByRole('button').click();
      await page.getByTestId('record-detail').waitFor();
    });
    const detail = (await page.getByTestId('record-detail').textContent())!;
    expect(detail).toContain(expected[PAGE].requestId);
    expect(detail).toContain(subject);
    await step('统计', async () => {
      await page.getByRole('link', { name: '统计', exact: true }).click();
      await page.getByTestId('trend-chart').waitFor();
    });
    figures.push(`Chromium: signed in and on 访问日志 in ${Math.round(signedIn)} ms; ${steps.map(([n, t]) => `${n} ${Math.round(t)} ms (${verdict(withinBudget(`Chromium: ${n}`, t, STEP_MS))})`).join(', ')}`);
    expect(pageErrors).toEqual([]);
    if (ENFORCE_BUDGETS) for (const [name, took] of steps) expect([name, took <= STEP_MS]).toEqual([name, true]);
    await context.close();
  });
});

const SEARCH = `query ScaleAccessLog($filter: AccessLogFilter, $first: Int, $after: String) { accessLog(filter: $filter, first: $first, after: $after) {
  records { id at requestId provider user department purpose grantId reads { decision fields subjects } } nextCursor } }`;
const STATS = `query ScaleStatistics($from: DateTime, $to: DateTime) { sharingStatistics(from: $from, to: $to) { provider requests accessRecords consumers { department requests }
  openDataIssues resolvedDataIssues pendingApplications overdueApplications averageApplicationWorkingDays } }`;
const TREND = 'query ScaleTrend { applicationTrend { date submitted approved partiallyApproved rejected withdrawn pending } }';
