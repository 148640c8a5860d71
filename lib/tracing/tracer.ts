/**
 * The spans themselves, and the SDK that exports them. Loaded only when tracing is on
 * (./index.ts `startTracing`); nothing else in the product imports it.
 *
 * The tree of one client request (README, "Traces"):
 *
 *   gateway     POST /graphql                  SERVER  request id, department, purpose, operation, error codes
 *   gateway       gateway.request … gateway.fetch        @apollo/gateway's own (never the document: `telemetry.includeDocument` stays off)
 *   gateway         POST /graphql              CLIENT  one per subgraph call, `traceparent` sent along
 *   population        POST /graphql            SERVER  the same attributes, from the gateway's signed credential
 *   population          graphql.execute
 *   population            SELECT               CLIENT  one per statement: text with placeholders, never the values
 */
import {
  context,
  diag,
  DiagLogLevel,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  createContextKey,
  isSpanContextValid,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { NodeSDK, resources } from '@opentelemetry/sdk-node';
import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Knex } from 'knex';
import type { Engine } from '../db';
import { ROOT } from '../config';
import { currentRequest } from '../requestContext';
import { serviceLogger } from '../log';
import { ATTR, operationNameAttribute, purposeAttribute, statementOperation, statementText } from './attributes';
import type { DataSourceLike, RequestAttributes, Tracing } from './types';

/** The spans of the request being served: its server span, and where its SQL goes. */
interface RequestSpans {
  server: Span;
  /** `graphql.execute` while the resolvers run, the server span before and after. */
  sqlParent: Span;
}
const REQUEST_SPANS = createContextKey('govgraph.request-spans');

/**
 * A statement whose answer never came (knex reports a query timeout only to its builder, not
 * to the knex's listeners) is ended after this long, so the open statements cannot pile up.
 */
const STALE_STATEMENT_MS = 10 * 60_000;
/** Open statements above which the stale ones are looked for. */
const SWEEP_ABOVE = 1_000;

/** knex's statement object in its query events; `bindings` is never read. */
interface KnexQuery {
  sql?: string;
  method?: string;
  __knexQueryUid?: string;
}

/** The knexes traced already (the embedded engine is one knex that every department shares). */
const tracedKnexes = new WeakSet<Knex>();

function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export class ProcessTracing implements Tracing {
  readonly serviceName: string;
  private readonly sdk: NodeSDK;
  private readonly tracer: Tracer;
  private readonly resource: ReturnType<typeof resources.defaultResource>;

  constructor(
    service: string,
    env: Record<string, string | undefined>,
    /** Gives up one share of the process's tracing; true when it was the last. */
    private readonly lastShare: () => boolean,
  ) {
    this.serviceName = env.OTEL_SERVICE_NAME?.trim() || service;
    const version = packageVersion();
    // The SDK reports a collector it cannot reach through `diag`: into the log, unless
    // OTEL_LOG_LEVEL asks for its own console logger.
    if (!env.OTEL_LOG_LEVEL) {
      const log = serviceLogger('tracing');
      diag.setLogger(
        {
          error: (message, ...args) => log.warn({ args }, `OpenTelemetry: ${message}`),
          warn: (message, ...args) => log.warn({ args }, `OpenTelemetry: ${message}`),
          info: () => undefined,
          debug: () => undefined,
          verbose: () => undefined,
        },
        DiagLogLevel.WARN,
      );
    }
    // What each span's resource says: this service, its replica (service.instance.id), host and
    // process; OTEL_RESOURCE_ATTRIBUTES over ours. These detectors, always (detected here so that
    // start() can wait for them): OTEL_NODE_RESOURCE_DETECTORS is not read.
    const { defaultResource, resourceFromAttributes, detectResources, envDetector, hostDetector, processDetector, serviceInstanceIdDetector } = resources;
    this.resource = defaultResource()
      .merge(resourceFromAttributes({ 'service.namespace': 'govgraph', 'service.version': version }))
      .merge(detectResources({ detectors: [serviceInstanceIdDetector, hostDetector, processDetector, envDetector] }));
    this.sdk = new NodeSDK({
      serviceName: this.serviceName,
      resource: this.resource,
      autoDetectResources: false,
      // Traces only: the metrics are Prometheus' (lib/metrics), the logs pino's. Without these
      // the SDK would also export metrics and logs to the endpoint.
      metricReaders: [],
      logRecordProcessors: [],
      instrumentations: [],
    });
    // Delegates to the SDK's tracer once started (./index.ts starts it before any server is built).
    this.tracer = trace.getTracer('govgraph', version);
  }

  /**
   * Registers the SDK once the resource's attributes are known (the host id is read from a
   * file): a span exported before would go without them, and the SDK would warn.
   */
  async start(): Promise<void> {
    await this.resource.waitForAsyncAttributes?.();
    this.sdk.start();
  }

  serverSpans(service: string, opts: { continueTrace: boolean }): RequestHandler {
    return (req, res, next) => {
      const remote = propagation.extract(ROOT_CONTEXT, req.headers);
      const parent = opts.continueTrace ? remote : ROOT_CONTEXT;
      const caller = trace.getSpanContext(remote);
      const route = req.baseUrl || req.path;
      const attributes: Attributes = {
        [ATTR.service]: service,
        [ATTR.httpMethod]: req.method,
        [ATTR.httpRoute]: route,
        // The path only: a query string could carry a GET request's variables.
        [ATTR.urlPath]: route,
      };
      const requestId = currentRequest()?.requestId;
      if (requestId) attributes[ATTR.requestId] = requestId;
      const server = this.tracer.startSpan(
        `${req.method} ${route}`,
        { kind: SpanKind.SERVER, attributes, links: !opts.continueTrace && caller && isSpanContextValid(caller) ? [{ context: caller }] : undefined },
        parent,
      );
      res.once('close', () => {
        server.setAttribute(ATTR.httpStatus, res.statusCode);
        if (!res.writableFinished) {
          server.setAttribute(ATTR.errorType, 'aborted');
          server.setStatus({ code: SpanStatusCode.ERROR });
        } else if (res.statusCode >= 500) {
          server.setAttribute(ATTR.errorType, String(res.statusCode));
          server.setStatus({ code: SpanStatusCode.ERROR });
        }
        server.end();
      });
      const spans: RequestSpans = { server, sqlParent: server };
      context.with(trace.setSpan(parent, server).setValue(REQUEST_SPANS, spans), next);
    };
  }

  plugin<C extends BaseContext>(describe: (context: C) => RequestAttributes, opts: { executeSpan?: boolean } = {}): ApolloServerPlugin<C> {
    const tracer = this.tracer;
    return {
      async requestDidStart({ contextValue }) {
        const spans = context.active().getValue(REQUEST_SPANS) as RequestSpans | undefined;
        if (!spans) return;
        const { server } = spans;
        const described = describe(contextValue);
        const attributes: Attributes = {};
        if (described.requestId) attributes[ATTR.requestId] = described.requestId;
        if (described.department) attributes[ATTR.department] = described.department;
        const purpose = purposeAttribute(described.purpose);
        if (purpose) attributes[ATTR.purpose] = purpose;
        const named = operationNameAttribute(described.operationName);
        if (named) attributes[ATTR.operationName] = named;
        server.setAttributes(attributes);
        return {
          async didResolveOperation({ operation, operationName }) {
            const name = named ?? operationNameAttribute(operationName);
            if (name) server.setAttribute(ATTR.operationName, name);
            if (operation) server.setAttribute(ATTR.operationType, operation.operation);
          },
          async executionDidStart() {
            if (!opts.executeSpan) return;
            const execute = tracer.startSpan('graphql.execute', { attributes: named ? { [ATTR.operationName]: named } : {} }, trace.setSpan(context.active(), server));
            spans.sqlParent = execute;
            return {
              async executionDidEnd(err) {
                if (err) execute.setStatus({ code: SpanStatusCode.ERROR });
                execute.end();
                spans.sqlParent = server;
              },
            };
          },
          async willSendResponse({ response }) {
            if (response.body.kind !== 'single') return;
            const codes = errorCodes(response.body.singleResult.errors);
            if (codes.length) server.setAttribute(ATTR.errorCodes, codes);
          },
        };
      },
    };
  }

  traceSql(db: { knex: Knex; engine: Engine }): void {
    const { knex } = db;
    if (tracedKnexes.has(knex)) return;
    tracedKnexes.add(knex);
    const system = db.engine === 'mysql' ? 'mysql' : 'postgresql';
    const open = new Map<string, { span: Span; at: number }>();
    const take = (q: KnexQuery) => {
      const uid = q?.__knexQueryUid;
      const entry = uid === undefined ? undefined : open.get(uid);
      if (entry) open.delete(uid!);
      return entry?.span;
    };
    knex.on('query', (q: KnexQuery) => {
      const uid = q.__knexQueryUid;
      if (uid === undefined || typeof q.sql !== 'string') return;
      // Only statements a traced request runs: background work (the anchor, the policy and
      // head checks) would make a trace of every statement.
      const active = context.active();
      const spans = active.getValue(REQUEST_SPANS) as RequestSpans | undefined;
      const parent = [spans?.sqlParent, spans?.server, trace.getSpan(active)].find((s) => s?.isRecording());
      if (!parent) return;
      const operation = statementOperation(q.sql);
      const span = this.tracer.startSpan(
        operation,
        { kind: SpanKind.CLIENT, attributes: { [ATTR.dbSystem]: system, [ATTR.dbOperation]: operation, [ATTR.dbStatement]: statementText(q.sql, system) } },
        trace.setSpan(active, parent),
      );
      open.get(uid)?.span.end();
      open.set(uid, { span, at: Date.now() });
      if (open.size > SWEEP_ABOVE) {
        const stale = Date.now() - STALE_STATEMENT_MS;
        for (const [key, entry] of open) if (entry.at < stale) (entry.span.end(), open.delete(key));
      }
    });
    knex.on('query-response', (response: unknown, q: KnexQuery) => {
      const span = take(q);
      if (!span) return;
      // A select's rows; a raw statement's answer is the driver's own shape.
      if ((q.method === 'select' || q.method === 'first' || q.method === 'pluck') && Array.isArray(response)) span.setAttribute(ATTR.dbRows, response.length);
      span.end();
    });
    knex.on('query-error', (err: { code?: unknown; name?: unknown }, q: KnexQuery) => {
      const span = take(q);
      if (!span) return;
      // The driver's code (`23505`, `ER_DUP_ENTRY`) or the error's class, never its message:
      // knex spells the statement's values into it, and a duplicate key's message names the key.
      span.setAttribute(ATTR.errorType, typeof err?.code === 'string' || typeof err?.code === 'number' ? String(err.code) : typeof err?.name === 'string' ? err.name : 'Error');
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
  }

  instrumentDataSource<S extends DataSourceLike>(subgraph: string, url: string, source: S): S {
    const target = safeUrl(url);
    const call = source.process.bind(source);
    const willSendRequest = source.willSendRequest?.bind(source);
    // Runs inside the client span (below), right before the body is signed and sent.
    source.willSendRequest = (async (options: { request: { http?: { headers: { set(name: string, value: string): void } } } }) => {
      await willSendRequest?.(options as never);
      const headers = options.request.http?.headers;
      if (headers) propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
    }) as S['willSendRequest'];
    source.process = (async (options: never) => {
      const attributes: Attributes = { [ATTR.subgraph]: subgraph, [ATTR.httpMethod]: 'POST' };
      if (target) Object.assign(attributes, { [ATTR.urlFull]: target.href, [ATTR.serverAddress]: target.hostname, [ATTR.serverPort]: Number(target.port || (target.protocol === 'https:' ? 443 : 80)) });
      const span = this.tracer.startSpan(`POST ${target?.pathname ?? '/graphql'}`, { kind: SpanKind.CLIENT, attributes });
      try {
        const response = await context.with(trace.setSpan(context.active(), span), () => call(options));
        const codes = errorCodes(response.errors as ReadonlyArray<{ extensions?: Record<string, unknown> }> | null | undefined);
        if (codes.length) span.setAttribute(ATTR.errorCodes, codes);
        return response;
      } catch (err) {
        // gateway/datasource.ts turns every failure into DOWNSTREAM_SERVICE_ERROR; its cause is in the log.
        span.setAttribute(ATTR.errorType, (err as { extensions?: { code?: unknown } })?.extensions?.code === 'DOWNSTREAM_SERVICE_ERROR' ? 'DOWNSTREAM_SERVICE_ERROR' : 'Error');
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw err;
      } finally {
        span.end();
      }
    }) as S['process'];
    return source;
  }

  async flush(): Promise<void> {
    const provider = (trace.getTracerProvider() as { getDelegate?(): { forceFlush?(): Promise<void> } }).getDelegate?.();
    await provider?.forceFlush?.();
  }

  async release(): Promise<void> {
    if (!this.lastShare()) return;
    await this.sdk.shutdown();
    // Back to the API's no-op state, as in a process that never traced.
    trace.disable();
    propagation.disable();
    context.disable();
    diag.disable();
  }
}

/** The distinct `extensions.code`s of a response's errors. */
function errorCodes(errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | null | undefined): string[] {
  if (!errors?.length) return [];
  return [...new Set(errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR')))];
}

/** A subgraph's URL without credentials a deployment might have written into it. */
function safeUrl(url: string): URL | undefined {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u;
  } catch {
    return undefined;
  }
}
