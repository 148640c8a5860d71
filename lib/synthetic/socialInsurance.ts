/**
 * The human-resources (人社) slice of the synthetic world: which companies are registered as
 * 参保单位, who is insured in which scheme, and their recent contributions.
 *
 * Drawn from its own PRNG after everything else, so adding it left every other record of the
 * world exactly as it was. Contribution rows are not stored in the world: a million-person
 * world has millions of them, so `contributionsOf` derives an enrolment's rows when the seed
 * writes them, one chunk at a time.
 */
import { Prng } from './prng';
import type { World, WorldCompany, WorldContribution, WorldInsuranceEnrolment, WorldInsuredUnit, WorldPerson } from './model';

/** The fixed social-insurance story of the showcase household (README tour, tests). */
export const SHOWCASE_INSURANCE = {
  /** The head's 缴费基数, 分 per month (6,800.00 元). */
  headBase: 680_000,
  headEnrolledOn: '2003-07-01',
  /** 2003-07 … 2025-12 is 270 months; eight of 2008 were unpaid between jobs. */
  headPaidMonths: 262,
  /** The spouse's 城乡居民养老保险 档次, 分 per year (500 元). */
  spouseAnnual: 50_000,
  spouseEnrolledOn: '2015-03-01',
  spousePaidMonths: 132,
} as const;

/** The last month of contributions in the world (its reference date is 2026-01-01). */
export const LAST_MONTH = '202512';

/** SB_JFMX keeps the last twelve months paid of an employees' scheme… */
export const RECENT_MONTHS = 12;
/** …and the last three years paid of a 城乡居民 scheme. */
export const RECENT_YEARS = 3;

/** 南京 2025 缴费基数 bounds, 元 per month (60% and 300% of the average wage). */
export const BASE_FLOOR_YUAN = 4_494;
export const BASE_CEILING_YUAN = 24_042;

/** The employees' schemes every insured employee is in, through the employer. */
const EMPLOYEE_SCHEMES = ['110', '310', '210'] as const;

/**
 * Contribution rates in ‰ of the base (close to 江苏 2025: pension 16% + 8%, medical 8% + 2%,
 * unemployment 0.5% + 0.5%; 工伤 and 生育 are paid by the employer alone and not seeded).
 */
export const CONTRIBUTION_RATES: Record<string, { unit: number; personal: number }> = {
  '110': { unit: 160, personal: 80 },
  '310': { unit: 80, personal: 20 },
  '210': { unit: 5, personal: 5 },
};

/** 城乡居民基本养老保险 个人缴费档次, 元 per year. */
const RESIDENT_PENSION_TIERS = [300, 500, 700, 900, 1_200, 1_500, 2_000, 3_000] as const;
/** 城乡居民基本医疗保险 个人缴费, 元 per year (the 2025 national minimum). */
const RESIDENT_MEDICAL_YUAN = 400;

/** `YYYYMM` plus `n` months (n may be negative). */
export function addMonths(yyyymm: string, n: number): string {
  const index = Number(yyyymm.slice(0, 4)) * 12 + Number(yyyymm.slice(4, 6)) - 1 + n;
  return `${Math.floor(index / 12)}${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthSpan(from: string, to: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(4, 6));
  return Math.max(0, index(to) - index(from) + 1);
}

/** How many rows `contributionsOf(e)` gives, without making them. */
export function contributionCount(e: WorldInsuranceEnrolment): number {
  return e.contributionBase !== null ? Math.min(RECENT_MONTHS, e.paidMonths) : Math.min(RECENT_YEARS, Math.floor(e.paidMonths / 12));
}

/** The rows SB_JFMX holds for an enrolment: its most recent months (or years) paid. */
export function contributionsOf(e: WorldInsuranceEnrolment): WorldContribution[] {
  const rows: WorldContribution[] = [];
  if (e.contributionBase !== null) {
    const rates = CONTRIBUTION_RATES[e.typeCode];
    const base = e.contributionBase;
    const n = contributionCount(e);
    for (let i = n - 1; i >= 0; i--) {
      rows.push({
        idNumber: e.idNumber,
        typeCode: e.typeCode,
        month: addMonths(e.lastPaidMonth, -i),
        base,
        personal: Math.round((base * rates.personal) / 1000),
        unit: Math.round((base * rates.unit) / 1000),
      });
    }
  } else {
    const lastYear = Number(e.lastPaidMonth.slice(0, 4));
    const n = contributionCount(e);
    for (let i = n - 1; i >= 0; i--) {
      rows.push({ idNumber: e.idNumber, typeCode: e.typeCode, month: `${lastYear - i}12`, base: null, personal: e.annualContribution ?? 0, unit: 0 });
    }
  }
  return rows;
}

/** Adds the insured units and enrolments to `w`, drawing from `rng` only. */
export function generateSocialInsurance(w: World, rng: Prng, showcase: { householdNumber: string; head: string; spouse: string; company: string }): void {
  const asOf = Date.UTC(2026, 0, 1);
  const stamp = (daysBack: number) => new Date(asOf - rng.int(1, daysBack) * 86_400_000 - rng.int(0, 86_399) * 1000).toISOString();
  const day = (yyyymm: string) => `${yyyymm.slice(0, 4)}-${yyyymm.slice(4, 6)}-${String(rng.int(1, 28)).padStart(2, '0')}`;

  // ---- 参保单位: every company in business (存续 / 在业) ------------------------------------
  const unitSeq = new Map<string, number>();
  const unitOf = new Map<string, WorldInsuredUnit>();
  const register = (c: WorldCompany) => {
    const seq = (unitSeq.get(c.divisionCode) ?? 0) + 1;
    unitSeq.set(c.divisionCode, seq);
    const unit: WorldInsuredUnit = {
      unitNumber: `${c.divisionCode}${String(seq).padStart(6, '0')}`,
      uscc: c.uscc,
      name: c.name,
      divisionCode: c.divisionCode,
      registeredOn: c.establishedOn,
      updatedAt: stamp(3 * 365),
    };
    w.insuredUnits.push(unit);
    unitOf.set(c.uscc, unit);
  };
  for (const c of w.companies) if (c.statusCode === '1' || c.statusCode === '2' || c.uscc === showcase.company) register(c);
  const units = w.insuredUnits;
  // A few employers are large, most are small: earlier units are drawn more often.
  const employer = () => units[Math.floor(units.length * rng.next() ** 2)];
  const base = () => {
    if (rng.chance(0.25)) return BASE_FLOOR_YUAN * 100; // many declare at the floor
    // Declared in whole 元, skewed towards the floor like real wages.
    return (BASE_FLOOR_YUAN + Math.round(rng.next() ** 2.5 * (BASE_CEILING_YUAN - BASE_FLOOR_YUAN))) * 100;
  };

  const enrolEmployee = (p: WorldPerson, unit: WorldInsuredUnit, statusCode: '1' | '2' | '3', enrolledOn: string, lastPaidMonth: string, paidMonths: number, contributionBase: number) => {
    const updatedAt = stamp(statusCode === '1' ? 60 : 700);
    for (const typeCode of EMPLOYEE_SCHEMES) {
      w.insuranceEnrolments.push({ idNumber: p.idNumber, typeCode, statusCode, unitNumber: unit.unitNumber, enrolledOn, paidMonths, lastPaidMonth, contributionBase, annualContribution: null, updatedAt });
    }
  };
  const enrolResident = (p: WorldPerson, typeCode: '170' | '390', statusCode: '1' | '2', enrolledOn: string, lastYear: number, annualContribution: number) => {
    const years = lastYear - Number(enrolledOn.slice(0, 4)) + 1;
    w.insuranceEnrolments.push({
      idNumber: p.idNumber,
      typeCode,
      statusCode,
      unitNumber: null,
      enrolledOn,
      paidMonths: years * 12,
      lastPaidMonth: `${lastYear}12`,
      contributionBase: null,
      annualContribution,
      updatedAt: stamp(statusCode === '1' ? 60 : 700),
    });
  };

  // ---- The showcase household (fixed) ----------------------------------------------------
  const head = w.persons.find((p) => p.idNumber === showcase.head)!;
  const spouse = w.persons.find((p) => p.idNumber === showcase.spouse)!;
  enrolEmployee(head, unitOf.get(showcase.company)!, '1', SHOWCASE_INSURANCE.headEnrolledOn, LAST_MONTH, SHOWCASE_INSURANCE.headPaidMonths, SHOWCASE_INSURANCE.headBase);
  enrolResident(spouse, '170', '1', SHOWCASE_INSURANCE.spouseEnrolledOn, 2025, SHOWCASE_INSURANCE.spouseAnnual);

  // ---- Everyone else -------------------------------------------------------------------------
  for (const p of w.persons) {
    if (p.householdNumber === showcase.householdNumber || p.deceased) continue;
    const birthYear = Number(p.birthDate.slice(0, 4));
    const age = 2025 - birthYear;
    const retiresAt = p.genderCode === '1' ? 60 : 55;
    if (age >= 18 && age < retiresAt && units.length && rng.chance(0.6)) {
      // 参保 from the first job: at 18–24, not before personal accounts began (1996).
      const firstYear = Math.min(2025, Math.max(1996, birthYear + rng.int(18, 24)));
      const enrolled = `${firstYear}${String(rng.int(1, firstYear === 2025 ? 6 : 12)).padStart(2, '0')}`;
      const statusCode = rng.weighted([['1', 88], ['2', 9], ['3', 3]] as const);
      const latest = statusCode === '1' ? LAST_MONTH : addMonths(LAST_MONTH, -rng.int(1, statusCode === '2' ? 24 : 72));
      const lastPaidMonth = latest < enrolled ? enrolled : latest;
      const span = monthSpan(enrolled, lastPaidMonth);
      // Gaps (between jobs) fall before the months SB_JFMX still holds.
      const gap = span > RECENT_MONTHS ? rng.int(0, Math.floor((span - RECENT_MONTHS) / 4)) : 0;
      enrolEmployee(p, employer(), statusCode, day(enrolled), lastPaidMonth, span - gap, base());
      continue;
    }
    if (age >= 18 && age < 60 && rng.chance(0.5)) {
      // 城乡居民养老保险 (merged nationally in 2014), paid yearly at a chosen tier.
      const firstYear = Math.max(2014, birthYear + 18, 2025 - rng.int(0, 11));
      const statusCode = rng.chance(0.85) || firstYear === 2025 ? '1' : '2';
      const lastYear = statusCode === '1' ? 2025 : Math.max(firstYear, 2025 - rng.int(1, 3));
      enrolResident(p, '170', statusCode, day(`${firstYear}${String(rng.int(1, 12)).padStart(2, '0')}`), lastYear, rng.pick(RESIDENT_PENSION_TIERS) * 100);
    }
    if (rng.chance(age >= 60 ? 0.4 : 0.7)) {
      const firstYear = Math.max(2016, birthYear, 2025 - rng.int(0, 9));
      enrolResident(p, '390', '1', day(`${firstYear}01`), 2025, RESIDENT_MEDICAL_YUAN * 100);
    }
  }
}
