import crypto from 'node:crypto';
import { GraphQLError } from 'graphql';
import { sm2 as smCrypto, sm3 as smCryptoSm3 } from 'sm-crypto';
import { cryptoSuiteName } from '../config';
import { generateSigningKey, signJws } from '../crypto';
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
    expect(header).toEqual({ alg: cryptoSuiteName() === 'sm' ? 'SM2SM3' : 'EdDSA', typ: 'govgraph-credential+jwt', kid: gateway.kid });
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
    const sneaky = await signCredential({ ...impostor, kid: gateway.kid }, request);
    await expectRefused(population(sneaky, body), /signature is invalid/);
  });

  it('refuses alg: none and a consumer token', async () => {
    const claims = { sub: 'alice', dept: 'civil-affairs', division: '320100', roles: ['security-officer'], rid: 'r', aud: 'population', iss: 'govgraph-gateway', bh: bodyHash(body), jti: 'x'.repeat(22), iat: now(), exp: now() + 30 };
    await expectRefused(population(`${b64({ alg: 'none', typ: 'govgraph-credential+jwt' })}.${b64(claims)}.`, body), /algorithm/);
    // A bearer token signed by the same key is still not a credential (typ, iss, aud differ).
    const token = await issueToken(gateway, { ...identity, ttlSeconds: 60, audience: 'population' });
    await expectRefused(population(token, body), /UNAUTHENTICATED|credential/);
    // The typ check on its own: everything right but the typ header.
    const untyped = signJws(gateway, claims);
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
    const privateJwk = generateSigningKey(cryptoSuiteName()).toPrivateJwk();
    expect(() => createCredentialVerifier({ gatewayPublicJwks: [privateJwk], audience: 'population' })).toThrow(/private key/);
  });

  it('signCredential refuses out-of-bounds input', async () => {
    await expect(signCredential(gateway, { ...request, requester: { ...request.requester, purpose: 'x'.repeat(600) } })).rejects.toThrow(/pur/);
    await expect(signCredential(gateway, { ...request, requester: { ...identity, division: 'abc' } })).rejects.toThrow(/division/);
    await expect(signCredential(gateway, { ...request, audience: '' })).rejects.toThrow(/audience/);
  });
});

describe('gateway credential, per suite', () => {
  const hex = (b64url: string) => Buffer.from(b64url, 'base64url').toString('hex');

  it('under sm: SM2SM3, a body hash in SM3, and a signature an independent SM2 (sm-crypto) verifies', async () => {
    const smGateway = await generateKeyPairInMemory('sm');
    const credential = await signCredential(smGateway, request);
    const [h, p, s] = credential.split('.');
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'SM2SM3', typ: 'govgraph-credential+jwt', kid: smGateway.kid });
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    expect(hex(claims.bh)).toBe(smCryptoSm3(Array.from(Buffer.from(body, 'utf8'))));
    expect(claims.bh).toBe(bodyHash(body, 'sm'));
    const publicHex = `04${hex(smGateway.publicJwk.x!)}${hex(smGateway.publicJwk.y!)}`;
    expect(smCrypto.doVerifySignature(Array.from(Buffer.from(`${h}.${p}`)), hex(s), publicHex, { hash: true })).toBe(true);
    const verify = createCredentialVerifier({ gatewayPublicJwks: [smGateway.publicJwk], audience: 'population', suite: 'sm' });
    await expect(verify(credential, body)).resolves.toMatchObject({ requestId: 'req-1' });
  });

  it('verifies an SM2 credential signed by sm-crypto (another implementation) with the gateway key', async () => {
    const pair = smCrypto.generateKeyPairHex();
    const jwk = { kty: 'EC', crv: 'SM2', kid: 'hsm-gateway', x: Buffer.from(pair.publicKey.slice(2, 66), 'hex').toString('base64url'), y: Buffer.from(pair.publicKey.slice(66), 'hex').toString('base64url') };
    const iat = now();
    const claims = { sub: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'], rid: 'r-hsm', bh: bodyHash(body, 'sm'), jti: crypto.randomBytes(16).toString('base64url'), iat, exp: iat + 30, iss: 'govgraph-gateway', aud: 'population' };
    const input = `${b64({ alg: 'SM2SM3', kid: 'hsm-gateway', typ: 'govgraph-credential+jwt' })}.${b64(claims)}`;
    const signature = Buffer.from(smCrypto.doSignature(Array.from(Buffer.from(input)), pair.privateKey, { hash: true, publicKey: pair.publicKey }), 'hex');
    const verify = createCredentialVerifier({ gatewayPublicJwks: [jwk], audience: 'population', suite: 'sm' });
    await expect(verify(`${input}.${signature.toString('base64url')}`, body)).resolves.toMatchObject({ requestId: 'r-hsm' });
  });

  it('a subgraph of one suite refuses a credential of the other, naming both suites', async () => {
    const [intlGateway, smGateway] = await Promise.all([generateKeyPairInMemory('intl'), generateKeyPairInMemory('sm')]);
    const smSubgraph = createCredentialVerifier({ gatewayPublicJwks: [smGateway.publicJwk], audience: 'population', suite: 'sm' });
    const intlSubgraph = createCredentialVerifier({ gatewayPublicJwks: [intlGateway.publicJwk], audience: 'population', suite: 'intl' });
    await expectRefused(smSubgraph(await signCredential(intlGateway, request), body), /signed with EdDSA \(the intl suite\), but this subgraph runs the sm suite \(GOVGRAPH_CRYPTO=sm\) and accepts SM2SM3 only/);
    await expectRefused(intlSubgraph(await signCredential(smGateway, request), body), /signed with SM2SM3 \(the sm suite\), but this subgraph runs the intl suite \(GOVGRAPH_CRYPTO=intl\) and accepts EdDSA only/);
    // And a gateway key of the other suite is refused when the subgraph starts.
    expect(() => createCredentialVerifier({ gatewayPublicJwks: [intlGateway.publicJwk], audience: 'population', suite: 'sm' })).toThrow(/EdDSA key \(the intl suite\); GOVGRAPH_CRYPTO=sm verifies gateway credentials with SM2SM3 keys only/);
    expect(() => createCredentialVerifier({ gatewayPublicJwks: [smGateway.publicJwk], audience: 'population', suite: 'intl' })).toThrow(/SM2SM3 key \(the sm suite\); GOVGRAPH_CRYPTO=intl/);
  });
});
