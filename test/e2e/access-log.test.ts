/**
 * The access log end to end, through the gateway: every request that returns or withholds
 * personal data leaves one record per department subgraph that served it (same request id),
 * none when nothing personal was touched, none lost under load; personal data is withheld
 * with AUDIT_UNAVAILABLE when the log cannot be written; the citizen view (accessHistory), the
 * officers' search (accessLog) and integrity check (accessLogIntegrity) with their role rules;
 * tampering in SQL shows through the API. Codes and data are asserted, never message text.
 */
import { createHash, randomBytes } from 'node:crypto';
import { startTestStack, TestStack } from '../support/stack';
import { codes, postGraphQL, GraphQLResponse } from '../support/http';
import { PEOPLE, DIBAO } from '../support/security';
import { testWorld } from '../support/databases';
import { SHOWCASE } from '../../lib/synthetic';
import { parseEntryBody, verifyAccessLog, type AccessEntry } from '../../lib/audit';
import type { Requester } from '../../lib/identity';
import { flagshipQuery } from '../support/queries';

const HOUSEHOLD = flagshipQuery('HouseholdCheck', 'phone caseFlags');

const NAME_AND_PHONE = `query NameAndPhone($id: ID!) { person(idNumber: $id) { name phone } }`;

const OFFICER: Requester = { user: 'dsj-aq-0001', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };
const citizenChannel = (citizen: string): Requester => ({ user: 'portal-0001', dept: 'citizen-portal', division: '320100', roles: ['citizen-channel'], citizen });

const RECORD_FIELDS = `id requestId at kind provider service seq user department division purpose grantId policyRevision operationName operationHash reads { decision fields subjects }`;

let stack: TestStack;
/** A short tag per run, so request ids are unique even on a reused database. */
const run = randomBytes(4).toString('hex');
let counter = 0;
const newRequestId = (label: string) => `al-${run}-${label}-${++counter}`;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const platform = () => stack.databases.get('sharing')!.db;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request through the gateway as `identity`, with our own request id. */
async function ask<D = Record<string, any>>(
  identity: Requester,
  opts: { purpose?: string; grantId?: string },
  query: string,
  variables: Record<string, unknown> | undefined,
  requestId: string,
): Promise<GraphQLResponse<D>> {
  const headers = { ...(await stack.security.headers(identity, opts)), 'x-request-id': requestId };
  const res = await postGraphQL<D>(`${stack.gatewayUrl}/graphql`, query, variables, headers);
  expect(res.headers.get('x-request-id')).toBe(requestId);
  return res;
}

/** The stored records (their hashed bodies) of some requests, straight from the database. */
async function recordsOf(...requestIds: string[]): Promise<AccessEntry[]> {
  const rows: Array<{ body: string }> = await platform().knex('access_log').whereIn('request_id', requestIds).orderBy('id').select('body');
  return rows.map((r) => parseEntryBody(r.body));
}

async function totalRecords(): Promise<number> {
  const [row] = await platform().knex('access_log').count({ n: '*' });
  return Number((row as { n: unknown }).n);
}

/** The read of `record` that gave `path` the decision `decision`, if any. */
function readOf(record: Pick<AccessEntry, 'reads'>, path: string, decision: string) {
  return record.reads.find((r) => r.paths.includes(path) && r.decision === decision);
}

/** Every decision a record took on `path`. */
function decisionsOn(record: Pick<AccessEntry, 'reads'>, path: string): string[] {
  return record.reads.filter((r) => r.paths.includes(path)).map((r) => r.decision).sort();
}

function verifyLog() {
  return verifyAccessLog(platform(), { key: stack.security.auditKeys.key, anchorKeys: stack.security.auditKeys.anchorKeys });
}

function search(filter: Record<string, unknown>, first?: number, after?: string) {
  return ask(
    OFFICER,
    {},
    `query Search($filter: AccessLogFilter, $first: Int, $after: String) { accessLog(filter: $filter, first: $first, after: $after) { records { ${RECORD_FIELDS} } nextCursor } }`,
    { filter, first, after },
    newRequestId('search'),
  );
}

/** Request ids of the records a search returns, in order (fails on any error). */
async function searchIds(filter: Record<string, unknown>): Promise<string[]> {
  const res = await search(filter, 200);
  expect(res.errors).toBeUndefined();
  expect(res.data!.accessLog.nextCursor).toBeNull();
  return res.data!.accessLog.records.map((r: any) => r.requestId);
}

function forbiddenReason(res: GraphQLResponse): string | undefined {
  expect(codes(res)).toEqual(['FORBIDDEN']);
  return res.errors![0].extensions?.reason;
}

describe('what a request leaves in the log', () => {
  it('the household query leaves one record per department that served personal data, all of them complete', async () => {
    const requestId = newRequestId('household');
    const res = await ask(PEOPLE.caseworker, DIBAO, HOUSEHOLD, { id: SHOWCASE.head }, requestId);

    // The data itself came through (the caseworker is allowed it) …
    expect(res.data!.person.name).toBe('李建国');
    expect(res.data!.person.phone).toBe('138****0001');
    expect(res.data!.person.caseFlags).toBeNull();
    expect(res.data!.person.household.members.map((m: any) => m.person.idNumber).sort()).toEqual([SHOWCASE.head, SHOWCASE.spouse, SHOWCASE.child].sort());
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors![0].extensions!.reason).toBe('NOT_SHARED');
    const policyRevision = res.errors![0].extensions!.policyRevision;
    expect(policyRevision).toMatch(/^[0-9a-f]{16}$/);

    // … and is accounted for: one record per provider, same request id, same operation.
    const records = await recordsOf(requestId);
    expect(records.map((r) => r.service).sort()).toEqual(['geospatial', 'legal-person', 'population']);
    expect(records.map((r) => r.provider).sort()).toEqual(['market-regulation', 'natural-resources', 'public-security']);
    for (const r of records) {
      expect(r).toMatchObject({
        requestId,
        kind: 'data',
        user: PEOPLE.caseworker.user,
        dept: 'civil-affairs',
        division: '320102',
        roles: ['consumer'],
        purpose: 'dibao-verification',
        grantId: 'G-DEMO-0001',
        policyRevision,
        operationName: 'HouseholdCheck',
        operationHash: sha256(HOUSEHOLD),
        writer: r.service,
      });
      expect(Number.isNaN(Date.parse(r.at))).toBe(false);
      expect(r.seq).toBeGreaterThan(0);
    }

    const population = records.find((r) => r.service === 'population')!;
    expect(readOf(population, 'Person.name', 'full')!.subjects).toEqual(expect.arrayContaining([SHOWCASE.head, SHOWCASE.spouse, SHOWCASE.child]));
    expect(readOf(population, 'Person.phone', 'masked(phone)')!.subjects).toEqual([SHOWCASE.head]);
    expect(readOf(population, 'Person.caseFlags', 'denied(NOT_SHARED)')!.subjects).toEqual([SHOWCASE.head]);
    expect(decisionsOn(population, 'Person.phone')).toEqual(['masked(phone)']);
    expect(decisionsOn(population, 'Person.household')).toEqual(['full']);

    const legal = records.find((r) => r.service === 'legal-person')!;
    expect(readOf(legal, 'Person.legalRepresentativeOf', 'full')!.subjects).toEqual(expect.arrayContaining([SHOWCASE.head]));
    expect(readOf(legal, 'Person.shareholdings', 'full')!.subjects).toEqual(expect.arrayContaining([SHOWCASE.head, SHOWCASE.spouse]));

    const geo = records.find((r) => r.service === 'geospatial')!;
    expect(readOf(geo, 'Person.realEstateRights', 'full')!.subjects).toEqual(expect.arrayContaining([SHOWCASE.head, SHOWCASE.spouse]));
    const certificates = geo.reads.filter((r) => r.paths.includes('RealEstateRight.certificateNo')).flatMap((r) => r.subjects);
    expect(certificates).toEqual(expect.arrayContaining([SHOWCASE.head, SHOWCASE.spouse]));

    // The same records through the officers' API.
    const api = await search({ requestId });
    expect(api.errors).toBeUndefined();
    const served = api.data!.accessLog.records;
    expect(served.map((r: any) => r.service).sort()).toEqual(['geospatial', 'legal-person', 'population']);
    for (const r of served) {
      expect(r).toMatchObject({ requestId, kind: 'DATA', department: 'civil-affairs', user: PEOPLE.caseworker.user, purpose: 'dibao-verification', grantId: 'G-DEMO-0001', policyRevision, operationName: 'HouseholdCheck', operationHash: sha256(HOUSEHOLD) });
    }
    const apiPopulation = served.find((r: any) => r.service === 'population');
    expect(apiPopulation.reads).toContainEqual({ decision: 'masked(phone)', fields: ['Person.phone'], subjects: [SHOWCASE.head] });
  });

  it('a request that got only denials of personal data is logged with them', async () => {
    const requestId = newRequestId('denied');
    const res = await ask(PEOPLE.caseworker, { purpose: DIBAO.purpose }, `query NoGrant($id: ID!) { person(idNumber: $id) { phone maritalStatus } }`, { id: SHOWCASE.head }, requestId);
    expect(res.data!.person).toEqual({ phone: null, maritalStatus: null });
    expect(codes(res)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(res.errors!.map((e) => e.extensions!.reason)).toEqual(['GRANT_REQUIRED', 'GRANT_REQUIRED']);

    const records = await recordsOf(requestId);
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r).toMatchObject({ service: 'population', dept: 'civil-affairs', purpose: DIBAO.purpose, grantId: null, operationName: 'NoGrant' });
    expect(r.reads).toEqual([{ decision: 'denied(GRANT_REQUIRED)', paths: ['Person.maritalStatus', 'Person.phone'], subjects: [SHOWCASE.head] }]);
  });

  it('a request without X-Purpose is logged with its PURPOSE_REQUIRED denials', async () => {
    const requestId = newRequestId('nopurpose');
    const res = await ask(PEOPLE.caseworker, {}, NAME_AND_PHONE, { id: SHOWCASE.head }, requestId);
    expect(res.data?.person).toEqual({ name: null, phone: null });
    expect(res.errors!.map((e) => e.extensions?.reason)).toEqual(['PURPOSE_REQUIRED', 'PURPOSE_REQUIRED']);
    const records = await recordsOf(requestId);
    expect(records).toHaveLength(1);
    expect(records[0].purpose).toBeNull();
    expect(decisionsOn(records[0], 'Person.name')).toEqual(['denied(PURPOSE_REQUIRED)']);
    expect(records[0].reads.every((read) => read.decision.startsWith('denied('))).toBe(true);
  });

  it('a request that reads no personal data leaves no record', async () => {
    const before = await totalRecords();
    const ids = [newRequestId('open'), newRequestId('open'), newRequestId('open')];
    const division = await ask(PEOPLE.caseworker, DIBAO, '{ division(code: "320102") { name level children { code } } }', undefined, ids[0]);
    expect(division.errors).toBeUndefined();
    expect(division.data!.division.name).toBe('玄武区');
    const company = await ask(PEOPLE.caseworker, DIBAO, `query Company($uscc: ID!) { legalPerson(uscc: $uscc) { name status registeredCapital division { name } } }`, { uscc: SHOWCASE.company }, ids[1]);
    expect(company.errors).toBeUndefined();
    expect(company.data!.legalPerson.name).toBe('南京玄武示范科技有限公司');
    // Without a purpose too: nothing personal, nothing withheld, nothing logged.
    const noPurpose = await ask(PEOPLE.taxOfficer, {}, `{ legalPerson(uscc: "${SHOWCASE.company}") { name status } }`, undefined, ids[2]);
    expect(noPurpose.errors).toBeUndefined();
    expect(await recordsOf(...ids)).toEqual([]);
    expect(await totalRecords()).toBe(before);
  });
});

describe('nothing lost under load', () => {
  it('200 concurrent requests leave exactly 200 records, one per request id, and the chains verify', async () => {
    const persons = [SHOWCASE.head, SHOWCASE.spouse, SHOWCASE.child, ...testWorld().persons.filter((p) => p.divisionCode.startsWith('320102')).slice(0, 7).map((p) => p.idNumber)];
    const jobs = Array.from({ length: 200 }, (_, i) => ({ requestId: newRequestId('load'), id: persons[i % persons.length] }));
    const results: GraphQLResponse[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          const res = await ask(PEOPLE.caseworker, DIBAO, NAME_AND_PHONE, { id: job.id }, job.requestId);
          results.push(res);
        }
      }),
    );
    expect(results).toHaveLength(200);
    for (const res of results) {
      expect(res.errors).toBeUndefined();
      expect(typeof res.data!.person.name).toBe('string');
      // Masked under the demo grant (a person may have no phone on record).
      if (res.data!.person.phone !== null) expect(res.data!.person.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    }

    const rows: Array<{ request_id: string; service: string; subjects: string[] }> = await platform()
      .knex('access_log')
      .whereIn('request_id', jobs.map((j) => j.requestId))
      .select('request_id', 'service', 'subjects');
    expect(rows).toHaveLength(jobs.length);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(jobs.length);
    const subjectOf = new Map(jobs.map((j) => [j.requestId, j.id]));
    for (const row of rows) {
      expect(row.service).toBe('population');
      expect(row.subjects).toEqual([subjectOf.get(row.request_id)]);
    }

    const report = await verifyLog();
    expect(report.problems).toEqual([]);
    const population = report.writers.find((w) => w.writer === 'population')!;
    expect(population.records).toBeGreaterThanOrEqual(jobs.length);
  });
});

describe('when the log cannot be written', () => {
  const query = `query Withheld($id: ID!) { person(idNumber: $id) { name phone } division(code: "320102") { name } }`;

  it('withholds personal data with AUDIT_UNAVAILABLE, lets non-personal data flow, and recovers', async () => {
    const knex = platform().knex;
    await knex.raw('ALTER TABLE access_log RENAME TO access_log_away');
    let failed: GraphQLResponse;
    try {
      failed = await ask(PEOPLE.caseworker, DIBAO, query, { id: SHOWCASE.head }, newRequestId('unavailable'));
    } finally {
      await knex.raw('ALTER TABLE access_log_away RENAME TO access_log');
    }
    // No personal value: the person is null, or every personal field of it is.
    const person = failed.data?.person;
    if (person != null) expect(person).toEqual({ name: null, phone: null });
    expect(JSON.stringify(failed)).not.toContain('李建国');
    expect(JSON.stringify(failed)).not.toMatch(/138\*{4}0001|13805170001/);
    expect(codes(failed)).toContain('AUDIT_UNAVAILABLE');
    const unavailable = failed.errors!.find((e) => e.extensions?.code === 'AUDIT_UNAVAILABLE')!;
    expect(unavailable.extensions!.serviceName).toBe('population');
    // The division is not personal: it still flows.
    expect(failed.data!.division).toEqual({ name: '玄武区' });

    // The log is back: the same request works again and is logged.
    const requestId = newRequestId('recovered');
    const ok = await ask(PEOPLE.caseworker, DIBAO, query, { id: SHOWCASE.head }, requestId);
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ person: { name: '李建国', phone: '138****0001' }, division: { name: '玄武区' } });
    expect((await recordsOf(requestId)).map((r) => r.service)).toEqual(['population']);
    // The failed write left no gap or half record in the chain.
    expect((await verifyLog()).problems).toEqual([]);
  });
});

describe('accessHistory: who read this person’s data', () => {
  const HISTORY = `query History($id: ID!) { accessHistory(idNumber: $id) { ${RECORD_FIELDS} } }`;
  let householdRead: string;

  beforeAll(async () => {
    householdRead = newRequestId('household-for-history');
    const res = await ask(PEOPLE.caseworker, DIBAO, HOUSEHOLD, { id: SHOWCASE.head }, householdRead);
    expect(res.data!.person.name).toBe('李建国');
  });

  async function auditReadsOf(requestId: string) {
    return (await recordsOf(requestId)).filter((r) => r.kind === 'audit-read');
  }

  it('a citizen channel sees the reads of its citizen’s data, and only that citizen’s part', async () => {
    const requestId = newRequestId('history-citizen');
    const res = await ask(citizenChannel(SHOWCASE.spouse), {}, HISTORY, { id: SHOWCASE.spouse }, requestId);
    expect(res.errors).toBeUndefined();
    const records: any[] = res.data!.accessHistory;
    const ofHousehold = records.filter((r) => r.requestId === householdRead);
    // The household query read the spouse's data at all three departments.
    expect(ofHousehold.map((r) => r.provider).sort()).toEqual(['market-regulation', 'natural-resources', 'public-security']);
    for (const r of ofHousehold) {
      expect(r).toMatchObject({ kind: 'DATA', user: PEOPLE.caseworker.user, department: 'civil-affairs', purpose: 'dibao-verification', grantId: 'G-DEMO-0001', operationName: 'HouseholdCheck' });
      expect(r.reads.length).toBeGreaterThan(0);
    }
    expect(ofHousehold.find((r) => r.provider === 'public-security').reads).toContainEqual(expect.objectContaining({ decision: 'full', fields: expect.arrayContaining(['Person.name']) }));
    // Only this citizen, in every read of every record: the head's and the child's reads in
    // the same records stay out.
    for (const r of records) for (const read of r.reads) expect(read.subjects).toEqual([SHOWCASE.spouse]);
    const text = JSON.stringify(res.data);
    for (const other of [SHOWCASE.head, SHOWCASE.child, SHOWCASE.householdNumber]) expect(text).not.toContain(other);
    // Newest first.
    const times = records.map((r) => Date.parse(r.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // Reading the history was itself logged, naming the reader and the subject.
    const logged = await auditReadsOf(requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ user: 'portal-0001', dept: 'citizen-portal', service: 'sharing', provider: 'big-data-center', operationName: 'History' });
    expect(logged[0].reads).toEqual([{ decision: 'full', paths: ['Query.accessHistory'], subjects: [SHOWCASE.spouse] }]);
  });

  it('a citizen channel may not ask for anyone else; a consumer may not ask at all', async () => {
    const other = await ask(citizenChannel(SHOWCASE.spouse), {}, HISTORY, { id: SHOWCASE.head }, newRequestId('history-other'));
    expect(forbiddenReason(other)).toBe('ROLE_REQUIRED');
    expect(other.data?.accessHistory ?? null).toBeNull();
    expect(JSON.stringify(other)).not.toContain(householdRead);

    const noCitizen = await ask({ ...citizenChannel(SHOWCASE.spouse), citizen: undefined }, {}, HISTORY, { id: SHOWCASE.spouse }, newRequestId('history-nocitizen'));
    expect(forbiddenReason(noCitizen)).toBe('ROLE_REQUIRED');

    const consumer = await ask(PEOPLE.caseworker, DIBAO, HISTORY, { id: SHOWCASE.head }, newRequestId('history-consumer'));
    expect(forbiddenReason(consumer)).toBe('ROLE_REQUIRED');
    expect(JSON.stringify(consumer)).not.toContain(householdRead);

    const provider = await ask(PEOPLE.publicSecurity, { purpose: 'case-handling' }, HISTORY, { id: SHOWCASE.head }, newRequestId('history-provider'));
    expect(forbiddenReason(provider)).toBe('ROLE_REQUIRED');
  });

  it('logs a citizen channel’s attempt to read someone else’s history as a refused audit read', async () => {
    const requestId = newRequestId('history-attempt');
    const res = await ask(citizenChannel(SHOWCASE.spouse), {}, HISTORY, { id: SHOWCASE.child }, requestId);
    expect(forbiddenReason(res)).toBe('ROLE_REQUIRED');
    const logged = await auditReadsOf(requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ user: 'portal-0001', dept: 'citizen-portal' });
    expect(logged[0].reads).toEqual([{ decision: 'denied(ROLE_REQUIRED)', paths: ['Query.accessHistory'], subjects: [SHOWCASE.child] }]);
  });

  it('pages a long history with each record’s cursor', async () => {
    const PAGE = `query Page($id: ID!, $after: String) { accessHistory(idNumber: $id, first: 2, after: $after) { id cursor at } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const res = await ask(OFFICER, {}, PAGE, { id: SHOWCASE.head, after }, newRequestId(`history-page-${page}`));
      const records: any[] = res.data!.accessHistory;
      expect(records).toHaveLength(2);
      seen.push(...records.map((r) => r.id));
      after = records[1].cursor;
    }
    // Reads only add newer records in front, so the pages must be one consecutive run of the
    // whole history as it stands now: no gap, no overlap.
    const all: string[] = (await ask(OFFICER, {}, `query All($id: ID!) { accessHistory(idNumber: $id, first: 200) { id } }`, { id: SHOWCASE.head }, newRequestId('history-all'))).data!
      .accessHistory.map((r: any) => r.id);
    expect(new Set(seen).size).toBe(6);
    const start = all.indexOf(seen[0]);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(all.slice(start, start + 6)).toEqual(seen);
  });

  it('a security officer reads anyone’s history, and that read is logged', async () => {
    const requestId = newRequestId('history-officer');
    const res = await ask(OFFICER, {}, HISTORY, { id: SHOWCASE.head }, requestId);
    expect(res.errors).toBeUndefined();
    const records: any[] = res.data!.accessHistory;
    const ofHousehold = records.filter((r) => r.requestId === householdRead);
    expect(ofHousehold.map((r) => r.provider).sort()).toEqual(['market-regulation', 'natural-resources', 'public-security']);
    for (const r of records) for (const read of r.reads) expect(read.subjects).toEqual([SHOWCASE.head]);
    const population = ofHousehold.find((r) => r.provider === 'public-security');
    expect(population.reads).toContainEqual({ decision: 'masked(phone)', fields: ['Person.phone'], subjects: [SHOWCASE.head] });
    expect(population.reads).toContainEqual({ decision: 'denied(NOT_SHARED)', fields: ['Person.caseFlags'], subjects: [SHOWCASE.head] });

    const logged = await auditReadsOf(requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ user: OFFICER.user, dept: 'big-data-center', roles: ['security-officer'] });
    expect(logged[0].reads).toEqual([{ decision: 'full', paths: ['Query.accessHistory'], subjects: [SHOWCASE.head] }]);

    // The citizen sees that the officer looked (the audit-read is part of the history).
    const spouseView = await ask(OFFICER, {}, HISTORY, { id: SHOWCASE.spouse }, newRequestId('history-officer-spouse'));
    expect(spouseView.errors).toBeUndefined();
    const byCitizen = await ask(citizenChannel(SHOWCASE.spouse), {}, HISTORY, { id: SHOWCASE.spouse }, newRequestId('history-citizen-again'));
    const audits = byCitizen.data!.accessHistory.filter((r: any) => r.kind === 'AUDIT_READ');
    expect(audits.map((r: any) => r.user)).toEqual(expect.arrayContaining([OFFICER.user, 'portal-0001']));
  });

  it('rejects a 身份号码 that fails its checksum', async () => {
    const res = await ask(OFFICER, {}, HISTORY, { id: '320102198001011239' }, newRequestId('history-bad'));
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('accessLog: the officers’ search', () => {
  const caseworker2: Requester = { user: `mz-xw-${run}`, dept: 'civil-affairs', division: '320102', roles: ['consumer'] };
  const taxPerson = () => testWorld().persons.find((p) => p.divisionCode.startsWith('320115'))!;
  let t0: string;
  let tMid: string;
  const ids = { masked: '', denied: '', tax: '' };
  const pages: string[] = [];

  beforeAll(async () => {
    await sleep(5);
    t0 = new Date().toISOString();
    await sleep(5);
    ids.masked = newRequestId('s-masked');
    const a = await ask(caseworker2, DIBAO, NAME_AND_PHONE, { id: SHOWCASE.head }, ids.masked);
    expect(a.data!.person.phone).toBe('138****0001');
    await sleep(5);
    tMid = new Date().toISOString();
    await sleep(5);
    ids.denied = newRequestId('s-denied');
    const b = await ask(caseworker2, { purpose: DIBAO.purpose }, NAME_AND_PHONE, { id: SHOWCASE.spouse }, ids.denied);
    expect(b.data!.person).toEqual({ name: '王秀英', phone: null });
    ids.tax = newRequestId('s-tax');
    const c = await ask(PEOPLE.taxOfficer, { purpose: 'tax-audit' }, `query TaxName($id: ID!) { person(idNumber: $id) { name } }`, { id: taxPerson().idNumber }, ids.tax);
    expect(c.data!.person.name).toBe(taxPerson().name);
    // Seven more for paging, in a known order.
    for (let i = 0; i < 7; i++) {
      const id = newRequestId('s-page');
      pages.push(id);
      const r = await ask(caseworker2, DIBAO, `query Page($id: ID!) { person(idNumber: $id) { name } }`, { id: SHOWCASE.child }, id);
      expect(r.errors).toBeUndefined();
    }
  });

  const DATA = { kind: 'DATA' };

  it('filters by department, user and subject', async () => {
    expect(await searchIds({ ...DATA, from: t0, department: 'tax' })).toEqual([ids.tax]);
    expect(await searchIds({ ...DATA, from: t0, department: 'civil-affairs' })).toEqual([...pages].reverse().concat([ids.denied, ids.masked]));
    expect(await searchIds({ ...DATA, user: caseworker2.user })).toEqual([...pages].reverse().concat([ids.denied, ids.masked]));
    expect(await searchIds({ ...DATA, from: t0, user: PEOPLE.taxOfficer.user })).toEqual([ids.tax]);
    expect(await searchIds({ ...DATA, from: t0, subject: SHOWCASE.spouse })).toEqual([ids.denied]);
    expect(await searchIds({ ...DATA, from: t0, subject: taxPerson().idNumber })).toEqual([ids.tax]);
    expect(await searchIds({ ...DATA, from: t0, subject: SHOWCASE.head, user: caseworker2.user })).toEqual([ids.masked]);
  });

  it('filters by field and decision', async () => {
    expect(await searchIds({ ...DATA, from: t0, field: 'Person.phone' })).toEqual([ids.denied, ids.masked]);
    expect(await searchIds({ ...DATA, from: t0, field: 'Person.name', department: 'tax' })).toEqual([ids.tax]);
    expect(await searchIds({ ...DATA, from: t0, decision: 'denied' })).toEqual([ids.denied]);
    expect(await searchIds({ ...DATA, from: t0, decision: 'denied(GRANT_REQUIRED)' })).toEqual([ids.denied]);
    expect(await searchIds({ ...DATA, from: t0, decision: 'denied(NOT_SHARED)' })).toEqual([]);
    expect(await searchIds({ ...DATA, from: t0, decision: 'masked' })).toEqual([ids.masked]);
    expect(await searchIds({ ...DATA, from: t0, decision: 'masked(phone)' })).toEqual([ids.masked]);
    expect((await searchIds({ ...DATA, from: t0, decision: 'full' })).sort()).toEqual([...pages, ids.masked, ids.denied, ids.tax].sort());
    expect(await searchIds({ ...DATA, from: t0, field: 'Person.caseFlags' })).toEqual([]);
  });

  it('filters by purpose and by grant', async () => {
    const civil = [...pages].reverse().concat([ids.denied, ids.masked]);
    expect(await searchIds({ ...DATA, from: t0, purpose: DIBAO.purpose })).toEqual(civil);
    expect(await searchIds({ ...DATA, from: t0, purpose: 'tax-audit' })).toEqual([ids.tax]);
    // The denied read named the purpose but no grant.
    expect(await searchIds({ ...DATA, from: t0, grantId: DIBAO.grantId })).toEqual(civil.filter((id) => id !== ids.denied));
    expect(await searchIds({ ...DATA, from: t0, grantId: DIBAO.grantId, purpose: 'tax-audit' })).toEqual([]);
    expect(await searchIds({ ...DATA, from: t0, grantId: DIBAO.grantId, subject: SHOWCASE.head })).toEqual([ids.masked]);
    expect(await searchIds({ ...DATA, from: t0, grantId: 'G-NO-SUCH-GRANT' })).toEqual([]);
    const res = await search({ ...DATA, from: t0, purpose: 'tax-audit' });
    expect(res.data!.accessLog.records[0]).toMatchObject({ purpose: 'tax-audit', grantId: null, department: 'tax' });
  });

  it('filters by time range', async () => {
    expect(await searchIds({ ...DATA, from: t0, to: tMid })).toEqual([ids.masked]);
    expect(await searchIds({ ...DATA, from: tMid, subject: SHOWCASE.head })).toEqual([]);
    expect(await searchIds({ ...DATA, to: tMid, user: caseworker2.user })).toEqual([ids.masked]);
    expect(await searchIds({ ...DATA, from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });

  it('pages newest first with disjoint pages', async () => {
    const seen: any[] = [];
    let after: string | undefined;
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await search({ user: caseworker2.user, field: 'Person.name' }, 4, after);
      expect(res.errors).toBeUndefined();
      const page = res.data!.accessLog;
      sizes.push(page.records.length);
      seen.push(...page.records);
      if (!page.nextCursor) break;
      expect(typeof page.nextCursor).toBe('string');
      after = page.nextCursor;
    }
    // 9 records: 4 + 4 + 1, the last page without a cursor.
    expect(sizes).toEqual([4, 4, 1]);
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
    expect(seen.map((r) => r.requestId)).toEqual([...pages].reverse().concat([ids.denied, ids.masked]));
    const times = seen.map((r) => Date.parse(r.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('logs each search as an audit read naming the officer and the subjects it showed', async () => {
    const requestId = newRequestId('search-logged');
    const res = await ask(OFFICER, {}, `{ accessLog(filter: { requestId: "${ids.denied}" }) { records { requestId } } }`, undefined, requestId);
    expect(res.errors).toBeUndefined();
    expect(res.data!.accessLog.records.map((r: any) => r.requestId)).toEqual([ids.denied]);
    const logged = (await recordsOf(requestId)).filter((r) => r.kind === 'audit-read');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ user: OFFICER.user, dept: 'big-data-center' });
    expect(logged[0].reads).toEqual([{ decision: 'full', paths: ['Query.accessLog'], subjects: [SHOWCASE.spouse] }]);
    // And it can itself be found.
    expect(await searchIds({ kind: 'AUDIT_READ', requestId })).toEqual([requestId]);
  });

  it('refuses bad filters and forged cursors with BAD_USER_INPUT', async () => {
    expect(codes(await search({ decision: 'allowed' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await search({ decision: 'denied(GRANT_REQUIRED' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await search({ field: 'phone' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await search({}, 0))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await search({}, 100_000))).toEqual(['BAD_USER_INPUT']);
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const forged of ['not-a-cursor', b64('yesterday|12'), b64('2026-01-01T00:00:00.000Z|x1'), b64('2026-01-01T00:00:00.000Z'), b64('0|1'), b64('2026-02-30T00:00:00.000Z|1'), b64('2026-01-01T00:00:00.000Z|99999999999999999999999')]) {
      const res = await search({}, 5, forged);
      expect({ forged, codes: codes(res) }).toEqual({ forged, codes: ['BAD_USER_INPUT'] });
    }
  });

  it('is for security officers only', async () => {
    const consumer = await ask(PEOPLE.caseworker, DIBAO, '{ accessLog { records { id } } }', undefined, newRequestId('search-consumer'));
    expect(forbiddenReason(consumer)).toBe('ROLE_REQUIRED');
    expect(consumer.data?.accessLog ?? null).toBeNull();
    const citizen = await ask(citizenChannel(SHOWCASE.spouse), {}, '{ accessLog { records { id } } }', undefined, newRequestId('search-citizen'));
    expect(forbiddenReason(citizen)).toBe('ROLE_REQUIRED');
    const integrity = await ask(PEOPLE.caseworker, DIBAO, '{ accessLogIntegrity { intact } }', undefined, newRequestId('integrity-consumer'));
    expect(forbiddenReason(integrity)).toBe('ROLE_REQUIRED');
  });

  it('reports the log intact to an officer', async () => {
    const res = await ask(OFFICER, {}, '{ accessLogIntegrity { intact records problems { kind } } }', undefined, newRequestId('integrity'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.accessLogIntegrity.intact).toBe(true);
    expect(res.data!.accessLogIntegrity.problems).toEqual([]);
    expect(res.data!.accessLogIntegrity.records).toBe(await totalRecords());
  });
});

describe('tampering shows through the API', () => {
  const INTEGRITY = '{ accessLogIntegrity { intact records problems { kind writer seq recordId } } }';

  it('an edited record makes accessLogIntegrity report it altered (and the row restored verifies again)', async () => {
    const requestId = newRequestId('tamper');
    const read = await ask(PEOPLE.caseworker, DIBAO, NAME_AND_PHONE, { id: SHOWCASE.spouse }, requestId);
    expect(read.errors).toBeUndefined();
    const knex = platform().knex;
    const row = await knex('access_log').where({ request_id: requestId }).first<{ id: unknown; seq: unknown; body: string; purpose: string }>();
    expect(row).toBeDefined();
    const original = { body: row!.body, purpose: row!.purpose };
    // Someone with database access rewrites the purpose, in the body and its index column.
    await knex('access_log').where({ id: row!.id }).update({ body: row!.body.replace('"dibao-verification"', '"housing-subsidy"'), purpose: 'housing-subsidy' });
    try {
      const res = await ask(OFFICER, {}, INTEGRITY, undefined, newRequestId('integrity-tampered'));
      expect(res.errors).toBeUndefined();
      const report = res.data!.accessLogIntegrity;
      expect(report.intact).toBe(false);
      expect(report.problems).toContainEqual({ kind: 'altered', writer: 'population', seq: Number(row!.seq), recordId: String(row!.id) });
    } finally {
      await knex('access_log').where({ id: row!.id }).update(original);
    }
    // Only the index column edited: caught too.
    await knex('access_log').where({ id: row!.id }).update({ purpose: 'housing-subsidy' });
    try {
      const res = await ask(OFFICER, {}, INTEGRITY, undefined, newRequestId('integrity-column'));
      expect(res.data!.accessLogIntegrity.intact).toBe(false);
      expect(res.data!.accessLogIntegrity.problems.map((p: any) => p.kind)).toEqual(['altered']);
    } finally {
      await knex('access_log').where({ id: row!.id }).update(original);
    }
    const after = await ask(OFFICER, {}, INTEGRITY, undefined, newRequestId('integrity-restored'));
    expect(after.data!.accessLogIntegrity).toMatchObject({ intact: true, problems: [] });
  });

  it('the newest records deleted and the chain head set back: accessLogIntegrity reports the chain truncated (and put back, it verifies again)', async () => {
    const ids = [newRequestId('tail-a'), newRequestId('tail-b')];
    for (const id of ids) expect((await ask(PEOPLE.caseworker, DIBAO, NAME_AND_PHONE, { id: SHOWCASE.spouse }, id)).errors).toBeUndefined();
    const knex = platform().knex;
    const cutOff = await knex('access_log').whereIn('request_id', ids).andWhere({ writer: 'population' }).orderBy('seq');
    expect(cutOff).toHaveLength(2);
    const head = await knex('access_log_head').where({ writer: 'population' }).first();
    expect(Number(head.seq)).toBe(Number(cutOff[1].seq));
    const kept = await knex('access_log').where({ writer: 'population', seq: Number(cutOff[0].seq) - 1 }).first();
    // Someone with database access (and no key) cuts the two newest records and sets the head back.
    await knex.transaction(async (trx) => {
      await trx('access_log').whereIn('id', cutOff.map((r) => r.id)).del();
      await trx('access_log_head').where({ writer: 'population' }).update({ seq: kept.seq, hash: kept.hash });
    });
    try {
      const res = await ask(OFFICER, {}, INTEGRITY, undefined, newRequestId('integrity-cut'));
      expect(res.errors).toBeUndefined();
      expect(res.data!.accessLogIntegrity.intact).toBe(false);
      expect(res.data!.accessLogIntegrity.problems).toContainEqual({ kind: 'truncated', writer: 'population', seq: Number(cutOff[0].seq), recordId: null });
    } finally {
      await knex('access_log').insert(cutOff);
      await knex('access_log_head').where({ writer: 'population' }).update({ seq: head.seq, hash: head.hash });
    }
    const after = await ask(OFFICER, {}, INTEGRITY, undefined, newRequestId('integrity-put-back'));
    expect(after.data!.accessLogIntegrity).toMatchObject({ intact: true, problems: [] });
  });
});

describe('立即校验 as a background run (startAccessLogVerification)', () => {
  const RUN = 'id state requestedBy requestedByDepartment startedAt finishedAt intact records chains checkpoints problems { kind writer seq recordId } error';
  const START = `mutation { startAccessLogVerification { ${RUN} } }`;
  const LATEST = `{ accessLogVerification { ${RUN} } }`;

  /** Starts a run and reads the newest one until it has ended. */
  async function verifyInBackground(tag: string): Promise<Record<string, any>> {
    const started = await ask(OFFICER, {}, START, undefined, newRequestId(`${tag}-start`));
    expect(started.errors).toBeUndefined();
    expect(started.data!.startAccessLogVerification).toMatchObject({ state: 'RUNNING', requestedBy: OFFICER.user, requestedByDepartment: OFFICER.dept, finishedAt: null, intact: null });
    const id = started.data!.startAccessLogVerification.id;
    const until = Date.now() + 20_000;
    for (;;) {
      const res = await ask(OFFICER, {}, LATEST, undefined, newRequestId(`${tag}-poll`));
      expect(res.errors).toBeUndefined();
      const run = res.data!.accessLogVerification;
      expect(run.id).toBe(id);
      if (run.state !== 'RUNNING' || Date.now() > until) return run;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('walks every chain in the background and records the result; an edited record is found', async () => {
    const intact = await verifyInBackground('bg-intact');
    expect(intact).toMatchObject({ state: 'DONE', intact: true, problems: [], error: null });
    expect(intact.records).toBeGreaterThan(0);
    expect(intact.chains).toBeGreaterThanOrEqual(4);
    expect(Date.parse(intact.finishedAt)).toBeGreaterThanOrEqual(Date.parse(intact.startedAt));

    const knex = platform().knex;
    const row = await knex('access_log').where({ writer: 'population' }).orderBy('id', 'desc').first<{ id: unknown; seq: unknown; purpose: string | null }>();
    await knex('access_log').where({ id: row!.id }).update({ purpose: 'housing-subsidy' });
    try {
      const tampered = await verifyInBackground('bg-tampered');
      expect(tampered).toMatchObject({ state: 'DONE', intact: false });
      expect(tampered.problems).toContainEqual({ kind: 'altered', writer: 'population', seq: Number(row!.seq), recordId: String(row!.id) });
    } finally {
      await knex('access_log').where({ id: row!.id }).update({ purpose: row!.purpose });
    }
  });

  it('a run left RUNNING by a process that died turns FAILED once stale, and a new start walks again', async () => {
    const knex = platform().knex;
    const hoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    await knex('access_log_verification').insert({ state: 'RUNNING', requested_by: 'dsj-aq-0002', requested_by_dept: 'big-data-center', runner: 'gone:1', started_at: hoursAgo });
    const latest = await ask(OFFICER, {}, LATEST, undefined, newRequestId('bg-stale'));
    expect(latest.data!.accessLogVerification).toMatchObject({ state: 'FAILED', requestedBy: 'dsj-aq-0002', error: expect.stringContaining('interrupted') });
    expect(await verifyInBackground('bg-after-stale')).toMatchObject({ state: 'DONE', intact: true });
  });

  it('is for security officers only', async () => {
    for (const query of [START, LATEST]) {
      const res = await ask(PEOPLE.caseworker, DIBAO, query, undefined, newRequestId('bg-consumer'));
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    }
  });
});
