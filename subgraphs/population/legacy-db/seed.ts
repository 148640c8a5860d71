/**
 * Writes the department's slice of the World: the code tables, then households, persons
 * and their case flags, in multi-row INSERTs. Rows are built chunk by chunk so a
 * 1,000,000-person world never exists twice in memory.
 */
import type { Knex } from 'knex';
import type { Database } from '../../../lib/db';
import type { SeedProgress } from '../../../lib/subgraph';
import type { World } from '../../../lib/synthetic';
import { CASE_FLAG, ETHNICITY, GENDER, MARITAL_STATUS, RELATION_TO_HEAD } from '../../../lib/synthetic';
import { TABLES } from './ddl';
import { ajbjRows, hjxxRow, jbxxRow } from './rows';

/**
 * Bound parameters per INSERT. PostgreSQL's wire protocol caps a statement at 65,535 (and
 * MySQL's prepared statements too); staying under half leaves room and keeps each statement
 * a few hundred kB, which measured as fast as larger ones.
 */
const MAX_PARAMETERS = 30_000;

const CODE_TABLES: Array<[string, Record<string, string>]> = [
  ['DM_XB', GENDER],
  ['DM_MZ', ETHNICITY],
  ['DM_HYZK', MARITAL_STATUS],
  ['DM_YHZGX', RELATION_TO_HEAD],
  ['DM_AJBJ', CASE_FLAG],
];

function rowsPerInsert(columns: number): number {
  return Math.floor(MAX_PARAMETERS / columns);
}

async function insertChunked<S, R extends object>(
  knex: Knex,
  table: string,
  columns: number,
  source: readonly S[],
  toRows: (item: S) => R[],
  onChunk: (done: number) => void,
): Promise<void> {
  const size = rowsPerInsert(columns);
  let pending: R[] = [];
  for (let i = 0; i < source.length; i++) {
    pending.push(...toRows(source[i]));
    if (pending.length >= size) {
      await knex(table).insert(pending);
      pending = [];
      onChunk(i + 1);
    }
  }
  if (pending.length) await knex(table).insert(pending);
  onChunk(source.length);
}

/** Replaces the department's data with `world`'s slice (safe to run on a seeded database). */
export async function seed(db: Database, world: World, progress?: SeedProgress): Promise<void> {
  const { knex } = db;
  for (const table of TABLES) await knex(table).del();
  for (const [table, names] of CODE_TABLES) {
    await knex(table).insert(Object.entries(names).map(([DM, MC]) => ({ DM, MC })));
  }

  const total = world.households.length + world.persons.length;
  const headStamps = new Map<string, string | undefined>(world.households.map((h) => [h.headIdNumber, undefined]));
  for (const p of world.persons) if (headStamps.has(p.idNumber)) headStamps.set(p.idNumber, p.updatedAt);
  const householdRow = (h: World['households'][number]) => {
    const stamp = headStamps.get(h.headIdNumber);
    if (!stamp) throw new Error(`household ${h.number} names head ${h.headIdNumber}, who is not among the world's persons`);
    return [hjxxRow(h, stamp)];
  };

  await insertChunked(knex, 'RK_HJXX', 5, world.households, householdRow, (done) => progress?.tick(done, total, 'households'));
  headStamps.clear();

  const base = world.households.length;
  await insertChunked(knex, 'RK_JBXX', 13, world.persons, (p) => [jbxxRow(p)], (done) => progress?.tick(base + done, total, 'persons'));
  // Flags are rare (~2 %), so one pass collecting them costs little.
  await insertChunked(knex, 'RK_AJBJ', 3, world.persons, ajbjRows, () => undefined);
}

export async function isSeeded(db: Database): Promise<boolean> {
  if (!(await db.knex.schema.hasTable('RK_JBXX'))) return false;
  const row = await db.knex('RK_JBXX').first('GMSFHM');
  return row !== undefined;
}
