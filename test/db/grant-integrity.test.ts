/**
 * The workflow's grants carry a MAC at rest (lib/grants/integrity.ts): a grant written or edited
 * in the platform database around the workflow is not honoured by any subgraph, under either
 * cryptographic suite, and a table made before grants carried MACs is upgraded once.
 */
import crypto from 'node:crypto';
import { openPlatformDatabase, type TestDatabase } from '../support/databases';
import { DatabaseGrantSource, insertGrant, revokeGrantRow, type GrantRow, type NewGrant } from '../../lib/grants/grantStore';
import { GrantIntegrity } from '../../lib/grants/integrity';
import { cryptoSuite } from '../../lib/crypto';
import { cryptoSuiteName } from '../../lib/config';
import { rootLogger } from '../../lib/log';

const key = crypto.randomBytes(32);
const integrity = new GrantIntegrity(key);
const other = cryptoSuite(cryptoSuiteName() === 'sm' ? 'intl' : 'sm');

let t: TestDatabase;
beforeAll(async () => {
  t = await openPlatformDatabase();
});
afterAll(async () => {
  await t?.drop();
});

let n = 0;
async function stored(over: Partial<NewGrant> = {}, by: GrantIntegrity = integrity): Promise<string> {
  const id = `G-TEST-${++n}`;
  await insertGrant(
    t.db.knex,
    {
      id,
      application_id: null,
      consumer: 'tax',
      purpose: 'tax-audit',
      fields: ['Person.phone'],
      unmasked: [],
      jurisdiction: '320115',
      valid_from: '2026-11-01',
      valid_until: '2027-10-31',
      approved_by: 'public-security: ga-aq-0001',
      approved_at: '2026-11-01T02:00:00.000Z',
      ...over,
    },
    by,
  );
  return id;
}

/** The grants a subgraph that starts now honours (an edit made around the workflow bumps no change marker). */
async function inForce(db = t.db) {
  const source = await DatabaseGrantSource.open(db, rootLogger.child({ service: 'test-grants' }), integrity);
  source.close();
  return source.current().grants;
}
const honoured = async (id: string) => (await inForce()).some((g) => g.id === id);

const row = async (id: string) => (await t.db.knex<GrantRow>('sharing_grant').where({ id }).first())!;

it('a grant stored by the workflow carries a MAC of the suite in force and is honoured', async () => {
  const id = await stored();
  expect((await row(id)).mac).toMatch(new RegExp(`^${cryptoSuite(cryptoSuiteName()).algorithms.mac}:`));
  expect(await honoured(id)).toBe(true);
});

it.each([
  ['a widened field list', { fields: ['Person.phone', 'Person.idNumber'] }],
  ['a prolonged validity', { valid_until: '2036-10-31' }],
  ['another consumer', { consumer: 'civil-affairs' }],
  ['a wider jurisdiction', { jurisdiction: '320100' }],
  ['an unmasked field added', { unmasked: ['Person.phone'] }],
])('a grant edited in the database — %s — is not honoured; the others are', async (_what, edit) => {
  const id = await stored();
  const untouched = await stored();
  await t.db.knex('sharing_grant').where({ id }).update(edit);
  expect(await honoured(id)).toBe(false);
  expect(await honoured(untouched)).toBe(true);
});

it('a revocation undone in the database is not honoured; a revocation through the workflow is', async () => {
  const id = await stored();
  expect(await revokeGrantRow(t.db.knex, id, 'tax: sw-jn-0101', '稽查结束', new Date('2026-11-24T02:00:00Z'), integrity)).toBe(true);
  expect((await inForce()).find((g) => g.id === id)?.revokedAt).toBe('2026-11-24T02:00:00.000Z');
  await t.db.knex('sharing_grant').where({ id }).update({ revoked_at: null, revoked_by: null, revoke_reason: null });
  expect(await honoured(id)).toBe(false);
});

it('a grant inserted by hand, without a MAC or with one made under another key, is not honoured', async () => {
  const id = await stored();
  const forged = { ...(await row(id)), id: 'G-FORGED-1', mac: null, version: undefined };
  await t.db.knex('sharing_grant').insert(forged);
  expect(await honoured('G-FORGED-1')).toBe(false);
  const withOtherKey = await stored({}, new GrantIntegrity(crypto.randomBytes(32)));
  expect(await honoured(withOtherKey)).toBe(false);
});

it(`a grant MACed under the other suite (${other.name}), before GOVGRAPH_CRYPTO changed, stays in force`, async () => {
  const id = await stored({}, new GrantIntegrity(key, other));
  expect((await row(id)).mac).toMatch(new RegExp(`^${other.algorithms.mac}:`));
  expect(await honoured(id)).toBe(true);
});

it('a table made before grants carried MACs gets the column and its rows MACed, once', async () => {
  const p = await openPlatformDatabase();
  try {
    await p.db.knex.raw('ALTER TABLE sharing_grant DROP COLUMN mac');
    await p.db.knex('sharing_grant').insert({
      id: 'G-OLD-1', application_id: null, consumer: 'tax', purpose: 'tax-audit', fields: ['Person.phone'], unmasked: [], jurisdiction: '320115',
      valid_from: '2026-01-01', valid_until: '2026-12-31', approved_by: 'public-security: ga-aq-0001', approved_at: '2026-01-01T00:00:00Z',
    });
    expect(await integrity.upgrade(p.db.knex)).toBe(1);
    expect(await integrity.upgrade(p.db.knex)).toBe(0);
    expect((await inForce(p.db)).map((g) => g.id)).toEqual(['G-OLD-1']);
    // After the upgrade, a row without a MAC is refused like any other.
    await p.db.knex('sharing_grant').where({ id: 'G-OLD-1' }).update({ mac: null });
    expect(await inForce(p.db)).toEqual([]);
  } finally {
    await p.drop();
  }
});
