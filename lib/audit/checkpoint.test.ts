/**
 * Checkpoint signatures per suite (checkpoint.ts): an SM2 checkpoint is SM2 as sm-crypto (an
 * independent implementation) signs and verifies it, both ways; each checkpoint verifies only in
 * the suite it records.
 */
import { sm2 as smCrypto } from 'sm-crypto';
import { generateKeyPairInMemory } from '../identity';
import { canonicalJson } from './entry';
import { CHECKPOINT_TYP, checkpointIsValid, checkpointVerifierKeys, signCheckpoint } from './checkpoint';

const payload = { writer: 'population', seq: 42, hash: 'ab'.repeat(32), at: '2026-12-01T08:00:00.000Z' };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const hex = (b64url: string) => Buffer.from(b64url, 'base64url').toString('hex');

describe('checkpoint signatures', () => {
  it('under sm: SM2SM3 over the canonical payload, which sm-crypto verifies', async () => {
    const anchor = await generateKeyPairInMemory('sm');
    const signature = await signCheckpoint(anchor, payload);
    const [h, p, s] = signature.split('.');
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'SM2SM3', kid: anchor.kid, typ: CHECKPOINT_TYP });
    expect(Buffer.from(p, 'base64url').toString()).toBe(canonicalJson(payload));
    const publicHex = `04${hex(anchor.publicJwk.x!)}${hex(anchor.publicJwk.y!)}`;
    expect(smCrypto.doVerifySignature(Array.from(Buffer.from(`${h}.${p}`)), hex(s), publicHex, { hash: true })).toBe(true);
    const keys = checkpointVerifierKeys([anchor.publicJwk]);
    expect(await checkpointIsValid({ ...payload, id: 1, signature, suite: 'sm' }, keys)).toBe(true);
    // Recorded as intl (or not recorded: older rows), it is not valid: each verifies in its own suite only.
    expect(await checkpointIsValid({ ...payload, id: 1, signature, suite: 'intl' }, keys)).toBe(false);
    expect(await checkpointIsValid({ ...payload, id: 1, signature }, keys)).toBe(false);
  });

  it('verifies a checkpoint an HSM-like signer made with sm-crypto', async () => {
    const pair = smCrypto.generateKeyPairHex();
    const jwk = { kty: 'EC', crv: 'SM2', kid: 'anchor-hsm', x: Buffer.from(pair.publicKey.slice(2, 66), 'hex').toString('base64url'), y: Buffer.from(pair.publicKey.slice(66), 'hex').toString('base64url') };
    const input = `${b64({ alg: 'SM2SM3', kid: 'anchor-hsm', typ: CHECKPOINT_TYP })}.${Buffer.from(canonicalJson(payload)).toString('base64url')}`;
    const sig = Buffer.from(smCrypto.doSignature(Array.from(Buffer.from(input)), pair.privateKey, { hash: true, publicKey: pair.publicKey }), 'hex').toString('base64url');
    const keys = checkpointVerifierKeys([jwk]);
    expect(await checkpointIsValid({ ...payload, id: 1, signature: `${input}.${sig}`, suite: 'sm' }, keys)).toBe(true);
    expect(await checkpointIsValid({ ...payload, seq: 43, id: 1, signature: `${input}.${sig}`, suite: 'sm' }, keys)).toBe(false);
  });

  it('under intl: Ed25519, valid as intl (and as a row from before the suite was recorded), not as sm', async () => {
    const anchor = await generateKeyPairInMemory('intl');
    const signature = await signCheckpoint(anchor, payload);
    const keys = checkpointVerifierKeys([anchor.publicJwk]);
    expect(await checkpointIsValid({ ...payload, id: 1, signature, suite: 'intl' }, keys)).toBe(true);
    expect(await checkpointIsValid({ ...payload, id: 1, signature }, keys)).toBe(true);
    expect(await checkpointIsValid({ ...payload, id: 1, signature, suite: 'sm' }, keys)).toBe(false);
  });
});
