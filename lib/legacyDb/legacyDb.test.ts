/**
 * Runtime support of generated subgraphs (lib/legacyDb/): keys checked before SQL, legacy
 * values cleaned, and the described legacy database — created empty in the embedded engine,
 * only checked (never changed) on a real server.
 */
import { GraphQLError } from 'graphql';
import knexFactory from 'knex';
import { randomBytes } from 'node:crypto';
import { connectServer } from '../db';
import { openEmptyEmbedded } from '../../test/support/templates';
import { readCatalog, type LegacyTable } from './catalog';
import { LegacyDatabaseMismatch, describedLegacyDatabase } from './describedDatabase';
import { compositeKey, keyParts, referenceKey, requireKey } from './keys';
import * as values from './values';

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err instanceof GraphQLError ? err.extensions.code : err;
  }
  return undefined;
}

describe('requireKey', () => {
  it('accepts a key as its column holds it, from an argument or a representation', () => {
    expect(requireKey(' P0001 ', { column: 'GRBH', kind: 'text', maxLength: 20 }, 'k')).toBe('P0001');
    expect(requireKey(42, { column: 'ID', kind: 'int' }, 'k')).toBe('42');
    expect(requireKey('2025-01-31', { column: 'RQ', kind: 'date' }, 'k')).toBe('2025-01-31');
  });

  it.each([
    ['', { column: 'GRBH', kind: 'text' as const }],
    [null, { column: 'GRBH', kind: 'text' as const }],
    [{ a: 1 }, { column: 'GRBH', kind: 'text' as const }],
    ['x'.repeat(21), { column: 'GRBH', kind: 'text' as const, maxLength: 20 }],
    ['12a', { column: 'ID', kind: 'int' as const }],
    ['1'.repeat(19), { column: 'ID', kind: 'int' as const }],
    ['2025-13-45', { column: 'RQ', kind: 'date' as const }],
    ['1e5', { column: 'JE', kind: 'number' as const }],
  ])('refuses %p with BAD_USER_INPUT', (value, spec) => {
    expect(codeOf(() => requireKey(value, spec, 'k'))).toBe('BAD_USER_INPUT');
  });

  it('folds composite keys into one loader key and back; a reference with a null part is none', () => {
    expect(keyParts(compositeKey(['P0001', 202501]))).toEqual(['P0001', '202501']);
    expect(referenceKey(['P0001', '202501'])).toBe(compositeKey(['P0001', '202501']));
    expect(referenceKey([7])).toBe('7');
    expect(referenceKey(['P0001', null])).toBeNull();
  });
});

describe('values', () => {
  it('cleans what the drivers hand over', () => {
    expect(values.chars('320102    ')).toBe('320102');
    expect(values.key('P0001  ')).toBe('P0001');
    expect(values.key(12)).toBe('12');
    expect(values.bool(1)).toBe(true);
    expect(values.bool(0)).toBe(false);
    expect(values.bool(null)).toBeNull();
    expect(values.decimal('6543.21')).toBe('6543.21');
    expect(values.bigint(9007199254740993n)).toBe('9007199254740993');
    expect(values.date('1980-01-01')).toBe('1980-01-01');
    // Beijing wall clock → UTC instant
    expect(values.fromWallClock('2025-03-05T08:00:00')).toBe('2025-03-05T00:00:00.000Z');
    expect(values.fromWallClock(null)).toBeNull();
    expect(values.instant(new Date('2025-03-05T00:00:00Z'))).toBe('2025-03-05T00:00:00.000Z');
  });
});

/** A MySQL department's tables, as `govgraph subgraph init` describes them. */
const TABLES: LegacyTable[] = [
  {
    name: 'SB_GRCBXX',
    comment: '个人参保信息',
    columns: [
      { name: 'GRBH', sqlType: 'varchar(20)', kind: 'text', length: 20, nullable: false, comment: '个人编号' },
      { name: 'XB', sqlType: 'char(1)', kind: 'text', length: 1, fixedWidth: true, nullable: true },
      { name: 'JFJS', sqlType: 'decimal(12,2)', kind: 'decimal', nullable: true },
      { name: 'YXBZ', sqlType: 'tinyint(1)', kind: 'boolean', nullable: true },
      { name: 'GXSJ', sqlType: 'datetime', kind: 'timestamp', nullable: false },
      { name: 'ZP', sqlType: 'blob', kind: 'unsupported', nullable: true },
    ],
    primaryKey: ['GRBH'],
    foreignKeys: [],
  },
];

describe('describedLegacyDatabase', () => {
  const legacy = describedLegacyDatabase({ embeddedSchema: 'onboard_test', dialect: 'mysql', tables: TABLES });

  it('creates the described tables, empty, in the embedded engine, and drops only there', async () => {
    const embedded = await openEmptyEmbedded(); // as EmbeddedPostgres.open() gives, from the tests' cached empty cluster
    try {
      const db = await embedded.department('onboard_test', (d) => legacy.migrate(d));
      const catalog = await readCatalog(db.knex, 'postgres');
      const t = catalog.tables.find((x) => x.name === 'SB_GRCBXX')!;
      expect(t.primaryKey).toEqual(['GRBH']);
      expect(t.columns.map((c) => [c.name, c.kind])).toEqual([
        ['GRBH', 'text'],
        ['XB', 'text'],
        ['JFJS', 'decimal'],
        ['YXBZ', 'boolean'],
        ['GXSJ', 'timestamp'],
      ]);
      expect(await legacy.isSeeded(db)).toBe(true);
      await legacy.drop(db);
      expect(await db.knex.schema.hasTable('SB_GRCBXX')).toBe(false);
    } finally {
      await embedded.close();
    }
  });

  const pg = process.env.GOVGRAPH_PG_URL;
  (pg ? it : it.skip)('on a real server changes nothing: it checks the live tables and names what is missing', async () => {
    const name = `gg_described_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = knexFactory({ client: 'pg', connection: pg, pool: { min: 0, max: 1 } });
    await admin.raw('CREATE DATABASE ??', [name]);
    const u = new URL(pg!);
    u.pathname = `/${name}`;
    const db = connectServer(u.toString());
    try {
      await db.knex.schema.createTable('SB_GRCBXX', (t) => {
        t.string('GRBH', 20).primary();
        t.specificType('XB', 'char(1)');
      });
      await db.knex('SB_GRCBXX').insert({ GRBH: 'P1', XB: '1' });
      const err = await legacy.migrate(db).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LegacyDatabaseMismatch);
      expect((err as Error).message).toContain('SB_GRCBXX lacks JFJS, YXBZ, GXSJ');
      await legacy.drop(db); // never on a real server
      expect(await db.knex('SB_GRCBXX').count({ n: '*' })).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    }
  });
});
