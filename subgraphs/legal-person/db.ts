/**
 * The legal-person subgraph's view of the market-regulation tables: the row types the
 * GraphQL mappers point at, and every SQL statement the subgraph runs. Legacy codes become
 * names here (joins on the DM_* code tables) and nowhere else.
 */
import type { Knex } from 'knex';
import { countOf, Database } from '../../lib/db';
import { GDLX_CODES } from './legacy-db/tables';
import { LIKE_ESCAPE, containsPattern, divisionPrefix } from './filters';

/** A LegalPerson as the resolvers see it (QY_JBXX joined with its code tables). */
export interface LegalPersonRow {
  uscc: string;
  name: string;
  kind: string;
  kindCode: string;
  status: string;
  statusCode: string;
  /** YYYY-MM-DD. */
  establishedOn: string;
  /** 万元, decimal string. */
  registeredCapital: string | null;
  registeredAddress: string | null;
  businessScope: string | null;
  representativeIdNumber: string | null;
  divisionCode: string | null;
  /** ISO 8601, UTC. */
  updatedAt: string;
}

export type HolderKind = 'PERSON' | 'COMPANY';

/** One QY_GD row: a holder's stake in a company. */
export interface ShareholdingRow {
  id: number;
  companyUscc: string;
  holderKind: HolderKind;
  /** 身份号码 for a PERSON, 统一社会信用代码 for a COMPANY. */
  holderKey: string;
  holderName: string;
  subscribedCapital: string | null;
  /** The company the stake is in, read by the same statement (null: a broken register reference). */
  company: LegalPersonRow | null;
  /** For a COMPANY holder, the holding company, read by the same statement. */
  holderCompany: LegalPersonRow | null;
}

/** A Person owned by the population subgraph: only its key lives here. */
export interface PersonRef {
  idNumber: string;
  /** Present when the gateway resolved it for a @requires field (jurisdiction). */
  residenceDivision?: { code: string } | null;
}

/** An AdminDivision owned by the geospatial subgraph: only its key lives here. */
export interface DivisionRef {
  code: string;
}

/** `legalPersons` filters, already validated. */
export interface LegalPersonFilter {
  divisionCode?: string;
  status?: string;
  nameContains?: string;
}

/** One page of `legalPersons`; totalCount is computed only when selected. */
export interface LegalPersonPage {
  filter: LegalPersonFilter;
  rows: LegalPersonRow[];
  hasNextPage: boolean;
}

export interface LegalPersonEdgeModel {
  cursor: string;
  node: LegalPersonRow;
}

export interface HolderKey {
  kind: HolderKind;
  key: string;
}

// ---- companies (QY_JBXX) ----------------------------------------------------------------

function selectCompanies(knex: Knex): Knex.QueryBuilder {
  return joinCompanyCodes(knex('QY_JBXX as J'), 'J', '').select(companyColumns(knex, 'J', '', ''));
}

/** The code-table joins of a QY_JBXX row aliased `j` (L/Z, or `<prefix>L`/`<prefix>Z`). */
function joinCompanyCodes(q: Knex.QueryBuilder, j: string, prefix: string): Knex.QueryBuilder {
  return q.leftJoin(`DM_QYLX as ${prefix}L`, `${prefix}L.DM`, `${j}.QYLX`).leftJoin(`DM_DJZT as ${prefix}Z`, `${prefix}Z.DM`, `${j}.DJZT`);
}

/**
 * A LegalPersonRow's columns from QY_JBXX aliased `j` (code tables joined as
 * `<codes>L`/`<codes>Z`), each name prefixed with `prefix`.
 */
function companyColumns(knex: Knex, j: string, codes: string, prefix: string): Array<Record<string, string> | Knex.Raw> {
  const columns: Record<keyof Omit<LegalPersonRow, 'kind' | 'status'>, string> = {
    uscc: 'TYSHXYDM',
    name: 'QYMC',
    kindCode: 'QYLX',
    statusCode: 'DJZT',
    establishedOn: 'CLRQ',
    registeredCapital: 'ZCZB',
    registeredAddress: 'ZS',
    businessScope: 'JYFW',
    representativeIdNumber: 'FDDBR_SFZH',
    divisionCode: 'XZQH',
    updatedAt: 'GXSJ',
  };
  return [
    Object.fromEntries(Object.entries(columns).map(([name, column]) => [`${prefix}${name}`, `${j}.${column}`])),
    // A code missing from its code table still shows, as the code itself.
    knex.raw('COALESCE(??, ??) as ??', [`${codes}L.MC`, `${j}.QYLX`, `${prefix}kind`]),
    knex.raw('COALESCE(??, ??) as ??', [`${codes}Z.MC`, `${j}.DJZT`, `${prefix}status`]),
  ];
}

/** Drivers return DATETIME/TIMESTAMPTZ as a Date; the API serves ISO strings. */
function instant(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

function companyRow(r: Record<string, unknown>): LegalPersonRow {
  return { ...(r as unknown as LegalPersonRow), updatedAt: instant(r.updatedAt) };
}

export async function companiesByUscc(db: Database, usccs: readonly string[]): Promise<LegalPersonRow[]> {
  const rows = await selectCompanies(db.knex).whereIn('J.TYSHXYDM', usccs as string[]);
  return rows.map(companyRow);
}

export async function companiesByRepresentatives(db: Database, idNumbers: readonly string[]): Promise<LegalPersonRow[]> {
  const rows = await selectCompanies(db.knex).whereIn('J.FDDBR_SFZH', idNumbers as string[]).orderBy('J.TYSHXYDM');
  return rows.map(companyRow);
}

/** Every code of the register's division code table (DM_XZQH) with its name. */
export function divisionCodeTable(db: Database): Promise<Array<{ code: string; name: string }>> {
  return db.knex('DM_XZQH').select({ code: 'DM', name: 'MC' });
}

function applyFilter(q: Knex.QueryBuilder, f: LegalPersonFilter): Knex.QueryBuilder {
  if (f.divisionCode) q.where('J.XZQH', 'like', `${divisionPrefix(f.divisionCode)}%`);
  if (f.status !== undefined) q.where('Z.MC', f.status);
  if (f.nameContains) q.whereRaw('?? LIKE ? ESCAPE ?', ['J.QYMC', containsPattern(f.nameContains), LIKE_ESCAPE]);
  return q;
}

/** Keyset page ordered by uscc: the rows after `afterUscc`, one extra to learn whether more follow. */
export async function companyPage(db: Database, filter: LegalPersonFilter, first: number, afterUscc?: string): Promise<LegalPersonPage> {
  const q = applyFilter(selectCompanies(db.knex), filter);
  if (afterUscc) q.where('J.TYSHXYDM', '>', afterUscc);
  const rows = (await q.orderBy('J.TYSHXYDM').limit(first + 1)).map(companyRow);
  return { filter, rows: rows.slice(0, first), hasNextPage: rows.length > first };
}

export async function countCompanies(db: Database, filter: LegalPersonFilter): Promise<number> {
  const q = db.knex('QY_JBXX as J');
  if (filter.status !== undefined) q.leftJoin('DM_DJZT as Z', 'Z.DM', 'J.DJZT');
  return countOf(await applyFilter(q, filter).count({ n: '*' }));
}

// ---- shareholdings (QY_GD) --------------------------------------------------------------

/** GDLX → holder kind; null for holder types the API cannot represent. */
export function holderKindOf(gdlx: string): HolderKind | null {
  if (gdlx === GDLX_CODES.PERSON) return 'PERSON';
  if (gdlx === GDLX_CODES.COMPANY) return 'COMPANY';
  return null;
}

/**
 * QY_GD rows with the company each stake is in and, for a company holder, the holding
 * company — in the same statement. A list of shareholdings then costs exactly one query,
 * whatever is cached: were the companies looked up afterwards, whether that took a second
 * statement would depend on which other lookups happened to answer first.
 */
function selectShareholdings(knex: Knex): Knex.QueryBuilder {
  const q = knex('QY_GD as G')
    .leftJoin('QY_JBXX as C', 'C.TYSHXYDM', 'G.TYSHXYDM')
    .leftJoin('QY_JBXX as H', function holderCompany() {
      this.on('H.TYSHXYDM', '=', 'G.GDZJHM').andOn('G.GDLX', '=', knex.raw('?', [GDLX_CODES.COMPANY]));
    });
  joinCompanyCodes(q, 'C', 'c');
  joinCompanyCodes(q, 'H', 'h');
  return q
    .select({ id: 'G.ID', companyUscc: 'G.TYSHXYDM', gdlx: 'G.GDLX', holderKey: 'G.GDZJHM', holderName: 'G.GDMC', subscribedCapital: 'G.RJCZE' })
    .select(companyColumns(knex, 'C', 'c', 'c_'))
    .select(companyColumns(knex, 'H', 'h', 'h_'))
    .whereIn('G.GDLX', [GDLX_CODES.PERSON, GDLX_CODES.COMPANY])
    .orderBy('G.ID');
}

/** The prefixed company columns of a joined row as a LegalPersonRow; null when the join found none. */
function joinedCompany(r: Record<string, unknown>, prefix: string): LegalPersonRow | null {
  if (r[`${prefix}uscc`] === null || r[`${prefix}uscc`] === undefined) return null;
  const fields = Object.fromEntries(
    Object.entries(r)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
  return companyRow(fields);
}

function shareholdingRow(r: Record<string, unknown>): ShareholdingRow {
  return {
    id: Number(r.id),
    companyUscc: String(r.companyUscc),
    holderKind: holderKindOf(String(r.gdlx))!,
    holderKey: String(r.holderKey),
    holderName: String(r.holderName),
    subscribedCapital: (r.subscribedCapital as string | null) ?? null,
    company: joinedCompany(r, 'c_'),
    holderCompany: joinedCompany(r, 'h_'),
  };
}

export async function shareholdingsByCompanies(db: Database, usccs: readonly string[]): Promise<ShareholdingRow[]> {
  const rows = await selectShareholdings(db.knex).whereIn('G.TYSHXYDM', usccs as string[]);
  return rows.map(shareholdingRow);
}

export async function shareholdingsByHolders(db: Database, holders: readonly HolderKey[]): Promise<ShareholdingRow[]> {
  const persons = holders.filter((h) => h.kind === 'PERSON').map((h) => h.key);
  const companies = holders.filter((h) => h.kind === 'COMPANY').map((h) => h.key);
  const q = selectShareholdings(db.knex).where((w) => {
    if (persons.length) w.orWhere((p) => p.where('G.GDLX', GDLX_CODES.PERSON).whereIn('G.GDZJHM', persons));
    if (companies.length) w.orWhere((c) => c.where('G.GDLX', GDLX_CODES.COMPANY).whereIn('G.GDZJHM', companies));
  });
  return (await q).map(shareholdingRow);
}
