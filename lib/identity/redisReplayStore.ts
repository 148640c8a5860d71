/**
 * A {@link ReplayStore} in Redis, shared by every replica of every subgraph: a credential
 * used once is refused by all of them, and still after any of them restarts.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log';
import { redisState } from '../redis';
import type { ReplayStore, ReplayVerdict, StoreState } from './replayGuard';

/** Options of {@link RedisReplayStore}. */
export interface RedisReplayStoreOptions {
  /** Prepended to every key, so several installations (or tests) can share one Redis. @default 'govgraph:' */
  keyPrefix?: string;
  /** Where a failing store is reported (each failure, at warn). */
  log?: Logger;
}

/**
 * One atomic `SET <prefix>replay:<jti> 1 NX PX <ms>` per credential: `OK` means first use
 * (now remembered until the credential could no longer be accepted), `null` means the key
 * exists — a replay, whichever replica saw it first.
 *
 * Fails closed: if Redis cannot be reached or does not answer in time, the verdict is
 * `unavailable` and the credential is refused. Nothing is ever admitted unrecorded.
 *
 * The TTL is relative (`PX`), computed on this process's clock, so a Redis server whose clock
 * differs does not shorten it; the verifier's clock tolerance already covers skew between
 * replicas. Redis must not evict these keys (`maxmemory-policy noeviction`, its default): an
 * evicted key is a replay window. Under `noeviction` a full Redis refuses the write — and
 * so the credential.
 */
export class RedisReplayStore implements ReplayStore {
  private readonly prefix: string;

  constructor(private readonly client: Redis, private readonly options: RedisReplayStoreOptions = {}) {
    this.prefix = `${options.keyPrefix ?? 'govgraph:'}replay:`;
  }

  async check(id: string, expiresAtMs: number): Promise<ReplayVerdict> {
    const ttlMs = Math.max(1, Math.ceil(expiresAtMs - Date.now()));
    try {
      const set = await this.client.set(this.prefix + id, '1', 'PX', ttlMs, 'NX');
      return set === 'OK' ? 'fresh' : 'replayed';
    } catch (err) {
      this.options.log?.warn({ err: { message: (err as Error).message } }, 'replay store unavailable: credential refused');
      return 'unavailable';
    }
  }

  state(): Promise<StoreState> {
    return redisState(this.client);
  }
}
