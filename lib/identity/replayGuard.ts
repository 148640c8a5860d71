/**
 * Remembers credential ids (`jti`) until they expire, so a captured credential cannot be
 * played back within its lifetime.
 */

/**
 * `fresh`: first sighting, now remembered; `replayed`: seen before; `full`: cannot remember it;
 * `unavailable`: the store cannot be asked (a shared store that is down). Only `fresh` admits.
 */
export type ReplayVerdict = 'fresh' | 'replayed' | 'full' | 'unavailable';

/** A shared store's state, as /readyz reports it. */
export type StoreState = 'ok' | 'unreachable' | 'timeout';

/**
 * Anything that can tell a first use from a replay: this in-memory guard, or a store shared
 * by every replica (lib/identity/redisReplayStore.ts).
 */
export interface ReplayStore {
  /** Records `id` until `expiresAtMs` (epoch ms) unless already recorded and unexpired. */
  check(id: string, expiresAtMs: number): ReplayVerdict | Promise<ReplayVerdict>;
  /** `ok`, or why the store cannot answer now (for /readyz). Absent: always ready. */
  state?(): Promise<StoreState>;
}

/** Options of {@link ReplayGuard}. */
export interface ReplayGuardOptions {
  /**
   * Most ids remembered at once. 100 000 covers ~3 300 requests/s sustained per subgraph
   * process at the default 30 s credential lifetime, at roughly 10 MB. @default 100000
   */
  capacity?: number;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

// Each call also drops up to this many expired ids from the oldest end, so memory follows
// traffic without a full sweep on the request path.
const TRIM_PER_CALL = 4;

/**
 * An in-memory, bounded {@link ReplayStore}.
 *
 * Bounded so a flood of requests cannot exhaust memory; expired ids are evicted first.
 * If it is still full of unexpired ids, it refuses the new credential rather than forget
 * an old one (fail closed): forgetting would reopen exactly the replay window this exists
 * to close. Only credentials with a valid gateway signature reach it, so only the gateway's
 * own traffic can fill it — an outsider cannot use "full" to lock others out.
 *
 * Per process: replicas of one subgraph do not share it, and a restart forgets it. A replay
 * routed to another replica, or sent after a restart, within the credential's lifetime would
 * pass — still bound to the same identity, query body and subgraph. Deployments with
 * replicas set `GOVGRAPH_REDIS_URL` for the shared store instead.
 */
export class ReplayGuard implements ReplayStore {
  private readonly seen = new Map<string, number>(); // id → expiry (epoch ms), in insertion order
  private readonly capacity: number;
  private readonly now: () => number;
  // A lower bound on the expiries in `seen`: while the clock is below it, a full sweep
  // cannot free anything, so a full guard refuses in O(1) instead of scanning every request.
  private earliestExpiry = Infinity;

  constructor(options: ReplayGuardOptions = {}) {
    this.capacity = options.capacity ?? 100_000;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new Error('ReplayGuard capacity must be a positive whole number');
    this.now = options.now ?? Date.now;
  }

  /** How many ids are remembered (expired ones may linger until evicted). */
  get size(): number {
    return this.seen.size;
  }

  check(id: string, expiresAtMs: number): ReplayVerdict {
    const now = this.now();
    const known = this.seen.get(id);
    if (known !== undefined) {
      if (known > now) return 'replayed';
      this.seen.delete(id);
    }
    this.trimOldest(now);
    if (this.seen.size >= this.capacity && now >= this.earliestExpiry) this.sweep(now);
    if (this.seen.size >= this.capacity) return 'full';
    this.seen.set(id, expiresAtMs);
    this.earliestExpiry = Math.min(this.earliestExpiry, expiresAtMs);
    return 'fresh';
  }

  private trimOldest(now: number): void {
    let n = 0;
    for (const [id, expiry] of this.seen) {
      if (expiry > now || n++ >= TRIM_PER_CALL) break;
      this.seen.delete(id);
    }
  }

  private sweep(now: number): void {
    let earliest = Infinity;
    for (const [id, expiry] of this.seen) {
      if (expiry <= now) this.seen.delete(id);
      else earliest = Math.min(earliest, expiry);
    }
    this.earliestExpiry = earliest;
  }
}
