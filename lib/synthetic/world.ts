/**
 * The synthetic world every department seeds from: one deterministic generator, so the
 * people the legal-person and geospatial departments reference really exist in the
 * population department, as they would in life (一数一源: each department stores only its
 * own attributes and refers to the others by 身份号码 / 统一社会信用代码).
 *
 * All records are synthetic. The showcase household (SHOWCASE) is fixed; the rest is drawn
 * from a seeded PRNG, so `persons: N` gives the same world on every machine.
 */
import { Prng } from './prng';
import { makeIdNumber } from '../ids/idNumber';
import { makeUscc, USCC_ALPHABET } from '../ids/uscc';
import { DISTRICT_SEEDS, streetsOf, DivisionSeed } from './nanjing';
import { SURNAMES, MALE_GIVEN, FEMALE_GIVEN, COMPANY_STEMS, COMPANY_TRADES, STREET_NAMES, BANKS } from './names';
import { CASE_FLAG } from './codes';
import { generateSocialInsurance } from './socialInsurance';
import type { World, WorldPerson, WorldParcel } from './model';

export interface WorldOptions {
  /** @default 10_000 — the `npm start` demo size. */
  persons?: number;
  /** @default 20260101 */
  seed?: number;
}

export const DEFAULT_PERSONS = 10_000;

/** The fixed records the README tour and the tests rely on. */
export const SHOWCASE = {
  householdNumber: '320102000001',
  head: '320102198001011238',
  spouse: '320102198203152469',
  child: '32010220100708351X',
  company: '91320102MA1XK7Q37W',
  /** The other company the head holds shares in. */
  heldCompany: makeUscc('9', '1', '320102', 'MA1XK8B2'),
  spouseCertificate: '苏(2019)南京市不动产权第0000101号',
  headCertificate: '苏(2021)南京市不动产权第0000102号',
  spouseParcel: '320102003001GB00001',
  headParcel: '320102005001GB00001',
} as const;

/** Reference date of the synthetic data ("today" for ages and update stamps). */
const AS_OF = Date.UTC(2026, 0, 1);

export function generateWorld(opts: WorldOptions = {}): World {
  const personCount = opts.persons ?? DEFAULT_PERSONS;
  if (!Number.isInteger(personCount) || personCount < 3) throw new Error('persons must be an integer ≥ 3');
  const rng = new Prng(opts.seed ?? 20260101);
  const w: World = { persons: [], households: [], companies: [], shareholdings: [], parcels: [], rights: [], encumbrances: [], insuredUnits: [], insuranceEnrolments: [] };
  const ids = new Set<string>();
  const usccs = new Set<string>();
  const householdSeq = new Map<string, number>();

  const stamp = () => new Date(AS_OF - rng.int(0, 3 * 365) * 86_400_000 - rng.int(0, 86_399) * 1000).toISOString();
  const date = (fromYear: number, toYear: number) => {
    const d = new Date(Date.UTC(rng.int(fromYear, toYear), rng.int(0, 11), rng.int(1, 28)));
    return d.toISOString().slice(0, 10);
  };
  const personName = (surname: string, genderCode: '1' | '2') => {
    const pool = genderCode === '1' ? MALE_GIVEN : FEMALE_GIVEN;
    return surname + rng.pick(pool) + (rng.chance(0.7) ? rng.pick(pool) : '');
  };
  const phone = () => `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  const address = (district: DivisionSeed) =>
    `江苏省南京市${district.name}${rng.pick(STREET_NAMES)}${rng.int(1, 399)}号${rng.int(1, 30)}幢${rng.int(1, 6)}0${rng.int(1, 4)}室`;
  const uniqueId = (division: string, birthDate: string, male: boolean) => {
    for (;;) {
      let seq = rng.int(0, 499) * 2 + (male ? 1 : 0);
      const id = makeIdNumber(division, birthDate, seq);
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
      seq = (seq + 2) % 1000;
    }
  };
  const nextHousehold = (division: string) => {
    const n = (householdSeq.get(division) ?? 10_000) + 1; // synthetic households start at …010001
    householdSeq.set(division, n);
    return `${division}${String(n).padStart(6, '0')}`;
  };
  const nameOf = new Map<string, string>();

  // ---- The showcase household (fixed) --------------------------------------------------
  const xuanwu = DISTRICT_SEEDS.find((d) => d.code === '320102')!;
  const showAddress = '江苏省南京市玄武区龙蟠路88号3幢502室';
  const fixed: Array<Omit<WorldPerson, 'householdNumber' | 'registeredAddress' | 'divisionCode' | 'deceased' | 'caseFlags'>> = [
    { idNumber: SHOWCASE.head, name: '李建国', genderCode: '1', birthDate: '1980-01-01', ethnicityCode: '01', phone: '13805170001', maritalCode: '20', relationCode: '02', updatedAt: '2025-11-03T09:12:00.000Z' },
    { idNumber: SHOWCASE.spouse, name: '王秀英', genderCode: '2', birthDate: '1982-03-15', ethnicityCode: '01', phone: '13905170002', maritalCode: '20', relationCode: '10', updatedAt: '2025-11-03T09:12:00.000Z' },
    { idNumber: SHOWCASE.child, name: '李明轩', genderCode: '1', birthDate: '2010-07-08', ethnicityCode: '01', phone: '', maritalCode: '10', relationCode: '20', updatedAt: '2025-11-03T09:12:00.000Z' },
  ];
  for (const p of fixed) {
    ids.add(p.idNumber);
    w.persons.push({ ...p, registeredAddress: showAddress, divisionCode: xuanwu.code, householdNumber: SHOWCASE.householdNumber, deceased: false, caseFlags: [] });
    nameOf.set(p.idNumber, p.name);
  }
  w.households.push({ number: SHOWCASE.householdNumber, divisionCode: xuanwu.code, address: showAddress, headIdNumber: SHOWCASE.head });

  // ---- Households and persons -----------------------------------------------------------
  const asOfYear = 2025;
  while (w.persons.length < personCount) {
    const district = rng.weighted(DISTRICT_SEEDS.map((d) => [d, d.code === '320115' ? 3 : 2] as const));
    const number = nextHousehold(district.code);
    const home = address(district);
    const size = Math.min(rng.weighted([[1, 15], [2, 25], [3, 30], [4, 20], [5, 10]] as const), personCount - w.persons.length);
    const surname = rng.pick(SURNAMES);
    const headMale = rng.chance(0.7);
    const headYear = rng.int(1945, 2000);
    const members: WorldPerson[] = [];
    const add = (relationCode: string, male: boolean, birthYear: number, sur: string, marital: string) => {
      const birthDate = date(birthYear, birthYear);
      const idNumber = uniqueId(rng.chance(0.85) ? district.code : rng.pick(DISTRICT_SEEDS).code, birthDate, male);
      const old = asOfYear - birthYear;
      const person: WorldPerson = {
        idNumber,
        name: personName(sur, male ? '1' : '2'),
        genderCode: male ? '1' : '2',
        birthDate,
        ethnicityCode: rng.weighted([['01', 92], ['03', 3], ['11', 2], ['02', 1], ['06', 1], ['08', 1]] as const),
        registeredAddress: home,
        divisionCode: district.code,
        phone: old >= 14 ? phone() : '',
        maritalCode: marital,
        householdNumber: number,
        relationCode,
        deceased: old > 75 && rng.chance(0.08),
        caseFlags: rng.chance(0.02) ? [rng.pick(Object.keys(CASE_FLAG))] : [],
        updatedAt: stamp(),
      };
      members.push(person);
      nameOf.set(idNumber, person.name);
    };
    const married = size >= 2 && rng.chance(0.85);
    add('02', headMale, headYear, surname, married ? '20' : size === 1 ? rng.pick(['10', '40', '30']) : '40');
    if (married) add('10', !headMale, headYear + rng.int(-4, 4), rng.pick(SURNAMES), '20');
    while (members.length < size) {
      const asParent = members.length === size - 1 && size === 5 && headYear > 1965;
      if (asParent) {
        const male = rng.chance(0.5);
        add(male ? '51' : '52', male, headYear - rng.int(24, 32), male ? surname : rng.pick(SURNAMES), rng.pick(['20', '30']));
      } else {
        const male = rng.chance(0.5);
        const year = Math.min(headYear + rng.int(22, 35), 2024);
        add(male ? '20' : '30', male, year, surname, asOfYear - year >= 25 && rng.chance(0.5) ? '20' : '10');
      }
    }
    w.persons.push(...members);
    w.households.push({ number, divisionCode: district.code, address: home, headIdNumber: members[0].idNumber });
  }

  // ---- Companies, representatives, shareholders -----------------------------------------
  const adults = w.persons.filter((p) => !p.deceased && p.birthDate <= '2005-12-31' && p.idNumber !== SHOWCASE.head);
  const companyCount = Math.max(10, Math.round(personCount / 5));
  const orgBody = () => {
    let s = 'MA';
    for (let i = 0; i < 6; i++) s += USCC_ALPHABET[rng.int(0, 30)];
    return s;
  };
  const addCompany = (uscc: string, name: string, district: DivisionSeed, rep: string, trade: readonly [string, string]) => {
    usccs.add(uscc);
    nameOf.set(uscc, name);
    w.companies.push({
      uscc,
      name,
      kindCode: rng.weighted([['1100', 55], ['1150', 20], ['1200', 8], ['4100', 10], ['4200', 7]] as const),
      statusCode: rng.weighted([['1', 70], ['2', 15], ['3', 5], ['4', 10]] as const),
      establishedOn: date(1995, 2025),
      registeredCapital: (rng.int(10, 50_000) + rng.int(0, 99) / 100).toFixed(2),
      registeredAddress: address(district),
      businessScope: `${trade[1]}。（依法须经批准的项目，经相关部门批准后方可开展经营活动）`,
      representativeIdNumber: rep,
      divisionCode: district.code,
      updatedAt: stamp(),
    });
  };
  addCompany(SHOWCASE.company, '南京玄武示范科技有限公司', xuanwu, SHOWCASE.head, COMPANY_TRADES[0]);
  addCompany(SHOWCASE.heldCompany, '南京钟山示范贸易有限公司', xuanwu, rng.pick(adults).idNumber, COMPANY_TRADES[1]);
  while (w.companies.length < companyCount) {
    const district = rng.pick(DISTRICT_SEEDS);
    let uscc = makeUscc('9', '1', district.code, orgBody());
    while (usccs.has(uscc)) uscc = makeUscc('9', '1', district.code, orgBody());
    const trade = rng.pick(COMPANY_TRADES);
    const name = `南京${rng.pick(COMPANY_STEMS)}${rng.pick(COMPANY_STEMS)}${trade[0]}有限公司`;
    addCompany(uscc, name, district, rng.pick(adults).idNumber, trade);
  }
  for (const [i, c] of w.companies.entries()) {
    const holders = new Set<string>();
    const count = c.uscc === SHOWCASE.company ? 1 : rng.int(1, 4);
    if (c.uscc === SHOWCASE.company) holders.add(SHOWCASE.spouse);
    if (c.uscc === SHOWCASE.heldCompany) holders.add(SHOWCASE.head);
    while (holders.size < count) {
      // Companies hold shares only in later-registered companies: no ownership cycles.
      holders.add(i > 2 && rng.chance(0.15) ? w.companies[rng.int(0, i - 1)].uscc : rng.pick(adults).idNumber);
    }
    for (const key of holders) {
      w.shareholdings.push({
        companyUscc: c.uscc,
        holderKind: key.length === 18 && /^\d{17}[\dX]$/.test(key) ? 'PERSON' : 'COMPANY',
        holderKey: key,
        holderName: nameOf.get(key)!,
        subscribedCapital: (Number(c.registeredCapital) / count).toFixed(2),
      });
    }
  }

  // ---- Parcels, rights, encumbrances ----------------------------------------------------
  // Residential parcels by district, excluding the showcase ones (their rights are fixed).
  const residentialByDistrict = new Map<string, WorldParcel[]>();
  const streetOrdinal = new Map<string, number>();
  const addParcel = (code: string, district: DivisionSeed, streetCode: string, landUseCode: string) => {
    const ordinal = streetOrdinal.get(streetCode) ?? 0;
    streetOrdinal.set(streetCode, ordinal + 1);
    const parcel: WorldParcel = { code, districtCode: district.code, streetCode, landUseCode, area: rng.int(800, 30_000) + rng.int(0, 99) / 100, ordinal, updatedAt: stamp() };
    w.parcels.push(parcel);
    if (landUseCode === '0701' && !code.endsWith('GB00001')) {
      const list = residentialByDistrict.get(district.code) ?? [];
      list.push(parcel);
      residentialByDistrict.set(district.code, list);
    }
    return parcel;
  };
  addParcel(SHOWCASE.spouseParcel, xuanwu, '320102003', '0701');
  addParcel(SHOWCASE.headParcel, xuanwu, '320102005', '0701');
  const parcelCount = Math.max(12, Math.round(personCount / 40));
  const parcelSeq = new Map<string, number>();
  while (w.parcels.length < parcelCount) {
    const district = rng.pick(DISTRICT_SEEDS);
    const street = rng.pick(streetsOf(district.code));
    const seq = (parcelSeq.get(street.code) ?? 1) + 1;
    parcelSeq.set(street.code, seq);
    const code = `${street.code}${String(rng.int(1, 9)).padStart(3, '0')}GB${String(seq).padStart(5, '0')}`;
    addParcel(code, district, street.code, rng.weighted([['0701', 70], ['0501', 10], ['0505', 8], ['0601', 10], ['0809', 2]] as const));
  }

  let certSeq = 1000;
  const certificate = (year: number) => `苏(${year})南京市不动产权第${String(++certSeq).padStart(7, '0')}号`;
  const addRight = (certificateNo: string, parcel: WorldParcel, holderKind: 'PERSON' | 'COMPANY', holderKey: string, registeredOn: string) => {
    w.rights.push({ certificateNo, parcelCode: parcel.code, holderKind, holderKey, holderName: nameOf.get(holderKey)!, registeredOn, updatedAt: stamp() });
  };
  const mortgage = (certificateNo: string, registeredOn: string) =>
    w.encumbrances.push({ certificateNo, kindCode: '1', holderName: rng.pick(BANKS), registeredOn, amount: (rng.int(30, 600) + rng.int(0, 99) / 100).toFixed(2), documentNo: `苏(${registeredOn.slice(0, 4)})南京市不动产证明第${String(rng.int(1, 9_999_999)).padStart(7, '0')}号` });
  const seizure = (certificateNo: string, registeredOn: string, districtName: string) =>
    w.encumbrances.push({ certificateNo, kindCode: '2', holderName: `南京市${districtName}人民法院`, registeredOn, amount: null, documentNo: `(${registeredOn.slice(0, 4)})苏0102执${rng.int(100, 9999)}号` });

  const showSpouseParcel = w.parcels[0];
  const showHeadParcel = w.parcels[1];
  addRight(SHOWCASE.spouseCertificate, showSpouseParcel, 'PERSON', SHOWCASE.spouse, '2019-06-18');
  mortgage(SHOWCASE.spouseCertificate, '2019-06-20');
  addRight(SHOWCASE.headCertificate, showHeadParcel, 'PERSON', SHOWCASE.head, '2021-04-09');
  seizure(SHOWCASE.headCertificate, '2025-08-12', '玄武区');

  const residential = [...residentialByDistrict.values()].flat();
  const nonResidential = w.parcels.filter((p) => p.landUseCode !== '0701');
  for (const h of w.households) {
    if (h.number === SHOWCASE.householdNumber || !rng.chance(0.35)) continue;
    const local = residentialByDistrict.get(h.divisionCode) ?? [];
    const parcel = rng.pick(local.length ? local : residential);
    const year = rng.int(2000, 2025);
    const cert = certificate(year);
    const registeredOn = date(year, year);
    addRight(cert, parcel, 'PERSON', h.headIdNumber, registeredOn);
    if (rng.chance(0.3)) mortgage(cert, registeredOn);
    if (rng.chance(0.03)) seizure(cert, date(2022, 2025), DISTRICT_SEEDS.find((d) => d.code === h.divisionCode)!.name);
  }
  for (const c of w.companies) {
    if (!rng.chance(0.15) || !nonResidential.length) continue;
    const year = rng.int(2000, 2025);
    const cert = certificate(year);
    addRight(cert, rng.pick(nonResidential), 'COMPANY', c.uscc, date(year, year));
    if (rng.chance(0.4)) mortgage(cert, date(year, year));
  }

  // ---- Social insurance (human-resources) -------------------------------------------------
  // Its own PRNG stream, so that a change to this part never shifts another department's records.
  generateSocialInsurance(w, new Prng(((opts.seed ?? 20260101) ^ 0x5b5e1f) >>> 0), SHOWCASE);
  return w;
}
