/**
 * The sharing rules through the gateway, on the flagship query: consumer × field class ×
 * grant state (none, valid, expired, revoked, wrong purpose, wrong consumer, out of
 * jurisdiction) × masked / unmasked. Codes and reasons are asserted, never messages.
 */
import { startTestStack, TestStack } from '../support/stack';
import { copyPolicies, PolicyDirCopy, testGrant } from '../support/policyDir';
import { PEOPLE, DIBAO } from '../support/security';
import { testWorld } from '../support/databases';
import { SHOWCASE } from '../../lib/synthetic';
import type { GraphQLResponse } from '../support/http';

const FLAGSHIP = `query Flagship($id: ID!) {
  person(idNumber: $id) {
    idNumber name registeredAddress phone maritalStatus caseFlags
    legalRepresentativeOf { uscc name }
    shareholdings { company { name } }
    realEstateRights { certificateNo parcel { code division { name } } encumbrances { kind } }
    household { number address members { relationToHead person { name phone } } }
  }
  division(code: "320102") { name }
}`;

let stack: TestStack;
let policies: PolicyDirCopy;

beforeAll(async () => {
  policies = copyPolicies();
  policies.writeGrants('test', [
    testGrant('G-TEST-EXPIRED', { validFrom: '2023-01-01', validUntil: '2024-12-31' }),
    testGrant('G-TEST-REVOKED', { revokedAt: '2026-01-05T08:00:00+08:00' }),
    testGrant('G-TEST-XUANWU', { jurisdiction: '320102' }),
    testGrant('G-TEST-PHONE', { unmasked: ['Person.phone'] }),
    testGrant('G-TEST-TAX', { consumer: 'tax', purpose: 'tax-audit' }),
  ]);
  stack = await startTestStack(policies.dir);
});
afterAll(async () => {
  await stack?.stop();
  policies?.remove();
});

function forbidden(res: GraphQLResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of res.errors ?? []) {
    expect(e.extensions?.code).toBe('FORBIDDEN');
    expect(e.extensions?.policyRevision).toMatch(/^[0-9a-f]{16}$/);
    out[(e.path ?? []).join('.')] = e.extensions!.reason;
  }
  return out;
}

const head = (opts: { purpose?: string; grantId?: string }, who = PEOPLE.caseworker, id: string = SHOWCASE.head) =>
  stack.queryAs(who, opts, FLAGSHIP, { id });

describe('a 玄武区 caseworker under the valid demo grant', () => {
  let res: GraphQLResponse;
  beforeAll(async () => {
    res = await head(DIBAO);
  });

  it('reads the whole household, its businesses and its real estate', () => {
    const p = res.data!.person;
    expect(p.name).toBe('李建国');
    expect(p.legalRepresentativeOf.map((c: any) => c.uscc)).toContain(SHOWCASE.company);
    expect(p.shareholdings.length).toBeGreaterThan(0);
    expect(p.realEstateRights[0].encumbrances).toEqual([{ kind: '查封' }]);
    expect(p.household.members.map((m: any) => m.relationToHead)).toEqual(['户主', '配偶', '子']);
    expect(p.maritalStatus).toBe('已婚');
  });

  it('sees masked what the grant leaves masked, in full what it unmasks', () => {
    const p = res.data!.person;
    expect(p.phone).toBe('138****0001');
    expect(p.registeredAddress).toBe('江苏省南京市玄武区****');
    expect(p.household.address).toBe('江苏省南京市玄武区龙蟠路88号3幢502室');
    expect(p.household.members[1].person.phone).toBe('139****0002');
  });

  it('never sees a not-shared item, grant or not', () => {
    expect(res.data!.person.caseFlags).toBeNull();
    expect(forbidden(res)).toEqual({ 'person.caseFlags': 'NOT_SHARED' });
  });

  it('sees the phone unmasked only under a grant that says so', async () => {
    const r = await head({ purpose: DIBAO.purpose, grantId: 'G-TEST-PHONE' });
    expect(r.data!.person.phone).toBe('13805170001');
  });
});

describe.each([
  ['no grant', { purpose: DIBAO.purpose }, 'GRANT_REQUIRED'],
  ['an expired grant', { purpose: DIBAO.purpose, grantId: 'G-TEST-EXPIRED' }, 'GRANT_EXPIRED'],
  ['a revoked grant', { purpose: DIBAO.purpose, grantId: 'G-TEST-REVOKED' }, 'GRANT_EXPIRED'],
  ['an unknown grant', { purpose: DIBAO.purpose, grantId: 'G-NOPE-0001' }, 'GRANT_REQUIRED'],
  ['the grant under another purpose', { purpose: 'housing-subsidy', grantId: DIBAO.grantId }, 'PURPOSE_MISMATCH'],
])('a caseworker with %s', (_label, opts, reason) => {
  it(`gets unconditional data and ${reason} on every conditional field`, async () => {
    const res = await head(opts);
    const p = res.data!.person;
    expect(p.name).toBe('李建国');
    expect(p.registeredAddress).toBe('江苏省南京市玄武区****');
    expect(p.legalRepresentativeOf.map((c: any) => c.uscc)).toContain(SHOWCASE.company);
    for (const f of ['phone', 'maritalStatus', 'shareholdings', 'realEstateRights', 'household']) expect(p[f]).toBeNull();
    expect(forbidden(res)).toEqual({
      'person.phone': reason,
      'person.maritalStatus': reason,
      'person.shareholdings': reason,
      'person.realEstateRights': reason,
      'person.household': reason,
      'person.caseFlags': 'NOT_SHARED',
    });
  });
});

describe('another consumer', () => {
  it('cannot use the civil-affairs grant (PURPOSE_MISMATCH), even stating its purpose', async () => {
    const taxInXuanwu = { ...PEOPLE.taxOfficer, division: '320102' };
    const res = await head(DIBAO, taxInXuanwu);
    expect(res.data!.person.name).toBe('李建国');
    expect(forbidden(res)['person.household']).toBe('PURPOSE_MISMATCH');
  });

  it('outside the record\'s division gets OUT_OF_JURISDICTION for the person, while non-personal data flows', async () => {
    const res = await head({ purpose: 'tax-audit', grantId: 'G-TEST-TAX' }, PEOPLE.taxOfficer);
    // The tax grant covers 320100, the whole city: inside.
    expect(res.data!.person.name).toBe('李建国');
    const alone = await head({ purpose: 'tax-audit' }, PEOPLE.taxOfficer);
    // A denial costs exactly the denied field: the person stays, each personal field is null
    // with its own reason, at its own path.
    expect(alone.data!.person).not.toBeNull();
    expect(Object.values(alone.data!.person).every((v) => v === null)).toBe(true);
    expect(forbidden(alone)['person.name']).toBe('OUT_OF_JURISDICTION');
    expect(forbidden(alone)['person.idNumber']).toBe('OUT_OF_JURISDICTION');
    expect(forbidden(alone)['person.household']).toBe('GRANT_REQUIRED');
    expect(alone.data!.division).toEqual({ name: '玄武区' });
  });

  it('a grant narrower than the record\'s division does not widen jurisdiction', async () => {
    const elsewhere = testWorld().persons.find((p) => p.divisionCode === '320115')!;
    const wide = await head(DIBAO, PEOPLE.caseworker, elsewhere.idNumber);
    expect(wide.data!.person.name).toBe(elsewhere.name);
    const narrow = await head({ purpose: DIBAO.purpose, grantId: 'G-TEST-XUANWU' }, PEOPLE.caseworker, elsewhere.idNumber);
    expect(narrow.data!.person.name).toBeNull();
    expect(forbidden(narrow)['person.name']).toBe('OUT_OF_JURISDICTION');
  });

  it('without X-Purpose gets PURPOSE_REQUIRED for personal data and still gets the rest', async () => {
    const res = await head({});
    expect(res.data!.person).not.toBeNull();
    expect(res.data!.person.name).toBeNull();
    expect(forbidden(res)['person.name']).toBe('PURPOSE_REQUIRED');
    expect(forbidden(res)['person.idNumber']).toBe('PURPOSE_REQUIRED');
    expect(res.data!.division).toEqual({ name: '玄武区' });
    const companies = await stack.queryAs(PEOPLE.caseworker, {}, `{ legalPerson(uscc: "${SHOWCASE.company}") { name status division { name } } }`);
    expect(companies.errors).toBeUndefined();
    expect(companies.data!.legalPerson.name).toBe('南京玄武示范科技有限公司');
  });

  it('the providing department reads its own not-shared items', async () => {
    const res = await head({ purpose: 'case-handling' }, PEOPLE.publicSecurity);
    expect(res.data!.person.phone).toBe('13805170001');
    expect(res.data!.person.caseFlags).toEqual([]);
    expect(forbidden(res)['person.caseFlags']).toBeUndefined();
  });
});

describe('every entity type through the gateway with policies on', () => {
  it('resolves Person, Household, LegalPerson, AdminDivision and Parcel, and their references', async () => {
    const res = await stack.query(`{
      household(number: "${SHOWCASE.householdNumber}") { head { name } members { person { residenceDivision { code name } } } }
      legalPerson(uscc: "${SHOWCASE.company}") { legalRepresentative { name } division { name } shareholders { holder { ... on Person { name } } } }
      parcel(code: "${SHOWCASE.headParcel}") { division { parent { name } } rights { holder { ... on Person { name household { number } } } } }
      divisionAt(lng: 118.80, lat: 32.05) { code parent { name } }
      persons(idNumbers: ["${SHOWCASE.head}", "${SHOWCASE.spouse}"]) { realEstateRights { parcel { code } holder { ... on Person { name } } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.household.head.name).toBe('李建国');
    expect(res.data!.legalPerson.legalRepresentative.name).toBe('李建国');
    expect(res.data!.legalPerson.shareholders[0].holder.name).toBe('王秀英');
    expect(res.data!.parcel.division.parent.name).toBe('玄武区');
    expect(res.data!.parcel.rights[0].holder).toEqual({ name: '李建国', household: { number: SHOWCASE.householdNumber } });
    expect(res.data!.divisionAt.code).toMatch(/^320102/);
    expect(res.data!.persons[1].realEstateRights[0].holder.name).toBe('王秀英');
  });
});
