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
