/**
 * Walking around the gateway, or around the policy inside it, gets nothing: direct subgraph
 * calls, crafted `_entities` representations, forged, expired, replayed or misaddressed
 * credentials, and forged or `alg: none` tokens.
 */
import { sharedTestStack, TestStack } from '../support/stack';
import { codes, postGraphQL } from '../support/http';
import { PEOPLE, DIBAO } from '../support/security';
import { SHOWCASE } from '../../lib/synthetic';
import { generateKeyPairInMemory, issueToken, signCredential, CREDENTIAL_HEADER } from '../../lib/identity';

let stack: TestStack;
beforeAll(async () => {
  stack = await sharedTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name phone caseFlags } } }`;
const representations = { r: [{ __typename: 'Person', idNumber: SHOWCASE.head }] };

/** POSTs exactly the body a credential is bound to. */
async function direct(subgraph: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  return postGraphQL(stack.subgraphUrls[subgraph], query, variables, headers);
}

describe('calling a subgraph directly', () => {
  it('without a credential is UNAUTHENTICATED, whatever the query', async () => {
    for (const [sub, q] of [
      ['population', `{ person(idNumber: "${SHOWCASE.head}") { name } }`],
      ['population', ENTITIES],
      ['legal-person', `{ legalPerson(uscc: "${SHOWCASE.company}") { name } }`],
      ['geospatial', `{ division(code: "320102") { name } }`],
    ] as const) {
      const res = await direct(sub, q, q === ENTITIES ? representations : {});
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.data ?? null).toBeNull();
    }
  });

  it('with a credential signed by another key is UNAUTHENTICATED', async () => {
    const forger = await generateKeyPairInMemory();
    const body = JSON.stringify({ query: ENTITIES, variables: representations });
    const credential = await signCredential(forger, { requester: { ...PEOPLE.caseworker, ...DIBAO }, requestId: 'forged-0001', audience: 'population', body });
    const res = await direct('population', ENTITIES, representations, { [CREDENTIAL_HEADER]: credential });
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('with a real credential for another subgraph, another body, or used twice, is UNAUTHENTICATED', async () => {
    const body = JSON.stringify({ query: ENTITIES, variables: representations });
    const forGeo = await stack.security.credentialFor('geospatial', body, PEOPLE.caseworker, DIBAO);
    expect(codes(await direct('population', ENTITIES, representations, forGeo))).toEqual(['UNAUTHENTICATED']);

    const other = JSON.stringify({ query: '{ _service { sdl } }' });
    const forOther = await stack.security.credentialFor('population', other, PEOPLE.caseworker, DIBAO);
    expect(codes(await direct('population', ENTITIES, representations, forOther))).toEqual(['UNAUTHENTICATED']);

    const good = await stack.security.credentialFor('population', body, PEOPLE.caseworker, DIBAO);
    const first = await direct('population', ENTITIES, representations, good);
    expect(first.errors?.map((e) => e.extensions?.reason)).toEqual(['NOT_SHARED']);
    expect(first.data!._entities[0].name).toBe('李建国');
    const replay = await direct('population', ENTITIES, representations, good);
    expect(codes(replay)).toEqual(['UNAUTHENTICATED']);
  });

  it('with an expired credential is UNAUTHENTICATED', async () => {
    const body = JSON.stringify({ query: ENTITIES, variables: representations });
    const stale = await signCredential(stack.security.gatewayKeyPair, {
      requester: { ...PEOPLE.caseworker, ...DIBAO }, requestId: 'stale-0001', audience: 'population', body, issuedAt: Math.floor(Date.now() / 1000) - 300,
    });
    expect(codes(await direct('population', ENTITIES, representations, { [CREDENTIAL_HEADER]: stale }))).toEqual(['UNAUTHENTICATED']);
  });

  it('with a valid credential, crafted representations still meet the policy on entity fields', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { shareholdings { company { name } } legalRepresentativeOf { name } } } }`;
    // A representation claiming the person lives inside the consumer's division changes
    // nothing: without a grant the conditional field stays shut.
    const vars = { r: [{ __typename: 'Person', idNumber: SHOWCASE.head, residenceDivision: { code: '320102' } }] };
    const body = JSON.stringify({ query, variables: vars });
    const res = await direct('legal-person', query, vars, await stack.security.credentialFor('legal-person', body, PEOPLE.caseworker, { purpose: DIBAO.purpose }));
    expect(res.errors?.map((e) => e.extensions?.reason)).toEqual(['GRANT_REQUIRED']);

    // Without the division the gateway would have fetched, jurisdiction cannot be proven: denied.
    const bare = { r: [{ __typename: 'Person', idNumber: SHOWCASE.head }] };
    const bareBody = JSON.stringify({ query, variables: bare });
    const res2 = await direct('legal-person', query, bare, await stack.security.credentialFor('legal-person', bareBody, PEOPLE.caseworker, DIBAO));
    expect(new Set(res2.errors?.map((e) => e.extensions?.reason))).toEqual(new Set(['OUT_OF_JURISDICTION']));
  });

  it('a tampered sealed key is refused, not resolved', async () => {
    const sealed = stack.security.sealer.seal(SHOWCASE.head, '320102********1238');
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const vars = { r: [{ __typename: 'Person', idNumber: tampered }] };
    const body = JSON.stringify({ query: ENTITIES, variables: vars });
    const res = await direct('population', ENTITIES, vars, await stack.security.credentialFor('population', body, PEOPLE.caseworker, DIBAO));
    expect(codes(res)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(res.data ?? null)).not.toContain('李建国');
  });
});

describe('the gateway', () => {
  const q = `{ person(idNumber: "${SHOWCASE.head}") { name } }`;

  it('refuses missing, malformed, alg:none, forged and expired tokens with UNAUTHENTICATED', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'x', dept: 'civil-affairs', division: '320102', roles: ['consumer'], iss: 'govgraph-demo', aud: 'govgraph', iat: now, exp: now + 600 };
    const forger = await generateKeyPairInMemory();
    const tokens = [
      undefined,
      'Bearer',
      'Basic dXNlcjpwYXNz',
      `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      `Bearer ${await issueToken(forger, { user: 'x', dept: 'civil-affairs', division: '320102', roles: ['consumer'], ttlSeconds: 600 })}`,
      `Bearer ${await issueToken(stack.security.issuer, { user: 'x', dept: 'civil-affairs', division: '320102', roles: ['consumer'], ttlSeconds: 60, issuedAt: now - 3600 })}`,
    ];
    for (const authorization of tokens) {
      const res = await postGraphQL(`${stack.gatewayUrl}/graphql`, q, undefined, { ...(authorization ? { authorization } : {}), 'x-purpose': DIBAO.purpose });
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.status).toBe(401);
      expect(JSON.stringify(res)).not.toContain('李建国');
    }
  });

  it('does not expose _entities to clients', async () => {
    const res = await stack.query(ENTITIES, representations);
    expect(new Set(codes(res))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(res.data ?? null).toBeNull();
  });
});
