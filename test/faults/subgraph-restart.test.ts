/**
 * A department subgraph goes away and comes back while the gateway keeps running: a killed
 * subgraph (listener and server closed) costs only its own fields — `null` with
 * DOWNSTREAM_SERVICE_ERROR naming it, HTTP 200, the other departments' data as before — and
 * once it listens again on the same port, full answers return within 5 s without touching the
 * gateway. A subgraph that accepts connections and never answers costs its fields after the
 * gateway's subgraph timeout, not the whole request.
 */
import { startFaultStack, STARTUP_MS, type FaultStack } from '../support/faultStack';
import type { GraphQLResponse } from '../support/http';
import { SHOWCASE } from '../../lib/synthetic';

/**
 * The gateway's deadline per subgraph call in this suite (GOVGRAPH_SUBGRAPH_TIMEOUT_MS): short,
 * so the hang is found quickly, yet well above what a healthy call takes on a busy 2-core CI
 * machine running two suites at once (1.5 s was not).
 */
const TIMEOUT_MS = 4_000;
/** The promise: full answers again within 5 s of the subgraph's return. */
const RECOVERY_MS = 5_000;

/** Root fields from three departments, and a path that crosses from legal-person into population. */
const QUERY = `query Mixed($id: ID!, $uscc: ID!) {
  person(idNumber: $id) { name gender }
  division(code: "320102") { name level }
  legalPerson(uscc: $uscc) { name status legalRepresentative { name } }
}`;
const VARIABLES = { id: SHOWCASE.head, uscc: SHOWCASE.company };

let stack: FaultStack;
let full: GraphQLResponse;

beforeAll(async () => {
  stack = await startFaultStack({ subgraphTimeoutMs: TIMEOUT_MS });
  full = await stack.query(QUERY, VARIABLES);
}, STARTUP_MS);
afterAll(async () => {
  await stack?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each distinct error of a response as `code serviceName`. */
function errorKinds(res: GraphQLResponse): string[] {
  return [...new Set((res.errors ?? []).map((e) => `${e.extensions?.code} ${e.extensions?.serviceName}`))];
}

/** The answer without population: its fields null, everything else as in the full answer. */
function expectWithoutPopulation(res: GraphQLResponse): void {
  // One comparison, so a failure shows the whole answer.
  expect({ status: res.status, data: res.data, errors: errorKinds(res) }).toEqual({
    status: 200,
    data: {
      person: null,
      division: full.data!.division,
      // The representative's name comes from population (a second hop from legal-person):
      // only it is missing, the company's own fields still flow.
      legalPerson: { ...full.data!.legalPerson, legalRepresentative: { name: null } },
    },
    // One error per failed call to population (the root field and the entity hop).
    errors: ['DOWNSTREAM_SERVICE_ERROR population'],
  });
}

/** Polls until the full answer is back; the milliseconds it took. */
async function untilFull(): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await stack.query(QUERY, VARIABLES);
    expect(res.status).toBe(200);
    if (res.errors === undefined) {
      expect(res.data).toEqual(full.data);
      return Date.now() - started;
    }
    if (Date.now() - started > RECOVERY_MS) throw new Error(`still no full answer ${RECOVERY_MS} ms after the restart: ${JSON.stringify(res.errors)}`);
    await sleep(100);
  }
}

it('answers in full while every subgraph runs', () => {
  expect(full.status).toBe(200);
  expect(full.errors).toBeUndefined();
  expect(full.data!.person.name).toBe('李建国');
  expect(full.data!.division.name).toBe('玄武区');
  expect(full.data!.legalPerson.legalRepresentative).toEqual({ name: expect.any(String) });
});

it('a killed subgraph costs only its fields, and full answers return within 5 s of its restart', async () => {
  await stack.kill('population');

  // Several requests at once, as a busy gateway would see them: every one is HTTP 200 with
  // the other departments' data.
  const during = await Promise.all(Array.from({ length: 8 }, () => stack.query(QUERY, VARIABLES)));
  for (const res of during) expectWithoutPopulation(res);

  const gatewayReady = await stack.readiness();
  expect(gatewayReady.status).toBe(503);
  expect(gatewayReady.body.checks).toMatchObject({ population: 'unreachable', 'legal-person': 'ok', geospatial: 'ok', sharing: 'ok' });

  await stack.restart('population');
  const took = await untilFull();
  expect(took).toBeLessThan(RECOVERY_MS);
  expect((await stack.readiness()).status).toBe(200);
});

it('survives being killed and restarted again and again', async () => {
  for (let round = 0; round < 3; round++) {
    await stack.kill('population');
    expectWithoutPopulation(await stack.query(QUERY, VARIABLES));
    await stack.restart('population');
    expect(await untilFull()).toBeLessThan(RECOVERY_MS);
  }
});

it('a subgraph that accepts and never answers costs its fields after the timeout, not the request', async () => {
  await stack.kill('population');
  await stack.hang('population');
  try {
    const started = Date.now();
    const res = await stack.query(QUERY, VARIABLES);
    const took = Date.now() - started;
    expectWithoutPopulation(res);
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(took).toBeLessThan(TIMEOUT_MS + 3_000);

    // The gateway's readiness probe does not wait for it either.
    const ready = await stack.readiness();
    expect(ready.status).toBe(503);
    expect(ready.body.checks.population).toBe('timeout');
  } finally {
    await stack.restart('population');
  }
  expect(await untilFull()).toBeLessThan(RECOVERY_MS);
});
