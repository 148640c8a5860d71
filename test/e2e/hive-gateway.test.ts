/**
 * The second front (gateway/hive/): Hive Gateway in front of govgraph's subgraphs answers
 * exactly as govgraph's gateway does — the same `data`, byte for byte, and the same errors
 * (path, code, reason) — on every benchmark workload and the README tour's requests, with
 * Hive's JavaScript planner and with its Rust one; refuses the same requests with the same
 * status and code; and never hands one caller another caller's answer (issue 13's trap: Hive's
 * upstream in-flight deduplication, on by default, keyed on the subgraph body alone).
 *
 * Both fronts run over one federation of subgraphs on the bench's seeded world (real servers
 * when GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL are set), so any difference is the front's.
 */
import '../../bench/quiet';
import crypto from 'node:crypto';
import type { RunningStack } from '../../app/stack';
import { generateWorld, SHOWCASE, type World } from '../../lib/synthetic';
import { parseEntryBody } from '../../lib/audit/entry';
import { readCommittedSupergraph } from '../../lib/supergraph';
import type { Requester } from '../../lib/identity';
import { openBenchDatabases, startBenchStack, type BenchDatabases } from '../../bench/federation';
import { workloads } from '../../bench/workloads';
import { startHiveGateway, type HivePlanner, type RunningHiveGateway } from '../../gateway/hive/server';
import { testSecurity, PEOPLE, DIBAO, type TestSecurity } from '../support/security';
import { postGraphQL, type GraphQLResponse } from '../support/http';
import { fencedBlock, inlineExample } from '../support/readme';
import { flagshipQuery } from '../support/queries';

// The bench's default world: every workload at its full size (as test/limit.test.ts).
const world: World = generateWorld({ persons: 3000 });
let dbs: BenchDatabases;
let security: TestSecurity;
let stack: RunningStack;
const hive: Partial<Record<HivePlanner, RunningHiveGateway>> = {};
const PLANNERS: HivePlanner[] = ['js', 'rust'];

beforeAll(async () => {
  dbs = await openBenchDatabases(world);
  security = await testSecurity();
  stack = await startBenchStack(dbs, security, 'on');
  for (const planner of PLANNERS) {
    hive[planner] = await startHiveGateway({ supergraphSdl: readCommittedSupergraph(), subgraphUrls: stack.subgraphUrls, security, planner });
  }
}, 300_000);

afterAll(async () => {
  for (const front of Object.values(hive)) await front?.stop();
  await stack?.stop();
  security?.policy.close();
  await dbs?.drop();
});

/** What must be the same from both fronts: the errors' path, code and reason, in a stable order. */
function errorKeys(res: GraphQLResponse): string[] {
  return (res.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code, e.extensions?.reason ?? '', e.extensions?.serviceName ?? ''].join(' ')).sort();
}

interface Ask {
  /**
   * Hive's JavaScript planner sends the entity calls of one type from several places of the
   * answer as one `_entities` call, and reports that call's errors at the first place's path
   * (the same code and reason; the data is right). Where a request meets it, errors are
   * compared without their paths for that planner (README, "A second front: Hive Gateway").
   */
  batchedErrorPaths?: true;
  identity?: Requester | null;
  opts?: { purpose?: string; grantId?: string };
  query: string;
  variables?: Record<string, unknown>;
}

/** One request to govgraph's gateway and to a Hive front, as the same caller. */
async function both(planner: HivePlanner, ask: Ask) {
  const identity = ask.identity === undefined ? PEOPLE.caseworker : ask.identity;
  const headers = identity ? await security.headers(identity, ask.opts ?? DIBAO) : {};
  const [govgraph, front] = await Promise.all([
    postGraphQL(stack.gatewayUrl, ask.query, ask.variables, headers),
    postGraphQL(hive[planner]!.url, ask.query, ask.variables, headers),
  ]);
  return { govgraph, front };
}

function expectSame(govgraph: GraphQLResponse, front: GraphQLResponse, withPaths = true) {
  expect(front.status).toBe(govgraph.status);
  expect(JSON.stringify(front.data)).toBe(JSON.stringify(govgraph.data));
  const keys = (res: GraphQLResponse) => (withPaths ? errorKeys(res) : errorKeys(res).map((k) => k.replace(/^\S*/, '')).sort());
  expect(keys(front)).toEqual(keys(govgraph));
}

/** A token identity as the README's `npx govgraph token` lines make them. */
const TAX_OFFICER: Requester = { user: 't1', dept: 'tax', division: '320115', roles: ['consumer'] };

/** The README tour's requests (taken from README.md where it writes them out). */
const TOUR: Array<[string, Ask]> = [
  ['the flagship query (DibaoHousehold)', { query: fencedBlock('query DibaoHousehold') }],
  ['the flagship query as the tests send it', { query: flagshipQuery('Flagship'), variables: { id: SHOWCASE.head } }],
  ['the curl: masked phone and address, caseFlags NOT_SHARED', { query: '{ person(idNumber: "320102198001011238") { name phone registeredAddress caseFlags } }' }],
  ['take the grant away: GRANT_REQUIRED', { opts: { purpose: DIBAO.purpose }, query: `{ ${inlineExample('person(idNumber: "320102198001011238") { name legalRepresentativeOf')} }` }],
  ['drop X-Purpose too: PURPOSE_REQUIRED', { opts: {}, query: `{ ${inlineExample('person(idNumber: "320102198001011238") { name legalRepresentativeOf')} }` }],
  ['non-personal data without a purpose', { opts: {}, query: `{ ${inlineExample('division(code: "320102") { name }')} }` }],
  ['wrong purpose for the grant: PURPOSE_MISMATCH', { opts: { purpose: 'tax-audit', grantId: DIBAO.grantId }, query: '{ person(idNumber: "320102198001011238") { name phone household { number } } }' }],
  ['cross a border: OUT_OF_JURISDICTION', { identity: TAX_OFFICER, opts: { purpose: 'tax-audit' }, query: '{ person(idNumber: "320102198001011238") { name phone registeredAddress caseFlags } }' }],
  ['bad input: a wrong check digit', { query: '{ person(idNumber: "320102198001011239") { name } }' }],
  ['bad input: a malformed USCC', { query: '{ legalPerson(uscc: "91320102MA1XK7Q37X") { name } }' }],
  ['bad input: a division that is not served', { query: '{ division(code: "320199") { name } }' }],
  ['companies, five to a page', { query: `{ ${inlineExample('legalPersons(divisionCode: "320102"')} }` }],
  ['space: divisionAt', { query: `{ ${inlineExample('divisionAt(lng: 118.7878')} }` }],
  ['space: parcelsNear', { query: `{ ${inlineExample('parcelsNear(lng: 118.7878')} }` }],
  ['a sealed key shown masked: a parcel holder', { query: `{ parcel(code: "${SHOWCASE.headParcel}") { code rights { holder { __typename ... on Person { name idNumber } } } } }` }],
  ['a withheld key: representatives out of jurisdiction', { batchedErrorPaths: true, identity: TAX_OFFICER, opts: { purpose: 'tax-audit' }, query: `{ legalPerson(uscc: "${SHOWCASE.company}") { name legalRepresentative { idNumber name } shareholders { holder { __typename ... on Person { idNumber name } } } } }` }],
  ['the catalog', { query: '{ catalog(provider: "public-security", sharing: CONDITIONAL) { path conditions } }' }],
  ['a citizen portal asking for someone else: ROLE_REQUIRED', { identity: { user: 'portal-01', dept: 'citizen-portal', division: '320100', roles: ['citizen-channel'], citizen: SHOWCASE.spouse }, opts: {}, query: `{ accessHistory(idNumber: "${SHOWCASE.head}") { at } }` }],
  ['a validation error', { query: '{ person(idNumber: "320102198001011238") { nosuchfield } }' }],
];

describe.each(PLANNERS)('Hive Gateway (%s planner) answers as govgraph’s gateway', (planner) => {
  describe.each(workloads.map((w) => [w.name, w] as const))('workload %s', (_name, w) => {
    it('the same data, byte for byte, and the workload’s checks pass', async () => {
      const { govgraph, front } = await both(planner, w.request(world));
      expect(govgraph.errors).toBeUndefined();
      expect(w.check(front, 'on')).toEqual([]);
      expectSame(govgraph, front);
    });
  });

  it.each(TOUR)('README tour: %s', async (_label, ask) => {
    const { govgraph, front } = await both(planner, ask);
    expectSame(govgraph, front, !(planner === 'js' && ask.batchedErrorPaths));
  });

  it('the tour reaches every denial the README names, through the Hive front', async () => {
    const reasons = new Set<string>();
    for (const [, ask] of TOUR) {
      const { front } = await both(planner, ask);
      for (const e of front.errors ?? []) if (e.extensions?.reason) reasons.add(String(e.extensions.reason));
    }
    expect([...reasons].sort()).toEqual(expect.arrayContaining(['GRANT_REQUIRED', 'NOT_SHARED', 'OUT_OF_JURISDICTION', 'PURPOSE_MISMATCH', 'PURPOSE_REQUIRED']));
  });
});

describe('refusals, with the same status and code', () => {
  const QUERY = '{ division(code: "320102") { name } }';
  const cases: Array<[string, () => Promise<RequestInit>]> = [
    ['no token', async () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) })],
    ['a malformed token', async () => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: JSON.stringify({ query: QUERY }) })],
    [
      'a token of another issuer',
      async () => {
        const other = await testSecurity();
        other.policy.close();
        return { method: 'POST', headers: { 'content-type': 'application/json', ...(await other.headers(PEOPLE.caseworker, DIBAO)) }, body: JSON.stringify({ query: QUERY }) };
      },
    ],
    ['a malformed X-Grant-Id', async () => ({ method: 'POST', headers: { 'content-type': 'application/json', ...(await security.headers(PEOPLE.caseworker, { purpose: DIBAO.purpose, grantId: 'G 1!' })) }, body: JSON.stringify({ query: QUERY }) })],
    ['an X-Purpose over 200 characters', async () => ({ method: 'POST', headers: { 'content-type': 'application/json', ...(await security.headers(PEOPLE.caseworker, { purpose: 'x'.repeat(201) })) }, body: JSON.stringify({ query: QUERY }) })],
    ['a batch', async () => ({ method: 'POST', headers: { 'content-type': 'application/json', ...(await security.headers(PEOPLE.caseworker, DIBAO)) }, body: JSON.stringify([{ query: QUERY }, { query: QUERY }]) })],
    ['a GET', async () => ({ method: 'GET', headers: await security.headers(PEOPLE.caseworker, DIBAO) })],
    ['not JSON', async () => ({ method: 'POST', headers: { 'content-type': 'text/plain', ...(await security.headers(PEOPLE.caseworker, DIBAO)) }, body: QUERY })],
    ['a body that does not parse', async () => ({ method: 'POST', headers: { 'content-type': 'application/json', ...(await security.headers(PEOPLE.caseworker, DIBAO)) }, body: '{"query":' })],
  ];

  it.each(cases)('%s', async (_label, init) => {
    const request = await init();
    const url = (base: string) => `${base}/graphql${request.method === 'GET' ? `?query=${encodeURIComponent(QUERY)}` : ''}`;
    const [govgraph, front] = await Promise.all([fetch(url(stack.gatewayUrl), request), fetch(url(hive.js!.url), request)]);
    expect(front.status).toBe(govgraph.status);
    expect(govgraph.status).toBeGreaterThanOrEqual(400);
    const [g, f] = (await Promise.all([govgraph.json(), front.json()])) as Array<{ data?: unknown; errors: Array<{ extensions: { code: string } }> }>;
    expect(f.errors.map((e) => e.extensions.code)).toEqual(g.errors.map((e) => e.extensions.code));
    expect(f.data).toBeUndefined();
    expect(front.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the credential Hive sends carries what the access log names', () => {
  it('operation name and document hash, request id, caller, purpose and grant', async () => {
    const query = 'query HiveNamed($id: ID!) { person(idNumber: $id) { name phone } }';
    const requestId = `hive-${crypto.randomUUID()}`;
    const res = await postGraphQL(hive.js!.url, query, { id: SHOWCASE.head }, { ...(await security.headers(PEOPLE.caseworker, DIBAO)), 'x-request-id': requestId });
    expect(res.errors).toBeUndefined();
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const records = await accessRecords([requestId]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      requestId,
      service: 'population',
      user: PEOPLE.caseworker.user,
      dept: PEOPLE.caseworker.dept,
      purpose: DIBAO.purpose,
      grantId: DIBAO.grantId,
      operationName: 'HiveNamed',
      operationHash: crypto.createHash('sha256').update(query).digest('hex'),
    });
  });
});

/** The access records of some requests, straight from the platform database. */
async function accessRecords(requestIds: string[]) {
  const platform = dbs.databases.get('sharing')!.db.knex;
  const rows: Array<{ body: string }> = [];
  for (let i = 0; i < requestIds.length; i += 500) {
    rows.push(...(await platform('access_log').whereIn('request_id', requestIds.slice(i, i + 500)).orderBy('id').select('body')));
  }
  return rows.map((r) => parseEntryBody(r.body));
}

describe('two callers of different rights, the same query, concurrently: each gets its own answer (issue 13)', () => {
  // Identical subgraph calls for both callers — the same document and variables — so an
  // upstream deduplication keyed on URL, method and body would merge them.
  const QUERY = 'query Phone($id: ID!) { person(idNumber: $id) { name phone } }';
  const REQUESTS = 300;
  const CONCURRENCY = 20;

  it.each(PLANNERS)('%s planner: 300 requests, 20 at a time, alternating callers', async (planner) => {
    const withGrant = await security.headers(PEOPLE.caseworker, DIBAO);
    const withoutGrant = await security.headers(PEOPLE.caseworker, { purpose: DIBAO.purpose });
    const jobs = Array.from({ length: REQUESTS }, (_, i) => ({ granted: i % 2 === 0, requestId: `hive-dedup-${planner}-${i}-${crypto.randomUUID()}` }));
    const answers = new Map<string, GraphQLResponse>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          const headers = { ...(job.granted ? withGrant : withoutGrant), 'x-request-id': job.requestId };
          answers.set(job.requestId, await postGraphQL(hive[planner]!.url, QUERY, { id: SHOWCASE.head }, headers));
        }
      }),
    );

    const wrong: string[] = [];
    for (const job of jobs) {
      const res = answers.get(job.requestId)!;
      const person = res.data?.person as { name?: string; phone?: string | null } | undefined;
      if (job.granted) {
        // Under the grant: the phone, masked; no error.
        if (res.errors || person?.name !== '李建国' || !/^138\*{4}0001$/.test(String(person?.phone))) wrong.push(`granted ${job.requestId}: ${JSON.stringify(res.data)} ${JSON.stringify(res.errors)}`);
      } else if (person?.name !== '李建国' || person?.phone !== null || JSON.stringify(errorKeys(res)) !== JSON.stringify(['person.phone FORBIDDEN GRANT_REQUIRED population'])) {
        // Without it: no phone, GRANT_REQUIRED — never the granted caller's phone.
        wrong.push(`not granted ${job.requestId}: ${JSON.stringify(res.data)} ${JSON.stringify(res.errors)}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(wrong).toHaveLength(0);

    // Exactly one access record per answered request, under that request's own grant (or none).
    const records = await accessRecords(jobs.map((j) => j.requestId));
    expect(records).toHaveLength(REQUESTS);
    const byRequest = new Map(records.map((r) => [r.requestId, r]));
    expect(byRequest.size).toBe(REQUESTS);
    for (const job of jobs) {
      const record = byRequest.get(job.requestId)!;
      expect({ service: record.service, grantId: record.grantId, subjects: [...new Set(record.reads.flatMap((r) => r.subjects))] }).toEqual({
        service: 'population',
        grantId: job.granted ? DIBAO.grantId : null,
        subjects: [SHOWCASE.head],
      });
    }
  });
});
