/**
 * Per-request DataLoaders: one SQL statement per batch whatever the number of keys.
 * Created for each request by the server's context factory, never shared between requests
 * (a shared cache would leak one consumer's data to another).
 */
import DataLoader from 'dataloader';
import { alignMany, alignOne, type Database } from '../../lib/db';
import type { SubgraphContext, SubgraphRuntime } from '../../lib/subgraph';
import { DivisionRegister } from '../../lib/ids/divisionRegister';
import * as sql from './db';
import type { DivisionRow, EncumbranceRow, ParcelRow, RightRow } from './db';

/**
 * The division codes this department serves (its XZQH table), one register per database for
 * the life of the process: unlike the loaders it holds no consumer's data, only the code
 * table, which is the same for every request.
 */
const divisionRegisters = new WeakMap<Database, DivisionRegister>();

function divisionCodesOf(db: Database, runtime?: SubgraphRuntime): DivisionRegister {
  let register = divisionRegisters.get(db);
  if (!register) {
    register = new DivisionRegister({ table: 'XZQH', load: () => sql.divisionCodeTable(db.knex), log: runtime?.log });
    divisionRegisters.set(db, register);
  }
  return register;
}

export function createLoaders(db: Database, runtime?: SubgraphRuntime) {
  const { knex } = db;
  return {
    /** Checks division-code arguments against XZQH (loaded once, refreshed after a minute). */
    divisionCodes: divisionCodesOf(db, runtime),
    divisionByCode: new DataLoader<string, DivisionRow | null>(async (codes) =>
      alignOne(codes, await sql.divisionsByCodes(knex, codes), (r) => r.code),
    ),
    /** GeoJSON text of a division's boundary; only fetched when `boundary` is selected. */
    boundaryByCode: new DataLoader<string, string | null>(async (codes) =>
      alignOne(codes, await sql.boundariesByCodes(knex, codes), (r) => r.code).map((r) => r?.geojson ?? null),
    ),
    childrenByParent: new DataLoader<string, DivisionRow[]>(async (codes) =>
      alignMany(codes, await sql.divisionsByParents(knex, codes), (r) => r.parentCode ?? ''),
    ),
    parcelByCode: new DataLoader<string, ParcelRow | null>(async (codes) =>
      alignOne(codes, await sql.parcelsByCodes(knex, codes), (r) => r.code),
    ),
    /** GeoJSON text of a parcel's outline; only fetched when `geometry` is selected. */
    geometryByParcel: new DataLoader<string, string | null>(async (codes) =>
      alignOne(codes, await sql.geometriesByParcels(knex, codes), (r) => r.code).map((r) => r?.geojson ?? null),
    ),
    rightsByParcel: new DataLoader<string, RightRow[]>(async (codes) =>
      alignMany(codes, await sql.rightsByParcels(knex, codes), (r) => r.parcelCode),
    ),
    /** Key: the holder's 公民身份号码 or 统一社会信用代码 (QLRZJHM). */
    rightsByHolder: new DataLoader<string, RightRow[]>(async (keys) =>
      alignMany(keys, await sql.rightsByHolders(knex, keys), (r) => r.holderKey),
    ),
    encumbrancesByCertificate: new DataLoader<string, EncumbranceRow[]>(async (certificateNos) =>
      alignMany(certificateNos, await sql.encumbrancesByCertificates(knex, certificateNos), (r) => r.certificateNo),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type GeospatialContext = SubgraphContext<Loaders>;
