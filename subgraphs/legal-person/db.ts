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
  return knex('QY_JBXX as J')
    .leftJoin('DM_QYLX as L', 'L.DM', 'J.QYLX')
    .leftJoin('DM_DJZT as Z', 'Z.DM', 'J.DJZT')
    .select({
      uscc: 'J.TYSHXYDM',
      name: 'J.QYMC',
      kindCode: 'J.QYLX',
      statusCode: 'J.DJZT',
      establishedOn: 'J.CLRQ',
      registeredCapital: 'J.ZCZB',
      registeredAddress: 'J.ZS',
      businessScope: 'J.JYFW',
      representativeIdNumber: 'J.FDDBR_SFZH',
      divisionCode: 'J.XZQH',
      updatedAt: 'J.GXSJ',
    })
    // A code missing from its code table still shows, as the code itself.
    .select(knex.raw('COALESCE(??, ??) as ??', ['L.MC', 'J.QYLX', 'kind']))
    .select(knex.raw('COALESCE(??, ??) as ??', ['Z.MC', 'J.DJZT', 'status']));
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

function selectShareholdings(knex: Knex): Knex.QueryBuilder {
  return knex('QY_GD')
    .select({ id: 'ID', companyUscc: 'TYSHXYDM', gdlx: 'GDLX', holderKey: 'GDZJHM', holderName: 'GDMC', subscribedCapital: 'RJCZE' })
    .whereIn('GDLX', [GDLX_CODES.PERSON, GDLX_CODES.COMPANY])
    .orderBy('ID');
}

function shareholdingRow(r: Record<string, unknown>): ShareholdingRow {
  return {
    id: Number(r.id),
    companyUscc: String(r.companyUscc),
    holderKind: holderKindOf(String(r.gdlx))!,
    holderKey: String(r.holderKey),
    holderName: String(r.holderName),
    subscribedCapital: (r.subscribedCapital as string | null) ?? null,
  };
}

export async function shareholdingsByCompanies(db: Database, usccs: readonly string[]): Promise<ShareholdingRow[]> {
  const rows = await selectShareholdings(db.knex).whereIn('TYSHXYDM', usccs as string[]);
  return rows.map(shareholdingRow);
}

export async function shareholdingsByHolders(db: Database, holders: readonly HolderKey[]): Promise<ShareholdingRow[]> {
  const persons = holders.filter((h) => h.kind === 'PERSON').map((h) => h.key);
  const companies = holders.filter((h) => h.kind === 'COMPANY').map((h) => h.key);
  const q = selectShareholdings(db.knex).where((w) => {
    if (persons.length) w.orWhere((p) => p.where('GDLX', GDLX_CODES.PERSON).whereIn('GDZJHM', persons));
    if (companies.length) w.orWhere((c) => c.where('GDLX', GDLX_CODES.COMPANY).whereIn('GDZJHM', companies));
  });
  return (await q).map(shareholdingRow);
}
