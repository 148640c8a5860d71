/**
 * The one home of the Prometheus metrics (README, "Metrics"). Each service — the gateway and
 * every subgraph — has its own registry, served as `GET /metrics` on its own port, every series
 * labelled with its `service`; the process's own metrics (CPU, memory, event loop, GC, from
 * prom-client) are added to each. The servers take one (gateway/server.ts,
 * lib/subgraph/server.ts); app/ creates them and adds what it wires (app/metrics.ts).
 *
 * Labels are bounded: operation names are the client's (GraphQL names only, at most
 * {@link MAX_OPERATIONS} distinct per service, then `(other)`), codes and reasons come from the
 * error registry (lib/errors.ts), subgraphs from the supergraph. Nothing personal is ever a
 * label: no argument, no identifier, no user.
 */
import type { Express, Request, RequestHandler } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db';

/** Seconds: a cached lookup answers in milliseconds, a 500-row list or a slow department in seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Records per access-log transaction (lib/audit/auditWriter.ts takes at most 500). */
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500];
/** Distinct operation names one service keeps as labels; later ones count as `(other)`. */
export const MAX_OPERATIONS = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** The process's own metrics, collected once per process and shown by every service in it. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What a GraphQL answer is: no errors, data with errors (a withheld field), or no data. */
export type Outcome = 'ok' | 'partial' | 'error';

interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
}

/** What one request's plugin hooks and context learn, read when its response has gone. */
interface RequestSlot {
  context?: unknown;
  /** The request's operation name as it became known (the plugin's didResolveOperation). */
  operationName?: string;
  result?: GraphQLResult;
  /** Why the context was refused (no token, rate limit, operation limits …): its code. */
  refusedWith?: string;
}

/** Where a request's context carries its {@link RequestSlot}. */
const SLOT = Symbol('govgraph.metrics');

/** The code of a refusal that never reached GraphQL, from its HTTP status (lib/http/errorResponses.ts). */
const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  404: 'PATH_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'PAYLOAD_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  /** Each request's slot by its HTTP request; its context carries it under {@link SLOT}. */
  private readonly slots = new WeakMap<object, RequestSlot>();

  private readonly requests = new Counter({
    name: 'govgraph_requests_total',
    help: 'GraphQL requests answered, by the client operation name and outcome (ok: no errors; partial: data and errors; error: no data)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly requestDuration = new Histogram({
    name: 'govgraph_request_duration_seconds',
    help: 'Time from a GraphQL request arriving to its response sent (a subgraph: access record committed), by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly graphqlErrors = new Counter({
    name: 'govgraph_graphql_errors_total',
    help: 'Errors in GraphQL responses (and refusals before GraphQL), by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly policyDenials = new Counter({
    name: 'govgraph_policy_denials_total',
    help: 'Fields withheld by the sharing policy (FORBIDDEN errors in responses), by extensions.reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
  }

  /** The Prometheus text of this service and of its process. */
  async render(): Promise<{ contentType: string; body: string }> {
    const [own, proc] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return { contentType: this.registry.contentType, body: `${own}\n${proc}` };
  }

  /** `GET /metrics`. */
  mount(app: Express): void {
    app.get('/metrics', (_req, res, next) => {
      this.render().then(({ contentType, body }) => res.type(contentType).send(body), next);
    });
  }

  /** A GraphQL operation name as a label: bounded in shape and number. */
  private operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (!OPERATION_NAME.test(name)) return '(other)';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return '(other)';
    this.operations.add(name);
    return name;
  }

  /**
   * Express middleware for the GraphQL path, mounted before the body is parsed so refusals
   * (malformed, oversized, wrong method …) count too: when the response has gone, the request
   * is counted and timed, its errors counted by code and its denials by reason.
   */
  requestMiddleware(): RequestHandler {
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => this.finished(req, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
      next();
    };
  }

  private finished(req: Request, status: number, seconds: number): void {
    const slot = this.slots.get(req);
    let outcome: Outcome;
    const result = slot?.result;
    if (result) {
      const errors = result.errors ?? [];
      outcome = !errors.length ? 'ok' : result.data && Object.values(result.data).some((v) => v !== null && v !== undefined) ? 'partial' : 'error';
      for (const e of errors) {
        const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
        this.graphqlErrors.inc({ code });
        if (code === 'FORBIDDEN') this.policyDenials.inc({ reason: typeof e.extensions?.reason === 'string' ? e.extensions.reason : 'UNKNOWN' });
      }
    } else if (status >= 400) {
      outcome = 'error';
      this.graphqlErrors.inc({ code: slot?.refusedWith ?? STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST') });
    } else outcome = 'ok';
    const operation = this.operationLabel(slot?.operationName ?? operationNameOfBody(req.body));
    this.requests.inc({ operation, outcome });
    this.requestDuration.observe({ operation, outcome }, seconds);
  }

  /**
   * Wraps a server's context function: the request and its context are tied together for
   * the plugin, and a refused context (no token, a rate limit, an operation limit) is counted
   * with its code.
   */
  context<A extends { req: Request }, C extends object>(fn: (args: A) => Promise<C>): (args: A) => Promise<C> {
    return async (args) => {
      const slot: RequestSlot = {};
      this.slots.set(args.req, slot);
      try {
        const context = await fn(args);
        // Apollo hands plugins a shallow copy of the context: a symbol-keyed property goes along.
        (context as { [SLOT]?: RequestSlot })[SLOT] = slot;
        return context;
      } catch (err) {
        const code = (err as { extensions?: { code?: unknown } })?.extensions?.code;
        if (typeof code === 'string') slot.refusedWith = code;
        throw err;
      }
    };
  }

  /**
   * The Apollo plugin that hands each response and operation name to {@link requestMiddleware}.
   * `operationOf` names the client operation from the context (a subgraph's comes in the
   * gateway's credential); without it, the operation the request resolved to.
   */
  plugin<C extends BaseContext>(operationOf?: (context: C) => string | undefined): ApolloServerPlugin<C> {
    const slotOf = (context: C) => (context as { [SLOT]?: RequestSlot })[SLOT];
    return {
      async requestDidStart() {
        return {
          async didResolveOperation({ contextValue, operationName }) {
            const slot = slotOf(contextValue);
            if (slot) slot.operationName = (operationOf ? operationOf(contextValue) : undefined) ?? operationName ?? undefined;
          },
          async willSendResponse({ contextValue, response }) {
            const slot = slotOf(contextValue);
            // The result object itself: hooks still running (the access log's) may add to it.
            if (slot && response.body.kind === 'single') slot.result = response.body.singleResult as GraphQLResult;
          },
        };
      },
    };
  }
}

/**
 * The operation a request refused before GraphQL resolved one (no token, a rate limit, an
 * operation limit) asked for: its `operationName`, else the name of the document's first
 * operation (looked for in its first kilobyte only: the document was not parsed, and may be huge).
 */
function operationNameOfBody(body: unknown): string | undefined {
  const { operationName, query } = (body ?? {}) as { operationName?: unknown; query?: unknown };
  if (typeof operationName === 'string') return operationName;
  if (typeof query !== 'string') return undefined;
  return /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query.slice(0, 1024))?.[1];
}

/** The gateway's own: its calls to the subgraphs. */
export class GatewayMetrics extends ServiceMetrics {
  private readonly subgraphCalls = new Counter({
    name: 'govgraph_subgraph_calls_total',
    help: 'Calls from the gateway to a subgraph, by outcome (ok; errors: answered with GraphQL errors, denials included; failed: unreachable, timed out or not GraphQL)',
    labelNames: ['subgraph', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly subgraphCallDuration = new Histogram({
    name: 'govgraph_subgraph_call_duration_seconds',
    help: 'Time of one call from the gateway to a subgraph, answer included',
    labelNames: ['subgraph'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    super('gateway');
  }

  /** Counts and times every call of a data source (the gateway's per-subgraph fetcher). */
  instrumentDataSource<S extends { process(options: never): Promise<{ errors?: readonly unknown[] | null }> }>(subgraph: string, source: S): S {
    const process = source.process.bind(source);
    source.process = (async (options: never) => {
      const end = this.subgraphCallDuration.startTimer({ subgraph });
      try {
        const response = await process(options);
        this.subgraphCalls.inc({ subgraph, outcome: response.errors?.length ? 'errors' : 'ok' });
        return response;
      } catch (err) {
        this.subgraphCalls.inc({ subgraph, outcome: 'failed' });
        throw err;
      } finally {
        end();
      }
    }) as S['process'];
    return source;
  }
}

/** A subgraph's own: the SQL it runs, the access log it writes, its database pools, the policy it enforces. */
export class SubgraphMetrics extends ServiceMetrics {
  private readonly auditCommitDuration = new Histogram({
    name: 'govgraph_audit_commit_duration_seconds',
    help: 'Time of one access-log transaction (a group commit of the records queued meanwhile), by result',
    labelNames: ['result'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly auditBatchSize = new Histogram({
    name: 'govgraph_audit_batch_records',
    help: 'Access records per access-log transaction',
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });
  private readonly auditCommitted = new Counter({
    name: 'govgraph_audit_records_committed_total',
    help: 'Access records committed to the access log',
    registers: [this.registry],
  });
  private readonly auditUnavailable = new Counter({
    name: 'govgraph_audit_unavailable_total',
    help: 'Requests whose access record could not be committed in time, so their personal data was withheld (AUDIT_UNAVAILABLE)',
    registers: [this.registry],
  });

  private readonly sqlStatements = new Counter({
    name: 'govgraph_sql_statements_total',
    help: 'SQL statements this service ran (its requests and background work, on its department database and on the platform database: access log, grants), transaction control included',
    registers: [this.registry],
  });

  /** lib/db/trace.ts's `onStatement`: one statement run by this service. */
  readonly sqlStatement = (): void => {
    this.sqlStatements.inc();
  };

  /** AuditWriter's `onCommit` (lib/audit/auditWriter.ts): one transaction done or failed. */
  readonly auditCommit = (records: number, seconds: number, ok: boolean): void => {
    this.auditCommitDuration.observe({ result: ok ? 'committed' : 'failed' }, seconds);
    this.auditBatchSize.observe(records);
    if (ok) this.auditCommitted.inc(records);
  };

  /** The access-log sink the request plugin appends to, counting every record that did not make it. */
  countUnavailable<S extends { append(entry: E): Promise<void> }, E>(sink: S): { append(entry: E): Promise<void> } {
    return {
      append: (entry) =>
        sink.append(entry).catch((err: unknown) => {
          this.auditUnavailable.inc();
          throw err;
        }),
    };
  }

  /**
   * Connections of a database pool at each scrape: `used`, `free`, `pending` (requests waiting
   * for one) and the pool's `max`. `pool` names it: `department`, `platform`.
   */
  watchPool(pool: string, db: Database): void {
    const connections = gauge(this.registry, 'govgraph_db_pool_connections', 'Connections of a database pool by state (used, free, pending: waiting for a connection, max: its size)', ['pool', 'state']);
    connections.collectors.push(() => {
      const tarn = (db.knex.client as { pool?: PoolLike }).pool;
      if (!tarn) return;
      connections.gauge.set({ pool, state: 'used' }, tarn.numUsed());
      connections.gauge.set({ pool, state: 'free' }, tarn.numFree());
      connections.gauge.set({ pool, state: 'pending' }, tarn.numPendingAcquires() + tarn.numPendingCreates());
      connections.gauge.set({ pool, state: 'max' }, tarn.max);
    });
  }

  /** The policy revision in force (lib/policy/store.ts), as the `revision` label of a gauge that is 1. */
  watchPolicyRevision(revision: () => string): void {
    const g = gauge(this.registry, 'govgraph_policy_revision_info', 'The sharing policy revision this process enforces (content hash of the policy files), as the revision label', ['revision']);
    g.collectors.push(() => {
      g.gauge.reset();
      g.gauge.set({ revision: revision() }, 1);
    });
  }

  /**
   * Seconds since the newest signed checkpoint of the access log (lib/audit/anchor.ts), read
   * from the platform database at each scrape; NaN before the first checkpoint (a gauge without
   * labels always has a sample, and 0 would say "just signed"). The anchor signs only when there
   * are new records, so the age also grows while nothing is logged.
   */
  watchCheckpointAge(newest: () => Promise<Date | undefined>): void {
    const g = gauge(this.registry, 'govgraph_audit_checkpoint_age_seconds', 'Seconds since the access log\'s newest signed checkpoint, NaN before the first (it is signed only when there are new records)', []);
    g.collectors.push(async () => {
      // A database that does not answer must not cost the scrape (the pools and /readyz say why).
      const at = await newest().catch(() => undefined);
      g.gauge.set(at ? Math.max(0, (Date.now() - at.getTime()) / 1000) : Number.NaN);
    });
  }
}

/** The part of tarn's pool (knex's) read here. */
interface PoolLike {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/** A gauge whose value is computed at each scrape by its collectors (one gauge, several sources). */
function gauge(registry: Registry, name: string, help: string, labelNames: string[]): { gauge: Gauge<string>; collectors: Array<() => void | Promise<void>> } {
  const existing = gauges.get(registry)?.get(name);
  if (existing) return existing;
  const collectors: Array<() => void | Promise<void>> = [];
  const g = new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      for (const c of collectors) await c();
    },
  });
  const entry = { gauge: g, collectors };
  if (!gauges.has(registry)) gauges.set(registry, new Map());
  gauges.get(registry)!.set(name, entry);
  return entry;
}
const gauges = new WeakMap<Registry, Map<string, { gauge: Gauge<string>; collectors: Array<() => void | Promise<void>> }>>();

/** A server's context function, tied to the metrics when there are any (see {@link ServiceMetrics.context}). */
export function instrumented<A extends { req: Request }, C extends object>(metrics: ServiceMetrics | undefined, fn: (args: A) => Promise<C>): (args: A) => Promise<C> {
  return metrics ? metrics.context(fn) : fn;
}
