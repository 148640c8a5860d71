/**
 * The HTTP surfaces of every process, attacked before authentication and around GraphQL:
 * malformed, null, non-object and oversized bodies, compressed bodies, foreign charsets and
 * content types, unknown paths, wrong methods, malformed HTTP, GET clients (urql's default)
 * and GET mutations — on the gateway and directly on a subgraph. Every answer is JSON with a
 * contract code and the right status, and shows no stack, file path, SQL or host name.
 * Then: subgraphs answer a missing or bad credential with 401, /readyz reports states not
 * driver messages, and a slow subgraph costs only its own fields.
 */
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import zlib from 'node:zlib';
import { sharedTestStack, TestStack } from '../support/stack';
import { codes, postGraphQL } from '../support/http';
import { PEOPLE, DIBAO, testSecurity } from '../support/security';
import { copyPolicies } from '../support/policyDir';
import { SHOWCASE } from '../../lib/synthetic';
import { createGatewayServer } from '../../gateway/server';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { listen, Listening } from '../../lib/http/listen';
import { createSubgraphServer } from '../../lib/subgraph';
import { connectServer } from '../../lib/db';
import { AccessLog } from '../../lib/audit';
import { subgraphs } from '../../subgraphs';

let stack: TestStack;
let auth: Record<string, string>;
beforeAll(async () => {
  stack = await sharedTestStack();
  auth = await stack.security.headers(PEOPLE.caseworker, DIBAO);
});
afterAll(async () => {
  await stack?.stop();
});

const PERSON_QUERY = `query Person($id: ID!) { person(idNumber: $id) { name } }`;

/** Where each probe is sent: the gateway and, directly, a department subgraph. */
function targets(): Array<{ name: string; base: string; bodyLimit: number }> {
  return [
    { name: 'gateway', base: stack.gatewayUrl, bodyLimit: 1024 * 1024 },
    { name: 'population subgraph', base: stack.subgraphUrls.population.replace(/\/graphql$/, ''), bodyLimit: 2 * 1024 * 1024 },
  ];
}

const hostname = os.hostname();
/** What an error body must never show: stack frames, file paths, error class names, SQL, host names. */
function expectNothingLeaked(text: string): void {
  expect(text).not.toContain('/work/');
  expect(text).not.toContain('node_modules');
  expect(text).not.toMatch(/\bat [\w$.<>]+ \(|\n\s+at /);
  expect(text).not.toContain('Error:');
  expect(text).not.toMatch(/\b(select|insert|update|delete|from|where|join)\b/i);
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|::1|ECONN|ENOTFOUND/);
  if (hostname.length >= 4) expect(text).not.toContain(hostname);
  expect(text).not.toMatch(/<html|<pre/i);
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** A refusal: JSON (for HEAD: the JSON content type), one error with `code`, no data, nothing leaked. */
function expectRefusal(answer: Answer, status: number, code: string, method = 'POST'): void {
  expect({ status: answer.status, type: answer.headers.get('content-type') }).toEqual({ status, type: expect.stringMatching(/^application\/(graphql-response\+)?json/) });
  if (method === 'HEAD') {
    expect(answer.text).toBe('');
    return;
  }
  expect(answer.body).toBeDefined();
  expect(answer.body.data ?? null).toBeNull();
  expect(answer.body.errors.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual([code]);
  expectNothingLeaked(answer.text);
}

const json = (body: string | Buffer, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

describe.each([0, 1])('malformed and unexpected requests, before authentication (%#: gateway, then a subgraph)', (which) => {
  const target = () => targets()[which];
  const graphql = () => `${target().base}/graphql`;

  it('a body that is not JSON is 400 BAD_REQUEST', async () => {
    for (const body of ['{"query": ', '{query: "{ x }"}', '\u0000\u0001', '{"query": "{ x }"}}']) {
      expectRefusal(await send(graphql(), json(body)), 400, 'BAD_REQUEST');
    }
  });

  it('null, a number, a string or true as the body is 400 BAD_REQUEST', async () => {
    for (const body of ['null', '42', '"{ x }"', 'true']) {
      expectRefusal(await send(graphql(), json(body)), 400, 'BAD_REQUEST');
    }
  });

  it('an empty array or an empty object is JSON too: BAD_REQUEST, or UNAUTHENTICATED without a credential', async () => {
    for (const body of ['[]', '{}', '[{"query": "{ __typename }"}]']) {
      const anonymous = await send(graphql(), json(body));
      expectRefusal(anonymous, 401, 'UNAUTHENTICATED');
    }
    if (which === 0) {
      // Authenticated, the gateway itself says what is wrong with the body.
      for (const body of ['[]', '{}', '[{"query": "{ __typename }"}]']) {
        expectRefusal(await send(graphql(), json(body, auth)), 400, 'BAD_REQUEST');
      }
    } else {
      for (const body of ['[]', '{}']) {
        const credential = await stack.security.credentialFor('population', body, PEOPLE.caseworker, DIBAO);
        expectRefusal(await send(graphql(), json(body, credential)), 400, 'BAD_REQUEST');
      }
    }
  });

  it('a gzip, deflate or brotli body is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const plain = Buffer.from(JSON.stringify({ query: PERSON_QUERY, variables: { id: SHOWCASE.head } }));
    for (const [encoding, body] of [
      ['gzip', zlib.gzipSync(plain)],
      ['deflate', zlib.deflateSync(plain)],
      ['br', zlib.brotliCompressSync(plain)],
      ['compress', plain],
    ] as const) {
      expectRefusal(await send(graphql(), json(body, { 'content-encoding': encoding, ...auth })), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('a charset other than UTF-8 is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const text = JSON.stringify({ query: PERSON_QUERY, variables: { id: SHOWCASE.head } });
    for (const [charset, body] of [
      ['latin1', Buffer.from(text, 'latin1')],
      ['iso-8859-1', Buffer.from(text, 'latin1')],
      ['utf-16', Buffer.from(`\ufeff${text}`, 'utf16le')],
      ['utf-16le', Buffer.from(text, 'utf16le')],
      ['"utf-32"', Buffer.from(text)],
      ['gb2312', Buffer.from(text)],
    ] as const) {
      expectRefusal(await send(graphql(), { method: 'POST', headers: { 'content-type': `application/json; charset=${charset}`, ...auth }, body }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    // UTF-8, spelled either way, is fine: the request gets as far as authentication.
    for (const charset of ['utf-8', 'UTF-8', '"utf-8"']) {
      const res = await send(graphql(), { method: 'POST', headers: { 'content-type': `application/json; charset=${charset}` }, body: text });
      expectRefusal(res, 401, 'UNAUTHENTICATED');
    }
  });

  it('a content type other than application/json is 415 UNSUPPORTED_MEDIA_TYPE (so no simple cross-site form can post)', async () => {
    const body = JSON.stringify({ query: PERSON_QUERY, variables: { id: SHOWCASE.head } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/xml', 'not a type']) {
      expectRefusal(await send(graphql(), { method: 'POST', headers: { 'content-type': type, ...auth }, body }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    // No content type at all.
    expectRefusal(await send(graphql(), { method: 'POST', headers: auth, body: new Uint8Array(Buffer.from(body)) }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const filler = 'x'.repeat(target().bodyLimit + 1024);
    const body = JSON.stringify({ query: '{ __typename }', variables: { filler } });
    expectRefusal(await send(graphql(), json(body, auth)), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('an unknown path is 404 PATH_NOT_FOUND, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/graphq'],
      ['GET', '/.env'],
      ['GET', '/%E0%A4%A'],
      ['DELETE', '/healthz/x'],
      ['GET', '/../../etc/passwd'],
    ]) {
      expectRefusal(await send(`${target().base}${path}`, { method }), 404, 'PATH_NOT_FOUND', method);
    }
    expectRefusal(await send(`${target().base}/nope`, { method: 'HEAD' }), 404, 'PATH_NOT_FOUND', 'HEAD');
  });

  it('a wrong method on /graphql is 405 METHOD_NOT_ALLOWED with Allow: POST', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'HEAD']) {
      const res = await send(graphql(), { method, headers: { 'content-type': 'application/json', ...auth }, body: ['GET', 'HEAD'].includes(method) ? undefined : '{"query":"{ __typename }"}' });
      expectRefusal(res, 405, 'METHOD_NOT_ALLOWED', method);
      expect(res.headers.get('allow')).toBe('POST');
    }
  });

  it('a wrong method on /healthz and /readyz is 405 with Allow: GET, HEAD', async () => {
    for (const path of ['/healthz', '/readyz']) {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const res = await send(`${target().base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: '{}' });
        expectRefusal(res, 405, 'METHOD_NOT_ALLOWED');
        expect(res.headers.get('allow')).toBe('GET, HEAD');
      }
      expect((await send(`${target().base}${path}`, { method: 'HEAD' })).status).toBe(200);
    }
  });

  it('malformed HTTP, and headers over the limit, get a JSON answer too', async () => {
    const { port } = new URL(target().base);
    const garbled = await rawHttp(Number(port), 'GARBAGE\r\n\r\n');
    expect(garbled.status).toBe(400);
    expect(JSON.parse(garbled.body).errors[0].extensions.code).toBe('BAD_REQUEST');
    const huge = await rawHttp(Number(port), `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expectNothingLeaked(garbled.body + huge.body);
  });
});

/** Sends raw bytes and reads the answer: status and body. */
function rawHttp(port: number, request: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') });
    });
  });
}

describe('GET clients and CSRF', () => {
  // What urql (@urql/core 5/6) sends for a query with its defaults (preferGetMethod: 'within-url-limit').
  const URQL_ACCEPT = 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';
  const getUrl = (query: string, variables?: Record<string, unknown>) =>
    `${stack.gatewayUrl}/graphql?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;

  it('a GET query, as urql sends it by default, is 405 with Allow: POST — never served, so identifiers stay out of URLs', async () => {
    const preflightHeaders: Array<Record<string, string>> = [{}, { 'apollo-require-preflight': 'true' }, { 'x-apollo-operation-name': 'Person' }, { 'content-type': 'application/json' }];
    for (const extra of preflightHeaders) {
      const res = await send(getUrl(PERSON_QUERY, { id: SHOWCASE.head }), { headers: { accept: URQL_ACCEPT, ...auth, ...extra } });
      expectRefusal(res, 405, 'METHOD_NOT_ALLOWED', 'GET');
      expect(res.headers.get('allow')).toBe('POST');
      expect(res.text).not.toContain(SHOWCASE.head);
    }
    // A browser opening the endpoint gets the same JSON, not a landing page.
    expectRefusal(await send(`${stack.gatewayUrl}/graphql`, { headers: { accept: 'text/html' } }), 405, 'METHOD_NOT_ALLOWED', 'GET');
  });

  it('a GET mutation is refused, with or without a preflight header, and changes nothing', async () => {
    const mutation = `mutation { withdrawApplication(id: "A-2026-999999") { id } }`;
    for (const extra of [{}, { 'apollo-require-preflight': 'true' }] as Array<Record<string, string>>) {
      const res = await send(getUrl(mutation), { headers: { accept: URQL_ACCEPT, ...auth, ...extra } });
      expectRefusal(res, 405, 'METHOD_NOT_ALLOWED', 'GET');
    }
  });

  it('urql with preferGetMethod: false (a POST) is served', async () => {
    const res = await send(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { accept: URQL_ACCEPT, 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: PERSON_QUERY, operationName: 'Person', variables: { id: SHOWCASE.head } }),
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.person.name).toBe('李建国');
  });

  it('Apollo Client (HttpLink, POST JSON) is served', async () => {
    for (const accept of ['application/graphql-response+json,application/json;q=0.9', '*/*']) {
      const res = await send(`${stack.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { accept, 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ operationName: 'Person', variables: { id: SHOWCASE.head }, query: PERSON_QUERY }),
      });
      expect(res.status).toBe(200);
      expect(res.body.data.person.name).toBe('李建国');
    }
  });
});

describe('subgraphs refuse a missing or bad credential with HTTP 401', () => {
  const query = `{ person(idNumber: "${SHOWCASE.head}") { name } }`;
  const body = JSON.stringify({ query });

  it('missing, garbled, forged for another subgraph, or replayed', async () => {
    const url = stack.subgraphUrls.population;
    const missing = await send(url, json(body));
    expectRefusal(missing, 401, 'UNAUTHENTICATED');
    const garbled = await send(url, json(body, { 'x-govgraph-credential': 'not.a.credential' }));
    expectRefusal(garbled, 401, 'UNAUTHENTICATED');
    const forGeo = await stack.security.credentialFor('geospatial', body, PEOPLE.caseworker, DIBAO);
    expectRefusal(await send(url, json(body, forGeo)), 401, 'UNAUTHENTICATED');

    const good = await stack.security.credentialFor('population', body, PEOPLE.caseworker, DIBAO);
    const first = await send(url, json(body, good));
    expect(first.status).toBe(200);
    expect(first.body.data.person.name).toBe('李建国');
    expectRefusal(await send(url, json(body, good)), 401, 'UNAUTHENTICATED');
  });

  it('on every subgraph', async () => {
    for (const url of Object.values(stack.subgraphUrls)) {
      expectRefusal(await send(url, json('{"query":"{ _service { sdl } }"}')), 401, 'UNAUTHENTICATED');
    }
  });
});

/** A TCP server that accepts connections and never says a word (a hung database or service). */
async function silentServer(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close() {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('/readyz reports states, never driver messages', () => {
  it('every process is ready, with every dependency ok', async () => {
    for (const base of [stack.gatewayUrl, ...Object.values(stack.subgraphUrls).map((u) => u.replace(/\/graphql$/, ''))]) {
      const res = await send(`${base}/readyz`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ready');
      expect(new Set(Object.values(res.body.checks))).toEqual(new Set(['ok']));
    }
  });

  it('a subgraph whose database is unreachable, hung, or whose policy is broken says which, and the gateway says not-ready / unreachable / timeout', async () => {
    const population = subgraphs.find((d) => d.name === 'population')!;
    const hung = await silentServer();
    const policies = copyPolicies();
    const security = await testSecurity(policies.dir);
    const accessLog = new AccessLog(stack.databases.get('sharing')!.db, security.auditKeys.key);
    const unreachableDb = connectServer(`postgres://govgraph:secret@127.0.0.1:${await closedPort()}/rk_population`);
    const hungDb = connectServer(`postgres://govgraph:secret@127.0.0.1:${hung.port}/rk_population`);
    const started: Array<{ stop(): Promise<void> }> = [];
    const listening: Listening[] = [];
    try {
      const down = await createSubgraphServer(population, unreachableDb, security, { accessLog });
      const slow = await createSubgraphServer(population, hungDb, security, { accessLog });
      started.push(down, slow);
      const [downHttp, slowHttp] = await Promise.all([listen(down.app, 0), listen(slow.app, 0)]);
      listening.push(downHttp, slowHttp);

      // A policy edit that does not parse: the last good policy stays, readiness says `error`.
      policies.write('public-security.yaml', 'fields: [unclosed\n');
      expect(security.policy.reload()).toBe(false);

      const downReady = await send(`${downHttp.url}/readyz`);
      expect(downReady.status).toBe(503);
      expect(downReady.body.checks).toEqual({ database: 'unreachable', accessLog: 'ok', policy: 'error' });
      expect(downReady.body.logId).toMatch(/^[0-9a-f-]{36}$/);
      expectNothingLeaked(downReady.text);
      expect(downReady.text).not.toMatch(/rk_population|govgraph:secret|yaml|policies/i);

      const started2 = Date.now();
      const slowReady = await send(`${slowHttp.url}/readyz`);
      expect(slowReady.status).toBe(503);
      expect(slowReady.body.checks.database).toBe('timeout');
      expect(Date.now() - started2).toBeLessThan(5_000);
      expectNothingLeaked(slowReady.text);

      // The gateway over them: population answers 503, geospatial is not there, legal-person hangs.
      const gateway = await createGatewayServer({
        supergraphSdl: readCommittedSupergraph(),
        subgraphUrls: {
          ...stack.subgraphUrls,
          population: `${downHttp.url}/graphql`,
          geospatial: `http://127.0.0.1:${await closedPort()}/graphql`,
          'legal-person': `http://127.0.0.1:${hung.port}/graphql`,
        },
        security: stack.security,
      });
      started.push(gateway);
      const gatewayHttp = await listen(gateway.app, 0);
      listening.push(gatewayHttp);
      const gatewayReady = await send(`${gatewayHttp.url}/readyz`);
      expect(gatewayReady.status).toBe(503);
      expect(gatewayReady.body.checks).toEqual({ population: 'not-ready', geospatial: 'unreachable', 'legal-person': 'timeout', sharing: 'ok', 'social-security': 'ok' });
      expectNothingLeaked(gatewayReady.text);
    } finally {
      for (const l of listening) await l.close();
      for (const s of started) await s.stop().catch(() => undefined);
      // The silent server first: a pool still waiting on it would hold its close up.
      hung.close();
      await Promise.all([unreachableDb.close(), hungDb.close()]);
      security.policy.close();
      policies.remove();
    }
  });
});

/**
 * A real subgraph made slow: a proxy in front of its HTTP listener that holds the request
 * (`before`) or sends the headers and then stalls half-way through the answer (`body`).
 */
async function slowProxy(target: string, delayMs: number, mode: 'before' | 'body'): Promise<Listening> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return listen((req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      let gone = false;
      res.on('close', () => (gone = true));
      if (mode === 'before') await sleep(delayMs);
      // The gateway gave up and closed the connection: the subgraph never hears of it.
      if (gone) return;
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      const upstream = await fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) });
      const answer = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json', 'content-length': answer.length });
      if (mode === 'body') {
        res.write(answer.subarray(0, answer.length >> 1));
        await sleep(delayMs);
        if (gone) return;
        res.end(answer.subarray(answer.length >> 1));
      } else {
        res.end(answer);
      }
    });
  }, 0);
}

describe('a timeout on every subgraph call', () => {
  const QUERY = `{ person(idNumber: "${SHOWCASE.head}") { name realEstateRights { certificateNo } } }`;

  async function gatewayWithSlowGeospatial(delayMs: number, mode: 'before' | 'body', timeoutMs: number) {
    const proxy = await slowProxy(stack.subgraphUrls.geospatial, delayMs, mode);
    const gateway = await createGatewayServer({
      supergraphSdl: readCommittedSupergraph(),
      subgraphUrls: { ...stack.subgraphUrls, geospatial: `${proxy.url}/graphql` },
      security: stack.security,
      subgraphTimeoutMs: timeoutMs,
    });
    const http = await listen(gateway.app, 0);
    return {
      query: () => postGraphQL(http.url, QUERY, undefined, auth),
      async close() {
        await http.close();
        await gateway.stop();
        await proxy.close();
      },
    };
  }

  it.each(['before', 'body'] as const)('a subgraph that is too slow (%s the answer) costs its own fields only: partial data and DOWNSTREAM_SERVICE_ERROR', async (mode) => {
    const gw = await gatewayWithSlowGeospatial(3_000, mode, 400);
    try {
      const started = Date.now();
      const res = await gw.query();
      const took = Date.now() - started;
      expect(res.status).toBe(200);
      expect(res.data!.person.name).toBe('李建国');
      expect(res.data!.person.realEstateRights).toBeNull();
      expect(codes(res)).toEqual(['DOWNSTREAM_SERVICE_ERROR']);
      expect(res.errors![0].extensions!.serviceName).toBe('geospatial');
      expect(took).toBeLessThan(2_500);
      expectNothingLeaked(JSON.stringify(res.errors));
    } finally {
      await gw.close();
    }
  });

  it('a subgraph slower than usual but within the deadline answers in full', async () => {
    const gw = await gatewayWithSlowGeospatial(300, 'before', 5_000);
    try {
      const res = await gw.query();
      expect(res.errors).toBeUndefined();
      expect(res.data!.person.realEstateRights).toEqual([{ certificateNo: SHOWCASE.headCertificate }]);
    } finally {
      await gw.close();
    }
  });
});
