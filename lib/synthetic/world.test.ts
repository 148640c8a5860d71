import {
  addMonths, BASE_CEILING_YUAN, BASE_FLOOR_YUAN, CONTRIBUTION_RATES, contributionCount, contributionsOf, ENROLMENT_STATUS, generateWorld,
  INSURANCE_TYPE, LAST_MONTH, monthSpan, SHOWCASE, SHOWCASE_INSURANCE,
} from '.';
import { checkIdNumber, checkUscc } from '../ids';

const world = generateWorld({ persons: 2_000 });

it('is deterministic', () => {
  expect(JSON.stringify(generateWorld({ persons: 2_000 }))).toBe(JSON.stringify(world));
});

it('has exactly the persons asked for, all with valid, unique 身份号码', () => {
  expect(world.persons).toHaveLength(2_000);
  expect(new Set(world.persons.map((p) => p.idNumber)).size).toBe(2_000);
  for (const p of world.persons) {
    const r = checkIdNumber(p.idNumber);
    expect(r.ok && r.birthDate).toBe(p.birthDate);
    expect(r.ok && r.gender).toBe(p.genderCode === '1' ? 'MALE' : 'FEMALE');
  }
});

it('has valid, unique 统一社会信用代码', () => {
  expect(world.companies.length).toBe(400);
  expect(new Set(world.companies.map((c) => c.uscc)).size).toBe(world.companies.length);
  expect(world.companies.every((c) => checkUscc(c.uscc).ok)).toBe(true);
});

it('references only records that exist (一数一源)', () => {
  const persons = new Set(world.persons.map((p) => p.idNumber));
  const companies = new Set(world.companies.map((c) => c.uscc));
  const parcels = new Set(world.parcels.map((p) => p.code));
  const certificates = new Set(world.rights.map((r) => r.certificateNo));
  for (const c of world.companies) expect(persons.has(c.representativeIdNumber)).toBe(true);
  for (const s of world.shareholdings) expect((s.holderKind === 'PERSON' ? persons : companies).has(s.holderKey)).toBe(true);
  for (const r of world.rights) {
    expect(parcels.has(r.parcelCode)).toBe(true);
    expect((r.holderKind === 'PERSON' ? persons : companies).has(r.holderKey)).toBe(true);
  }
  for (const e of world.encumbrances) expect(certificates.has(e.certificateNo)).toBe(true);
  for (const p of world.persons) expect(world.households.some((h) => h.number === p.householdNumber)).toBe(true);
});

it('contains the showcase household, its company, shareholding, rights, mortgage and seizure', () => {
  const household = world.persons.filter((p) => p.householdNumber === SHOWCASE.householdNumber).map((p) => p.idNumber);
  expect(household.sort()).toEqual([SHOWCASE.head, SHOWCASE.spouse, SHOWCASE.child].sort());
  expect(world.companies.find((c) => c.uscc === SHOWCASE.company)!.representativeIdNumber).toBe(SHOWCASE.head);
  expect(world.shareholdings.some((s) => s.holderKey === SHOWCASE.head && s.companyUscc === SHOWCASE.heldCompany)).toBe(true);
  const spouseRights = world.rights.filter((r) => r.holderKey === SHOWCASE.spouse);
  const headRights = world.rights.filter((r) => r.holderKey === SHOWCASE.head);
  expect(spouseRights.map((r) => r.certificateNo)).toEqual([SHOWCASE.spouseCertificate]);
  expect(headRights.map((r) => r.certificateNo)).toEqual([SHOWCASE.headCertificate]);
  expect(world.encumbrances.filter((e) => e.certificateNo === SHOWCASE.spouseCertificate).map((e) => e.kindCode)).toEqual(['1']);
  expect(world.encumbrances.filter((e) => e.certificateNo === SHOWCASE.headCertificate).map((e) => e.kindCode)).toEqual(['2']);
});

describe('social insurance (human-resources)', () => {
  const persons = new Map(world.persons.map((p) => [p.idNumber, p]));
  const companies = new Map(world.companies.map((c) => [c.uscc, c]));
  const units = new Map(world.insuredUnits.map((u) => [u.unitNumber, u]));

  it('registers companies in business as 参保单位 under unique 单位编号 of their district', () => {
    expect(units.size).toBe(world.insuredUnits.length);
    expect(new Set(world.insuredUnits.map((u) => u.uscc)).size).toBe(world.insuredUnits.length);
    for (const u of world.insuredUnits) {
      const c = companies.get(u.uscc)!;
      expect(c).toBeDefined();
      expect(u.name).toBe(c.name);
      expect(u.unitNumber).toMatch(new RegExp(`^${c.divisionCode}\\d{6}$`));
      expect(['1', '2']).toContain(c.statusCode);
    }
  });

  it('enrols only living persons of the world, once per scheme, employees through a unit and residents without one', () => {
    const seen = new Set<string>();
    // One list of problems rather than an expect per record: thousands of records.
    const problems: string[] = [];
    for (const e of world.insuranceEnrolments) {
      const employees = ['110', '310', '210'].includes(e.typeCode);
      const enrolledMonth = e.enrolledOn.slice(0, 7).replace('-', '');
      const checks: Array<[string, boolean]> = [
        ['a living person of the world', persons.get(e.idNumber)?.deceased === false],
        ['once per scheme', !seen.has(`${e.idNumber}:${e.typeCode}`)],
        ['known codes', INSURANCE_TYPE[e.typeCode] !== undefined && ENROLMENT_STATUS[e.statusCode] !== undefined],
        ['a unit exactly in the employees\' schemes', employees ? units.has(e.unitNumber ?? '') : e.unitNumber === null],
        ['a base or a yearly tier', employees ? e.contributionBase !== null && e.annualContribution === null : e.contributionBase === null && e.annualContribution !== null],
        ['paid after enrolling, not after the world\'s last month', enrolledMonth <= e.lastPaidMonth && e.lastPaidMonth <= LAST_MONTH],
        ['paid months within the span', e.paidMonths > 0 && e.paidMonths <= monthSpan(enrolledMonth, e.lastPaidMonth) + 11],
        ['参保缴费 exactly when paying to date', (e.statusCode === '1') === (e.lastPaidMonth === LAST_MONTH)],
      ];
      seen.add(`${e.idNumber}:${e.typeCode}`);
      for (const [what, ok] of checks) if (!ok) problems.push(`${e.idNumber} ${e.typeCode}: not ${what}`);
    }
    expect(problems).toEqual([]);
    // A share of the working-age population is insured through an employer, others as residents.
    const insuredEmployees = new Set(world.insuranceEnrolments.filter((e) => e.typeCode === '110').map((e) => e.idNumber));
    const residents = new Set(world.insuranceEnrolments.filter((e) => e.typeCode === '170').map((e) => e.idNumber));
    expect(insuredEmployees.size).toBeGreaterThan(world.persons.length / 5);
    expect(residents.size).toBeGreaterThan(world.persons.length / 20);
    expect([...insuredEmployees].some((id) => residents.has(id))).toBe(false);
  });

  it('declares contribution bases in whole 元 within 南京 2025 bounds, and derives consistent monthly rows', () => {
    const problems: string[] = [];
    for (const e of world.insuranceEnrolments) {
      const rows = contributionsOf(e);
      const months = rows.map((r) => r.month);
      const checks: Array<[string, boolean]> = [
        ['as many rows as counted, at least one', rows.length === contributionCount(e) && rows.length > 0],
        ['ending with the last month paid', months[months.length - 1] === e.lastPaidMonth],
        ['one row per month', new Set(months).size === rows.length],
      ];
      if (e.contributionBase !== null) {
        const rates = CONTRIBUTION_RATES[e.typeCode];
        const base = e.contributionBase;
        checks.push(
          ['a base in whole 元 within the bounds', base % 100 === 0 && base >= BASE_FLOOR_YUAN * 100 && base <= BASE_CEILING_YUAN * 100],
          ['consecutive months', months.every((m, i) => m === addMonths(e.lastPaidMonth, i - rows.length + 1))],
          ['amounts at the rates', rows.every((r) => r.base === base && r.personal === Math.round((base * rates.personal) / 1000) && r.unit === Math.round((base * rates.unit) / 1000))],
        );
      } else {
        checks.push(['yearly rows of the tier, in December, no base', rows.every((r) => r.base === null && r.personal === e.annualContribution && r.unit === 0 && r.month.endsWith('12'))]);
      }
      for (const [what, ok] of checks) if (!ok) problems.push(`${e.idNumber} ${e.typeCode}: not ${what}`);
    }
    expect(problems).toEqual([]);
  });

  it('tells the showcase household its story: the head insured through his company, the spouse as a resident, the child not at all', () => {
    const of = (id: string) => world.insuranceEnrolments.filter((e) => e.idNumber === id);
    const company = world.insuredUnits.find((u) => u.uscc === SHOWCASE.company)!;
    expect(of(SHOWCASE.head).map((e) => e.typeCode)).toEqual(['110', '310', '210']);
    for (const e of of(SHOWCASE.head)) {
      expect(e).toMatchObject({ statusCode: '1', unitNumber: company.unitNumber, enrolledOn: SHOWCASE_INSURANCE.headEnrolledOn, paidMonths: SHOWCASE_INSURANCE.headPaidMonths, lastPaidMonth: '202512', contributionBase: SHOWCASE_INSURANCE.headBase });
    }
    expect(of(SHOWCASE.spouse)).toEqual([expect.objectContaining({ typeCode: '170', statusCode: '1', unitNumber: null, contributionBase: null, paidMonths: SHOWCASE_INSURANCE.spousePaidMonths, lastPaidMonth: '202512' })]);
    expect(of(SHOWCASE.child)).toEqual([]);
  });
});
