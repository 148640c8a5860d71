/**
 * The state replicas must share — used credentials and request counts — from
 * `GOVGRAPH_REDIS_URL`, or this process's memory when none is configured. Either way the
 * choice is logged at start, so an operator can see which protection a process runs with.
 */
import type { Redis } from 'ioredis';
import { connectRedis, redactedRedisUrl } from '../lib/redis';
import { rootLogger } from '../lib/log';
import { RedisReplayStore } from '../lib/identity/redisReplayStore';
import type { ReplayStore } from '../lib/identity';
import { RequestLimiter } from '../lib/rateLimit/requestLimiter';
import { rateLimits, redisKeyPrefix, redisUrl } from '../lib/config';

const log = rootLogger.child({ service: 'shared-store' });

// One connection per process, however many subgraphs and gateways it runs (`npm start`).
let connection: Promise<Redis> | undefined;

/** The process's Redis connection, or `undefined` when GOVGRAPH_REDIS_URL is unset. */
export function sharedRedisFromEnv(): Promise<Redis> | undefined {
  const url = redisUrl();
  if (!url) return undefined;
  connection ??= connectRedis(url, { name: process.env.GOVGRAPH_SERVICE ?? 'govgraph', log });
  return connection;
}

/**
 * The replay store subgraphs share, or `undefined` for the in-memory default (each subgraph
 * its own lib/identity/replayGuard.ts).
 */
export async function replayStoreFromEnv(): Promise<ReplayStore | undefined> {
  const redis = await sharedRedisFromEnv();
  if (!redis) {
    log.warn(
      'replay protection: in memory (GOVGRAPH_REDIS_URL is not set). A captured gateway credential could be replayed ' +
        'against another replica, or after a restart, within its 30 s lifetime: set GOVGRAPH_REDIS_URL when running replicas.',
    );
    return undefined;
  }
  log.info({ redis: redactedRedisUrl(redisUrl()!), keyPrefix: redisKeyPrefix() }, 'replay protection: shared Redis store (fails closed when unreachable)');
  return new RedisReplayStore(redis, { keyPrefix: redisKeyPrefix(), log });
}

/** The gateway's rate limiter: counts in the shared Redis, or in this process's memory. */
export async function requestLimiterFromEnv(): Promise<RequestLimiter> {
  const redis = await sharedRedisFromEnv();
  const limits = rateLimits();
  if (redis) {
    log.info({ redis: redactedRedisUrl(redisUrl()!), keyPrefix: redisKeyPrefix(), limits }, 'rate limits: counted in the shared Redis store (fails closed when unreachable)');
  } else {
    log.warn({ limits }, 'rate limits: counted in this process\'s memory (GOVGRAPH_REDIS_URL is not set): each gateway replica counts on its own');
  }
  return new RequestLimiter({ limits, redis, keyPrefix: redisKeyPrefix(), log: rootLogger.child({ service: 'gateway' }) });
}
