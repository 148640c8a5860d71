import crypto from 'node:crypto';
import { Sealer, SEAL_PREFIX } from './seal';
import { intlSuite, smSuite } from '../crypto';

const sealer = new Sealer(crypto.randomBytes(32));
const ID = '320102198001011238';
const SHOWN = '320102********1238';

describe('sealed keys', () => {
  it('open to the key and the display they were sealed with', () => {
    expect(sealer.open(sealer.seal(ID, SHOWN))).toEqual({ value: ID, display: SHOWN });
  });

  it('never carry the key in readable form, and differ every time', () => {
    const a = sealer.seal(ID, SHOWN);
    const b = sealer.seal(ID, SHOWN);
    expect(a).not.toBe(b);
    expect(a).not.toContain(ID);
    expect(Buffer.from(a.slice(SEAL_PREFIX.length).split('.')[1], 'base64url').toString('latin1')).not.toContain(ID);
  });

  it('use a fresh IV for every seal, across pool refills', () => {
    const ivs = new Set(Array.from({ length: 3000 }, () => sealer.seal(ID, SHOWN).split('.')[1].slice(0, 16)));
    expect(ivs.size).toBe(3000);
  });

  it('refuse a swapped display (it is authenticated) and a tampered body', () => {
    const [head, body] = sealer.seal(ID, SHOWN).split('.');
    const swapped = `${SEAL_PREFIX}${Buffer.from(ID).toString('base64url')}.${body}`;
    expect(() => sealer.open(swapped)).toThrow();
    const tampered = `${head}.${body.slice(0, -2)}${body.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => sealer.open(tampered)).toThrow();
    expect(() => new Sealer(crypto.randomBytes(32)).open(sealer.seal(ID, SHOWN))).toThrow();
  });

  it('show their display form in a response, and **** for anything else that looks sealed', () => {
    const response = { a: sealer.seal(ID, SHOWN), list: [sealer.seal(ID, '320102********1238'), 'plain'], odd: `${SEAL_PREFIX}garbage` };
    sealer.displayInPlace(response);
    expect(response).toEqual({ a: SHOWN, list: [SHOWN, 'plain'], odd: '****' });
  });

  it('withhold a key: it still opens to the real key for the next join, and shows as null with its denial where it appears', () => {
    const withheld = sealer.withhold(ID, { reason: 'PURPOSE_REQUIRED', policyRevision: 'abc', serviceName: 'population' });
    expect(withheld).not.toContain(ID);
    expect(sealer.openDeep({ idNumber: withheld })).toEqual({ idNumber: ID });
    const response = { person: { idNumber: withheld }, list: [{ holder: { idNumber: sealer.seal(ID, SHOWN) } }, { holder: { idNumber: withheld } }] };
    const seen: unknown[] = [];
    sealer.displayInPlace(response, (path, denial) => seen.push({ path, denial }));
    expect(response).toEqual({ person: { idNumber: null }, list: [{ holder: { idNumber: SHOWN } }, { holder: { idNumber: null } }] });
    expect(seen).toEqual([
      { path: ['person', 'idNumber'], denial: { reason: 'PURPOSE_REQUIRED', policyRevision: 'abc', serviceName: 'population' } },
      { path: ['list', 1, 'holder', 'idNumber'], denial: { reason: 'PURPOSE_REQUIRED', policyRevision: 'abc', serviceName: 'population' } },
    ]);
  });

  it('open every sealed string inside representations', () => {
    const reps = [{ __typename: 'Person', idNumber: sealer.seal(ID, SHOWN) }, { __typename: 'Person', idNumber: '11010519491231002X' }];
    expect(sealer.openDeep(reps)).toEqual([{ __typename: 'Person', idNumber: ID }, { __typename: 'Person', idNumber: '11010519491231002X' }]);
  });
});

describe('sealed keys under the national suite (GOVGRAPH_CRYPTO=sm)', () => {
  const key = crypto.randomBytes(32);
  const sm = new Sealer(key, smSuite);

  it('seal with SM4-CTR + HMAC-SM3, open to the key and display, and never carry the key readable', () => {
    const sealed = sm.seal(ID, SHOWN);
    expect(sealed.split('.')[1]).toMatch(/^SM4CTR-HSM3:/);
    expect(sealed).not.toContain(ID);
    expect(sm.open(sealed)).toEqual({ value: ID, display: SHOWN });
    expect(sm.suiteName).toBe('sm');
  });

  it('refuse a swapped display and a tampered body', () => {
    const [head, body] = sm.seal(ID, SHOWN).split('.');
    expect(() => sm.open(`${SEAL_PREFIX}${Buffer.from(ID).toString('base64url')}.${body}`)).toThrow(/altered/);
    expect(() => sm.open(`${head}.${body.slice(0, -2)}${body.endsWith('AA') ? 'BB' : 'AA'}`)).toThrow(/altered/);
  });

  it('refuse, naming the suite, a seal of the other suite under the same key — both ways', () => {
    const intl = new Sealer(key, intlSuite);
    expect(intl.suiteName).toBe('intl');
    expect(() => sm.open(intl.seal(ID, SHOWN))).toThrow(/another cryptographic suite than this installation's \(sm\)/);
    expect(() => intl.open(sm.seal(ID, SHOWN))).toThrow(/another cryptographic suite than this installation's \(intl\)/);
  });

  it('show the display form in a response like any seal', () => {
    const response = { a: sm.seal(ID, SHOWN) };
    sm.displayInPlace(response);
    expect(response).toEqual({ a: SHOWN });
  });
});
