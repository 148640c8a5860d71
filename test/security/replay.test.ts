/**
 * A captured gateway → subgraph credential cannot be played back — not after the subgraph
 * restarts, not against a second replica, and not while the shared replay store is down
 * (refused, never accepted unchecked). Against the real Redis (test/support/redis.ts), each
 * test under a key prefix of its own.
 */
import { population } from '../../subgraphs/population/server';
import { createSubgraphServer, type SubgraphServer } from '../../lib/subgraph';
import { listen, type Listening } from '../../lib/http/listen';
import { AccessLog } from '../../lib/audit';
import { createCredentialVerifier, RedisReplayStore, type ReplayStore } from '../../lib/identity';
import type { Redis } from '../../lib/redis';
import { SHOWCASE } from '../../lib/synthetic';
import { openPlatformDatabase, openSeededDatabase, type TestDatabase } from '../support/databases';
import { codes, postGraphQL } from '../support/http';
import { PEOPLE, testSecurity, type TestSecurity } from '../support/security';
import { DEAD_REDIS_URL, deleteKeys, describeWithRedis, openTestRedis, testKeyPrefix } from '../support/redis';

const QUERY = `query Replay($id: ID!) { person(idNumber: $id) { name } }`;
const VARIABLES = { id: SHOWCASE.head };
const BODY = JSON.stringify({ query: QUERY, variables: VARIABLES });

describeWithRedis('replaying a gateway credential, with a shared replay store', () => {
  let database: TestDatabase;
  let platform: TestDatabase;
  let accessLog: AccessLog;
  /** The gateway's keys, which every subgraph process trusts. */
  let gateway: TestSecurity;
  const cleanup: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    [database, platform, gateway] = await Promise.all([openSeededDatabase(population), openPlatformDatabase(), testSecurity()]);
    accessLog = new AccessLog(platform.db, gateway.auditKeys.key);
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });
  afterAll(async () => {
    gateway?.policy.close();
    await database?.drop();
    await platform?.drop();
  });

  /**
   * One subgraph process: its own Redis connection and replay store over `keyPrefix` (what
   * a process started with GOVGRAPH_REDIS_URL builds), serving population on port 0.
   */
  async function startReplica(redis: Redis, keyPrefix: string): Promise<{ url: string; stop(): Promise<void> }> {
    const replayStore: ReplayStore = new RedisReplayStore(redis, { keyPrefix });
    const security = {
      ...gateway,
      replayStore,
      credentialVerifier: (audience: string) => createCredentialVerifier({ gatewayPublicJwks: [gateway.gatewayKeyPair.publicJwk], audience, replayStore }),
    };
    const server: SubgraphServer = await createSubgraphServer(population, database.db, security, { accessLog });
    const http: Listening = await listen(server.app, 0);
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await http.close();
      await server.stop();
    };
    cleanup.push(stop);
    return { url: `${http.url}/graphql`, stop };
  }

  async function redisFor(keyPrefix: string, url?: string): Promise<Redis> {
    const redis = await openTestRedis(url);
    cleanup.push(async () => {
      if (!url) await deleteKeys(redis, keyPrefix);
      redis.disconnect();
    });
    return redis;
  }

  /** A credential as the gateway signs it for one population request (and an attacker captures it). */
  const capture = () => gateway.credentialFor('population', BODY, PEOPLE.publicSecurity);
  const send = (url: string, credential: Record<string, string>) => postGraphQL(url, QUERY, VARIABLES, credential);

  it('is refused after the subgraph restarts', async () => {
    const keyPrefix = testKeyPrefix('replay-restart');
    const before = await startReplica(await redisFor(keyPrefix), keyPrefix);
    const credential = await capture();
    const first = await send(before.url, credential);
    expect(first.status).toBe(200);
    expect(first.data?.person?.name).toBe('李建国');

    // The process goes away with everything in its memory; a new one starts over the same store.
    await before.stop();
    const after = await startReplica(await redisFor(keyPrefix), keyPrefix);
    const replay = await send(after.url, credential);
    expect(codes(replay)).toEqual(['UNAUTHENTICATED']);
    expect(replay.data ?? null).toBeNull();

    // The restarted subgraph serves fresh credentials as before.
    const fresh = await send(after.url, await capture());
    expect(fresh.data?.person?.name).toBe('李建国');
  });

  it('is refused by a second replica sharing the store, whichever the credential reached first', async () => {
    const keyPrefix = testKeyPrefix('replay-replicas');
    const a = await startReplica(await redisFor(keyPrefix), keyPrefix);
    const b = await startReplica(await redisFor(keyPrefix), keyPrefix);

    const one = await capture();
    expect((await send(a.url, one)).data?.person?.name).toBe('李建国');
    const onB = await send(b.url, one);
    expect(codes(onB)).toEqual(['UNAUTHENTICATED']);
    expect(onB.data ?? null).toBeNull();

    const two = await capture();
    expect((await send(b.url, two)).data?.person?.name).toBe('李建国');
    expect(codes(await send(a.url, two))).toEqual(['UNAUTHENTICATED']);

    // Sent to both at once, exactly one replica accepts it (SET NX is atomic).
    const three = await capture();
    const race = await Promise.all([send(a.url, three), send(b.url, three)]);
    expect(race.map((r) => (r.data?.person?.name ? 'served' : codes(r).join())).sort()).toEqual(['UNAUTHENTICATED', 'served']);
  });

  it('remembers each credential in Redis only until it could no longer be accepted', async () => {
    const keyPrefix = testKeyPrefix('replay-ttl');
    const redis = await redisFor(keyPrefix);
    const replica = await startReplica(redis, keyPrefix);
    await send(replica.url, await capture());
    const keys = [];
    for (let cursor = '0', first = true; first || cursor !== '0'; first = false) {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${keyPrefix}replay:*`);
      keys.push(...found);
      cursor = next;
    }
    expect(keys).toHaveLength(1);
    const ttl = await redis.pttl(keys[0]);
    // 30 s lifetime + 5 s clock tolerance, less the time the request took.
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(35_000);
  });

  it('is refused — every credential is — while the store is unreachable, and /readyz says so', async () => {
    const keyPrefix = testKeyPrefix('replay-down');
    const replica = await startReplica(await redisFor(keyPrefix, DEAD_REDIS_URL), keyPrefix);
    const res = await send(replica.url, await capture());
    expect(res.status).toBe(503);
    expect(codes(res)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(res.errors?.[0].extensions?.dependency).toBe('replay-store');
    expect(res.data ?? null).toBeNull();

    const ready = await fetch(replica.url.replace(/\/graphql$/, '/readyz'));
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks.replayStore).toBe('unreachable');
  });
});
