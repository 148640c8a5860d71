/**
 * Runtime configuration from the environment — every knob a deployment turns, in one place
 * (the README's configuration table is written from this file).
 */
import path from 'node:path';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rateLimit/limits';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operationLimits';

/**
 * The package root, where `.data/`, `policies/`, `package.json` and the committed supergraph
 * live: the folder above lib/ when the TypeScript sources run (tsx, jest), the one above dist/
 * when the compiled output does (scripts/build.js compiles lib/config.ts to dist/lib/config.js).
 */
export const ROOT = path.resolve(__dirname, __filename.endsWith('.ts') ? '..' : path.join('..', '..'));

/** GOVGRAPH_DATA_DIR — embedded databases' home. @default `<repo>/.data` */
export function dataDir(): string {
  return process.env.GOVGRAPH_DATA_DIR ?? path.join(ROOT, '.data');
}

/** GOVGRAPH_HOST — interface to listen on. @default 127.0.0.1 (set 0.0.0.0 in containers) */
export function listenHost(): string {
  return process.env.GOVGRAPH_HOST ?? '127.0.0.1';
}

/** `legal-person` → `LEGAL_PERSON`, for environment variable names. */
export function envName(subgraphName: string): string {
  return subgraphName.toUpperCase().replace(/-/g, '_');
}

/** GOVGRAPH_<NAME>_DB_URL — a department's real database; unset = embedded PGlite. */
export function databaseUrl(def: { name: string }): string | undefined {
  return process.env[`GOVGRAPH_${envName(def.name)}_DB_URL`] || undefined;
}

/** GOVGRAPH_<NAME>_PORT — a subgraph's port. @default the subgraph's own (4001–4005, README "Architecture") */
export function subgraphPort(def: { name: string; defaultPort: number }): number {
  return intEnv(`GOVGRAPH_${envName(def.name)}_PORT`, def.defaultPort);
}

/**
 * GOVGRAPH_<NAME>_URL — where the gateway reaches a subgraph. @default `http://localhost:<port>/graphql`
 * when GOVGRAPH_<NAME>_PORT is set, else the URL composition recorded in the supergraph.
 */
export function subgraphUrl(name: string, composedUrl: string): string {
  const url = process.env[`GOVGRAPH_${envName(name)}_URL`];
  if (url) return url;
  const port = intEnv(`GOVGRAPH_${envName(name)}_PORT`, 0);
  return port ? `http://localhost:${port}/graphql` : composedUrl;
}

/** GOVGRAPH_GATEWAY_PORT. @default 4000 */
export function gatewayPort(): number {
  return intEnv('GOVGRAPH_GATEWAY_PORT', 4000);
}

/**
 * GOVGRAPH_SUBGRAPH_TIMEOUT_MS — how long the gateway waits for one subgraph call (the whole
 * answer, not only its headers) before answering without it: that subgraph's fields `null`
 * with DOWNSTREAM_SERVICE_ERROR, the rest as usual. @default 10000
 */
export function subgraphTimeoutMs(): number {
  const ms = intEnv('GOVGRAPH_SUBGRAPH_TIMEOUT_MS', DEFAULT_SUBGRAPH_TIMEOUT_MS);
  if (ms === 0) throw new Error('GOVGRAPH_SUBGRAPH_TIMEOUT_MS must be a positive number of milliseconds');
  return ms;
}

/**
 * GOVGRAPH_COMPILE_AFTER — the run at which a subgraph compiles an operation it keeps
 * receiving (lib/subgraph/compiledExecution.ts); the runs before it are interpreted by
 * graphql-js. 0 turns compilation off. @default 2: a one-off document never pays for
 * compiling, which costs several interpreted runs.
 */
export function compileAfter(): number {
  return intEnv('GOVGRAPH_COMPILE_AFTER', 2);
}

/**
 * 10 s: the bench's client gives up after 10 s (autocannon's default), so the deadline never
 * cuts a call the bench would count, and a caller is freed long before the 30 s a gateway
 * credential lives (lib/identity/credential.ts). Measured on the 2-core CI machine at the
 * bench's 10 connections: a 500-row list (bench/workloads/persons500.ts) answers in about a
 * second end to end when the machine is otherwise idle (bench/README.md, ~10 req/s);
 * legalPersons500 had p99 2.3 s, and persons500 p50 9.9 s / p99 11.4 s, with other jobs
 * loading the machine five times over — where a slower answer is worth little more than none.
 */
const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/** GOVGRAPH_SEED_PERSONS — size of the demo world seeded on first run. @default 10000 */
export function seedPersons(): number {
  return intEnv('GOVGRAPH_SEED_PERSONS', 10_000);
}

/**
 * GOVGRAPH_AUDIT_WITNESS_DIR — where each process witnesses the access log's chain heads, on
 * its own disk, out of the platform database's reach (lib/audit/witness.ts). Keep it on a
 * volume the database's administrators cannot write. @default `<data dir>/audit-witness`
 */
export function auditWitnessDir(): string {
  return process.env.GOVGRAPH_AUDIT_WITNESS_DIR || path.join(dataDir(), 'audit-witness');
}

/**
 * GOVGRAPH_AUDIT_HEAD_CHECK_SECONDS — how often a running process compares the access log's
 * chain heads in the database with those it committed and witnessed, and sets forward one
 * found set back: the longest a cut of the newest records stays invisible to whoever reads
 * only the database. @default 5 — one indexed single-row read per chain; cheap enough to be
 * short.
 */
export function auditHeadCheckSeconds(): number {
  const seconds = intEnv('GOVGRAPH_AUDIT_HEAD_CHECK_SECONDS', 5);
  if (seconds === 0) throw new Error('GOVGRAPH_AUDIT_HEAD_CHECK_SECONDS must be a positive number of seconds');
  return seconds;
}

/**
 * GOVGRAPH_POLICY_REPORT_SECONDS — how often each process reports the policy revision it
 * enforces to the platform database (lib/policy/replicas.ts), besides at once on a change;
 * `govgraph policy status` counts a process as live for three of these. @default 5
 */
export function policyReportSeconds(): number {
  const seconds = intEnv('GOVGRAPH_POLICY_REPORT_SECONDS', 5);
  if (seconds === 0) throw new Error('GOVGRAPH_POLICY_REPORT_SECONDS must be a positive number of seconds');
  return seconds;
}

/**
 * GOVGRAPH_REDIS_URL — the Redis every replica shares: used credentials (replay protection
 * across restarts and replicas) and request counts (rate limits, grant quotas). Unset = each
 * process keeps both in its own memory.
 */
export function redisUrl(): string | undefined {
  return process.env.GOVGRAPH_REDIS_URL || undefined;
}

/** GOVGRAPH_REDIS_PREFIX — prepended to every Redis key, so installations can share a Redis. @default `govgraph:` */
export function redisKeyPrefix(): string {
  return process.env.GOVGRAPH_REDIS_PREFIX || 'govgraph:';
}

/**
 * GOVGRAPH_RATE_USER_PER_MIN, GOVGRAPH_RATE_DEPT_PER_MIN, GOVGRAPH_RATE_GRANT_PER_DAY,
 * GOVGRAPH_RATE_AUTH_FAILURES_PER_MIN — the gateway's limits; 0 turns one off.
 * @default lib/rateLimit/limits.ts's DEFAULT_RATE_LIMITS
 */
export function rateLimits(): RateLimits {
  return {
    userPerMinute: intEnv('GOVGRAPH_RATE_USER_PER_MIN', DEFAULT_RATE_LIMITS.userPerMinute),
    departmentPerMinute: intEnv('GOVGRAPH_RATE_DEPT_PER_MIN', DEFAULT_RATE_LIMITS.departmentPerMinute),
    grantPerDay: intEnv('GOVGRAPH_RATE_GRANT_PER_DAY', DEFAULT_RATE_LIMITS.grantPerDay),
    authFailuresPerMinute: intEnv('GOVGRAPH_RATE_AUTH_FAILURES_PER_MIN', DEFAULT_RATE_LIMITS.authFailuresPerMinute),
  };
}

/** How a process runs: `production` hardens it (README, "Production mode"), `demo` is the default. */
export type RuntimeEnv = 'demo' | 'production';

/**
 * GOVGRAPH_ENV — `production`: the gateway serves no GraphiQL, answers no introspection and
 * suggests no field names, and every process refuses to start on demo keys
 * (lib/keys/keySources.ts). @default demo. Any other value stops the process: a typo
 * must not quietly mean demo.
 */
export function runtimeEnv(env: NodeJS.ProcessEnv = process.env): RuntimeEnv {
  const raw = env.GOVGRAPH_ENV?.trim();
  if (raw === undefined || raw === '' || raw === 'demo') return 'demo';
  if (raw === 'production') return 'production';
  throw new Error(`GOVGRAPH_ENV must be "production" or "demo" (or unset, which is demo), got "${raw}"`);
}

/** The cryptographic suites of lib/crypto/. */
export type CryptoSuiteName = 'intl' | 'sm';

/**
 * GOVGRAPH_CRYPTO — `sm`: the national algorithms SM2, SM3 and SM4 for everything govgraph
 * signs, hashes, MACs and seals; `intl`: Ed25519, SHA-256, HMAC-SHA-256, AES-256-GCM
 * (lib/crypto/suite.ts). @default intl. Any other value stops the process: a typo must not
 * quietly mean the international algorithms.
 */
export function cryptoSuiteName(env: NodeJS.ProcessEnv = process.env): CryptoSuiteName {
  const raw = env.GOVGRAPH_CRYPTO?.trim();
  if (raw === undefined || raw === '' || raw === 'intl') return 'intl';
  if (raw === 'sm') return 'sm';
  throw new Error(`GOVGRAPH_CRYPTO must be "sm" or "intl" (or unset, which is intl), got "${raw}"`);
}

/**
 * GOVGRAPH_MAX_TOKENS, GOVGRAPH_MAX_DEPTH, GOVGRAPH_MAX_ALIASES, GOVGRAPH_MAX_ROOT_FIELDS,
 * GOVGRAPH_MAX_DIRECTIVES, GOVGRAPH_MAX_COST, GOVGRAPH_COST_LIST_SIZE — the gateway's
 * operation limits; 0 turns one off. @default lib/operationLimits.ts's DEFAULT_OPERATION_LIMITS
 */
export function operationLimits(): OperationLimits {
  const d = DEFAULT_OPERATION_LIMITS;
  return {
    tokens: intEnv('GOVGRAPH_MAX_TOKENS', d.tokens),
    depth: intEnv('GOVGRAPH_MAX_DEPTH', d.depth),
    aliases: intEnv('GOVGRAPH_MAX_ALIASES', d.aliases),
    rootFields: intEnv('GOVGRAPH_MAX_ROOT_FIELDS', d.rootFields),
    directives: intEnv('GOVGRAPH_MAX_DIRECTIVES', d.directives),
    cost: intEnv('GOVGRAPH_MAX_COST', d.cost),
    defaultListSize: intEnv('GOVGRAPH_COST_LIST_SIZE', d.defaultListSize),
  };
}

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}
