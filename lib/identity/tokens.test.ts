import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from 'jose';
import { sm2 as smCrypto } from 'sm-crypto';
import { generateSigningKey, signJws } from '../crypto';
import { generateKeyPairInMemory, type SigningKeyPair } from './demoKeys';
import { createTokenVerifier, issueToken, type IssueTokenOptions, type TokenVerifier } from './tokens';
import { signCredential } from './credential';

const alice: IssueTokenOptions = { user: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'], ttlSeconds: 3600 };
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

let issuer: SigningKeyPair;
let stranger: SigningKeyPair;
let verify: TokenVerifier;

beforeAll(async () => {
  issuer = await generateKeyPairInMemory();
  stranger = await generateKeyPairInMemory();
  verify = createTokenVerifier({ publicJwks: [issuer.publicJwk] });
});

/** Asserts UNAUTHENTICATED and that the message never contains the token. */
async function expectRefused(header: string | undefined, messagePart?: RegExp): Promise<GraphQLError> {
  const error = await verify(header).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  const gqlError = error as GraphQLError;
  expect(gqlError.extensions.code).toBe('UNAUTHENTICATED');
  const token = header?.replace(/^Bearer\s+/i, '') ?? '';
  if (token.length > 8) {
    for (const part of token.split('.').filter((p) => p.length > 8)) expect(gqlError.message).not.toContain(part);
  }
  if (messagePart) expect(gqlError.message).toMatch(messagePart);
  return gqlError;
}

/** Signs arbitrary claims with `key` (under another `kid` if given) — for tokens issueToken refuses to make. */
async function signRaw(claims: Record<string, unknown>, key: SigningKeyPair = issuer, header: { kid?: string } = {}) {
  return signJws({ ...key, ...header }, claims);
}

const validClaims = () => ({
  sub: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'],
  iss: 'govgraph-demo', aud: 'govgraph', iat: now(), exp: now() + 600,
});

describe('consumer token verification', () => {
  it('accepts a token from issueToken and returns the identity', async () => {
    const token = await issueToken(issuer, alice);
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ user: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'] });
    // The scheme is case-insensitive.
    await expect(verify(`bearer ${token}`)).resolves.toMatchObject({ user: 'alice' });
  });

  it('issues the contract claims', async () => {
    const token = await issueToken(issuer, { ...alice, issuedAt: 1_900_000_000 });
    const [header, payload] = token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toMatchObject({ alg: issuer.alg, kid: issuer.kid, typ: 'JWT' });
    expect(payload).toMatchObject({ sub: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'], iss: 'govgraph-demo', aud: 'govgraph', iat: 1_900_000_000, exp: 1_900_003_600 });
    expect(typeof payload.jti).toBe('string');
  });

  it('refuses a missing header, another scheme and malformed tokens', async () => {
    await expectRefused(undefined, /required/);
    await expectRefused('', /required/);
    const token = await issueToken(issuer, alice);
    await expectRefused(`Basic ${Buffer.from('alice:pw').toString('base64')}`, /Bearer/);
    await expectRefused(token, /Bearer/); // no scheme at all
    await expectRefused('Bearer not-a-jwt', /malformed/);
    await expectRefused('Bearer a.b', /malformed/);
    await expectRefused(`Bearer ${b64({ alg: 'EdDSA' })}.%%%.sig`, /malformed/);
    await expectRefused(`Bearer ${'x'.repeat(9000)}.a.b`, /too long/);
  });

  it('refuses alg: none', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(validClaims())}.`;
    await expectRefused(`Bearer ${unsigned}`, /algorithm/);
  });

  it('refuses HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(issuer.publicJwk));
    const forged = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    await expectRefused(`Bearer ${forged}`, /algorithm/);
  });

  it('refuses a token signed by another key, with or without a matching kid', async () => {
    const forged = await issueToken(stranger, alice);
    await expectRefused(`Bearer ${forged}`, /does not trust/);
    const forgedWithTrustedKid = await signRaw(validClaims(), stranger, { kid: issuer.kid });
    await expectRefused(`Bearer ${forgedWithTrustedKid}`, /signature is invalid/);
  });

  it('refuses a tampered payload', async () => {
    const token = await issueToken(issuer, alice);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${b64({ ...claims, roles: ['security-officer'] })}.${signature}`;
    await expectRefused(`Bearer ${tampered}`, /signature is invalid/);
  });

  it('refuses an expired token, but forgives a few seconds of clock skew', async () => {
    const expired = await issueToken(issuer, { ...alice, ttlSeconds: 60, issuedAt: now() - 3600 });
    await expectRefused(`Bearer ${expired}`, /expired/);
    const justExpired = await issueToken(issuer, { ...alice, ttlSeconds: 60, issuedAt: now() - 62 });
    await expect(verify(`Bearer ${justExpired}`)).resolves.toMatchObject({ user: 'alice' });
    const beyondTolerance = await issueToken(issuer, { ...alice, ttlSeconds: 60, issuedAt: now() - 70 });
    await expectRefused(`Bearer ${beyondTolerance}`, /expired/);
  });

  it('refuses a token that is not valid yet', async () => {
    const early = await signRaw({ ...validClaims(), nbf: now() + 600 });
    await expectRefused(`Bearer ${early}`, /not valid yet/);
  });

  it('refuses a token issued in the future, but forgives a few seconds of clock skew', async () => {
    const future = await signRaw({ ...validClaims(), iat: now() + 3600, exp: now() + 7200 });
    await expectRefused(`Bearer ${future}`, /future/);
    const skewed = await signRaw({ ...validClaims(), iat: now() + 2 });
    await expect(verify(`Bearer ${skewed}`)).resolves.toMatchObject({ user: 'alice' });
  });

  it('refuses the wrong issuer or audience', async () => {
    await expectRefused(`Bearer ${await issueToken(issuer, { ...alice, issuer: 'someone-else' })}`, /issuer/);
    await expectRefused(`Bearer ${await issueToken(issuer, { ...alice, audience: 'population' })}`, /audience/);
    const strict = createTokenVerifier({ publicJwks: [issuer.publicJwk], issuer: 'https://idp.example.gov.cn', audience: 'govgraph-prod' });
    await expect(strict(`Bearer ${await issueToken(issuer, alice)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const ok = await issueToken(issuer, { ...alice, issuer: 'https://idp.example.gov.cn', audience: 'govgraph-prod' });
    await expect(strict(`Bearer ${ok}`)).resolves.toMatchObject({ user: 'alice' });
  });

  it.each([
    ['sub', /"sub" claim/],
    ['dept', /claim "dept" is missing/],
    ['division', /claim "division" is missing/],
    ['roles', /claim "roles" is missing/],
    ['exp', /"exp" claim/],
  ])('refuses a token without %s', async (claim, message) => {
    const claims: Record<string, unknown> = validClaims();
    delete claims[claim];
    await expectRefused(`Bearer ${await signRaw(claims)}`, message);
  });

  it.each([
    ['division not a GB/T 2260 code', { division: '999999' }, /claim "division"/],
    ['division of the wrong length', { division: '3201' }, /claim "division"/],
    ['division as a number', { division: 320100 }, /claim "division" must be a string/],
    ['roles as a string', { roles: 'consumer' }, /claim "roles" must be an array/],
    ['roles with a non-string', { roles: ['consumer', 7] }, /claim "roles.1"/],
    ['dept not a department code', { dept: 'Civil Affairs' }, /claim "dept"/],
    ['empty sub', { sub: '' }, /claim "sub"/],
  ])('refuses %s', async (_name, override, message) => {
    await expectRefused(`Bearer ${await signRaw({ ...validClaims(), ...override })}`, message);
  });

  it('accepts a 9-digit township division and several roles', async () => {
    const token = await issueToken(issuer, { ...alice, division: '320102001', roles: ['consumer', 'security-officer'] });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ user: 'alice', dept: 'civil-affairs', division: '320102001', roles: ['consumer', 'security-officer'] });
  });

  it('refuses a gateway credential presented as a bearer token', async () => {
    const credential = await signCredential(issuer, {
      requester: { user: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'] },
      requestId: 'r1', audience: 'govgraph', body: '{}',
    });
    await expectRefused(`Bearer ${credential}`, /type/);
  });

  it('refuses algorithms outside the configured subset', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true });
    const esOnly = createTokenVerifier({ publicJwks: [issuer.publicJwk, await exportJWK(ec.publicKey)], algorithms: ['ES256'] });
    // (The issuer's key is filtered out: its algorithm is not configured.)
    await expect(esOnly(`Bearer ${await issueToken(issuer, alice)}`)).rejects.toThrow(/algorithm/);
    const esToken = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
    await expect(esOnly(`Bearer ${esToken}`)).resolves.toMatchObject({ user: 'alice' });
    expect(() => createTokenVerifier({ publicJwks: [issuer.publicJwk], algorithms: ['HS256' as never] })).toThrow(/not one govgraph accepts/);
  });

  it('will not start without any key', () => {
    expect(() => createTokenVerifier({})).toThrow(/no token verification keys/);
  });

  it('issueToken refuses claims the verifier would refuse', async () => {
    await expect(issueToken(issuer, { ...alice, division: '12' })).rejects.toThrow(/division/);
    await expect(issueToken(issuer, { ...alice, ttlSeconds: 0 })).rejects.toThrow(/ttlSeconds/);
  });
});

describe('public keys from files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-keys-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('verifies ES256 against a PEM (SPKI) file and RS256 against a JWK file', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true });
    const rsa = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    fs.writeFileSync(path.join(dir, 'ec.pem'), await exportSPKI(ec.publicKey));
    fs.writeFileSync(path.join(dir, 'rsa.jwk.json'), JSON.stringify({ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1' }));
    const v = createTokenVerifier({ publicKeyFiles: [path.join(dir, 'ec.pem'), path.join(dir, 'rsa.jwk.json')], algorithms: ['EdDSA', 'ES256', 'RS256', 'SM2SM3'] });
    const claims = validClaims();
    const esToken = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
    const rsToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).sign(rsa.privateKey);
    await expect(v(`Bearer ${esToken}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(v(`Bearer ${rsToken}`)).resolves.toMatchObject({ user: 'alice' });
    // The issuer (Ed25519, or SM2 under sm) is not among these keys.
    await expect(v(`Bearer ${await issueToken(issuer, alice)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses to configure a private key, a symmetric key or a missing file', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    fs.writeFileSync(path.join(dir, 'private.pem'), (privateKey as crypto.KeyObject).export({ format: 'pem', type: 'pkcs8' }) as string);
    fs.writeFileSync(path.join(dir, 'private.jwk.json'), JSON.stringify(await exportJWK(privateKey)));
    fs.writeFileSync(path.join(dir, 'oct.jwk.json'), JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }));
    expect(() => createTokenVerifier({ publicKeyFiles: [path.join(dir, 'private.pem')] })).toThrow(/private key/);
    expect(() => createTokenVerifier({ publicKeyFiles: [path.join(dir, 'private.jwk.json')] })).toThrow(/private key/);
    expect(() => createTokenVerifier({ publicKeyFiles: [path.join(dir, 'oct.jwk.json')] })).toThrow(/symmetric/);
    expect(() => createTokenVerifier({ publicKeyFiles: [path.join(dir, 'nope.pem')] })).toThrow(/cannot read/);
  });

  it('refuses a small RSA key', () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    fs.writeFileSync(path.join(dir, 'small.pem'), publicKey.export({ format: 'pem', type: 'spki' }) as string);
    expect(() => createTokenVerifier({ publicKeyFiles: [path.join(dir, 'small.pem')] })).toThrow(/2048/);
  });
});

describe('JWKS URL', () => {
  let server: http.Server;
  let url: string;
  let jwks: { keys: JWK[] };
  let requests = 0;

  beforeAll(async () => {
    jwks = { keys: [issuer.publicJwk] };
    server = http.createServer((req, res) => {
      requests++;
      if (req.url !== '/.well-known/jwks.json') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies a token against the served key set, and refuses a foreign key', async () => {
    const v = createTokenVerifier({ jwksUrl: url });
    await expect(v(`Bearer ${await issueToken(issuer, alice)}`)).resolves.toMatchObject({ user: 'alice', dept: 'civil-affairs' });
    expect(requests).toBeGreaterThan(0);
    await expect(v(`Bearer ${await issueToken(stranger, alice)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const expired = await issueToken(issuer, { ...alice, ttlSeconds: 60, issuedAt: now() - 3600 });
    await expect(v(`Bearer ${expired}`)).rejects.toThrow(/expired/);
  });

  it('falls back from local keys to the JWKS', async () => {
    const v = createTokenVerifier({ publicJwks: [stranger.publicJwk], jwksUrl: url });
    await expect(v(`Bearer ${await issueToken(issuer, alice)}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(v(`Bearer ${await issueToken(stranger, alice)}`)).resolves.toMatchObject({ user: 'alice' });
  });

  it('fails closed when the JWKS cannot be fetched', async () => {
    const v = createTokenVerifier({ jwksUrl: url.replace('jwks.json', 'missing.json') });
    const error = await v(`Bearer ${await issueToken(issuer, alice)}`).catch((e: GraphQLError) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
    expect((error as GraphQLError).message).toMatch(/could not be fetched/);
  });

  it('insists on https off loopback', () => {
    expect(() => createTokenVerifier({ jwksUrl: 'http://idp.example.gov.cn/jwks' })).toThrow(/https/);
    expect(() => createTokenVerifier({ jwksUrl: 'http://idp.example.gov.cn/jwks', allowInsecureJwksUrl: true })).not.toThrow();
    expect(() => createTokenVerifier({ jwksUrl: 'https://idp.example.gov.cn/jwks' })).not.toThrow();
  });
});

/**
 * SM2 tokens as Chinese government identity providers issue them, signed by sm-crypto (an
 * implementation independent of lib/crypto's): every `alg` name in use, every key format.
 */
describe('SM2 tokens', () => {
  const idp = smCrypto.generateKeyPairHex();
  const x = Buffer.from(idp.publicKey.slice(2, 66), 'hex').toString('base64url');
  const y = Buffer.from(idp.publicKey.slice(66), 'hex').toString('base64url');
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-sm2-keys-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A token as the identity provider signs it: SM2 with the Z value (default ID), r ‖ s. */
  function idpToken(alg: string, claims: Record<string, unknown> = validClaims(), kid = 'idp-sm2-1'): string {
    const input = `${b64({ alg, typ: 'JWT', kid })}.${b64(claims)}`;
    const signature = smCrypto.doSignature(Array.from(Buffer.from(input)), idp.privateKey, { hash: true, publicKey: idp.publicKey });
    return `${input}.${Buffer.from(signature, 'hex').toString('base64url')}`;
  }

  it.each(['SM2SM3', 'SM2', 'SM3withSM2', 'SM3WithSM2', 'GmSM2'])('accepts alg %s, once SM2SM3 is accepted (GOVGRAPH_CRYPTO=sm)', async (alg) => {
    const v = createTokenVerifier({ publicJwks: [{ kty: 'EC', crv: 'SM2', kid: 'idp-sm2-1', x, y }], suite: 'sm' });
    await expect(v(`Bearer ${idpToken(alg)}`)).resolves.toMatchObject({ user: 'alice', dept: 'civil-affairs' });
  });

  it('reads the identity provider\'s key as a JWK (crv SM2 or SM2P256V1), SPKI PEM, or the hex point sm-crypto prints', async () => {
    const pem = generateSigningKey('sm');
    const files = {
      'sm2.jwk.json': JSON.stringify({ kty: 'EC', crv: 'SM2P256V1', alg: 'SM2', x, y }),
      'sm2.jwks.json': JSON.stringify({ keys: [{ kty: 'EC', crv: 'SM2', kid: 'idp-sm2-1', x, y }] }),
      'sm2.hex': `${idp.publicKey}\n`,
      'sm2.pem': pem.publicKey.toPem(),
    };
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    for (const name of ['sm2.jwk.json', 'sm2.jwks.json', 'sm2.hex']) {
      const v = createTokenVerifier({ publicKeyFiles: [path.join(dir, name)], suite: 'sm' });
      await expect(v(`Bearer ${idpToken('SM2')}`)).resolves.toMatchObject({ user: 'alice' });
    }
    const fromPem = createTokenVerifier({ publicKeyFiles: [path.join(dir, 'sm2.pem')], suite: 'sm' });
    await expect(fromPem(`Bearer ${await issueToken(pem, alice)}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(fromPem(`Bearer ${idpToken('SM2SM3')}`)).rejects.toThrow(/signature is invalid/);
  });

  it('refuses SM2 tokens where the configuration does not accept them, naming the algorithm and the suite', async () => {
    const jwk = { kty: 'EC', crv: 'SM2', kid: 'idp-sm2-1', x, y };
    const intl = createTokenVerifier({ publicJwks: [(await generateKeyPairInMemory('intl')).publicJwk, jwk], suite: 'intl' });
    await expectRefusedBy(intl, idpToken('SM2'), /SM2SM3 \(of the sm suite\), that is not allowed \(allowed: EdDSA, ES256, RS256; the default of GOVGRAPH_CRYPTO=intl; GOVGRAPH_JWT_ALGORITHMS accepts others\)/);
    // An alias never stands for an algorithm the configuration did not accept, and unknown names are not echoed.
    await expectRefusedBy(intl, idpToken('SM2-evil<script>'), /that is not allowed \(allowed: EdDSA, ES256, RS256/);
    const sm = createTokenVerifier({ publicJwks: [jwk], suite: 'sm' });
    const ed = await generateKeyPairInMemory('intl');
    await expectRefusedBy(sm, await issueToken(ed, alice), /EdDSA \(of the intl suite\), that is not allowed \(allowed: SM2SM3; the default of GOVGRAPH_CRYPTO=sm/);
    // Both, when configured so (an identity provider still on RS256 during a migration …).
    const both = createTokenVerifier({ publicJwks: [jwk, ed.publicJwk], algorithms: ['SM2SM3', 'EdDSA'] });
    await expect(both(`Bearer ${idpToken('GmSM2')}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(both(`Bearer ${await issueToken(ed, alice)}`)).resolves.toMatchObject({ user: 'alice' });
  });

  it('refuses a DER-encoded signature, SM2 without the Z value, and a tampered SM2 token', async () => {
    const v = createTokenVerifier({ publicJwks: [{ kty: 'EC', crv: 'SM2', kid: 'idp-sm2-1', x, y }], suite: 'sm' });
    const [h, p, sig] = idpToken('SM2SM3').split('.');
    const rs = Buffer.from(sig, 'base64url');
    const der = Buffer.concat([Buffer.from([0x30, 0x44, 0x02, 0x20]), rs.subarray(0, 32), Buffer.from([0x02, 0x20]), rs.subarray(32)]);
    await expectRefusedBy(v, `${h}.${p}.${der.toString('base64url')}`, /malformed/);
    await expectRefusedBy(v, `${h}.${b64({ ...validClaims(), roles: ['security-officer'] })}.${sig}`, /signature is invalid/);
    // sm-crypto with hash: false signs the message as e itself, without SM3(Z ‖ M): not SM2 as GB/T 32918.2 signs.
    const input = `${h}.${p}`;
    const noZ = Buffer.from(smCrypto.doSignature(Array.from(Buffer.from(input)), idp.privateKey, { hash: false }), 'hex');
    await expectRefusedBy(v, `${input}.${noZ.toString('base64url')}`, /signature is invalid/);
  });

  it('takes SM2 keys from a JWKS URL, skipping keys it cannot use', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ kty: 'OKP', crv: 'X25519', x: 'abc', use: 'enc' }, { kty: 'EC', crv: 'secp256k1', x: 'a', y: 'b' }, { kty: 'EC', crv: 'SM2', kid: 'idp-sm2-1', alg: 'SM2', x, y }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const v = createTokenVerifier({ jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, suite: 'sm' });
      await expect(v(`Bearer ${idpToken('SM2SM3')}`)).resolves.toMatchObject({ user: 'alice' });
      await expectRefusedBy(v, idpToken('SM2SM3', validClaims(), 'rotated-away'), /does not trust/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

async function expectRefusedBy(v: TokenVerifier, token: string, message: RegExp): Promise<void> {
  const error = await v(`Bearer ${token}`).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  expect((error as GraphQLError).message).toMatch(message);
  expect((error as GraphQLError).message).not.toContain('<script>');
}
