/**
 * Going around the gateway, and enumerating entities:
 *
 * - **Direct subgraph calls**, on every subgraph: no credential, a consumer's own bearer
 *   token, the credential in the wrong header, a credential for another subgraph or another
 *   body, expired or issued in the future, forged with the gateway's kid, `alg: none`, HS256
 *   keyed with the gateway's public key, two credentials, and a credential used twice within
 *   one process (test/security/replay.test.ts has the replay after a restart) — each HTTP 401
 *   UNAUTHENTICATED, no data, no SQL in that department's database. A fresh credential for the
 *   same request is served (the control that makes the refusals mean something).
 * - **`_entities` enumeration**: the gateway exposes neither `_entities` nor `_service`; and
 *   a consumer's request that does reach a subgraph with a valid gateway credential, guessing
 *   身份号码 in sequence (checksums right), 户号 and 宗地代码, gets field by field nothing
 *   more than the same consumer gets through the gateway's `persons(idNumbers:)`,
 *   `household(number:)` and `parcel(code:)` — out-of-jurisdiction and not-shared fields
 *   withheld — and every person it did get is in the access log under its request id.
 */
import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import { sharedTestStack, type TestStack } from '../support/stack';
import { DIBAO, PEOPLE } from '../support/security';
import { testWorld } from '../support/databases';
import { personalDataIn } from '../support/personalLeaks';
import { codes, postGraphQL, type GraphQLResponse } from '../support/http';
import { SHOWCASE } from '../../lib/synthetic';
import { generateKeyPairInMemory, signCredential, CREDENTIAL_HEADER, CREDENTIAL_TYP, type Requester } from '../../lib/identity';
import { makeIdNumber } from '../../lib/ids';

let stack: TestStack;
beforeAll(async () => {
  stack = await sharedTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const OFFICER: Requester = { user: 'dsj-aq-0001', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };

/** For each subgraph, a request that reads personal data (or the schema) if the subgraph accepts the caller. */
const REQUESTS: Record<string, { query: string; variables: Record<string, unknown> }> = {
  population: {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name phone registeredAddress } } }',
    variables: { r: [{ __typename: 'Person', idNumber: SHOWCASE.head }] },
  },
  'legal-person': {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { legalRepresentativeOf { name } } } }',
    variables: { r: [{ __typename: 'Person', idNumber: SHOWCASE.head, residenceDivision: { code: '320102' } }] },
  },
  geospatial: {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { realEstateRights { certificateNo } } } }',
    variables: { r: [{ __typename: 'Person', idNumber: SHOWCASE.head, residenceDivision: { code: '320102' } }] },
  },
  'social-security': {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { socialInsurance { insuranceType } } } }',
    variables: { r: [{ __typename: 'Person', idNumber: SHOWCASE.head, residenceDivision: { code: '320102' } }] },
  },
  sharing: { query: '{ _service { sdl } }', variables: {} },
};
const SUBGRAPHS = Object.keys(REQUESTS);
const bodyOf = (s: string) => JSON.stringify({ query: REQUESTS[s].query, variables: REQUESTS[s].variables });

/** A credential as the gateway signs it, for the caseworker under the demo grant. */
function credential(audience: string, body: string, over: { issuedAt?: number; requestId?: string; key?: Parameters<typeof signCredential>[0] } = {}): Promise<string> {
  return signCredential(over.key ?? stack.security.gatewayKeyPair, {
    requester: { ...PEOPLE.caseworker, ...DIBAO }, audience, body, requestId: over.requestId ?? `probe-${crypto.randomUUID()}`, issuedAt: over.issuedAt,
  });
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** The ways to call subgraph `s` without a credential it accepts: the headers of each. */
const REFUSED: Array<[string, (s: string) => Promise<Record<string, string>>]> = [
  ['no credential', async () => ({})],
  ["a consumer's own bearer token", async () => ({ authorization: `Bearer ${await stack.security.token(PEOPLE.caseworker)}` })],
  ['a good credential in Authorization instead of its own header', async (s) => ({ authorization: `Bearer ${await credential(s, bodyOf(s))}` })],
  ['a credential for another subgraph', async (s) => ({ [CREDENTIAL_HEADER]: await credential(s === 'population' ? 'geospatial' : 'population', bodyOf(s)) })],
  ['a credential for another body (the same query, other variables)', async (s) => ({
    [CREDENTIAL_HEADER]: await credential(s, JSON.stringify({ query: REQUESTS[s].query, variables: { r: [{ __typename: 'Person', idNumber: SHOWCASE.spouse }] } })),
  })],
  ['an expired credential', async (s) => ({ [CREDENTIAL_HEADER]: await credential(s, bodyOf(s), { issuedAt: Math.floor(Date.now() / 1000) - 300 }) })],
  ['a credential issued in the future', async (s) => ({ [CREDENTIAL_HEADER]: await credential(s, bodyOf(s), { issuedAt: Math.floor(Date.now() / 1000) + 300 }) })],
  ["a credential signed by another key under the gateway's kid", async (s) => ({
    [CREDENTIAL_HEADER]: await credential(s, bodyOf(s), { key: { ...(await generateKeyPairInMemory()), kid: stack.security.gatewayKeyPair.kid } }),
  })],
  ['a credential with alg: none', async (s) => {
    const [, payload] = (await credential(s, bodyOf(s))).split('.');
    return { [CREDENTIAL_HEADER]: `${b64({ alg: 'none', typ: CREDENTIAL_TYP })}.${payload}.` };
  }],
  ["a credential signed HS256 with the gateway's public key", async (s) => {
    const [, payload] = (await credential(s, bodyOf(s))).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const secret = new TextEncoder().encode(JSON.stringify(stack.security.gatewayKeyPair.publicJwk));
    return { [CREDENTIAL_HEADER]: await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: CREDENTIAL_TYP, kid: stack.security.gatewayKeyPair.kid }).sign(secret) };
  }],
  ['two credentials', async (s) => ({ [CREDENTIAL_HEADER]: `${await credential(s, bodyOf(s))}, ${await credential(s, bodyOf(s))}` })],
];

/** POSTs the exact body a credential is bound to; the answer and the SQL its own database ran. */
async function direct(s: string, headers: Record<string, string>): Promise<{ res: GraphQLResponse; sql: string[] }> {
  const { result, sql } = await stack.recordSql(() => postGraphQL(stack.subgraphUrls[s], REQUESTS[s].query, REQUESTS[s].variables, headers));
  return { res: result, sql: s === 'sharing' ? [] : sql[s] ?? [] };
}

function expectRefused(res: GraphQLResponse, sql: string[]): void {
  expect(res.status).toBe(401);
  expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  expect(res.data ?? null).toBeNull();
  expect(sql).toEqual([]);
  expect(personalDataIn(res)).toEqual([]);
}

describe.each(SUBGRAPHS)('calling the %s subgraph directly', (s) => {
  it('with a fresh gateway credential is served (the control)', async () => {
    const { res } = await direct(s, { [CREDENTIAL_HEADER]: await credential(s, bodyOf(s)) });
    expect(res.status).toBe(200);
    expect(codes(res).filter((c) => c !== 'FORBIDDEN')).toEqual([]);
    expect(res.data).toBeTruthy();
  });

  it.each(REFUSED)('with %s is 401, no data, no SQL', async (_label, headers) => {
    const { res, sql } = await direct(s, await headers(s));
    expectRefused(res, sql);
  });

  it('with a credential already used once is 401 the second time', async () => {
    const once = { [CREDENTIAL_HEADER]: await credential(s, bodyOf(s)) };
    expect((await direct(s, once)).res.status).toBe(200);
    const { res, sql } = await direct(s, once);
    expectRefused(res, sql);
  });

  it('_service { sdl } and _entities without a credential are 401', async () => {
    for (const query of ['{ _service { sdl } }', 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }']) {
      const res = await postGraphQL(stack.subgraphUrls[s], query, { r: [{ __typename: 'Person', idNumber: SHOWCASE.head }] });
      expect(res.status).toBe(401);
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.data ?? null).toBeNull();
    }
  });
});

describe('the gateway does not expose the federation internals', () => {
  it.each([
    ['_entities', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }`],
    ['_entities under an alias', `query($r: [_Any!]!) { p: _entities(representations: $r) { ... on Person { name } } }`],
    ['_entities in a fragment on Query', `query($r: [_Any!]!) { ...Q } fragment Q on Query { _entities(representations: $r) { __typename } }`],
    ['_service', '{ _service { sdl } }'],
    ['the _Any scalar', 'query($r: _Any) { __typename }'],
  ])('%s: GRAPHQL_VALIDATION_FAILED, no data', async (_label, query) => {
    const res = await stack.query(query, { r: [{ __typename: 'Person', idNumber: SHOWCASE.head }] });
    expect(res.status).toBe(400);
    expect(new Set(codes(res))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(res.data ?? null).toBeNull();
    expect(personalDataIn(res, [SHOWCASE.head])).toEqual([]);
  });
});

/** 身份号码 an enumerator would try: sequence numbers after a known one (checksums right), and real ones of the test world. */
function guessedIdNumbers(): string[] {
  const world = testWorld();
  const sequential = Array.from({ length: 40 }, (_, i) => makeIdNumber(SHOWCASE.head.slice(0, 6), '1980-01-01', 100 + i));
  const inDistrict = world.persons.filter((p) => p.divisionCode === '320102').slice(0, 10).map((p) => p.idNumber);
  const elsewhere = world.persons.filter((p) => p.divisionCode !== '320102').slice(0, 10).map((p) => p.idNumber);
  return [...new Set([SHOWCASE.head, ...sequential, ...inDistrict, ...elsewhere])];
}

/** A subgraph's `_entities` for `representations` with a valid gateway credential; its request id. */
async function entities(s: string, typename: string, selection: string, representations: object[], who: Requester, opts: { purpose?: string; grantId?: string }) {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`;
  const variables = { r: representations };
  const requestId = `enum-${crypto.randomUUID()}`;
  const cred = await signCredential(stack.security.gatewayKeyPair, { requester: { ...who, ...opts }, audience: s, body: JSON.stringify({ query, variables }), requestId });
  const res = await postGraphQL(stack.subgraphUrls[s], query, variables, { [CREDENTIAL_HEADER]: cred });
  expect(res.status).toBe(200);
  expect(codes(res).filter((c) => c !== 'FORBIDDEN')).toEqual([]);
  return { res, requestId, list: res.data!._entities as Array<Record<string, unknown> | null> };
}

/** Field by field, what the subgraph gave for `key` that the gateway did not. */
function moreThanTheGateway(key: string, fields: string[], viaSubgraph: Record<string, unknown> | null, viaGateway: Record<string, unknown> | null): string[] {
  const extra: string[] = [];
  for (const f of fields) {
    const sub = viaSubgraph?.[f] ?? null;
    if (sub === null) continue;
    if (JSON.stringify(sub) !== JSON.stringify(viaGateway?.[f] ?? null)) extra.push(`${key}.${f}: ${JSON.stringify(sub)}`);
  }
  return extra;
}

describe.each([
  ['under the demo grant', DIBAO],
  ['with a purpose but no grant', { purpose: DIBAO.purpose }],
])('_entities enumeration at a subgraph, with a valid gateway credential for the 玄武区 caseworker %s', (_label, opts) => {
  const who = PEOPLE.caseworker;

  it('guessing 身份号码 in sequence gets nothing person(idNumber:) would not give, and every person got is in the access log', async () => {
    const ids = guessedIdNumbers();
    const fields = ['name', 'gender', 'birthDate', 'ethnicity', 'registeredAddress', 'phone', 'maritalStatus', 'deceased', 'caseFlags'];
    const { list, requestId, res } = await entities('population', 'Person', fields.join(' '), ids.map((idNumber) => ({ __typename: 'Person', idNumber })), who, opts);
    const gateway = await stack.queryAs(who, opts, `query($ids: [ID!]!) { persons(idNumbers: $ids) { ${fields.join(' ')} } }`, { ids });
    expect(list).toHaveLength(ids.length);
    const extra = ids.flatMap((id, i) => moreThanTheGateway(id, fields, list[i], gateway.data!.persons[i]));
    expect(extra).toEqual([]);

    // The policy held at the subgraph: not shared never, other districts never, the showcase head yes.
    const reasons = new Set(res.errors?.map((e) => e.extensions?.reason));
    expect(reasons.has('NOT_SHARED')).toBe(true);
    expect(list.every((p) => (p?.caseFlags ?? null) === null)).toBe(true);
    const world = new Map(testWorld().persons.map((p) => [p.idNumber, p]));
    ids.forEach((id, i) => {
      const person = world.get(id);
      if (!person) expect({ id, got: Object.values(list[i] ?? {}).filter((v) => v !== null) }).toEqual({ id, got: [] });
      else if (person.divisionCode !== '320102' && !('grantId' in opts)) expect({ id, name: list[i]?.name ?? null }).toEqual({ id, name: null });
    });
    expect(list[0]?.name).toBe('李建国');

    // Every person whose data left is a subject of an access record of that request.
    const released = ids.filter((_, i) => list[i] && fields.some((f) => list[i]![f] !== null && list[i]![f] !== undefined));
    expect(released.length).toBeGreaterThan(0);
    const log = await stack.queryAs(OFFICER, {}, `query($rid: ID) { accessLog(filter: { requestId: $rid }, first: 100) { records { service reads { decision subjects } } } }`, { rid: requestId });
    expect(log.errors).toBeUndefined();
    const logged = new Set(log.data!.accessLog.records.flatMap((r: { reads: Array<{ decision: string; subjects: string[] }> }) => r.reads.filter((x) => !x.decision.startsWith('denied')).flatMap((x) => x.subjects)));
    expect(released.filter((id) => !logged.has(id))).toEqual([]);
  });

  it('guessing 户号 in sequence gets nothing household(number:) would not give', async () => {
    const prefix = SHOWCASE.householdNumber.slice(0, 6);
    const numbers = Array.from({ length: 15 }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`);
    numbers.push(...testWorld().households.filter((h) => h.divisionCode !== '320102').slice(0, 5).map((h) => h.number));
    const fields = ['address', 'members'];
    const { list } = await entities('population', 'Household', 'address members { relationToHead }', numbers.map((number) => ({ __typename: 'Household', number })), who, opts);
    const gateway = await stack.queryAs(who, opts, `{ ${numbers.map((n, i) => `h${i}: household(number: "${n}") { address members { relationToHead } }`).join(' ')} }`);
    expect(gateway.status).toBe(200);
    expect(numbers.flatMap((n, i) => moreThanTheGateway(n, fields, list[i], gateway.data![`h${i}`]))).toEqual([]);
    expect(list.some((h) => h !== null)).toBe(true);
  });

  it('guessing 宗地代码 in sequence gets nothing parcel(code:) would not give', async () => {
    const street = SHOWCASE.headParcel.slice(0, 14);
    const codes_ = Array.from({ length: 15 }, (_, i) => `${street}${String(i + 1).padStart(5, '0')}`);
    codes_.push(...testWorld().parcels.filter((p) => p.districtCode !== '320102').slice(0, 5).map((p) => p.code));
    const fields = ['landUse', 'area', 'rights'];
    const selection = 'landUse area rights { certificateNo registeredOn encumbrances { kind holderName } }';
    const { list } = await entities('geospatial', 'Parcel', selection, codes_.map((code) => ({ __typename: 'Parcel', code })), who, opts);
    const gateway = await stack.queryAs(who, opts, `{ ${codes_.map((c, i) => `p${i}: parcel(code: "${c}") { ${selection} }`).join(' ')} }`);
    expect(gateway.status).toBe(200);
    expect(codes_.flatMap((c, i) => moreThanTheGateway(c, fields, list[i], gateway.data![`p${i}`]))).toEqual([]);
    expect(list.some((p) => p !== null)).toBe(true);
  });
});
