import http from 'node:http';
import pino from 'pino';
import { listen } from '../lib/http/listen';
import { DepartmentDataSource } from './datasource';
import { generateKeyPairInMemory, SigningKeyPair } from '../lib/identity';

let key: SigningKeyPair;
beforeAll(async () => {
  key = await generateKeyPairInMemory();
});

async function fakeSubgraph(reply: (req: http.IncomingMessage) => { status: number; body: unknown }) {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = await listen((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      const { status, body } = reply(req);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  }, 0);
  return { server, seen };
}

const identity = { user: 'u1', dept: 'civil-affairs', division: '320102', roles: ['consumer'] };
const context = { requestId: 'req-abcdef-123456', log: pino({ level: 'silent' }), subject: { requester: { ...identity, purpose: 'dibao-verification' }, requestId: 'req-abcdef-123456' } };

function options() {
  return { kind: 'loading plan' as any, request: { query: '{ x }', http: { method: 'POST', url: '', headers: new Headers() } } as any, context, incomingRequestContext: {} as any, document: undefined as any, pathInIncomingRequest: undefined };
}

it('forwards the request id and a signed credential to the subgraph', async () => {
  const { server, seen } = await fakeSubgraph(() => ({ status: 200, body: { data: { x: 1 } } }));
  try {
    const ds = new DepartmentDataSource('population', `${server.url}/graphql`, key);
    const res = await ds.process({ ...options(), kind: 'incoming operation' } as any);
    expect(res.data).toEqual({ x: 1 });
    expect(seen[0]['x-request-id']).toBe('req-abcdef-123456');
    expect(seen[0]['x-govgraph-credential']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  } finally {
    await server.close();
  }
});

it('turns a subgraph internal error into DOWNSTREAM_SERVICE_ERROR keeping its log id', async () => {
  const { server } = await fakeSubgraph(() => ({ status: 200, body: { data: null, errors: [{ message: 'masked', extensions: { code: 'INTERNAL_SERVER_ERROR', logId: 'L1' } }] } }));
  try {
    const ds = new DepartmentDataSource('geospatial', `${server.url}/graphql`, key);
    const res = await ds.process({ ...options(), kind: 'incoming operation' } as any);
    expect(res.errors![0].extensions).toEqual({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'geospatial', logId: 'L1' });
  } finally {
    await server.close();
  }
});

it('names the department when it cannot be reached', async () => {
  const ds = new DepartmentDataSource('legal-person', 'http://127.0.0.1:9/graphql', key);
  await expect(ds.process({ ...options(), kind: 'incoming operation' } as any)).rejects.toMatchObject({
    extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'legal-person' },
  });
});

/**
 * A server that closes the first `drops` connections as soon as a request arrives on them,
 * answering nothing (a kept-alive connection closed under a request), then answers.
 */
async function droppingSubgraph(drops: number) {
  const net = await import('node:net');
  const credentials: string[] = [];
  let dropped = 0;
  const server = net.createServer((socket) => {
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (head.length < end + 4 + length) return;
      credentials.push(/x-govgraph-credential: (\S+)/i.exec(head)?.[1] ?? '');
      if (dropped < drops) {
        dropped += 1;
        socket.destroy();
        return;
      }
      const body = JSON.stringify({ data: { x: 1 } });
      socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
      head = '';
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/graphql`, credentials, close: () => new Promise<void>((r) => server.close(() => r())) };
}

it('sends a query once more, with the same credential, when its connection closes under it before any answer', async () => {
  const s = await droppingSubgraph(1);
  try {
    const ds = new DepartmentDataSource('population', s.url, key);
    const res = await ds.process({ ...options(), kind: 'incoming operation' } as any);
    expect(res.data).toEqual({ x: 1 });
    expect(s.credentials).toHaveLength(2);
    // The same credential: had the first attempt reached the subgraph, the second is a refused replay.
    expect(s.credentials[1]).toBe(s.credentials[0]);
  } finally {
    await s.close();
  }
});

it('retries once only, and never a mutation', async () => {
  const twice = await droppingSubgraph(2);
  try {
    const ds = new DepartmentDataSource('population', twice.url, key);
    await expect(ds.process({ ...options(), kind: 'incoming operation' } as any)).rejects.toMatchObject({ extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } });
    expect(twice.credentials).toHaveLength(2);
  } finally {
    await twice.close();
  }
  const once = await droppingSubgraph(1);
  try {
    const ds = new DepartmentDataSource('sharing', once.url, key);
    const mutation = options();
    mutation.request.query = 'mutation { revokeGrant(id: "G-1", reason: "x") { id } }';
    await expect(ds.process({ ...mutation, kind: 'incoming operation' } as any)).rejects.toMatchObject({ extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } });
    expect(once.credentials).toHaveLength(1);
  } finally {
    await once.close();
  }
});
