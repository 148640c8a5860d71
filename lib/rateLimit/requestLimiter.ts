/**
 * Request-rate limits per user and per consumer department, a daily quota per grant, and a
 * limit on failed authentications per client address — counted in Redis when the gateway
 * replicas share one (`GOVGRAPH_REDIS_URL`), in this process's memory otherwise.
 *
 * Counting is rate-limiter-flexible's fixed window (one atomic Lua `SET NX EX` + `INCRBY`
 * per limit in Redis). It knows nothing about HTTP or GraphQL: the gateway asks it once per
 * request, after the token is verified and before anything is parsed, planned or fetched
 * (gateway/plugins/rateLimit.ts).
 */
import type { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { chinaDate } from '../chinaDate';
import { errors, type RateLimitName } from '../errors';
import type { Logger } from '../log';
import { redisState } from '../redis';
import type { RateLimits } from './limits';

export { DEFAULT_RATE_LIMITS, type RateLimits } from './limits';

/** Who a request counts against. */
export interface RequestOrigin {
  dept: string;
  user: string;
  /** The request's `X-Grant-Id`, if any. */
  grantId?: string;
}

/** Options of {@link RequestLimiter}. */
export interface RequestLimiterOptions {
  limits: RateLimits;
  /** The Redis every gateway replica shares; absent: counts live in this process only. */
  redis?: Redis;
  /** Prepended to every Redis key. @default 'govgraph:' */
  keyPrefix?: string;
  /** Refusals are logged at info (who and which limit), store failures at error. */
  log?: Logger;
  /** Clock, for tests of the day boundary. @default Date.now */
  now?: () => number;
}

const MINUTE = 60;
const DAY_MS = 86_400_000;
// China has one offset all year (UTC+8, no daylight saving).
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The result of one counter: admitted, or refused with how long until it frees up. */
type Verdict = { ok: true } | { ok: false; limit: RateLimitName; retryAfterMs: number } | { ok: false; error: Error };

export class RequestLimiter {
  /** Where counts are kept. */
  readonly store: 'redis' | 'memory';
  private readonly user?: RateLimiterAbstract;
  private readonly department?: RateLimiterAbstract;
  private readonly grant?: RateLimiterAbstract;
  private readonly authFailures?: RateLimiterAbstract;
  private readonly now: () => number;

  constructor(private readonly options: RequestLimiterOptions) {
    const { limits, redis } = options;
    this.store = redis ? 'redis' : 'memory';
    this.now = options.now ?? Date.now;
    const prefix = `${options.keyPrefix ?? 'govgraph:'}rate:`;
    const make = (name: string, points: number, duration: number): RateLimiterAbstract | undefined => {
      if (!Number.isInteger(points) || points < 0) throw new Error(`rate limit ${name} must be a non-negative whole number, got ${points}`);
      if (points === 0) return undefined;
      const keyPrefix = prefix + name;
      // Fail fast on a disconnected client (the connection has no offline queue either).
      return redis
        ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, rejectIfRedisNotReady: true })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    };
    this.user = make('user', limits.userPerMinute, MINUTE);
    this.department = make('department', limits.departmentPerMinute, MINUTE);
    // Keyed by the day as well, so the window is the calendar day; a key lives a day at
    // most, and the next day's key is a different one.
    this.grant = make('grant', limits.grantPerDay, DAY_MS / 1000);
    this.authFailures = make('auth-failures', limits.authFailuresPerMinute, MINUTE);
  }

  /**
   * Counts one request of `origin` against its user, then its department, then its grant —
   * each only once the one before admitted it, so a client hammering its own limit does
   * not spend its department's or its grant's.
   *
   * @throws `RATE_LIMITED` (HTTP 429, `Retry-After`) when a limit is reached;
   *   `SERVICE_UNAVAILABLE` (HTTP 503) when the shared store cannot be reached — fail closed:
   *   a quota that cannot be counted is not granted.
   */
  async admit(origin: RequestOrigin): Promise<void> {
    const steps: Array<[RateLimitName, RateLimiterAbstract | undefined, string]> = [
      ['user', this.user, `${origin.dept}:${origin.user}`],
      ['department', this.department, origin.dept],
    ];
    if (origin.grantId) steps.push(['grant', this.grant, `${origin.dept}:${origin.grantId}:${chinaDate(new Date(this.now()))}`]);
    for (const [limit, limiter, key] of steps) {
      if (!limiter) continue;
      const verdict = await this.consume(limiter, limit, key);
      if (verdict.ok) continue;
      throw this.refusal(verdict, { ...origin, limit });
    }
  }

  /**
   * Counts a failed authentication from `address`; past the limit, returns the `RATE_LIMITED`
   * refusal to send instead of `UNAUTHENTICATED`, telling a scanner to back off. Valid tokens
   * are never refused because of their address: many officers share one egress proxy, and
   * one of them must not be able to lock out the rest.
   */
  async authenticationFailed(address: string): Promise<GraphQLError | undefined> {
    if (!this.authFailures) return undefined;
    const verdict = await this.consume(this.authFailures, 'authentication', address);
    if (verdict.ok) return undefined;
    // A store that is down changes nothing here: the request is refused (401) either way.
    if ('error' in verdict) {
      this.options.log?.warn({ err: { message: verdict.error.message }, address }, 'rate-limit store unavailable: failed authentication not counted');
      return undefined;
    }
    return this.refusal(verdict, { address, limit: 'authentication' });
  }

  /** `ok`, or why the store cannot be used (for /readyz). */
  state(): Promise<'ok' | 'unreachable' | 'timeout'> {
    return this.options.redis ? redisState(this.options.redis) : Promise.resolve('ok' as const);
  }

  private async consume(limiter: RateLimiterAbstract, limit: RateLimitName, key: string): Promise<Verdict> {
    try {
      await limiter.consume(key, 1);
      return { ok: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const retryAfterMs = limit === 'grant' ? msUntilBeijingMidnight(this.now()) : rejection.msBeforeNext;
        return { ok: false, limit, retryAfterMs };
      }
      return { ok: false, error: rejection instanceof Error ? rejection : new Error(String(rejection)) };
    }
  }

  private refusal(verdict: Exclude<Verdict, { ok: true }>, who: Record<string, unknown>): GraphQLError {
    if ('error' in verdict) {
      this.options.log?.error({ err: { message: verdict.error.message }, ...who }, 'rate-limit store unavailable: request refused');
      return errors.serviceUnavailable('rate-limit-store', 'Request limits cannot be checked right now (the shared rate-limit store is unreachable); nothing was served. Retry later.');
    }
    this.options.log?.info({ ...who, retryAfterMs: verdict.retryAfterMs }, 'request refused: rate limit reached');
    return errors.rateLimited(verdict.limit, verdict.retryAfterMs / 1000);
  }
}

/** Milliseconds from `nowMs` to the next 00:00 in Beijing. */
export function msUntilBeijingMidnight(nowMs: number): number {
  return DAY_MS - ((nowMs + BEIJING_OFFSET_MS) % DAY_MS);
}
