/**
 * Array-batch attacks (Apollo's HTTP batching: a JSON array of operations in one POST).
 * govgraph does not batch: an array is refused whole with 400 BAD_REQUEST — after the token
 * check and the rate limiter, before anything is parsed, planned or fetched — so a batch can
 * neither multiply cost past the operation limits nor requests past the rate limiter, nor run
 * any of its operations (a mutation in it changes nothing). A subgraph refuses an array too,
 * even under a valid gateway credential. One document holding several operations is held to
 * the limits in every one of them, not only in the one `operationName` picks.
 */
import { QueryPlanner } from '@apollo/query-planner';
import { startTestStack, type TestStack } from '../support/stack';
import { DIBAO, PEOPLE } from '../support/security';
import { personalDataIn } from '../support/personalLeaks';
import { SHOWCASE } from '../../lib/synthetic';
import { DepartmentDataSource } from '../../gateway/datasource';
import { OperationLimiter } from '../../gateway/plugins/operationLimits';
import { CREDENTIAL_HEADER, type Requester } from '../../lib/identity';

const ID = SHOWCASE.head;
/** Each element within every operation limit on its own: ~900 tokens, no aliases, depth 2. */
const HEAVY = `query Heavy { person(idNumber: "${ID}") { ${'name '.repeat(880)} } }`;
const PERSON = `query Person { person(idNumber: "${ID}") { name phone } }`;

let stack: TestStack;
const subgraphCalls = jest.spyOn(DepartmentDataSource.prototype, 'process');
const plans = jest.spyOn(QueryPlanner.prototype, 'buildQueryPlan');
const measures = jest.spyOn(OperationLimiter.prototype, 'measure');
beforeAll(async () => {
  stack = await startTestStack(undefined, { rateLimits: { userPerMinute: 5, departmentPerMinute: 0, grantPerDay: 0, authFailuresPerMinute: 0 } });
});
afterAll(async () => {
  await stack?.stop();
  subgraphCalls.mockRestore();
  plans.mockRestore();
  measures.mockRestore();
});

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } | Array<unknown>;
  ms: number;
}

/** POSTs `body` (any JSON) to `url` as `who`; the answer, its time, and the SQL every department ran. */
async function post(body: unknown, who: Requester | null, url = `${stack.gatewayUrl}/graphql`, extra: Record<string, string> = {}) {
  const headers = { 'content-type': 'application/json', ...(who ? await stack.security.headers(who, DIBAO) : {}), ...extra };
  subgraphCalls.mockClear();
  plans.mockClear();
  measures.mockClear();
  const { result, sql } = await stack.recordSql(async (): Promise<Answer> => {
    const started = process.hrtime.bigint();
    const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text), ms: Number(process.hrtime.bigint() - started) / 1e6 };
  });
  return { ...result, departmentSql: ['population', 'legal-person', 'geospatial', 'social-security'].flatMap((d) => sql[d] ?? []) };
}

const codesOf = (a: Answer) => (Array.isArray(a.body) ? ['<an array of answers>'] : (a.body.errors ?? []).map((e) => String(e.extensions?.code)));

describe('array batches at the gateway', () => {
  it('two ordinary queries in an array: 400 BAD_REQUEST, no data, nothing planned or fetched', async () => {
    const a = await post([{ query: PERSON }, { query: `{ division(code: "320102") { name } }` }], PEOPLE.caseworker);
    expect({ status: a.status, codes: codesOf(a) }).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
    expect(Array.isArray(a.body) ? a.body : a.body.data ?? null).toBeNull();
    expect(plans).not.toHaveBeenCalled();
    expect(subgraphCalls).not.toHaveBeenCalled();
    expect(a.departmentSql).toEqual([]);
    expect(personalDataIn(a.body)).toEqual([]);
  });

  it('a megabyte of operations each within the limits is refused in milliseconds, none of them parsed', async () => {
    const batch = Array.from({ length: 220 }, () => ({ query: HEAVY }));
    // Just under the gateway's 1 MB body limit.
    expect(JSON.stringify(batch).length).toBeGreaterThan(950_000);
    expect(JSON.stringify(batch).length).toBeLessThan(1024 * 1024);
    const a = await post(batch, PEOPLE.caseworker);
    expect({ status: a.status, codes: codesOf(a) }).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
    expect(measures).not.toHaveBeenCalled();
    expect(plans).not.toHaveBeenCalled();
    expect(subgraphCalls).not.toHaveBeenCalled();
    expect(a.departmentSql).toEqual([]);
    process.stdout.write(`array batch of 220 operations (1 MB) refused in ${a.ms.toFixed(1)} ms\n`);
    expect(a.ms).toBeLessThan(1_000);
  });

  it('an array of a hundred thousand empty objects is refused the same way', async () => {
    const a = await post(`[${Array.from({ length: 100_000 }, () => '{}').join(',')}]`, PEOPLE.caseworker);
    expect({ status: a.status, codes: codesOf(a) }).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
  });

  it('a mutation in a batch is not run', async () => {
    const sharing = stack.databases.get('sharing')!.db.knex;
    const before = await sharing('grant_application').count({ n: '*' });
    const submit = { query: `mutation { submitApplication(input: { purpose: "dibao-verification", justification: "批量", fields: ["Person.phone"] }) { id } }` };
    const a = await post([submit, submit, { query: PERSON }], PEOPLE.caseworker);
    expect({ status: a.status, codes: codesOf(a) }).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
    expect(await sharing('grant_application').count({ n: '*' })).toEqual(before);
  });

  it('without a token a batch is 401, like any request', async () => {
    const a = await post([{ query: PERSON }, { query: PERSON }], null);
    expect({ status: a.status, codes: codesOf(a) }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
  });

  it('cannot multiply requests past the rate limiter: a batch counts as one request, and once the limit is reached a batch is 429 like any request', async () => {
    const user: Requester = { ...PEOPLE.caseworker, user: 'batch-rate-1' };
    const batch = Array.from({ length: 50 }, () => ({ query: PERSON }));
    // Five requests a minute for this user: four batches and one query use them up.
    for (let i = 0; i < 4; i++) expect((await post(batch, user)).status).toBe(400);
    const fifth = await post({ query: PERSON }, user);
    expect(fifth.status).toBe(200);
    const sixth = await post(batch, user);
    expect({ status: sixth.status, codes: codesOf(sixth) }).toEqual({ status: 429, codes: ['RATE_LIMITED'] });
    expect(sixth.departmentSql).toEqual([]);
    expect((await post({ query: PERSON }, user)).status).toBe(429);
  });
});

describe('one document, several operations', () => {
  it('every operation is held to the limits, not only the one operationName picks', async () => {
    const deep = `query Deep { person(idNumber: "${ID}") { ${'household { members { person { '.repeat(8)} name ${'} } } '.repeat(8)} } }`;
    const a = await post({ query: `${PERSON} ${deep}`, operationName: 'Person' }, { ...PEOPLE.caseworker, user: 'batch-doc-1' });
    expect({ status: a.status, codes: codesOf(a) }).toEqual({ status: 400, codes: ['QUERY_TOO_COMPLEX'] });
    expect(subgraphCalls).not.toHaveBeenCalled();
  });

  it('the one named runs, alone', async () => {
    const a = await post({ query: `${PERSON} query Division { division(code: "320102") { name } }`, operationName: 'Division' }, { ...PEOPLE.caseworker, user: 'batch-doc-2' });
    expect(a.status).toBe(200);
    expect((a.body as { data: unknown }).data).toEqual({ division: { name: '玄武区' } });
  });

  it('none named: OPERATION_RESOLUTION_FAILURE, nothing fetched', async () => {
    const a = await post({ query: `${PERSON} query Division { division(code: "320102") { name } }` }, { ...PEOPLE.caseworker, user: 'batch-doc-3' });
    expect(codesOf(a)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(subgraphCalls).not.toHaveBeenCalled();
    expect(a.departmentSql).toEqual([]);
  });
});

describe('array batches at a subgraph', () => {
  it('are refused even under a valid gateway credential: one credential never carries several operations', async () => {
    const body = JSON.stringify([
      { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name phone } } }', variables: { r: [{ __typename: 'Person', idNumber: ID }] } },
      { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name phone } } }', variables: { r: [{ __typename: 'Person', idNumber: SHOWCASE.spouse }] } },
    ]);
    const credential = await stack.security.credentialFor('population', body, PEOPLE.caseworker, DIBAO);
    const a = await post(body, null, stack.subgraphUrls.population, credential);
    expect({ status: a.status, codes: codesOf(a) }).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
    expect(a.departmentSql).toEqual([]);
    expect(personalDataIn(a.body)).toEqual([]);
    expect(Object.keys(credential)).toEqual([CREDENTIAL_HEADER]);
  });
});
