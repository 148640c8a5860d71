import crypto from 'node:crypto';
import { AccessEntry, canonicalJson, chainHash, entryBody, parseEntryBody } from './entry';

const entry: AccessEntry = {
  writer: 'population',
  seq: 7,
  requestId: 'req-1',
  at: '2026-11-22T09:00:00.000Z',
  kind: 'data',
  service: 'population',
  provider: 'public-security',
  user: 'u',
  dept: 'civil-affairs',
  division: '320102',
  roles: ['consumer'],
  purpose: 'p',
  grantId: null,
  policyRevision: 'r',
  operationName: null,
  operationHash: null,
  reads: [
    { decision: 'full', paths: ['Person.name'], subjects: ['A', 'B'] },
    { decision: 'masked(phone)', paths: ['Person.phone'], subjects: ['A'] },
  ],
};

describe('stored access records', () => {
  it('list the subjects once and round-trip to the same record', () => {
    const body = entryBody(entry);
    expect(JSON.parse(body).reads[0].subjects).toBeNull(); // "all of the record's subjects"
    expect(JSON.parse(body).reads[1].subjects).toEqual(['A']);
    expect(JSON.parse(body).subjects).toEqual(['A', 'B']);
    expect(parseEntryBody(body)).toEqual(entry);
  });

  it('are canonical: the same record gives the same text whatever the key order', () => {
    const shuffled = Object.fromEntries(Object.entries(entry).reverse()) as AccessEntry;
    expect(entryBody(shuffled)).toBe(entryBody(entry));
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
  });

  it('chain with a keyed hash: another key or another predecessor gives another hash', () => {
    const key = crypto.randomBytes(32);
    const body = entryBody(entry);
    expect(chainHash(key, '0'.repeat(64), body)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(key, '0'.repeat(64), body)).not.toBe(chainHash(crypto.randomBytes(32), '0'.repeat(64), body));
    expect(chainHash(key, '0'.repeat(64), body)).not.toBe(chainHash(key, '1'.repeat(64), body));
  });
});
