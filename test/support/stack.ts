/**
 * The whole federation in-process for end-to-end tests: each subgraph over its own fresh,
 * seeded test database (real servers when configured; embedded, the departments share one
 * engine as under `npm start`), the gateway in front, all on port 0.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { subgraphs } from '../../subgraphs';
import { HeadWitness } from '../../lib/audit';
import { startStack, RunningStack } from '../../app/stack';
import { openSeededFederation, TestDatabase } from './databases';
import { currentLogger } from '../../lib/log';
import { postGraphQL, GraphQLResponse } from './http';
import type { Database } from '../../lib/db';
import { testSecurity, TestSecurity, PEOPLE, DIBAO } from './security';
import { RedisReplayStore, type Requester } from '../../lib/identity';
import { DEFAULT_RATE_LIMITS, RequestLimiter, type RateLimits } from '../../lib/rateLimit/requestLimiter';
import { rateLimits as configuredRateLimits } from '../../lib/config';
import type { Redis } from '../../lib/redis';
import { consoleDemoTokens } from '../../gateway/plugins/console';

export interface TestStack extends RunningStack {
  databases: Map<string, TestDatabase>;
  /** The access log's head witness directory (lib/audit/witness.ts), removed by stop(). */
  witnessDir: string;
  security: TestSecurity;
  /** As the 玄武区 caseworker under the demo grant, unless `headers` say otherwise. */
  query<D = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<D>>;
  /** As anyone: `identity` with optional purpose and grant. */
  queryAs<D = Record<string, any>>(identity: Requester | null, opts: { purpose?: string; grantId?: string }, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<D>>;
  /** Runs `fn` and returns the SQL every department database ran meanwhile, by subgraph. */
  recordSql<T>(fn: () => Promise<T>): Promise<{ result: T; sql: Record<string, string[]> }>;
}

/** Options of {@link startTestStack}; without them, everything in memory as before. */
export interface TestStackOptions {
  /**
   * A Redis the subgraphs keep used credentials in and the gateway counts requests in, as
   * replicas sharing `GOVGRAPH_REDIS_URL` do. The caller closes it.
   */
  redis?: Redis;
  /** Key prefix in `redis`; give each test its own (test/support/redis.ts). @default 'govgraph:' */
  keyPrefix?: string;
  /** Rate limits, over the defaults (counted in `redis` if given, else in memory). */
  rateLimits?: Partial<RateLimits>;
  /** The gateway's rate limiter itself, instead of one made from `redis` and `rateLimits`. */
  requestLimiter?: RequestLimiter;
}

export async function startTestStack(policyDir?: string, options: TestStackOptions = {}): Promise<TestStack> {
  const databases = new Map<string, TestDatabase>();
  const { redis, keyPrefix } = options;
  const security = await testSecurity(policyDir, {
    replayStore: redis ? new RedisReplayStore(redis, { keyPrefix }) : undefined,
    requestLimiter: options.requestLimiter ?? (redis || options.rateLimits ? new RequestLimiter({ limits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, redis, keyPrefix }) : undefined),
  });
  const defaultHeaders = await security.headers(PEOPLE.caseworker, DIBAO);
  const witnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-witness-'));
  try {
    for (const [name, t] of await openSeededFederation(subgraphs)) databases.set(name, t);
    const stack = await startStack({
      subgraphs,
      databases: new Map([...databases].map(([name, t]) => [name, t.db] as [string, Database])),
      ports: () => 0,
      security,
      // The access log's head witness, as `npm start` keeps one, in a directory of this stack's own.
      auditWitness: await HeadWitness.open(witnessDir, security.auditKeys.key),
      // The console's demo sign-in, signed by this stack's issuer (test/console/).
      consoleDemoTokens: consoleDemoTokens(security.issuer, 3600),
    });
    return {
      ...stack,
      databases,
      security,
      witnessDir,
      query: (query, variables, headers) => postGraphQL(`${stack.gatewayUrl}/graphql`, query, variables, { ...defaultHeaders, ...headers }),
      async queryAs(identity, opts, query, variables) {
        const headers = identity ? await security.headers(identity, opts) : {};
        return postGraphQL(`${stack.gatewayUrl}/graphql`, query, variables, headers);
      },
      async recordSql(fn) {
        const sql: Record<string, string[]> = Object.fromEntries([...databases.keys()].map((name) => [name, []]));
        const listeners = [...departmentsByKnex(databases)].map(([knex, names]) => {
          // On a knex several departments share (the embedded engine), a statement belongs to
          // the subgraph whose request or background work ran it, as lib/db/trace.ts logs it:
          // a subgraph reaches no other department's database, and the platform's is apart
          // (test/support/databases.ts openSeededFederation).
          const listener = (q: { sql: string }) => {
            const name = names.length === 1 ? names[0] : (currentLogger()?.bindings().service ?? UNATTRIBUTED);
            (sql[name] ??= []).push(q.sql);
          };
          knex.on('query', listener);
          return () => knex.off('query', listener);
        });
        try {
          return { result: await fn(), sql };
        } finally {
          listeners.forEach((off) => off());
        }
      },
      async stop() {
        await stack.stop();
        security.policy.close();
        await Promise.all([...databases.values()].map((t) => t.drop()));
        fs.rmSync(witnessDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.all([...databases.values()].map((t) => t.drop().catch(() => undefined)));
    fs.rmSync(witnessDir, { recursive: true, force: true });
    throw err;
  }
}

// ---- one federation per jest worker, for suites that only read ------------------------------

/**
 * The federation of {@link startTestStack}, shared by the suites of one jest worker that only
 * read (and write nothing another suite could see: their own requests' access records, keyed
 * by their request ids). Embedded, starting a federation costs tens of seconds of CPU (two
 * PGlite instances loaded from their templates, PostGIS, six Apollo servers), most of a short
 * suite; the first such suite in a worker starts it and the next ones reuse it.
 *
 * - Only on the embedded databases. On servers (CI), every suite still gets its own stack and
 *   its own databases, dropped by `stop()`: nothing would drop a shared stack's.
 * - `stop()` of what this returns does nothing; the stack ends with the worker process.
 * - The gateway's rate limits are the suite's own: each suite that takes the stack starts from
 *   fresh counters under its `rateLimits` (as {@link startTestStack} would give it), so a suite
 *   never inherits another's requests or auth failures.
 * - The repository's policies/, unwatched, and no Redis: a suite that edits policies, watches
 *   them, needs Redis or changes the database starts its own stack.
 */
export async function sharedTestStack(options: Pick<TestStackOptions, 'rateLimits'> = {}): Promise<TestStack> {
  if (process.env.GOVGRAPH_PG_URL || process.env.GOVGRAPH_MYSQL_URL) return startTestStack(undefined, options);
  const store = workerStore();
  let shared = store[SHARED];
  let stack: TestStack | undefined;
  if (shared) {
    // Started by an earlier suite of this worker. Had that suite ended before its stack was up
    // (its hook timed out), the start failed with it: this suite starts one of its own.
    stack = await shared.stack.catch(() => undefined);
  }
  if (!shared || !stack) {
    const limiter = new SuiteLimiter();
    const started = startTestStack(undefined, { requestLimiter: limiter });
    shared = store[SHARED] = { limiter, stack: started };
    // A stack that failed to start is not kept: the next suite tries again.
    started.catch(() => {
      if (store[SHARED]?.stack === started) delete store[SHARED];
    });
    stack = await started;
  }
  shared.limiter.use(options.rateLimits ? { ...DEFAULT_RATE_LIMITS, ...options.rateLimits } : configuredRateLimits());
  return { ...stack, stop: async () => undefined };
}

const SHARED = Symbol.for('govgraph.test.sharedStack');

/**
 * What lives as long as the jest worker: jest gives each test file its own module registry and
 * globals, but a Node core module is the process's own object in every file.
 */
function workerStore(): { [SHARED]?: { limiter: SuiteLimiter; stack: Promise<TestStack> } } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:v8');
}

/** A gateway rate limiter whose counters and limits are replaced for each suite. */
class SuiteLimiter extends RequestLimiter {
  private current = new RequestLimiter({ limits: configuredRateLimits() });
  constructor() {
    super({ limits: DEFAULT_RATE_LIMITS });
  }
  use(limits: RateLimits): void {
    this.current = new RequestLimiter({ limits });
  }
  override admit(...args: Parameters<RequestLimiter['admit']>): ReturnType<RequestLimiter['admit']> {
    return this.current.admit(...args);
  }
  override authenticationFailed(address: string): ReturnType<RequestLimiter['authenticationFailed']> {
    return this.current.authenticationFailed(address);
  }
  override state(): ReturnType<RequestLimiter['state']> {
    return this.current.state();
  }
}

/** Where {@link TestStack.recordSql} puts a statement on a shared engine that no service ran. */
const UNATTRIBUTED = '(no service)';

/** The departments on each knex: one each on servers, all of them on the embedded engine. */
function departmentsByKnex(databases: Map<string, TestDatabase>): Map<TestDatabase['db']['knex'], string[]> {
  const byKnex = new Map<TestDatabase['db']['knex'], string[]>();
  for (const [name, t] of databases) byKnex.set(t.db.knex, [...(byKnex.get(t.db.knex) ?? []), name]);
  return byKnex;
}
