import { generateWorld, SHOWCASE } from '.';
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
