import { GraphQLError } from 'graphql';
import { SignJWT } from 'jose';
import { bodyHash, createCredentialVerifier, signCredential, type CredentialRequest, type CredentialVerifier } from './credential';
import { generateKeyPairInMemory, type SigningKeyPair } from './demoKeys';
import { ReplayGuard } from './replayGuard';
import { issueToken } from './tokens';

const identity = { user: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'] };
const body = JSON.stringify({ query: '{ person(idNumber: "320102199001011234") { name } }', variables: {} });
const request: CredentialRequest = {
  requester: { ...identity, purpose: 'dibao-verification', grantId: 'G-DEMO-0001' }, requestId: 'req-1', audience: 'population', body,
};
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

let gateway: SigningKeyPair;
let impostor: SigningKeyPair;
let population: CredentialVerifier;

beforeAll(async () => {
  gateway = await generateKeyPairInMemory();
  impostor = await generateKeyPairInMemory();
});
beforeEach(() => {
  population = createCredentialVerifier({ gatewayPublicJwks: [gateway.publicJwk], audience: 'population' });
});

async function expectRefused(p: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  expect((error as GraphQLError).message).toMatch(message);
}

describe('gateway credential', () => {
  it('carries identity, purpose, grant and request id to the subgraph', async () => {
    const credential = await signCredential(gateway, request);
    await expect(population(credential, body)).resolves.toEqual({
      requester: { ...identity, purpose: 'dibao-verification', grantId: 'G-DEMO-0001' }, requestId: 'req-1',
    });
  });

  it('omits purpose and grant when the request had none', async () => {
    const credential = await signCredential(gateway, { requester: identity, requestId: 'req-2', audience: 'population', body });
    const verified = await population(credential, body);
    expect(verified).toEqual({ requester: identity, requestId: 'req-2' });
    expect('purpose' in verified).toBe(false);
  });

  it('has the documented claims', async () => {
    const credential = await signCredential(gateway, { ...request, issuedAt: 1_900_000_000 });
    const [header, payload] = credential.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toEqual({ alg: 'EdDSA', typ: 'govgraph-credential+jwt', kid: gateway.kid });
    expect(payload).toMatchObject({
      sub: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'], pur: 'dibao-verification', gnt: 'G-DEMO-0001',
      rid: 'req-1', aud: 'population', iss: 'govgraph-gateway', bh: bodyHash(body), iat: 1_900_000_000, exp: 1_900_000_030,
    });
    expect(payload.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('refuses a request without a credential (a client calling the subgraph directly)', async () => {
    await expectRefused(population(undefined, body), /missing/);
    await expectRefused(population('', body), /missing/);
  });

  it('refuses a credential signed by any key but the gateway\'s', async () => {
    await expectRefused(population(await signCredential(impostor, request), body), /does not trust/);
    // Even when the impostor copies the gateway's kid.
    const sneaky = await signCredential({ privateKey: impostor.privateKey, kid: gateway.kid }, request);
    await expectRefused(population(sneaky, body), /signature is invalid/);
  });

  it('refuses alg: none and a consumer token', async () => {
    const claims = { sub: 'alice', dept: 'civil-affairs', division: '320100', roles: ['security-officer'], rid: 'r', aud: 'population', iss: 'govgraph-gateway', bh: bodyHash(body), jti: 'x'.repeat(22), iat: now(), exp: now() + 30 };
    await expectRefused(population(`${b64({ alg: 'none', typ: 'govgraph-credential+jwt' })}.${b64(claims)}.`, body), /algorithm/);
    // A bearer token signed by the same key is still not a credential (typ, iss, aud differ).
    const token = await issueToken(gateway, { ...identity, ttlSeconds: 60, audience: 'population' });
    await expectRefused(population(token, body), /UNAUTHENTICATED|credential/);
    // The typ check on its own: everything right but the typ header.
    const untyped = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: gateway.kid }).sign(gateway.privateKey);
    await expectRefused(population(untyped, body), /typ/);
  });

  it('refuses a tampered payload', async () => {
    const [header, payload, signature] = (await signCredential(gateway, request)).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    await expectRefused(population(`${header}.${b64({ ...claims, division: '320000' })}.${signature}`, body), /signature is invalid/);
  });

  it('refuses a credential meant for another subgraph', async () => {
    const forGeospatial = await signCredential(gateway, { ...request, audience: 'geospatial' });
    await expectRefused(population(forGeospatial, body), /another subgraph/);
    const geospatial = createCredentialVerifier({ gatewayPublicJwks: [gateway.publicJwk], audience: 'geospatial' });
    await expect(geospatial(forGeospatial, body)).resolves.toMatchObject({ requestId: 'req-1' });
  });

  it('refuses a credential reused for another body', async () => {
    const credential = await signCredential(gateway, request);
    const other = JSON.stringify({ query: '{ person(idNumber: "320102199001011234") { phone caseFlags } }', variables: {} });
    await expectRefused(population(credential, other), /different request body/);
    // Byte-exact: even re-serialising the same JSON with a space is another body.
    await expectRefused(population(credential, body.replace('{"query"', '{ "query"')), /different request body/);
    await expectRefused(population(credential, undefined), /not captured/);
  });

  it('refuses a replayed credential', async () => {
    const credential = await signCredential(gateway, request);
    await expect(population(credential, body)).resolves.toMatchObject({ requestId: 'req-1' });
    await expectRefused(population(credential, body), /already been used/);
    // A fresh credential for the very same request is fine.
    await expect(population(await signCredential(gateway, request), body)).resolves.toMatchObject({ requestId: 'req-1' });
  });

  it('does not burn the jti of a credential refused for another reason', async () => {
    const credential = await signCredential(gateway, request);
    await expectRefused(population(credential, '{}'), /different request body/);
    await expect(population(credential, body)).resolves.toMatchObject({ requestId: 'req-1' });
  });

  it('refuses an expired credential', async () => {
    const expired = await signCredential(gateway, { ...request, issuedAt: now() - 60 });
    await expectRefused(population(expired, body), /expired|too old/);
  });

  it('refuses a credential older than maxAgeSeconds even if its exp is later', async () => {
    const longLived = await signCredential(gateway, { ...request, ttlSeconds: 3600, issuedAt: now() - 120 });
    await expectRefused(population(longLived, body), /too old/);
    const lenient = createCredentialVerifier({ gatewayPublicJwks: [gateway.publicJwk], audience: 'population', maxAgeSeconds: 300 });
    await expect(lenient(longLived, body)).resolves.toMatchObject({ requestId: 'req-1' });
  });

  it('refuses a credential issued in the future beyond the clock tolerance', async () => {
    const future = await signCredential(gateway, { ...request, issuedAt: now() + 60 });
    await expectRefused(population(future, body), /issue time/);
  });

  it('refuses duplicate headers and garbage', async () => {
    const credential = await signCredential(gateway, request);
    await expectRefused(population([credential, credential], body), /more than once/);
    await expectRefused(population('garbage', body), /malformed/);
  });

  it('fails closed when the replay store is full', async () => {
    const tiny = createCredentialVerifier({ gatewayPublicJwks: [gateway.publicJwk], audience: 'population', replayStore: new ReplayGuard({ capacity: 1 }) });
    await expect(tiny(await signCredential(gateway, request), body)).resolves.toBeDefined();
    await expectRefused(tiny(await signCredential(gateway, request), body), /too many requests/);
  });

  it('accepts any of several gateway keys (rotation)', async () => {
    const both = createCredentialVerifier({ gatewayPublicJwks: [impostor.publicJwk, gateway.publicJwk], audience: 'population' });
    await expect(both(await signCredential(gateway, request), body)).resolves.toBeDefined();
    await expect(both(await signCredential(impostor, request), body)).resolves.toBeDefined();
  });

  it('will not be built without a gateway key or audience, or with a private key', async () => {
    expect(() => createCredentialVerifier({ gatewayPublicJwks: [], audience: 'population' })).toThrow(/gateway public key/);
    expect(() => createCredentialVerifier({ gatewayPublicJwks: [gateway.publicJwk], audience: '' })).toThrow(/audience/);
    const { exportJWK } = await import('jose');
    const privateJwk = await exportJWK(gateway.privateKey);
    expect(() => createCredentialVerifier({ gatewayPublicJwks: [privateJwk], audience: 'population' })).toThrow(/private key/);
  });

  it('signCredential refuses out-of-bounds input', async () => {
    await expect(signCredential(gateway, { ...request, requester: { ...request.requester, purpose: 'x'.repeat(600) } })).rejects.toThrow(/pur/);
    await expect(signCredential(gateway, { ...request, requester: { ...identity, division: 'abc' } })).rejects.toThrow(/division/);
    await expect(signCredential(gateway, { ...request, audience: '' })).rejects.toThrow(/audience/);
  });
});
