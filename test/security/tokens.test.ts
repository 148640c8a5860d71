/**
 * Consumer tokens as an attacker crafts them: a forged or tampered signature, `alg: none` in
 * its spellings, HS256 keyed with the issuer's public key (algorithm confusion), a key the
 * token brings along (`jwk`, `jku`, `x5u`), expired and not-yet-valid tokens, the wrong
 * audience or issuer, each required claim missing or ill-typed, a division that is not a
 * GB/T 2260 code, a gateway credential passed off as a token, an oversized token, and a good
 * token in the wrong place. Each is HTTP 401 UNAUTHENTICATED with no data, no personal data
 * and no SQL run in any department database. (bypass.test.ts has the first few basics.)
 */
import { SignJWT, type JWTPayload } from 'jose';
import { sharedTestStack, type TestStack } from '../support/stack';
import { DIBAO, PEOPLE } from '../support/security';
import { personalDataIn } from '../support/personalLeaks';
import type { GraphQLResponse } from '../support/http';
import { SHOWCASE } from '../../lib/synthetic';
import { generateKeyPairInMemory, signCredential, DEMO_ISSUER, TOKEN_AUDIENCE, type SigningKeyPair } from '../../lib/identity';

const QUERY = `query Probe($id: ID!) { person(idNumber: $id) { idNumber name phone maritalStatus } }`;
const VARIABLES = { id: SHOWCASE.head };

let stack: TestStack;
let issuer: SigningKeyPair;
beforeAll(async () => {
  // Authentication failures from one address are rate limited (rate-limit.test.ts); here every probe must reach the token check.
  stack = await sharedTestStack({ rateLimits: { authFailuresPerMinute: 0 } });
  issuer = stack.security.issuer;
});
afterAll(async () => {
  await stack?.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const b64 = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');

/** The claims of a good token for the 玄武区 caseworker. */
function claims(over: Record<string, unknown> = {}): JWTPayload {
  const iat = now();
  return { sub: PEOPLE.caseworker.user, dept: 'civil-affairs', division: '320102', roles: ['consumer'], iss: DEMO_ISSUER, aud: TOKEN_AUDIENCE, iat, exp: iat + 600, jti: `probe-${Math.random()}`, ...over };
}

/**
 * Signs `payload` as the trusted issuer would (its algorithm — EdDSA, or SM2SM3 under
 * GOVGRAPH_CRYPTO=sm — and its kid) — with `header` over the usual one.
 */
async function signed(payload: Record<string, unknown>, header: Record<string, unknown> = {}, key: SigningKeyPair = issuer): Promise<string> {
  return rawSigned({ alg: key.alg, typ: 'JWT', kid: key.kid, ...header }, payload, key);
}

/**
 * Signs by hand, for any header (an unknown `crit` extension, a `jwk` of the signer's own):
 * the key's signature over `header.payload`, as RFC 7515 says (Ed25519 per RFC 8037; SM2 with
 * the Z value, r ‖ s).
 */
function rawSigned(header: Record<string, unknown>, payload: Record<string, unknown>, key: SigningKeyPair = issuer): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${key.signBytes(input).toString('base64url')}`;
}

/** A claim set without `name`. */
const without = (name: string) => {
  const c = claims();
  delete c[name];
  return c;
};

/** Each probe: the request headers an attacker sends. */
const PROBES: Array<[string, () => Promise<Record<string, string>>]> = [
  // Signatures
  ['a token signed by another key that claims the issuer\'s kid', async () => bearer(await signed(claims(), {}, { ...(await generateKeyPairInMemory()), kid: issuer.kid }))],
  ['a good token whose claims were changed after signing (dept, roles)', async () => {
    const [h, , s] = (await signed(claims())).split('.');
    return bearer(`${h}.${b64(claims({ dept: 'public-security', roles: ['security-officer', 'provider:public-security'], division: '320000' }))}.${s}`);
  }],
  ['a good token with its signature cut off', async () => bearer((await signed(claims())).replace(/\.[^.]+$/, '.'))],
  ['a good token with another token\'s signature', async () => {
    const [h, p] = (await signed(claims({ sub: 'someone-else' }))).split('.');
    return bearer(`${h}.${p}.${(await signed(claims())).split('.')[2]}`);
  }],
  ['alg: none, without a signature', async () => bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`)],
  ['alg: None, with the real signature', async () => {
    const [, p, s] = (await signed(claims())).split('.');
    return bearer(`${b64({ alg: 'None', typ: 'JWT', kid: issuer.kid })}.${p}.${s}`);
  }],
  ['alg: NONE', async () => bearer(`${b64({ alg: 'NONE' })}.${b64(claims())}.`)],
  ['HS256 keyed with the issuer\'s public key (JWK JSON)', async () => bearer(await hs256(JSON.stringify(issuer.publicJwk)))],
  ['HS256 keyed with the issuer\'s public key (raw x)', async () => bearer(await hs256(Buffer.from(String(issuer.publicJwk.x), 'base64url')))],
  ['HS256 keyed with the issuer\'s public key (its base64url text)', async () => bearer(await hs256(String(issuer.publicJwk.x)))],
  ['a key brought along in the header (jwk), signed with it', async () => {
    const own = await generateKeyPairInMemory();
    return bearer(await signed(claims(), { jwk: own.publicJwk, kid: own.kid }, own));
  }],
  ['a key set URL in the header (jku, x5u)', async () => {
    const own = await generateKeyPairInMemory();
    return bearer(await signed(claims(), { jku: 'http://127.0.0.1:1/jwks.json', x5u: 'http://127.0.0.1:1/cert.pem', kid: own.kid }, own));
  }],
  ['an unknown critical header extension', async () => bearer(rawSigned({ alg: issuer.alg, typ: 'JWT', kid: issuer.kid, crit: ['x-govgraph-bypass'], 'x-govgraph-bypass': true }, claims()))],
  // Times
  ['expired an hour ago', async () => bearer(await signed(claims({ iat: now() - 7200, exp: now() - 3600 })))],
  ['expired a minute ago (beyond the clock tolerance)', async () => bearer(await signed(claims({ iat: now() - 600, exp: now() - 60 })))],
  ['issued an hour from now (iat), no nbf', async () => bearer(await signed(claims({ iat: now() + 3600, exp: now() + 7200 })))],
  ['not valid before an hour from now (nbf)', async () => bearer(await signed(claims({ nbf: now() + 3600, exp: now() + 7200 })))],
  ['exp not a number', async () => bearer(await signed(claims({ exp: 'never' })))],
  // Audience and issuer
  ['the wrong audience', async () => bearer(await signed(claims({ aud: 'some-other-service' })))],
  ['no audience', async () => bearer(await signed(without('aud')))],
  ['the wrong issuer', async () => bearer(await signed(claims({ iss: 'https://idp.example.org' })))],
  ['no issuer', async () => bearer(await signed(without('iss')))],
  // Claims
  ...(['sub', 'dept', 'division', 'roles', 'exp'] as const).map((c): [string, () => Promise<Record<string, string>>] => [`no ${c} claim`, async () => bearer(await signed(without(c)))]),
  ['roles as a string, not a list', async () => bearer(await signed(claims({ roles: 'security-officer' })))],
  ['a department code that is not one', async () => bearer(await signed(claims({ dept: "civil-affairs' OR '1'='1" })))],
  ['a division that does not exist (province 99)', async () => bearer(await signed(claims({ division: '990102' })))],
  ['a division of 5 digits', async () => bearer(await signed(claims({ division: '32010' })))],
  ['a division with letters', async () => bearer(await signed(claims({ division: '32010X' })))],
  ['a citizen claim whose 身份号码 fails its checksum', async () => bearer(await signed(claims({ roles: ['citizen-channel'], citizen: `${SHOWCASE.head.slice(0, 17)}0` })))],
  ['a gateway credential presented as a token', async () => {
    const body = JSON.stringify({ query: QUERY, variables: VARIABLES });
    return bearer(await signCredential(stack.security.gatewayKeyPair, { requester: PEOPLE.publicSecurity, audience: 'population', body, requestId: 'probe-credential' }));
  }],
  // Size and place
  ['an oversized token (12 kB of roles)', async () => bearer(await signed(claims({ roles: Array.from({ length: 60 }, (_, i) => `role-${i}-${'x'.repeat(150)}`) })))],
  ['a good token in X-Auth-Token', async () => ({ 'x-auth-token': await stack.security.token(PEOPLE.caseworker) })],
  ['a good token in Authorization without a scheme', async () => ({ authorization: await stack.security.token(PEOPLE.caseworker) })],
  ['a good token under the Token scheme', async () => ({ authorization: `Token ${await stack.security.token(PEOPLE.caseworker)}` })],
  ['a good token in a cookie', async () => ({ cookie: `token=${await stack.security.token(PEOPLE.caseworker)}; access_token=${await stack.security.token(PEOPLE.caseworker)}` })],
  ['a good token in Proxy-Authorization', async () => ({ 'proxy-authorization': `Bearer ${await stack.security.token(PEOPLE.caseworker)}` })],
  ['two tokens in one Authorization header', async () => ({ authorization: `Bearer ${await stack.security.token(PEOPLE.caseworker)}, Bearer ${await stack.security.token(PEOPLE.caseworker)}` })],
];

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** A token signed with HS256 and `secret` — the issuer's public key in some form. */
function hs256(secret: string | Uint8Array): Promise<string> {
  return new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: issuer.kid }).sign(typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);
}

/** POSTs the probe query with `headers` (and the purpose and grant); the answer and the SQL the departments ran meanwhile. */
async function probe(headers: Record<string, string>, url = `${stack.gatewayUrl}/graphql`): Promise<{ res: GraphQLResponse; sql: string[] }> {
  const { result, sql } = await stack.recordSql(async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-purpose': DIBAO.purpose, 'x-grant-id': DIBAO.grantId, ...headers },
      body: JSON.stringify({ query: QUERY, variables: VARIABLES }),
    });
    const body = (await res.json()) as Pick<GraphQLResponse, 'data' | 'errors'>;
    return { status: res.status, headers: res.headers, ...body } as GraphQLResponse;
  });
  // The department databases: the platform's is polled for grant changes in the background.
  return { res: result, sql: ['population', 'legal-person', 'geospatial', 'social-security'].flatMap((d) => sql[d] ?? []) };
}

describe('consumer tokens, as an attacker crafts them', () => {
  it('(a good token through the same path is served: the probes below would pass against a dead gateway otherwise)', async () => {
    const { res, sql } = await probe(bearer(await signed(claims())));
    expect(res.status).toBe(200);
    expect(res.data!.person.name).toBe('李建国');
    expect(sql.length).toBeGreaterThan(0);
  });

  it.each(PROBES)('%s: 401 UNAUTHENTICATED, no data, no SQL', async (_label, headers) => {
    const { res, sql } = await probe(await headers());
    expect(res.status).toBe(401);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(res.data ?? null).toBeNull();
    expect(sql).toEqual([]);
    expect(personalDataIn(res)).toEqual([]);
  });

  it('a token in the query string of a POST is not read: 401', async () => {
    const token = await stack.security.token(PEOPLE.caseworker);
    const { res, sql } = await probe({}, `${stack.gatewayUrl}/graphql?access_token=${token}&token=${token}`);
    expect(res.status).toBe(401);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(sql).toEqual([]);
  });

  it('a token in the body is not read: 401', async () => {
    const token = await stack.security.token(PEOPLE.caseworker);
    const res = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-purpose': DIBAO.purpose },
      body: JSON.stringify({ query: QUERY, variables: VARIABLES, token, extensions: { authorization: `Bearer ${token}` } }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    expect(res.status).toBe(401);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(personalDataIn(body)).toEqual([]);
  });

  it('a token too large for the HTTP headers (64 kB) gets a JSON 431, no data', async () => {
    const res = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(64 * 1024)}.b.c` },
      body: JSON.stringify({ query: QUERY, variables: VARIABLES }),
    });
    const text = await res.text();
    expect(res.status).toBe(431);
    expect(JSON.parse(text).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(personalDataIn(text)).toEqual([]);
  });
});
