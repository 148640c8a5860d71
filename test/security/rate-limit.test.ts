/**
 * Rate limits and grant quotas at the gateway, counted in the real Redis that gateway
 * replicas share: a client past its limit gets `RATE_LIMITED` (HTTP 429, `Retry-After`)
 * before anything is planned or any department is asked, while other users, departments
 * and grants go on; two gateways count together; a store that is down refuses, never waves
 * requests through.
 */
import { createGatewayServer } from '../../gateway/server';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { listen } from '../../lib/http/listen';
import { RequestLimiter, DEFAULT_RATE_LIMITS, msUntilBeijingMidnight, type RateLimits } from '../../lib/rateLimit/requestLimiter';
import type { Requester } from '../../lib/identity';
import type { Redis } from '../../lib/redis';
import { startTestStack, type TestStack } from '../support/stack';
import { codes, postGraphQL, type GraphQLResponse } from '../support/http';
import { DIBAO, PEOPLE } from '../support/security';
import { DEAD_REDIS_URL, deleteKeys, describeWithRedis, openTestRedis, testKeyPrefix } from '../support/redis';

const LIMITS: RateLimits = { ...DEFAULT_RATE_LIMITS, userPerMinute: 4, departmentPerMinute: 10, grantPerDay: 6, authFailuresPerMinute: 3 };

/** Answered by the gateway itself: counts as a request, costs no subgraph call. */
const CHEAP = '{ __typename }';
/** Non-personal data from the geospatial subgraph. */
const DIVISION = '{ division(code: "320102") { name } }';

const consumer = (user: string, dept: string): Requester => ({ user, dept, division: '320102', roles: ['consumer'] });

/** The refusal's contract: 429, Retry-After in whole seconds, the same in the body, no data. */
function expectRateLimited(res: GraphQLResponse, limit: string): number {
  expect(res.status).toBe(429);
  expect(codes(res)).toEqual(['RATE_LIMITED']);
  expect(res.data ?? null).toBeNull();
  const header = res.headers.get('retry-after');
  expect(header).toMatch(/^[1-9][0-9]*$/);
  const ext = res.errors![0].extensions!;
  expect(ext.limit).toBe(limit);
  expect(ext.retryAfter).toBe(Number(header));
  return Number(header);
}


/**
 * The statements of `sql` that a request could have caused: without the grant stores' version
 * poll, which every subgraph runs on the platform database on a timer (lib/grants/grantStore.ts,
 * every 500 ms) and which may land in any window.
 */
const GRANT_POLL = /^select count\(\*\) as n, coalesce\(max\(version\), 0\) as v from "sharing_grant"$/;
/** Each process's heartbeat report of the policy revision it enforces (lib/policy/replicas.ts), every 5 s. */
const REVISION_REPORT = /^insert into "policy_replica"/;
const requestSql = (sql: Record<string, string[]>) => Object.values(sql).flat().filter((q) => !GRANT_POLL.test(q) && !REVISION_REPORT.test(q));
describeWithRedis('rate limits and grant quotas, in a Redis shared by gateway replicas', () => {
  let redis: Redis;
  let keyPrefix: string;
  let stack: TestStack;
  const cleanup: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    keyPrefix = testKeyPrefix('rate-limit');
    redis = await openTestRedis();
    stack = await startTestStack(undefined, { redis, keyPrefix, rateLimits: LIMITS });
  });
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    await stack?.stop();
    if (redis) {
      await deleteKeys(redis, keyPrefix);
      redis.disconnect();
    }
  });

  const ask = (identity: Requester | null, query = CHEAP, opts: { purpose?: string; grantId?: string } = {}) => stack.queryAs(identity, opts, query);

  /** Another gateway process in front of the same subgraphs, its limiter over its own connection to `url`. */
  async function anotherGateway(url?: string, prefix = keyPrefix): Promise<string> {
    const own = await openTestRedis(url);
    const requestLimiter = new RequestLimiter({ limits: LIMITS, redis: own, keyPrefix: prefix });
    const gateway = await createGatewayServer({ supergraphSdl: readCommittedSupergraph(), subgraphUrls: stack.subgraphUrls, security: { ...stack.security, requestLimiter } });
    const http = await listen(gateway.app, 0);
    cleanup.push(async () => {
      await http.close();
      await gateway.stop();
      own.disconnect();
    });
    return http.url;
  }

  it('refuses a user past its limit with 429 and Retry-After, before any department is asked; others go on', async () => {
    const user = consumer('rl-user-1', 'rl-dept-a');
    const first = await ask(user, DIVISION);
    expect(first.status).toBe(200);
    expect(first.data?.division?.name).toBe('玄武区');
    for (let i = 1; i < LIMITS.userPerMinute; i++) expect((await ask(user)).status).toBe(200);

    // The refused request costs no SQL anywhere: it never got past the gateway's door.
    const { result: refused, sql } = await stack.recordSql(() => ask(user, DIVISION));
    const retryAfter = expectRateLimited(refused, 'user');
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(requestSql(sql)).toEqual([]);

    // Another user of the same department, and a user of another department, are served.
    expect((await ask(consumer('rl-user-2', 'rl-dept-a'), DIVISION)).data?.division?.name).toBe('玄武区');
    expect((await ask(consumer('rl-user-1', 'rl-dept-other'), DIVISION)).data?.division?.name).toBe('玄武区');
  });

  it('refuses a department past its limit, counted over all its users; another department is unaffected', async () => {
    // 4 + 4 + 2 = the department's 10, no user over its own 4.
    for (const [user, n] of [['a', 4], ['b', 4], ['c', 2]] as const) {
      for (let i = 0; i < n; i++) expect((await ask(consumer(`rl-${user}`, 'rl-dept-b'))).status).toBe(200);
    }
    expectRateLimited(await ask(consumer('rl-d', 'rl-dept-b')), 'department');
    expect((await ask(consumer('rl-d', 'rl-dept-c'))).status).toBe(200);
  });

  it("gives a grant a daily quota, until midnight in Beijing; the same users without it, and other departments naming it, go on", async () => {
    const holders = ['rl-g1', 'rl-g2'].map((user) => ({ ...PEOPLE.caseworker, user }));
    for (const holder of holders) for (let i = 0; i < LIMITS.grantPerDay / 2; i++) expect((await ask(holder, CHEAP, DIBAO)).status).toBe(200);
    const refused = await ask({ ...PEOPLE.caseworker, user: 'rl-g3' }, CHEAP, DIBAO);
    const retryAfter = expectRateLimited(refused, 'grant');
    expect(Math.abs(retryAfter - msUntilBeijingMidnight(Date.now()) / 1000)).toBeLessThan(10);

    expect((await ask(holders[0], CHEAP, { purpose: DIBAO.purpose })).status).toBe(200);
    // A department naming someone else's grant spends its own count, never the holder's.
    expect((await ask(consumer('rl-g1', 'tax'), CHEAP, DIBAO)).status).toBe(200);
  });

  it('counts once across two gateway replicas sharing the store', async () => {
    const other = await anotherGateway();
    const user = consumer('rl-shared', 'rl-dept-d');
    const headers = await stack.security.headers(user);
    const viaOther = (query = CHEAP) => postGraphQL(`${other}/graphql`, query, undefined, headers);

    expect((await ask(user)).status).toBe(200);
    expect((await viaOther(DIVISION)).data?.division?.name).toBe('玄武区');
    expect((await ask(user)).status).toBe(200);
    expect((await viaOther()).status).toBe(200);
    expectRateLimited(await viaOther(), 'user');
    expectRateLimited(await ask(user), 'user');
  });

  it('answers failed authentications from one address 401, then 429 — and still serves valid tokens from it', async () => {
    // A replica of its own over a fresh prefix: this suite's requests all come from 127.0.0.1.
    const prefix = testKeyPrefix('rate-limit-auth');
    cleanup.push(() => deleteKeys(redis, prefix));
    const other = await anotherGateway(undefined, prefix);
    const forged = { authorization: 'Bearer not-a-token' };
    for (let i = 0; i < LIMITS.authFailuresPerMinute; i++) {
      const res = await postGraphQL(`${other}/graphql`, CHEAP, undefined, forged);
      expect(res.status).toBe(401);
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    }
    expectRateLimited(await postGraphQL(`${other}/graphql`, CHEAP, undefined, forged), 'authentication');
    expectRateLimited(await postGraphQL(`${other}/graphql`, CHEAP, undefined, {}), 'authentication');
    const valid = await postGraphQL(`${other}/graphql`, CHEAP, undefined, await stack.security.headers(consumer('rl-valid', 'rl-dept-e')));
    expect(valid.status).toBe(200);
  });

  it('refuses with 503 SERVICE_UNAVAILABLE, never serves unchecked, while the store is unreachable; /readyz says so', async () => {
    const down = await anotherGateway(DEAD_REDIS_URL);
    const headers = await stack.security.headers(consumer('rl-down', 'rl-dept-f'));
    const { result: res, sql } = await stack.recordSql(() => postGraphQL(`${down}/graphql`, DIVISION, undefined, headers));
    expect(res.status).toBe(503);
    expect(codes(res)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(res.errors![0].extensions!.dependency).toBe('rate-limit-store');
    expect(res.data ?? null).toBeNull();
    expect(requestSql(sql)).toEqual([]);
    // A bad token is still told so: the failed-authentication count is a courtesy, not a gate.
    expect(codes(await postGraphQL(`${down}/graphql`, DIVISION, undefined, { authorization: 'Bearer not-a-token' }))).toEqual(['UNAUTHENTICATED']);

    const ready = await fetch(`${down}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks.rateLimitStore).toBe('unreachable');
  });
});
