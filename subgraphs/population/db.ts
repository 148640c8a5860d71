/**
 * Row types (the codegen mappers) and every SQL statement the subgraph runs against the
 * legacy tables. Code columns are mapped to names here, by joining the code tables, so
 * resolvers only ever see clean rows. Parameters are always bound.
 */
import type { Knex } from 'knex';
import { fromLegacyTimestamp, LEGACY_TIMESTAMP_FORMAT } from './legacyTime';

/** One RK_JBXX row, cleaned: Person and HouseholdMember (the member is the person row carrying its relation). */
export interface PersonRow {
  idNumber: string;
  name: string;
  /** GB/T 2261.1 code; the resolver maps it to the Gender enum. */
  genderCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  ethnicity: string | null;
  registeredAddress: string | null;
  /** GB/T 2260 code of the 户籍, or null when the legacy row has none. */
  divisionCode: string | null;
  phone: string | null;
  maritalStatus: string | null;
  householdNumber: string | null;
  /** GB/T 4761 code. */
  relationCode: string | null;
  /** Name of the relation (户主, 配偶, 子 …). */
  relationToHead: string | null;
  deceased: boolean;
  /** ISO 8601 instant (UTC). */
  updatedAt: string;
}

/** One RK_HJXX row, cleaned. */
export interface HouseholdRow {
  number: string;
  address: string | null;
  divisionCode: string | null;
  headIdNumber: string | null;
  updatedAt: string;
}

/** A reference to an administrative division owned by the geospatial subgraph. */
export interface DivisionRef {
  code: string;
}

export interface CaseFlagRow {
  idNumber: string;
  flag: string;
}

/** Raw shapes as selected (aliases below); CHAR columns may come back space-padded. */
interface PersonRecord extends Omit<PersonRow, 'deceased'> {
  deathFlag: string;
}
type HouseholdRecord = HouseholdRow;

/** CHAR(n) pads with spaces, and legacy rows hold '' where they mean "unknown". */
function clean(value: string | null): string | null {
  if (value === null) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

function updatedAt(knex: Knex, column: string): Knex.Raw {
  return knex.raw('to_char(??, ?) as ??', [column, LEGACY_TIMESTAMP_FORMAT, 'updatedAt']);
}

/** An unknown code shows as itself rather than disappearing. */
function codeName(knex: Knex, nameColumn: string, codeColumn: string, alias: string): Knex.Raw {
  return knex.raw('coalesce(??, ??) as ??', [nameColumn, codeColumn, alias]);
}

function selectPersons(knex: Knex): Knex.QueryBuilder {
  return knex({ p: 'RK_JBXX' })
    .leftJoin({ mz: 'DM_MZ' }, 'mz.DM', 'p.MZ')
    .leftJoin({ hy: 'DM_HYZK' }, 'hy.DM', 'p.HYZK')
    .leftJoin({ gx: 'DM_YHZGX' }, 'gx.DM', 'p.YHZGX')
    .select({
      idNumber: 'p.GMSFHM',
      name: 'p.XM',
      genderCode: 'p.XB',
      birthDate: 'p.CSRQ',
      registeredAddress: 'p.HJDZ',
      divisionCode: 'p.HJXZQH',
      phone: 'p.LXDH',
      householdNumber: 'p.HH',
      relationCode: 'p.YHZGX',
      deathFlag: 'p.SWBS',
    })
    .select(
      codeName(knex, 'mz.MC', 'p.MZ', 'ethnicity'),
      codeName(knex, 'hy.MC', 'p.HYZK', 'maritalStatus'),
      codeName(knex, 'gx.MC', 'p.YHZGX', 'relationToHead'),
      updatedAt(knex, 'p.GXSJ'),
    );
}

function toPersonRow(r: PersonRecord): PersonRow {
  return {
    idNumber: r.idNumber.trim(),
    name: r.name.trim(),
    genderCode: r.genderCode.trim(),
    birthDate: r.birthDate,
    ethnicity: clean(r.ethnicity),
    registeredAddress: clean(r.registeredAddress),
    divisionCode: clean(r.divisionCode),
    phone: clean(r.phone),
    maritalStatus: clean(r.maritalStatus),
    householdNumber: clean(r.householdNumber),
    relationCode: clean(r.relationCode),
    relationToHead: clean(r.relationToHead),
    deceased: r.deathFlag.trim() === '1',
    updatedAt: fromLegacyTimestamp(r.updatedAt),
  };
}

/** Persons by 公民身份号码, in no particular order. */
export async function personsByIdNumbers(knex: Knex, idNumbers: readonly string[]): Promise<PersonRow[]> {
  const rows: PersonRecord[] = await selectPersons(knex).whereIn('p.GMSFHM', idNumbers);
  return rows.map(toPersonRow);
}

/**
 * The members of the given households, grouped by household and, within one, in the order
 * Household.members promises: the head (as RK_HJXX names them) first, then by relation
 * code and birth date (the 身份号码 breaks ties, so the order is stable).
 */
export async function membersOfHouseholds(knex: Knex, numbers: readonly string[]): Promise<PersonRow[]> {
  const rows: PersonRecord[] = await selectPersons(knex)
    .leftJoin({ h: 'RK_HJXX' }, 'h.HH', 'p.HH')
    .whereIn('p.HH', numbers)
    .orderBy('p.HH')
    .orderByRaw('CASE WHEN ?? = ?? THEN 0 ELSE 1 END', ['p.GMSFHM', 'h.HZSFHM'])
    .orderBy([{ column: 'p.YHZGX' }, { column: 'p.CSRQ' }, { column: 'p.GMSFHM' }]);
  return rows.map(toPersonRow);
}

export async function householdsByNumbers(knex: Knex, numbers: readonly string[]): Promise<HouseholdRow[]> {
  const rows: HouseholdRecord[] = await knex({ h: 'RK_HJXX' })
    .select({ number: 'h.HH', address: 'h.HJDZ', divisionCode: 'h.HJXZQH', headIdNumber: 'h.HZSFHM' })
    .select(updatedAt(knex, 'h.GXSJ'))
    .whereIn('h.HH', numbers);
  return rows.map((r) => ({
    number: r.number.trim(),
    address: clean(r.address),
    divisionCode: clean(r.divisionCode),
    headIdNumber: clean(r.headIdNumber),
    updatedAt: fromLegacyTimestamp(r.updatedAt),
  }));
}

/** Case-flag names (DM_AJBJ) of the given persons, oldest registration first. */
export async function caseFlagsOf(knex: Knex, idNumbers: readonly string[]): Promise<CaseFlagRow[]> {
  const rows: CaseFlagRow[] = await knex({ a: 'RK_AJBJ' })
    .leftJoin({ d: 'DM_AJBJ' }, 'd.DM', 'a.BJLX')
    .select({ idNumber: 'a.GMSFHM' })
    .select(codeName(knex, 'd.MC', 'a.BJLX', 'flag'))
    .whereIn('a.GMSFHM', idNumbers)
    .orderBy([{ column: 'a.GMSFHM' }, { column: 'a.DJSJ' }, { column: 'a.BJLX' }]);
  return rows.map((r) => ({ idNumber: r.idNumber.trim(), flag: r.flag.trim() }));
}
