/**
 * The suites' seeded databases are copies of templates made once (test/support/templates.ts).
 * A copy must hold exactly what seeding it afresh would, be private to its suite, and a
 * template must be rebuilt when anything its build runs has changed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { subgraphs } from '../../subgraphs';
import { generateWorld } from '../../lib/synthetic';
import { openSeededDatabase, openSeededFederation, TEST_PERSONS, type TestDatabase } from '../support/databases';
import { importClosure } from '../support/templates';

/** Every table of the database's department, with its rows in a stable order. */
async function contents(t: TestDatabase, schema: string): Promise<Record<string, unknown[]>> {
  const knex: Knex = t.db.knex;
  let tables: string[];
  if (t.engine === 'mysql') {
    const [rows] = await knex.raw('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = ?', ['BASE TABLE']);
    tables = rows.map((r: { t: string }) => r.t);
  } else {
    const { rows } = await knex.raw('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = ?', [t.engine === 'pglite' ? schema : 'public', 'BASE TABLE']);
    tables = rows.map((r: { t: string }) => r.t).filter((name: string) => name !== 'spatial_ref_sys');
  }
  const out: Record<string, unknown[]> = {};
  for (const table of tables.sort()) {
    const rows = await knex(table).select();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe.each(subgraphs.map((def) => [def.name, def] as const))('%s: a copy of the seeded template', (_name, def) => {
  let copy: TestDatabase;
  let fresh: TestDatabase;
  beforeAll(async () => {
    // Another World object of the same size takes the slow path: migrate and seed afresh.
    [copy, fresh] = await Promise.all([openSeededDatabase(def), openSeededDatabase(def, generateWorld({ persons: TEST_PERSONS }))]);
  });
  afterAll(async () => {
    await Promise.all([copy?.drop(), fresh?.drop()]);
  });

  it('holds exactly what seeding afresh writes', async () => {
    const [a, b] = await Promise.all([contents(copy, def.legacyDb.embeddedSchema), contents(fresh, def.legacyDb.embeddedSchema)]);
    expect(Object.keys(a).length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });

  it('is its own: what one suite writes is in no other copy, nor in the template', async () => {
    await copy.db.knex.schema.createTable('gg_copy_probe', (t) => t.integer('n'));
    await copy.db.knex('gg_copy_probe').insert({ n: 1 });
    const next = await openSeededDatabase(def);
    try {
      expect(await next.db.knex.schema.hasTable('gg_copy_probe')).toBe(false);
    } finally {
      await next.drop();
    }
  });
});

describe('a federation of seeded databases (what a test stack runs on)', () => {
  let federation: Map<string, TestDatabase>;
  beforeAll(async () => {
    federation = await openSeededFederation(subgraphs);
  });
  afterAll(async () => {
    await Promise.all([...(federation?.values() ?? [])].map((t) => t.drop()));
  });

  it.each(subgraphs.map((def) => [def.name, def] as const))('holds for %s what its own seeded copy holds', async (_name, def) => {
    const own = await openSeededDatabase(def);
    try {
      const schema = def.legacyDb.embeddedSchema;
      expect(await contents(federation.get(def.name)!, schema)).toEqual(await contents(own, schema));
    } finally {
      await own.drop();
    }
  });

  it('embedded, puts the departments on one engine, as `npm start` does; the platform database and servers\' are each their own', () => {
    const group = (name: string) => (federation.get(name)!.engine === 'pglite' && name !== 'sharing' ? 'one engine' : name);
    for (const a of subgraphs) {
      for (const b of subgraphs) {
        const same = federation.get(a.name)!.db.knex === federation.get(b.name)!.db.knex;
        expect([a.name, b.name, same]).toEqual([a.name, b.name, group(a.name) === group(b.name)]);
      }
    }
  });
});

describe('a template is keyed by every file its build runs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-closure-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('legacy-db/index.ts', "import { seed } from './seed';\nimport type { Row } from '../types';\nexport { ddl } from './ddl';\n");
    write('legacy-db/seed.ts', "import { world } from '../world';\nimport { something } from 'a-package';\n");
    write('legacy-db/ddl.ts', "export const ddl = require('./ddl.json');\n");
    write('legacy-db/ddl.json', '{}');
    write('world/index.ts', "export * from './people';\n");
    write('world/people.ts', 'export const people = [];\n');
    write('types.ts', 'export type Row = {};\n');
    write('unrelated.ts', 'export const x = 1;\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('follows relative imports, re-exports, index files and requires; not type-only imports or packages', () => {
    const files = importClosure([path.join(dir, 'legacy-db', 'index.ts')]).map((f) => path.relative(dir, f));
    expect(files).toEqual(['legacy-db/ddl.json', 'legacy-db/ddl.ts', 'legacy-db/index.ts', 'legacy-db/seed.ts', 'world/index.ts', 'world/people.ts']);
  });
});
