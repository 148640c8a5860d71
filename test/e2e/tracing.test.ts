/**
 * OpenTelemetry traces (lib/tracing, README "Traces"), received as a collector would receive
 * them: a local OTLP/HTTP receiver takes what the federation exports (JSON, set with the
 * standard OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) while real federated queries run, and the
 * spans must form one tree per request — the gateway's server span, a client span per
 * subgraph call, that subgraph's server span continuing the trace over HTTP, its SQL
 * statements under it — with the request id, consumer department, purpose and operation on
 * the request spans, and no personal value anywhere. Unconfigured, the SDK is not even loaded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { propagation, trace } from '@opentelemetry/api';
import { startTestStack, type TestStack } from '../support/stack';
import { flagshipQuery } from '../support/queries';
import { personalDataIn } from '../support/personalLeaks';
import { PEOPLE } from '../support/security';
import { SHOWCASE } from '../../lib/synthetic';
import { tracing } from '../../lib/tracing';

// Counts the loads of the SDK: a process that does not trace must never load it.
const mockSdk = { loads: 0 };
jest.mock('@opentelemetry/sdk-node', () => {
  mockSdk.loads += 1;
  return jest.requireActual('@opentelemetry/sdk-node');
});

/** One span as exported, its attributes flattened. */
interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  links: Array<{ traceId: string; spanId: string }>;
  events: unknown[];
  status?: { code?: number };
  resource: Record<string, unknown>;
}

const SERVER = 2;
const CLIENT = 3;

interface Receiver {
  url: string;
  /** Every export request's body as received. */
  bodies: string[];
  contentTypes: string[];
  spans(): ExportedSpan[];
  close(): Promise<void>;
}

/** OTLP/HTTP's AnyValue → a plain value. */
function plain(value: Record<string, any> | undefined): unknown {
  if (!value) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('boolValue' in value) return value.boolValue;
  if ('arrayValue' in value) return (value.arrayValue.values ?? []).map(plain);
  return value;
}
const attributesOf = (list: Array<{ key: string; value: Record<string, any> }> | undefined) => Object.fromEntries((list ?? []).map((a) => [a.key, plain(a.value)]));

/** A collector's OTLP/HTTP trace endpoint, on a free port. */
async function startReceiver(): Promise<Receiver> {
  const bodies: string[] = [];
  const contentTypes: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        contentTypes.push(String(req.headers['content-type']));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    contentTypes,
    spans: () =>
      bodies.flatMap((body) =>
        (JSON.parse(body).resourceSpans ?? []).flatMap((rs: any) =>
          (rs.scopeSpans ?? []).flatMap((ss: any) =>
            (ss.spans ?? []).map(
              (s: any): ExportedSpan => ({
                traceId: s.traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId || undefined,
                name: s.name,
                kind: s.kind,
                attributes: attributesOf(s.attributes),
                links: (s.links ?? []).map((l: any) => ({ traceId: l.traceId, spanId: l.spanId })),
                events: s.events ?? [],
                status: s.status,
                resource: attributesOf(rs.resource?.attributes),
              }),
            ),
          ),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const OTEL_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_TRACES_EXPORTER', 'OTEL_SDK_DISABLED', 'OTEL_SERVICE_NAME'];
const saved = Object.fromEntries(OTEL_VARIABLES.map((name) => [name, process.env[name]]));
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** The flagship query, social insurance included: population, legal-person, geospatial and social-security are called. */
const FLAGSHIP = flagshipQuery('TracedFlagship', 'socialInsurance { insuranceType status }');
const CALLED = ['geospatial', 'legal-person', 'population', 'social-security'];

describe('tracing unconfigured', () => {
  it('loads no SDK, registers nothing and exports nothing', async () => {
    for (const name of OTEL_VARIABLES) delete process.env[name];
    const receiver = await startReceiver();
    const stack = await startTestStack();
    try {
      const res = await stack.query(FLAGSHIP, { id: SHOWCASE.head });
      expect(res.status).toBe(200);
      expect(res.data?.person?.name).toBeTruthy();
      expect(tracing()).toBeUndefined();
      expect(mockSdk.loads).toBe(0);
      // The API is in its no-op state: no provider behind the global one, no propagator.
      expect(propagation.fields()).toEqual([]);
      expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    } finally {
      await stack.stop();
      await receiver.close();
    }
    expect(receiver.bodies).toEqual([]);
  });
});

describe('tracing to an OTLP/HTTP receiver', () => {
  let receiver: Receiver;
  let stack: TestStack;
  let spans: ExportedSpan[];
  let requestId: string;
  const CLIENT_TRACE = '0af7651916cd43dd8448eb211c80319c';

  beforeAll(async () => {
    receiver = await startReceiver();
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${receiver.url}/v1/traces`;
    process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL = 'http/json';
    stack = await startTestStack();
    const flagship = await stack.query(FLAGSHIP, { id: SHOWCASE.head }, { traceparent: `00-${CLIENT_TRACE}-b7ad6b7169203331-01` });
    expect(flagship.status).toBe(200);
    expect(flagship.errors ?? []).toEqual([]);
    expect(flagship.data?.person?.household?.members?.length).toBeGreaterThan(1);
    requestId = flagship.headers.get('x-request-id')!;
    // As the README's tour writes it: the 身份号码 spelled into the document, not a variable.
    const inline = await stack.query(`query TracedInline { person(idNumber: "${SHOWCASE.spouse}") { name phone } }`);
    expect(inline.data?.person?.name).toBeTruthy();
    // Denied (another jurisdiction): the error codes go on the spans, the message does not.
    await stack.queryAs(PEOPLE.taxOfficer, { purpose: 'tax-audit' }, `query TracedDenied { person(idNumber: "${SHOWCASE.head}") { name } }`);
    // A purpose in free text, naming someone: recorded as (text).
    await stack.queryAs(PEOPLE.caseworker, { purpose: `dibao check of ${SHOWCASE.child}` }, `query TracedFreeText { person(idNumber: "${SHOWCASE.child}") { gender } }`);
    await stopped(); // releases the tracing: every span is exported before it resolves
    spans = receiver.spans();
  });
  let stopping: Promise<void> | undefined;
  const stopped = () => (stopping ??= stack.stop());
  afterAll(async () => {
    if (stack) await stopped();
    await receiver?.close();
  });

  const attr = (s: ExportedSpan, key: string) => s.attributes[key];
  const gatewayRequest = (operation: string) => {
    const found = spans.filter((s) => s.kind === SERVER && attr(s, 'govgraph.service') === 'gateway' && attr(s, 'graphql.operation.name') === operation);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('exports OTLP JSON with the process as one service', () => {
    expect(mockSdk.loads).toBe(1);
    expect(tracing()).toBeUndefined(); // released by stop()
    expect(receiver.contentTypes.every((t) => t.startsWith('application/json'))).toBe(true);
    expect(spans.length).toBeGreaterThan(20);
    expect(new Set(spans.map((s) => s.resource['service.name']))).toEqual(new Set(['govgraph']));
    expect(spans[0].resource['service.namespace']).toBe('govgraph');
  });

  it('makes one tree of a federated request: gateway → each subgraph called → its SQL', () => {
    const root = gatewayRequest('TracedFlagship');
    const tree = spans.filter((s) => s.traceId === root.traceId);
    const byId = new Map(tree.map((s) => [s.spanId, s]));
    const children = (s: ExportedSpan) => tree.filter((c) => c.parentSpanId === s.spanId);
    const ancestors = (s: ExportedSpan): ExportedSpan[] => {
      const up: ExportedSpan[] = [];
      for (let p = s.parentSpanId ? byId.get(s.parentSpanId) : undefined; p; p = p.parentSpanId ? byId.get(p.parentSpanId) : undefined) up.push(p);
      return up;
    };

    // One root, the gateway's server span; every other span's parent is in the trace.
    expect(tree.filter((s) => !s.parentSpanId)).toEqual([root]);
    for (const s of tree) if (s !== root) expect([s.name, byId.has(s.parentSpanId!)]).toEqual([s.name, true]);
    expect(root.name).toBe('POST /graphql');

    // @apollo/gateway's own spans sit under it.
    const names = new Set(tree.map((s) => s.name));
    for (const name of ['gateway.request', 'gateway.execute', 'gateway.fetch']) expect(names).toContain(name);

    // One client span per subgraph call, under a gateway.fetch; each continued by exactly one
    // server span of that subgraph, in another "process" reached over HTTP.
    const calls = tree.filter((s) => s.kind === CLIENT && attr(s, 'govgraph.subgraph'));
    expect([...new Set(calls.map((c) => attr(c, 'govgraph.subgraph')))].sort()).toEqual(CALLED);
    for (const call of calls) {
      expect(byId.get(call.parentSpanId!)?.name).toBe('gateway.fetch');
      const served = children(call).filter((c) => c.kind === SERVER);
      expect(served.map((s) => attr(s, 'govgraph.service'))).toEqual([attr(call, 'govgraph.subgraph')]);
    }

    // Every subgraph server span: the request's attributes, a graphql.execute span, SQL under it.
    const subgraphServers = tree.filter((s) => s.kind === SERVER && s !== root);
    expect([...new Set(subgraphServers.map((s) => attr(s, 'govgraph.service')))].sort()).toEqual(CALLED);
    for (const server of [root, ...subgraphServers]) {
      expect([attr(server, 'govgraph.service'), attr(server, 'govgraph.request.id'), attr(server, 'govgraph.consumer.department'), attr(server, 'govgraph.purpose'), attr(server, 'graphql.operation.name'), attr(server, 'http.response.status_code')]).toEqual([
        attr(server, 'govgraph.service'),
        requestId,
        'civil-affairs',
        'dibao-verification',
        'TracedFlagship',
        200,
      ]);
    }
    for (const server of subgraphServers) {
      const service = attr(server, 'govgraph.service');
      expect([service, children(server).map((c) => c.name)]).toEqual([service, expect.arrayContaining(['graphql.execute'])]);
      const sql = tree.filter((s) => attr(s, 'db.system') && ancestors(s).includes(server));
      expect([service, sql.length > 0]).toEqual([service, true]);
      // Under the execute span while resolvers run (the access log's commit comes after it).
      expect(sql.some((s) => byId.get(s.parentSpanId!)?.name === 'graphql.execute')).toBe(true);
    }

    // SQL spans only under subgraph server spans, with the statement's placeholders.
    const sql = tree.filter((s) => attr(s, 'db.system'));
    for (const s of sql) {
      expect(ancestors(s).some((a) => subgraphServers.includes(a))).toBe(true);
      expect(s.kind).toBe(CLIENT);
      expect(['postgresql', 'mysql']).toContain(attr(s, 'db.system'));
      expect(s.name).toBe(attr(s, 'db.operation.name'));
    }
    const selects = sql.filter((s) => s.name === 'SELECT');
    expect(selects.length).toBeGreaterThan(0);
    expect(selects.some((s) => /\?|\$1/.test(String(attr(s, 'db.statement'))))).toBe(true);
  });

  it('starts the trace at the gateway and only links a client\'s traceparent', () => {
    const root = gatewayRequest('TracedFlagship');
    expect(root.traceId).not.toBe(CLIENT_TRACE);
    expect(root.links).toEqual([{ traceId: CLIENT_TRACE, spanId: 'b7ad6b7169203331' }]);
    expect(spans.filter((s) => s.traceId === CLIENT_TRACE)).toEqual([]);
  });

  it('records error codes, and a purpose only when it is a code', () => {
    const denied = gatewayRequest('TracedDenied');
    expect(attr(denied, 'govgraph.consumer.department')).toBe('tax');
    expect(attr(denied, 'govgraph.purpose')).toBe('tax-audit');
    expect(attr(denied, 'govgraph.graphql.error_codes')).toEqual(['FORBIDDEN']);
    const freeText = gatewayRequest('TracedFreeText');
    expect(attr(freeText, 'govgraph.purpose')).toBe('(text)');
    const itsSubgraphs = spans.filter((s) => s.traceId === freeText.traceId && s.kind === SERVER && s !== freeText);
    expect(itsSubgraphs.length).toBeGreaterThan(0);
    for (const s of itsSubgraphs) expect(attr(s, 'govgraph.purpose')).toBe('(text)');
  });

  it('carries no personal data: no 身份号码, name, phone or address, no variables, document, bindings or user', () => {
    const everything = receiver.bodies.join('\n');
    expect(personalDataIn(spans)).toEqual([]);
    expect(personalDataIn(everything)).toEqual([]);
    for (const value of [SHOWCASE.head, SHOWCASE.spouse, SHOWCASE.child, SHOWCASE.headCertificate, SHOWCASE.spouseCertificate, PEOPLE.caseworker.user, PEOPLE.taxOfficer.user, 'dibao check of']) {
      expect([value, everything.includes(value)]).toEqual([value, false]);
    }
    const keys = new Set(spans.flatMap((s) => Object.keys(s.attributes)));
    for (const key of keys) expect(key).not.toMatch(/document|variables|binding|user|enduser|client\.address/i);
    // No exception events (their messages can carry values).
    expect(spans.flatMap((s) => s.events)).toEqual([]);
  });
});
