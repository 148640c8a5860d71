/**
 * Issue 13's target "SQL statements per request independent of list length and household
 * size", through the whole federation as deployed (gateway → subgraphs → databases, policies
 * and access log on: bench/federation.ts's `on` stack) with the benchmark's own requests
 * (bench/workloads): each is sent small and large, and every department must run exactly the
 * same statements for both — counted by the subgraph that ran them (as lib/db/trace.ts and
 * `govgraph_sql_statements_total` attribute them), its own database's apart from its writes to
 * the access log, which must be equal too (one record per subgraph call, whatever it holds).
 *
 * test/e2e/batching.test.ts checks a broad query over 50 and 500 persons; the department
 * suites (test/db/) check each subgraph's `_entities` alone. This one is about the bench's
 * workloads, so that "statements per request" in its results is a constant, not a function
 * of the page size. Measured when written (own + access log, per department): persons
 * population 2+1, geospatial 1+0 (division names are not personal: no record); legalPersons
 * legal-person 1+1; parcelsNear geospatial 4+1; flagship population 3+1, legal-person 3+1,
 * geospatial 4+1, social-security 1+1 — on PostgreSQL/MariaDB and on PGlite alike.
 */
import '../../bench/quiet';
import type { Knex } from 'knex';
import type { RunningStack } from '../../app/stack';
import { currentLogger } from '../../lib/log';
import { generateWorld, SHOWCASE, type World } from '../../lib/synthetic';
import { openBenchDatabases, post, startBenchStack, type BenchDatabases } from '../../bench/federation';
import { persons500 } from '../../bench/workloads/persons500';
import { legalPersons500 } from '../../bench/workloads/legalPersons500';
import { parcelsNear100 } from '../../bench/workloads/parcelsNear100';
import { flagship } from '../../bench/workloads/flagship';
import { testSecurity, PEOPLE, DIBAO, type TestSecurity } from '../support/security';

// The bench's default world: 600 companies for a 500-row page, 75 parcels near the tour's point.
const world: World = generateWorld({ persons: 3000 });
const DEPARTMENTS = ['population', 'legal-person', 'geospatial', 'social-security'];

let dbs: BenchDatabases;
let security: TestSecurity;
let stack: RunningStack;
let headers: Record<string, string>;

beforeAll(async () => {
  dbs = await openBenchDatabases(world);
  security = await testSecurity();
  stack = await startBenchStack(dbs, security, 'on');
  headers = await security.headers(PEOPLE.caseworker, DIBAO);
});
afterAll(async () => {
  await stack?.stop();
  security?.policy.close();
  await dbs?.drop();
});

/** Statements one request cost each department: on its own database, and writing the access log. */
type Cost = Record<string, { own: number; accessLog: number }>;

/** Sends one request and counts, per department, the statements run under it meanwhile. */
async function costOf(body: { query: string; variables?: Record<string, unknown> }): Promise<{ cost: Cost; data: Record<string, any> }> {
  const cost: Cost = Object.fromEntries(DEPARTMENTS.map((d) => [d, { own: 0, accessLog: 0 }]));
  const listener = (q: { sql: string }) => {
    // Grant polling and the platform's upkeep run under no department: not a request's cost.
    const counts = cost[currentLogger()?.bindings().service];
    if (!counts) return;
    if (/\baccess_log/.test(q.sql)) counts.accessLog += 1;
    else counts.own += 1;
  };
  const knexes = new Set<Knex>([...dbs.databases.values()].map((t) => t.db.knex));
  knexes.forEach((k) => k.on('query', listener));
  try {
    const res = await post(`${stack.gatewayUrl}/graphql`, headers, JSON.stringify(body));
    expect(res.errors).toBeUndefined();
    return { cost, data: res.data! };
  } finally {
    knexes.forEach((k) => k.off('query', listener));
  }
}

/** The cost of `small` and of `large`, each after one unmeasured run (a first request reads chain heads, warms caches). */
async function compare(small: Parameters<typeof costOf>[0], large: Parameters<typeof costOf>[0]) {
  await costOf(small);
  await costOf(large);
  return { small: await costOf(small), large: await costOf(large) };
}

/** The departments a request reached: those that ran any statement. */
const reached = (cost: Cost) => DEPARTMENTS.filter((d) => cost[d].own + cost[d].accessLog > 0);

it('persons: 10 and 500 persons by 身份号码 with the bench fields cost the same statements', async () => {
  const large = persons500.request(world);
  const ids = large.variables!.ids as string[];
  const small = { query: large.query, variables: { ids: ids.filter((_, i) => i % 50 === 0) } };
  const r = await compare(small, large);
  expect(r.small.data.persons).toHaveLength(10);
  expect(r.large.data.persons).toHaveLength(500);
  expect(r.large.cost).toEqual(r.small.cost);
  expect(reached(r.small.cost)).toEqual(['population', 'geospatial']);
});

it('legalPersons: a page of 10 and of 500 with representatives cost the same statements', async () => {
  const large = legalPersons500.request(world);
  const r = await compare({ query: large.query, variables: { first: 10 } }, large);
  expect(r.small.data.legalPersons.edges).toHaveLength(10);
  expect(r.large.data.legalPersons.edges).toHaveLength(500);
  expect(r.large.cost).toEqual(r.small.cost);
  expect(reached(r.small.cost)).toEqual(['legal-person']);
});

it('parcelsNear: a small and a large radius, with rights and encumbrances, cost the same statements', async () => {
  const large = parcelsNear100.request(world);
  const small = { query: large.query, variables: { ...large.variables, r: 1 } };
  const r = await compare(small, large);
  const parcels = (d: Record<string, any>) => d.parcelsNear as Array<{ code: string; rights: Array<{ encumbrances: unknown[] }> }>;
  // The tour's parcel alone (its rights carry a seizure and a mortgage), and every parcel of the world.
  expect(parcels(r.small.data).map((p) => p.code)).toEqual([SHOWCASE.headParcel]);
  expect(parcels(r.small.data)[0].rights.flatMap((x) => x.encumbrances).length).toBeGreaterThan(0);
  expect(parcels(r.large.data).length).toBeGreaterThanOrEqual(50);
  expect(r.large.cost).toEqual(r.small.cost);
  expect(reached(r.small.cost)).toEqual(['geospatial']);
});

it('flagship: households of 3 and of 5 members cost the same statements', async () => {
  const [small, large] = coveredHouseholds();
  expect(small.members).toBe(3);
  expect(large.members).toBe(5);
  const request = flagship.request(world);
  const r = await compare({ query: request.query, variables: { id: small.head } }, { query: request.query, variables: { id: large.head } });
  expect(r.small.data.person.household.members).toHaveLength(3);
  expect(r.large.data.person.household.members).toHaveLength(5);
  expect(r.large.cost).toEqual(r.small.cost);
  expect(reached(r.small.cost)).toEqual(DEPARTMENTS);
});

/**
 * The smallest and the largest 玄武区 household (the caller's jurisdiction) whose members
 * between them take every hop of the flagship query — a company represented, a shareholding,
 * real estate with an encumbrance, an enrolment through an employer — so both plans reach
 * every department with something to fetch.
 */
function coveredHouseholds(): Array<{ head: string; members: number }> {
  const persons = (keys: Iterable<string>) => new Set(keys);
  const represent = persons(world.companies.map((c) => c.representativeIdNumber));
  const hold = persons(world.shareholdings.filter((s) => s.holderKind === 'PERSON').map((s) => s.holderKey));
  const encumbered = new Set(world.encumbrances.map((e) => e.certificateNo));
  const own = persons(world.rights.filter((r) => r.holderKind === 'PERSON' && encumbered.has(r.certificateNo)).map((r) => r.holderKey));
  const employed = persons(world.insuranceEnrolments.filter((e) => e.unitNumber).map((e) => e.idNumber));
  const members = new Map<string, string[]>();
  for (const p of world.persons) members.set(p.householdNumber, [...(members.get(p.householdNumber) ?? []), p.idNumber]);
  const covered = world.households
    .filter((h) => h.divisionCode.startsWith('320102'))
    .map((h) => ({ head: h.headIdNumber, ids: members.get(h.number) ?? [] }))
    .filter(({ ids }) => [represent, hold, own, employed].every((set) => ids.some((id) => set.has(id))))
    .map(({ head, ids }) => ({ head, members: ids.length }))
    .sort((a, b) => a.members - b.members);
  return [covered[0], covered[covered.length - 1]];
}
