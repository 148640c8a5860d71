/**
 * Content-type, charset and cross-origin tricks beyond test/security/http-surfaces.test.ts:
 * parameters repeated or reordered, UTF-7, `+json` and listed types, a byte-order mark, a
 * chunked body over the limit, and requests from another origin (a cross-site form, a
 * preflight, a credentialed fetch). Whatever arrives, the answer is JSON with a code, no
 * stack, and no personal data unless the request was a proper one.
 */
import { sharedTestStack, type TestStack } from '../support/stack';
import { DIBAO, PEOPLE } from '../support/security';
import { personalDataIn } from '../support/personalLeaks';
import { SHOWCASE } from '../../lib/synthetic';

let stack: TestStack;
let auth: Record<string, string>;
beforeAll(async () => {
  stack = await sharedTestStack();
  auth = await stack.security.headers(PEOPLE.caseworker, DIBAO);
});
afterAll(async () => {
  await stack?.stop();
});

const BODY = JSON.stringify({ query: 'query($id: ID!) { person(idNumber: $id) { name phone } }', variables: { id: SHOWCASE.head } });

async function send(init: RequestInit & { duplex?: 'half' }): Promise<{ status: number; type: string | null; text: string; body: any; headers: Headers }> {
  const res = await fetch(`${stack.gatewayUrl}/graphql`, init as RequestInit);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type'), text, body, headers: res.headers };
}

function expectRefused(a: Awaited<ReturnType<typeof send>>, status: number, code: string): void {
  expect({ status: a.status, type: a.type }).toEqual({ status, type: expect.stringMatching(/^application\/(graphql-response\+)?json/) });
  expect(a.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([code]);
  expect(a.body.data ?? null).toBeNull();
  expect(a.text).not.toMatch(/\n\s+at |node_modules|\/work\//);
  expect(personalDataIn(a.body)).toEqual([]);
}

describe('content types and charsets', () => {
  it.each([
    ['UTF-7', 'application/json; charset=utf-7'],
    ['a second charset after UTF-8', 'application/json; charset=latin1; charset=utf-8'],
    ['an empty charset', 'application/json; charset='],
    ['a +json type', 'application/vnd.api+json'],
    ['the GraphQL response type as a request type', 'application/graphql-response+json'],
    ['a list of types', 'application/json, text/plain'],
    ['a type with a space inside', 'application/ json'],
    ['text/plain with a JSON body (a cross-site form can send it)', 'text/plain; charset=utf-8'],
  ])('%s is 415 UNSUPPORTED_MEDIA_TYPE', async (_label, type) => {
    expectRefused(await send({ method: 'POST', headers: { ...auth, 'content-type': type }, body: BODY }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('UTF-8 named first and then another charset is read as UTF-8 only: served, as the bytes are UTF-8', async () => {
    const a = await send({ method: 'POST', headers: { ...auth, 'content-type': 'application/json; charset=utf-8; charset=latin1' }, body: BODY });
    expect(a.status).toBe(200);
    expect(a.body.data.person.name).toBe('李建国');
  });

  it('the type in capitals, and parameters other than charset, are served', async () => {
    for (const type of ['APPLICATION/JSON', 'Application/Json; Charset=UTF-8', 'application/json; boundary=x; profile=y']) {
      const a = await send({ method: 'POST', headers: { ...auth, 'content-type': type }, body: BODY });
      expect({ type, status: a.status }).toEqual({ type, status: 200 });
    }
  });

  it('a byte-order mark before the JSON: a JSON answer either way, never a stack', async () => {
    const a = await send({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BODY)]) });
    if (a.status === 200) expect(a.body.data.person.name).toBe('李建国');
    else expectRefused(a, 400, 'BAD_REQUEST');
  });

  it('invalid UTF-8 bytes inside a string are not a crash: the ID fails its check', async () => {
    const bytes = Buffer.from(BODY.replace(SHOWCASE.head, `${SHOWCASE.head.slice(0, 10)}\u0001${SHOWCASE.head.slice(11)}`));
    bytes[bytes.indexOf(0x01)] = 0xff;
    const a = await send({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: bytes });
    expect(a.status).toBe(200);
    expect(a.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(a.body.data.person).toBeNull();
  });

  it('a chunked body (no Content-Length) over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const chunk = new TextEncoder().encode(`{"query": "{ __typename }", "variables": {"x": "${'x'.repeat(64 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Twice the 1 MB limit, then the end of the JSON.
        if (sent > 2 * 1024 * 1024) {
          controller.enqueue(new TextEncoder().encode('"}}'));
          controller.close();
          return;
        }
        sent += chunk.length;
        controller.enqueue(sent === chunk.length ? chunk : new TextEncoder().encode('x'.repeat(chunk.length)));
      },
    });
    const a = await send({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: stream, duplex: 'half' });
    expectRefused(a, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('requests from another origin (CSRF)', () => {
  const EVIL = 'https://evil.example';

  it('a cross-site form post (urlencoded, with the browser\'s Origin) is 415, no data', async () => {
    const a = await send({ method: 'POST', headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent('{ person(idNumber: "x") { name } }')}` });
    expectRefused(a, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a preflight from another origin is not granted: no Access-Control-Allow-Origin, no allowed headers', async () => {
    const res = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-purpose' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it('an answer to another origin carries no CORS grant, so a browser script there cannot read it', async () => {
    const a = await send({ method: 'POST', headers: { ...auth, origin: EVIL, 'content-type': 'application/json' }, body: BODY });
    expect(a.headers.get('access-control-allow-origin')).toBeNull();
    expect(a.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('ambient credentials do nothing: a cookie, or HTTP Basic, without a bearer token is 401', async () => {
    for (const headers of [{ cookie: 'session=abc; token=abc' }, { authorization: 'Basic bWlrZTpzZWNyZXQ=' }] as Array<Record<string, string>>) {
      const a = await send({ method: 'POST', headers: { origin: EVIL, 'content-type': 'application/json', 'x-purpose': DIBAO.purpose, ...headers }, body: BODY });
      expectRefused(a, 401, 'UNAUTHENTICATED');
    }
  });
});
