/**
 * Requests that are wrong in ways outside the document itself — a malformed X-Grant-Id, an
 * operationName that names no operation, a persisted-query hash — get their contract code
 * and a 4xx, never a masked INTERNAL_SERVER_ERROR or a 500 (found by test/security/fuzz).
 */
import { sharedTestStack, TestStack } from '../support/stack';
import { PEOPLE, DIBAO } from '../support/security';

let stack: TestStack;
beforeAll(async () => {
  stack = await sharedTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function post(body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${stack.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: Record<string, unknown> }> } };
}

const QUERY = '{ division(code: "320102") { name } }';

describe('request-level mistakes are the client\'s, with their code and a 4xx', () => {
  it('a malformed X-Grant-Id is BAD_USER_INPUT with HTTP 400', async () => {
    const headers = { ...(await stack.security.headers(PEOPLE.caseworker, { purpose: DIBAO.purpose })), 'x-grant-id': 'G-DEMO-0001; DROP TABLE x' };
    const res = await post({ query: QUERY }, headers);
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.data).toBeUndefined();
  });

  it('an operationName that names no operation of the document is OPERATION_RESOLUTION_FAILURE with HTTP 400', async () => {
    const headers = await stack.security.headers(PEOPLE.caseworker, DIBAO);
    for (const body of [
      { query: `query A ${QUERY}`, operationName: 'B' },
      { query: `query A ${QUERY} query B ${QUERY}` },
    ]) {
      const res = await post(body, headers);
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    }
  });

  // Apollo answers this one with HTTP 200, as the APQ protocol expects: a client that sent a
  // hash falls back to sending the document.
  it('automatic persisted queries are not supported: PERSISTED_QUERY_NOT_SUPPORTED, with or without the query', async () => {
    const headers = await stack.security.headers(PEOPLE.caseworker, DIBAO);
    const persistedQuery = { version: 1, sha256Hash: 'ab'.repeat(32) };
    for (const body of [{ extensions: { persistedQuery } }, { query: QUERY, extensions: { persistedQuery } }]) {
      const res = await post(body, headers);
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
      expect(res.body.data).toBeUndefined();
    }
  });

  // Found by test/security/fuzz.test.ts (seed 1110047808): graphql-js parses `1e+3308` to
  // Infinity and the gateway's query planner then failed on it with a masked 500.
  it('a Float literal beyond a double is GRAPHQL_VALIDATION_FAILED with HTTP 400; in a variable, BAD_USER_INPUT', async () => {
    const headers = await stack.security.headers(PEOPLE.caseworker, DIBAO);
    for (const query of [
      '{ divisionAt(lng: 118.8, lat: 1e+3308) { code } }',
      '{ parcelsNear(lng: -1e400, lat: 32.05, radiusMeters: 100) { code } }',
    ]) {
      const res = await post({ query }, headers);
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(JSON.stringify(res.body)).toMatch(/is out of range: it must be a finite number/);
    }
    // JSON.parse turns 1e400 into Infinity too; graphql-js's variable coercion refuses it.
    const res = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"query":"query($lat: Float!) { divisionAt(lng: 118.8, lat: $lat) { code } }","variables":{"lat":1e400}}',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });
});
