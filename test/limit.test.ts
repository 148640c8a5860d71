/**
 * The physical-limit server (bench/limit/server.ts) answers every benchmark workload with
 * exactly the `data` govgraph's gateway returns to the demo caller: same rows, same order,
 * same masking, same nulls — compared as serialised JSON (key order included), on the same
 * seeded databases (real servers when GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL are set). Also with
 * other variables than the workload's, so the answers really come from the request's
 * parameters. A limit that answered something else would measure nothing.
 */
import '../bench/quiet';
import type { RunningStack } from '../app/stack';
import { generateWorld, type World } from '../lib/synthetic';
import { openBenchDatabases, post, startBenchStack, type BenchDatabases } from '../bench/federation';
import { workloads } from '../bench/workloads';
import { LIMIT_SCENARIOS, openLimitDatabases, startLimitServer, type LimitServer } from '../bench/limit/server';
import { testSecurity, PEOPLE, DIBAO, type TestSecurity } from './support/security';

// The bench's default world: parcelsNear100 finds all 75 of its parcels, the other workloads their full size.
const world: World = generateWorld({ persons: 3000 });
let dbs: BenchDatabases;
let security: TestSecurity;
let stack: RunningStack;
let limitDbs: ReturnType<typeof openLimitDatabases>;
let limit: LimitServer;
let headers: Record<string, string>;

beforeAll(async () => {
  dbs = await openBenchDatabases(world);
  security = await testSecurity();
  stack = await startBenchStack(dbs, security, 'on');
  limitDbs = openLimitDatabases(dbs);
  limit = await startLimitServer(limitDbs.databases);
  headers = await security.headers(PEOPLE.caseworker, DIBAO);
}, 300_000);

afterAll(async () => {
  await limit?.stop();
  await limitDbs?.close();
  await stack?.stop();
  security?.policy.close();
  await dbs?.drop();
});

/** Both answers to one request body: govgraph's (as the demo caller) and the limit's. */
async function both(name: string, body: { query: string; variables?: Record<string, unknown> }) {
  const text = JSON.stringify(body);
  const [govgraph, hand] = await Promise.all([post(`${stack.gatewayUrl}/graphql`, headers, text), post(`${limit.url}/${name}`, {}, text)]);
  return { govgraph, hand };
}

/** Other variables than the workload's own: another person, household, page size, radius. */
const OTHER: Record<string, (vars: Record<string, any>) => Record<string, unknown>> = {
  person1: () => ({ id: world.persons[7].idNumber }),
  persons500: (v) => ({ ids: [...v.ids].reverse().slice(0, 123) }),
  flagship: () => ({ id: world.households[42].headIdNumber }),
  legalPersons500: () => ({ first: 37 }),
  parcelsNear100: (v) => ({ ...v, r: v.r / 3 }),
};

it('serves every workload', () => {
  expect(Object.keys(LIMIT_SCENARIOS).sort()).toEqual(workloads.map((w) => w.name).sort());
});

describe.each(workloads.map((w) => [w.name, w] as const))('%s', (name, w) => {
  it('answers with govgraph’s data, byte for byte', async () => {
    const { govgraph, hand } = await both(name, w.request(world));
    expect(govgraph.errors).toBeUndefined();
    expect(w.check(govgraph, 'on')).toEqual([]);
    expect(hand.status).toBe(200);
    expect(w.check(hand, 'on')).toEqual([]);
    expect(hand.data).toEqual(govgraph.data);
    expect(JSON.stringify(hand.data)).toBe(JSON.stringify(govgraph.data));
  });

  it('and with other variables, from the request', async () => {
    const request = w.request(world);
    const other = { ...request, variables: OTHER[name](request.variables ?? {}) };
    const { govgraph, hand } = await both(name, other);
    expect(govgraph.errors).toBeUndefined();
    expect(JSON.stringify(hand.data)).toBe(JSON.stringify(govgraph.data));
    // Different variables, a different answer: nothing is fixed in the limit server.
    expect(JSON.stringify(hand.data)).not.toBe(JSON.stringify((await both(name, request)).hand.data));
  });
});
