import { readCommittedSupergraph } from '../supergraph';
import { readSupergraphModel } from './check';
import { explain, ExplainInputError, ExplainOptions, explainPolicy, ExplainRow, formatTable } from './explain';
import { loadPolicyDir } from './policySet';
import { policyDir } from './store';

const supergraphSdl = readCommittedSupergraph();
const policy = loadPolicyDir(policyDir());
// Inside the demo grant's validity window, whatever day the suite runs.
const NOW = new Date('2026-06-01T12:00:00Z');

function views(opts: Partial<ExplainOptions> & { dept: string }): Record<string, string> {
  const rows = explainPolicy({ supergraphSdl, policy, now: NOW, ...opts });
  return Object.fromEntries(rows.map((r) => [r.path, r.view]));
}

const CONDITIONAL_PERSON = ['Person.phone', 'Person.maritalStatus', 'Person.household', 'Person.shareholdings', 'Person.realEstateRights'];

describe('govgraph policy explain', () => {
  it('lists every field of the supergraph, with its provider and class', () => {
    const rows = explainPolicy({ supergraphSdl, policy, dept: 'civil-affairs', now: NOW });
    expect(rows.map((r) => r.path)).toEqual([...readSupergraphModel(supergraphSdl).fields.keys()]);
    expect(rows.find((r) => r.path === 'Person.phone')).toEqual<ExplainRow>({
      path: 'Person.phone',
      provider: 'public-security',
      sharing: 'conditional',
      personal: true,
      view: 'denied(GRANT_REQUIRED)',
      servedBy: 'population',
    });
    expect(rows.find((r) => r.path === 'Person.realEstateRights')?.servedBy).toBe('geospatial');
  });

  it('civil-affairs under G-DEMO-0001: the demo grant opens the conditional fields, masked except the household', () => {
    const v = views({ dept: 'civil-affairs', grantId: 'G-DEMO-0001' });
    expect(v['Person.phone']).toBe('masked(phone)');
    expect(v['Person.household']).toBe('full');
    expect(v['Household.address']).toBe('full'); // Household.* unmasked
    expect(v['Person.maritalStatus']).toBe('full');
    expect(v['Person.caseFlags']).toBe('denied(NOT_SHARED)');
    expect(v['Person.registeredAddress']).toBe('masked(address)');
    expect(v['Person.name']).toBe('full');
    expect(v['RealEstateRight.certificateNo']).toBe('full');
    expect(v['RealEstateRight.holderName']).toBe('masked(name)');
    expect(v['Encumbrance.amount']).toBe('full');
    // not in the grant
    expect(v['LegalPerson.realEstateRights']).toBe('denied(GRANT_REQUIRED)');
  });

  it('the header says which purpose was assumed and the grant state', () => {
    const withGrant = explain({ supergraphSdl, policy, dept: 'civil-affairs', grantId: 'G-DEMO-0001', now: NOW }).header;
    expect(withGrant).toMatchObject({ purpose: 'dibao-verification', purposeSource: 'grant', grantState: 'valid', consumerDivision: '320100', recordDivision: '320100', policyRevision: policy.revision });
    const none = explain({ supergraphSdl, policy, dept: 'civil-affairs', now: NOW }).header;
    expect(none).toMatchObject({ purpose: 'explain', purposeSource: 'default', grantState: 'none' });
    const unknown = explain({ supergraphSdl, policy, dept: 'civil-affairs', grantId: 'G-NOPE-0001', now: NOW });
    expect(unknown.header).toMatchObject({ purposeSource: 'default', grantState: 'unknown' });
    expect(unknown.rows.find((r) => r.path === 'Person.phone')?.view).toBe('denied(GRANT_REQUIRED)');
    const given = explain({ supergraphSdl, policy, dept: 'civil-affairs', grantId: 'G-DEMO-0001', purpose: 'curiosity', now: NOW });
    expect(given.header).toMatchObject({ purpose: 'curiosity', purposeSource: 'given', grantState: 'purpose mismatch' });
    expect(given.rows.find((r) => r.path === 'Person.phone')?.view).toBe('denied(PURPOSE_MISMATCH)');
  });

  it('without a grant, conditional fields are GRANT_REQUIRED and unconditional ones still readable', () => {
    const v = views({ dept: 'civil-affairs' });
    for (const p of CONDITIONAL_PERSON) expect(v[p]).toBe('denied(GRANT_REQUIRED)');
    expect(v['Person.name']).toBe('full');
    expect(v['Person.registeredAddress']).toBe('masked(address)');
    expect(v['Person.caseFlags']).toBe('denied(NOT_SHARED)');
  });

  it('records outside the jurisdiction (and the grant’s) are OUT_OF_JURISDICTION for personal fields only', () => {
    const v = views({ dept: 'civil-affairs', grantId: 'G-DEMO-0001', division: '320200' });
    for (const p of ['Person.name', 'Person.idNumber', 'Person.registeredAddress', ...CONDITIONAL_PERSON, 'RealEstateRight.certificateNo']) {
      expect(v[p]).toBe('denied(OUT_OF_JURISDICTION)');
    }
    expect(v['Person.caseFlags']).toBe('denied(NOT_SHARED)'); // not shared comes first
    expect(v['LegalPerson.name']).toBe('full');
    expect(v['Encumbrance.amount']).toBe('full'); // granted, not personal
    // a district inside 南京市 is inside both
    expect(views({ dept: 'civil-affairs', grantId: 'G-DEMO-0001', division: '320102' })['Person.phone']).toBe('masked(phone)');
  });

  it('another consumer naming the demo grant gets PURPOSE_MISMATCH on conditional fields', () => {
    const e = explain({ supergraphSdl, policy, dept: 'tax', grantId: 'G-DEMO-0001', now: NOW });
    expect(e.header.grantState).toBe('purpose mismatch');
    const v = Object.fromEntries(e.rows.map((r) => [r.path, r.view]));
    for (const p of [...CONDITIONAL_PERSON, 'RealEstateRight.certificateNo', 'Encumbrance.amount']) expect(v[p]).toBe('denied(PURPOSE_MISMATCH)');
    expect(v['Person.name']).toBe('full');
  });

  it('after the grant’s validity, conditional fields are GRANT_EXPIRED', () => {
    const e = explain({ supergraphSdl, policy, dept: 'civil-affairs', grantId: 'G-DEMO-0001', now: new Date('2028-01-01T12:00:00Z') });
    expect(e.header.grantState).toBe('expired');
    const v = Object.fromEntries(e.rows.map((r) => [r.path, r.view]));
    for (const p of [...CONDITIONAL_PERSON, 'RealEstateRight.certificateNo']) expect(v[p]).toBe('denied(GRANT_EXPIRED)');
    expect(v['Person.name']).toBe('full');
  });

  it('a provider reads what its own subgraph serves in full, and others’ conditional fields like anyone', () => {
    const v = views({ dept: 'public-security' });
    for (const p of ['Person.name', 'Person.phone', 'Person.caseFlags', 'Person.registeredAddress', 'Person.household', 'Household.address']) expect(v[p]).toBe('full');
    expect(v['Person.realEstateRights']).toBe('denied(GRANT_REQUIRED)'); // served by natural-resources
    expect(v['Person.shareholdings']).toBe('denied(GRANT_REQUIRED)'); // served by market-regulation
    // own data regardless of where the record lies
    expect(views({ dept: 'public-security', division: '110101' })['Person.caseFlags']).toBe('full');
  });

  it('non-personal unconditional fields are full for anyone, anywhere, with or without a grant', () => {
    for (const opts of [{ dept: 'tax' }, { dept: 'civil-affairs', grantId: 'G-DEMO-0001' }, { dept: 'housing-fund', division: '110101' }, { dept: 'some-new-bureau' }]) {
      const v = views(opts);
      expect(v['AdminDivision.name']).toBe('full');
      expect(v['LegalPerson.name']).toBe('full');
    }
  });

  it('rejects a malformed department code or division with one clear message', () => {
    expect(() => explainPolicy({ supergraphSdl, policy, dept: 'Civil_Affairs' })).toThrow(ExplainInputError);
    expect(() => explainPolicy({ supergraphSdl, policy, dept: 'civil-affairs', division: '12345' })).toThrow('--division 12345: must be 6 digits');
    expect(() => explainPolicy({ supergraphSdl, policy, dept: 'civil-affairs', division: '990100' })).toThrow('--division 990100: 99 is not a GB/T 2260 province code');
  });

  it('formats an aligned table grouped by type, under a header', () => {
    const text = formatTable(explain({ supergraphSdl, policy, dept: 'civil-affairs', grantId: 'G-DEMO-0001', now: NOW }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('consumer: civil-affairs (division 320100); records in division 320100');
    expect(lines[1]).toBe("purpose:  dibao-verification (assumed: the grant's purpose)");
    expect(lines[2]).toBe('grant:    G-DEMO-0001: valid 2025-01-01..2027-12-31, jurisdiction 320100');
    expect(lines[3]).toBe(`policy revision ${policy.revision}, as of 2026-06-01`);
    const head = lines.find((l) => l.startsWith('field'))!;
    const phone = lines.find((l) => l.startsWith('Person.phone '))!;
    expect(phone).toMatch(/^Person\.phone\s+public-security\s+conditional, personal\s+masked\(phone\)$/);
    expect(phone.indexOf('masked')).toBe(head.indexOf('view'));
    expect(phone.indexOf('public-security')).toBe(head.indexOf('provider'));
    // a blank line between types
    const i = lines.findIndex((l) => l.startsWith('Person.'));
    expect(lines[i - 1]).toBe('');
  });
});
