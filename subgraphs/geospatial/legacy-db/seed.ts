/**
 * Writes the natural-resources slice of the synthetic world: code tables, the division tree
 * with synthetic boundaries, parcels with synthetic outlines, rights and encumbrances.
 * One transaction, so a half-written seed is never taken for a seeded database.
 */
import type { Knex } from 'knex';
import type { Database } from '../../../lib/db';
import type { SeedProgress } from '../../../lib/subgraph';
import { ALL_DIVISIONS, ENCUMBRANCE_KIND, LAND_USE, World } from '../../../lib/synthetic';
import { divisionBoundaries } from './boundaries';
import { parcelFootprints } from './footprints';
import { multiPolygonEwkt } from './planar';
import { HOLDER_KIND_CODE } from '../holderKind';

/**
 * Bound parameters per INSERT. MySQL's hard limit is 65,535 and PostgreSQL's is the same;
 * 10,000 keeps statements small enough to stream through PGlite's single session too.
 */
const PARAMS_PER_STATEMENT = 10_000;

type Row = Record<string, unknown>;

async function insertChunked(trx: Knex.Transaction, table: string, rows: readonly Row[], onChunk: (n: number) => void): Promise<void> {
  if (!rows.length) return;
  const size = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await trx(table).insert(chunk);
    onChunk(chunk.length);
  }
}

export async function seed(db: Database, world: World, progress?: SeedProgress): Promise<void> {
  const boundaries = divisionBoundaries();
  const footprints = parcelFootprints(world.parcels, boundaries);
  const total = ALL_DIVISIONS.length + world.parcels.length + world.rights.length + world.encumbrances.length;
  let done = 0;
  const tick = (label: string) => (n: number) => {
    done += n;
    progress?.tick(done, total, label);
  };

  await db.knex.transaction(async (trx) => {
    await insertChunked(trx, 'DM_TDYT', Object.entries(LAND_USE).map(([DM, MC]) => ({ DM, MC })), () => {});
    await insertChunked(trx, 'DM_TXQLLX', Object.entries(ENCUMBRANCE_KIND).map(([DM, MC]) => ({ DM, MC })), () => {});
    await insertChunked(
      trx,
      'XZQH',
      ALL_DIVISIONS.map((d) => ({
        XZQHDM: d.code,
        XZQHMC: d.name,
        JB: d.level,
        SJDM: d.parentCode,
        GEOM: multiPolygonEwkt(boundaries.get(d.code)!),
      })),
      tick('divisions'),
    );
    await insertChunked(
      trx,
      'ZD_ZDJBXX',
      world.parcels.map((p) => ({
        ZDDM: p.code,
        XZQHDM: p.streetCode,
        TDYT: p.landUseCode,
        ZDMJ: p.area.toFixed(2),
        GEOM: multiPolygonEwkt(footprints.get(p.code)!),
        GXSJ: p.updatedAt,
      })),
      tick('parcels'),
    );
    await insertChunked(
      trx,
      'BDC_QL',
      world.rights.map((r) => ({
        BDCQZH: r.certificateNo,
        ZDDM: r.parcelCode,
        QLRLX: HOLDER_KIND_CODE[r.holderKind],
        QLRZJHM: r.holderKey,
        QLRMC: r.holderName,
        DJSJ: r.registeredOn,
        GXSJ: r.updatedAt,
      })),
      tick('real-estate rights'),
    );
    await insertChunked(
      trx,
      'BDC_TXQL',
      world.encumbrances.map((e, i) => ({
        ID: i + 1,
        BDCQZH: e.certificateNo,
        TXQLLX: e.kindCode,
        TXQLR: e.holderName,
        DJSJ: e.registeredOn,
        JE: e.amount,
        WH: e.documentNo,
      })),
      tick('encumbrances'),
    );
  });
}
