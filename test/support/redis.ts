/**
 * Redis for tests: the real server (GOVGRAPH_TEST_REDIS_URL, default 127.0.0.1:6379 — CI's
 * .ci/run starts it), with a key prefix of its own per test, so suites running in parallel
 * never see each other's keys, and every key is deleted afterwards.
 *
 * Outside CI a machine without Redis skips the suites that need it (with a note); in CI
 * (`CI` set) they run, and fail if Redis is not there.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connectRedis, type Redis } from '../../lib/redis';
import { rootLogger } from '../../lib/log';

export const TEST_REDIS_URL = process.env.GOVGRAPH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** An address where nothing listens: a Redis that is down. */
export const DEAD_REDIS_URL = 'redis://127.0.0.1:1';

/** Whether Redis answers at all, checked synchronously so a suite can choose `describe` or `describe.skip`. */
function redisReachable(): boolean {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const probe = `const s=require('net').connect(${Number(port || 6379)},${JSON.stringify(hostname)});s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),1000)`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

const reachable = redisReachable();
if (!reachable && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(`Redis is not reachable at ${TEST_REDIS_URL}: the suites that need it are skipped (start redis-server to run them; CI always does).`);
}

/** `describe` when Redis is there (or in CI, where its absence must fail), `describe.skip` otherwise. */
export const describeWithRedis: jest.Describe = reachable || process.env.CI ? describe : describe.skip;

/** A fresh key prefix, unique to one test. */
export function testKeyPrefix(label: string): string {
  return `govgraph-test:${label}:${process.pid}-${randomBytes(4).toString('hex')}:`;
}

/** A client as the product opens it (lib/redis.ts); one per simulated process. */
export function openTestRedis(url = TEST_REDIS_URL): Promise<Redis> {
  return connectRedis(url, { name: 'test', log: rootLogger, startTimeoutMs: url === DEAD_REDIS_URL ? 200 : 2_000 });
}

/** Deletes every key under `prefix` (SCAN, not KEYS, as on a shared server). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
