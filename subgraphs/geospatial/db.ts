/**
 * Row types (the codegen mappers) and every SQL statement of the geospatial subgraph.
 * Legacy codes are turned into names here, by joining the code tables, and nowhere else.
 * Keys are bound as one array parameter (`= ANY(?)`), so a batch of 5 or 5,000 keys is the
 * same single statement.
 */
import type { Knex } from 'knex';
import type { HolderKindCode } from './holderKind';

/** An XZQH row; the boundary is loaded separately (boundaryByCode) because it is large. */
export interface DivisionRow {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

/** A ZD_ZDJBXX row without its geometry (geometryByParcel loads that on demand). */
export interface ParcelRow {
  code: string;
  /** The street (乡镇街道) the parcel lies in. */
  divisionCode: string;
  landUseCode: string | null;
  landUse: string | null;
  area: number | null;
  updatedAt: Date | string;
}

export interface RightRow {
  certificateNo: string;
  parcelCode: string;
  holderKind: HolderKindCode;
  /** 公民身份号码 or 统一社会信用代码, depending on holderKind. */
  holderKey: string;
  holderName: string | null;
  registeredOn: string | null;
  updatedAt: Date | string;
}

export interface EncumbranceRow {
  id: number;
  certificateNo: string;
  kindCode: string;
  kind: string;
  holderName: string | null;
  registeredOn: string | null;
  /** 万元, DECIMAL as a string. */
  amount: string | null;
  documentNo: string | null;
}

/** A Person entity reference: the population subgraph owns the person. */
export interface PersonRef {
  idNumber: string;
  /** Present when the gateway resolved it for a @requires field (jurisdiction). */
  residenceDivision?: { code: string } | null;
}

/** A LegalPerson entity reference: the legal-person subgraph owns the company. */
export interface LegalPersonRef {
  uscc: string;
}

export interface GeoJsonRow {
  code: string;
  geojson: string | null;
}

/** GeoJSON output precision: 7 decimals of a degree is ~1 cm, finer than any survey here. */
const GEOJSON_DIGITS = 7;

const anyOf = (column: string, keys: readonly string[]): [string, [string, string[]]] => ['?? = ANY(?)', [column, [...keys]]];

const divisions = (knex: Knex) =>
  knex('XZQH').select({ code: 'XZQHDM', name: 'XZQHMC', level: 'JB', parentCode: 'SJDM' });

/** Every code of the division table with its name (the argument check's code set). */
export function divisionCodeTable(knex: Knex): Promise<Array<{ code: string; name: string }>> {
  return knex('XZQH').select({ code: 'XZQHDM', name: 'XZQHMC' });
}

export function divisionsByCodes(knex: Knex, codes: readonly string[]): Promise<DivisionRow[]> {
  return divisions(knex).whereRaw(...anyOf('XZQHDM', codes));
}

export function divisionsByParents(knex: Knex, parentCodes: readonly string[]): Promise<DivisionRow[]> {
  return divisions(knex).whereRaw(...anyOf('SJDM', parentCodes)).orderBy('XZQHDM');
}

export function boundariesByCodes(knex: Knex, codes: readonly string[]): Promise<GeoJsonRow[]> {
  return knex('XZQH')
    .select({ code: 'XZQHDM' }, knex.raw('ST_AsGeoJSON("GEOM", ?) as geojson', [GEOJSON_DIGITS]))
    .whereRaw(...anyOf('XZQHDM', codes));
}

const point = 'ST_SetSRID(ST_MakePoint(?, ?), 4326)';

/**
 * The deepest division whose boundary covers the point; on a shared edge, the lowest code
 * of the deepest level, so the answer is deterministic.
 */
export async function divisionAt(knex: Knex, lng: number, lat: number): Promise<DivisionRow | null> {
  const row = await divisions(knex)
    .whereRaw(`ST_Covers("GEOM", ${point})`, [lng, lat])
    .orderBy([{ column: 'JB', order: 'desc' }, 'XZQHDM'])
    .first();
  return row ?? null;
}

const parcels = (knex: Knex) =>
  knex('ZD_ZDJBXX as z')
    .leftJoin('DM_TDYT as t', 't.DM', 'z.TDYT')
    .select({ code: 'z.ZDDM', divisionCode: 'z.XZQHDM', landUseCode: 'z.TDYT', landUse: 't.MC', updatedAt: 'z.GXSJ' })
    .select(knex.raw('z."ZDMJ"::float8 as area'));

export function parcelsByCodes(knex: Knex, codes: readonly string[]): Promise<ParcelRow[]> {
  return parcels(knex).whereRaw(...anyOf('z.ZDDM', codes));
}

export function geometriesByParcels(knex: Knex, codes: readonly string[]): Promise<GeoJsonRow[]> {
  return knex('ZD_ZDJBXX')
    .select({ code: 'ZDDM' }, knex.raw('ST_AsGeoJSON("GEOM", ?) as geojson', [GEOJSON_DIGITS]))
    .whereRaw(...anyOf('ZDDM', codes));
}

/**
 * Parcels whose outline is within `radiusMeters` of the point on the spheroid, nearest
 * first. `"GEOM"::geography` is exactly the expression of the ZD_ZDJBXX_GEOG_GIST index,
 * which ST_DWithin uses; exported so a test can EXPLAIN the very statement served.
 */
export function parcelsNearQuery(knex: Knex, lng: number, lat: number, radiusMeters: number, limit: number): Knex.QueryBuilder {
  return parcels(knex)
    .whereRaw(`ST_DWithin(z."GEOM"::geography, ${point}::geography, ?)`, [lng, lat, radiusMeters])
    .orderByRaw(`ST_Distance(z."GEOM"::geography, ${point}::geography), z."ZDDM"`, [lng, lat])
    .limit(limit);
}

const rights = (knex: Knex) =>
  knex('BDC_QL').select({
    certificateNo: 'BDCQZH',
    parcelCode: 'ZDDM',
    holderKind: 'QLRLX',
    holderKey: 'QLRZJHM',
    holderName: 'QLRMC',
    registeredOn: 'DJSJ',
    updatedAt: 'GXSJ',
  });

export function rightsByParcels(knex: Knex, parcelCodes: readonly string[]): Promise<RightRow[]> {
  return rights(knex).whereRaw(...anyOf('ZDDM', parcelCodes)).orderBy(['DJSJ', 'BDCQZH']);
}

export function rightsByHolders(knex: Knex, holderKeys: readonly string[]): Promise<RightRow[]> {
  return rights(knex).whereRaw(...anyOf('QLRZJHM', holderKeys)).orderBy(['DJSJ', 'BDCQZH']);
}

export function encumbrancesByCertificates(knex: Knex, certificateNos: readonly string[]): Promise<EncumbranceRow[]> {
  return (
    knex('BDC_TXQL as x')
      .leftJoin('DM_TXQLLX as d', 'd.DM', 'x.TXQLLX')
      .select({
        id: 'x.ID',
        certificateNo: 'x.BDCQZH',
        kindCode: 'x.TXQLLX',
        holderName: 'x.TXQLR',
        registeredOn: 'x.DJSJ',
        amount: 'x.JE',
        documentNo: 'x.WH',
      })
      // A code missing from the code table still shows, as its raw code, rather than vanish.
      .select(knex.raw('coalesce(d."MC", x."TXQLLX") as kind'))
      .whereRaw(...anyOf('x.BDCQZH', certificateNos))
      .orderBy(['x.DJSJ', 'x.ID'])
  );
}
