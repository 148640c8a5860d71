/**
 * Graceful shutdown loses no access record: a subgraph process told to stop (SIGTERM) while
 * requests are waiting for their records — held in the group-commit queue because the chain
 * head is locked — finishes those requests with their data, commits every record before it
 * closes the database, and exits 0. Real process, real signal, real PostgreSQL (skipped
 * without GOVGRAPH_PG_URL: the embedded engine cannot be shared with another process).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { population } from '../../subgraphs/population/server';
import { openPlatformDatabase, openSeededDatabase, type TestDatabase } from '../support/databases';
import { testSecurity, PEOPLE, type TestSecurity } from '../support/security';
import { startSubgraphProcess, type SubgraphProcess } from '../support/standalone';
import { postGraphQL, type GraphQLResponse } from '../support/http';
import { AccessLog, AuditUnavailable, AuditWriter, verifyAccessLog } from '../../lib/audit';
import { SHOWCASE } from '../../lib/synthetic';

const real = Boolean(process.env.GOVGRAPH_PG_URL);
const describeReal = real ? describe : describe.skip;

const QUERY = `query Names($id: ID!) { person(idNumber: $id) { name gender } }`;
const CONCURRENT = 24;

let departments: TestDatabase;
let platform: TestDatabase;
let security: TestSecurity;
let subgraph: SubgraphProcess | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-shutdown-'));

beforeAll(async () => {
  if (!real) return;
  [departments, platform, security] = await Promise.all([openSeededDatabase(population), openPlatformDatabase(), testSecurity()]);
  subgraph = await startSubgraphProcess('population', { databaseUrl: departments.url!, platformUrl: platform.url!, dataDir, security });
});
afterAll(async () => {
  await subgraph?.stop('SIGKILL');
  await Promise.all([departments?.drop(), platform?.drop()]);
  security?.policy.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One request as the gateway would send it (the provider department reads its own data). */
async function ask(): Promise<GraphQLResponse> {
  const body = JSON.stringify({ query: QUERY, variables: { id: SHOWCASE.head } });
  const credential = await security.credentialFor('population', body, PEOPLE.publicSecurity);
  return postGraphQL(subgraph!.url, QUERY, { id: SHOWCASE.head }, credential);
}

/** Waits until some session waits for a lock on the chain head (the writer's append). */
async function appendIsBlocked(admin: Knex): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await admin.raw(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%access_log_head%'`);
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no append ever waited for the locked chain head');
}

describeReal('graceful shutdown of a subgraph', () => {
  it('finishes the requests in flight and commits every record still queued, then exits 0', async () => {
    // One request first: the chain head row exists, the code paths are warm.
    const first = await ask();
    expect(first.status).toBe(200);
    expect(first.data!.person.name).toBe('李建国');

    // Hold the chain head: every record now waits, the first in its transaction, the rest in
    // the group-commit queue behind it.
    const admin = knexFactory({ client: 'pg', connection: platform.url!, pool: { min: 1, max: 2 } });
    const trx = await admin.transaction();
    try {
      await trx.raw(`SELECT seq FROM access_log_head WHERE writer = 'population' FOR UPDATE`);
      const inFlight = Array.from({ length: CONCURRENT }, () => ask().then((res) => res, (err: Error) => err));
      await appendIsBlocked(admin);
      await new Promise((r) => setTimeout(r, 500)); // the others reach the queue

      const exit = subgraph!.stop('SIGTERM');
      await new Promise((r) => setTimeout(r, 300)); // shutdown has begun; the records still wait
      await trx.commit();

      const answers = await Promise.all(inFlight);
      for (const a of answers) {
        expect(a).not.toBeInstanceOf(Error);
        const res = a as GraphQLResponse;
        expect(res.status).toBe(200);
        expect(res.errors).toBeUndefined();
        expect(res.data!.person.name).toBe('李建国');
      }
      expect(await exit).toBe(0);
      subgraph = undefined;
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
      await admin.destroy();
    }

    // Every request answered has its record, and the chain is whole.
    const rows = await platform.db.knex('access_log').where({ writer: 'population' }).count({ n: '*' });
    expect(Number(rows[0].n)).toBe(CONCURRENT + 1);
    const report = await verifyAccessLog(platform.db, { key: security.auditKeys.key, anchorKeys: security.auditKeys.anchorKeys });
    expect(report.problems).toEqual([]);
  });

  it('commits, before the database closes, records whose requests already gave up waiting', async () => {
    const log = new AccessLog(platform.db, security.auditKeys.key);
    const writer = new AuditWriter(log, 'shutdown-queue', { timeoutMs: 100 });
    await writer.append(record(0)); // the head row exists
    const admin = knexFactory({ client: 'pg', connection: platform.url!, pool: { min: 1, max: 2 } });
    const trx = await admin.transaction();
    try {
      await trx.raw(`SELECT seq FROM access_log_head WHERE writer = 'shutdown-queue' FOR UPDATE`);
      const given = await Promise.all(Array.from({ length: 10 }, (_, i) => writer.append(record(i + 1)).catch((err: Error) => err)));
      // Each request was answered without its personal data (AUDIT_UNAVAILABLE) …
      expect(given.every((g) => g instanceof AuditUnavailable)).toBe(true);
      // … and its record is still on its way: the shutdown waits for it.
      const drained = writer.drain();
      setTimeout(() => void trx.commit(), 300);
      await drained;
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
      await admin.destroy();
    }
    const rows = await platform.db.knex('access_log').where({ writer: 'shutdown-queue' }).count({ n: '*' });
    expect(Number(rows[0].n)).toBe(11);
  });
});

function record(n: number) {
  return {
    requestId: `shutdown-${n}`,
    at: new Date().toISOString(),
    kind: 'data' as const,
    service: 'population',
    provider: 'public-security',
    user: 'ga-0001',
    dept: 'public-security',
    division: '320100',
    roles: ['provider:public-security'],
    purpose: null,
    grantId: null,
    policyRevision: 'test',
    operationName: null,
    operationHash: null,
    reads: [{ decision: 'full', paths: ['Person.name'], subjects: [SHOWCASE.head] }],
  };
}
