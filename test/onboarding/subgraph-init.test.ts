/**
 * `govgraph subgraph init` against throw-away legacy databases on the real PostgreSQL and
 * MariaDB servers (GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL; skipped without them: the command
 * reads a server's catalog), into a scratch copy of the repository: the generated subgraphs
 * build, compose with the others, pass the policy check, serve through a gateway that denies
 * every field, and read one statement per table for a batch; each refusal has its code.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { subgraphs } from '../../subgraphs';
import { sharing } from '../../subgraphs/sharing/server';
import { composeServiceList, composeSupergraph } from '../../gateway/compose';
import { connectServer, type Database } from '../../lib/db';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { checkPolicy } from '../../lib/policy/check';
import { initSubgraph, type InitOptions } from '../../lib/onboarding/init';
import { INIT_REFUSALS, InitRefusal, type InitRefusalCode } from '../../lib/onboarding/refusal';
import { startStack, type RunningStack } from '../../app/stack';
import { openPlatformDatabase, type TestDatabase } from '../support/databases';
import { testSecurity, PEOPLE, type TestSecurity } from '../support/security';
import { postGraphQL } from '../support/http';
import { recordSql } from '../support/subgraph';
import { REPO_ROOT, scratchRepository, type ScratchRepository } from '../support/scratchRepository';

const run = promisify(execFile);

/** Runs the real command line; resolves with its exit code and output (never rejects on a non-zero exit). */
async function govgraph(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/govgraph.js'), ...args], { cwd: REPO_ROOT, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

type Dialect = 'postgres' | 'mysql';
const SERVERS: Record<Dialect, string | undefined> = { postgres: process.env.GOVGRAPH_PG_URL, mysql: process.env.GOVGRAPH_MYSQL_URL };

interface LegacyServerDb {
  url: string;
  knex: Knex;
  drop(): Promise<void>;
}

/** A fresh empty database on the real server of `dialect`. */
async function createDatabase(dialect: Dialect): Promise<LegacyServerDb> {
  const server = SERVERS[dialect]!;
  const name = `gg_onboard_${process.pid}_${randomBytes(3).toString('hex')}`;
  const client = dialect === 'mysql' ? 'mysql2' : 'pg';
  const admin = knexFactory({ client, connection: server, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(dialect === 'mysql' ? 'CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_bin' : 'CREATE DATABASE ??', [name]);
  } finally {
    await admin.destroy();
  }
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  const knex = knexFactory({ client, connection: url, pool: { min: 0, max: 2 } });
  return {
    url,
    knex,
    async drop() {
      await knex.destroy();
      const again = knexFactory({ client, connection: server, pool: { min: 0, max: 1 } });
      try {
        await again.raw(dialect === 'mysql' ? 'DROP DATABASE IF EXISTS ??' : 'DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      } finally {
        await again.destroy();
      }
    },
  };
}

/**
 * A small 人社-style legacy schema: pinyin-initial names with their meaning in comments, a
 * code table, a foreign key to it and one to another table, a composite key, CHAR codes,
 * an amount in 分 as bigint, and a log table without a primary key.
 */
async function createLegacySchema(knex: Knex): Promise<void> {
  await knex.schema.createTable('DM_XB', (t) => {
    t.comment('性别代码表');
    t.specificType('DM', 'CHAR(1)').primary().comment('代码');
    t.string('MC', 20).notNullable().comment('名称');
  });
  await knex.schema.createTable('SB_DWXX', (t) => {
    t.comment('参保单位信息');
    t.string('DWBH', 20).primary().comment('单位编号');
    t.string('DWMC', 100).notNullable().comment('单位名称');
    t.specificType('TYSHXYDM', 'CHAR(18)').comment('统一社会信用代码');
    t.specificType('XZQH', 'CHAR(6)').comment('行政区划代码');
    t.timestamp('GXSJ', { useTz: false }).notNullable().comment('更新时间');
  });
  await knex.schema.createTable('SB_GRCBXX', (t) => {
    t.comment('个人参保信息');
    t.string('GRBH', 20).primary().comment('个人编号');
    t.specificType('GMSFHM', 'CHAR(18)').notNullable().comment('公民身份号码');
    t.string('XM', 50).notNullable().comment('姓名');
    t.specificType('XB', 'CHAR(1)').references('DM').inTable('DM_XB').comment('性别');
    t.date('CSRQ').comment('出生日期');
    t.string('DWBH', 20).references('DWBH').inTable('SB_DWXX').comment('单位编号');
    t.decimal('JFJS', 12, 2).comment('缴费基数（元/月）');
    t.integer('JFYS').comment('缴费月数');
    t.boolean('YXBZ').comment('有效标志');
    t.timestamp('GXSJ', { useTz: false }).notNullable().comment('更新时间');
  });
  await knex.schema.createTable('SB_JFMX', (t) => {
    t.comment('缴费明细');
    t.string('GRBH', 20).notNullable().references('GRBH').inTable('SB_GRCBXX').comment('个人编号');
    t.specificType('SSNY', 'CHAR(6)').notNullable().comment('所属年月');
    t.bigInteger('JFJE').comment('缴费金额（分）');
    t.primary(['GRBH', 'SSNY']);
  });
  await knex.schema.createTable('SB_CZRZ', (t) => {
    t.comment('操作日志');
    t.timestamp('CZSJ', { useTz: false }).comment('操作时间');
    t.string('CZNR', 200).comment('操作内容');
  });
  await knex('DM_XB').insert([
    { DM: '1', MC: '男' },
    { DM: '2', MC: '女' },
  ]);
  await knex('SB_DWXX').insert([
    { DWBH: 'DW001', DWMC: '南京示例科技有限公司', TYSHXYDM: '91320102MA1XXXXX0A', XZQH: '320102', GXSJ: '2025-03-01 09:30:00' },
    { DWBH: 'DW002', DWMC: '南京示例物流有限公司', TYSHXYDM: '91320115MA1YYYYY1B', XZQH: '320115', GXSJ: '2025-03-02 10:00:00' },
  ]);
  await knex('SB_GRCBXX').insert(
    PERSONS.map((p, i) => ({
      GRBH: p,
      GMSFHM: `32010219800101${String(1000 + i)}`,
      XM: `测试${i}`,
      XB: i % 2 ? '2' : '1',
      CSRQ: '1980-01-01',
      DWBH: i % 2 ? 'DW002' : 'DW001',
      JFJS: '6543.21',
      JFYS: 120 + i,
      YXBZ: true,
      GXSJ: '2025-03-05 08:00:00',
    })),
  );
  await knex('SB_JFMX').insert([
    { GRBH: PERSONS[0], SSNY: '202501', JFJE: 65432 },
    { GRBH: PERSONS[0], SSNY: '202502', JFJE: 65432 },
  ]);
}

const PERSONS = ['P0001', 'P0002', 'P0003', 'P0004', 'P0005'];
const DATA_TABLES = 'SB_DWXX,SB_GRCBXX,SB_JFMX';

/** In-process init with the real subgraph list, for the refusals (nothing is written by them). */
function refusalOf(opts: Partial<InitOptions> & { db: string }, root: string): Promise<InitRefusal> {
  return initSubgraph({ name: 'onboard-refused', department: 'onboard-refused-bureau', registry: subgraphs, compose: composeServiceList, root, codegen: false, ...opts }).then(
    () => {
      throw new Error('expected a refusal');
    },
    (err: unknown) => {
      if (!(err instanceof InitRefusal)) throw err;
      return err;
    },
  );
}

function expectRefusal(err: InitRefusal, code: InitRefusalCode): void {
  expect(err.code).toBe(code);
  expect(err.exitCode).toBe(INIT_REFUSALS[code].exitCode);
  expect(err.message).not.toMatch(/\n/); // one line
}

describe('govgraph subgraph init: refusals that need no database', () => {
  let repo: ScratchRepository;
  beforeAll(() => (repo = scratchRepository()));
  afterAll(() => repo.remove());

  it('refuses an unsupported URL scheme (exit 3) before anything else', async () => {
    expectRefusal(await refusalOf({ db: 'sqlite:///var/db/rs.db' }, repo.root), 'UNSUPPORTED_DATABASE_URL');
    expectRefusal(await refusalOf({ db: 'oracle://sb@10.0.0.1:1521/RS' }, repo.root), 'UNSUPPORTED_DATABASE_URL');
  });

  it('refuses a malformed name, department or port (exit 2)', async () => {
    const db = 'postgres://nobody@127.0.0.1:1/none';
    expectRefusal(await refusalOf({ db, name: 'Social_Security' }, repo.root), 'INVALID_ARGUMENT');
    expectRefusal(await refusalOf({ db, department: 'HR dept' }, repo.root), 'INVALID_ARGUMENT');
    expectRefusal(await refusalOf({ db, port: 80 }, repo.root), 'INVALID_ARGUMENT');
    expectRefusal(await refusalOf({ db, typeNames: { SB_GRCBXX: 'lowercase' } }, repo.root), 'INVALID_ARGUMENT');
  });

  it('refuses a subgraph name, a department or a port that exists (exit 6)', async () => {
    const db = 'postgres://nobody@127.0.0.1:1/none';
    expectRefusal(await refusalOf({ db, name: 'population' }, repo.root), 'ALREADY_EXISTS');
    expectRefusal(await refusalOf({ db, department: 'public-security' }, repo.root), 'ALREADY_EXISTS');
    expectRefusal(await refusalOf({ db, port: 4001 }, repo.root), 'ALREADY_EXISTS');
    // A folder with a subgraph in it (not yet in the list) is taken.
    fs.mkdirSync(path.join(repo.root, 'subgraphs', 'onboard-refused'));
    fs.writeFileSync(path.join(repo.root, 'subgraphs', 'onboard-refused', 'schema.graphql'), 'type Query { x: Int }\n');
    try {
      expectRefusal(await refusalOf({ db }, repo.root), 'ALREADY_EXISTS');
    } finally {
      fs.rmSync(path.join(repo.root, 'subgraphs', 'onboard-refused'), { recursive: true });
    }
    // A department with a policy file but no subgraph yet is taken too.
    fs.writeFileSync(path.join(repo.root, 'policies', 'onboard-refused-bureau.yaml'), 'provider: onboard-refused-bureau\nsubgraph: x\ntypes: {}\n');
    try {
      expectRefusal(await refusalOf({ db }, repo.root), 'ALREADY_EXISTS');
    } finally {
      fs.rmSync(path.join(repo.root, 'policies', 'onboard-refused-bureau.yaml'));
    }
  });

  it('refuses an unreachable database (exit 4) with the URL redacted and no driver message', async () => {
    const err = await refusalOf({ db: 'postgres://reader:s3cret@127.0.0.1:1/rs' }, repo.root);
    expectRefusal(err, 'DATABASE_UNREACHABLE');
    expect(err.message).not.toContain('s3cret');
  });

  it('prints one line with the code and exits with its status (the real command line)', async () => {
    const r = await govgraph(['subgraph', 'init', 'onboard-cli', '--department', 'onboard-cli-bureau', '--db', 'sqlite:///x.db', '--root', repo.root]);
    expect(r.code).toBe(INIT_REFUSALS.UNSUPPORTED_DATABASE_URL.exitCode);
    expect(r.stderr).toMatch(/^govgraph subgraph init: UNSUPPORTED_DATABASE_URL: [^\n]+\n$/);
    expect(r.stdout).toBe('');
  });
});

const dialects = (Object.keys(SERVERS) as Dialect[]).filter((d) => SERVERS[d]);
const describeServers = dialects.length ? describe : describe.skip;

describeServers('govgraph subgraph init over real legacy databases', () => {
  let repo: ScratchRepository;
  const legacy = new Map<Dialect, LegacyServerDb>();
  /**
   * What each dialect's run is called. Both land in the same tree, so the second names its
   * types with --names (its tables' default names would clash with the first's).
   */
  const NAMES: Record<Dialect, { name: string; department: string; names?: string; employer: string; person: string; payment: string; list: string }> = {
    postgres: { name: 'onboard-pg', department: 'onboard-pg-bureau', employer: 'SbDwxx', person: 'SbGrcbxx', payment: 'SbJfmx', list: 'sbGrcbxxes' },
    mysql: {
      name: 'onboard-mysql',
      department: 'onboard-mysql-bureau',
      names: 'SB_DWXX=InsuredEmployer,SB_GRCBXX=InsuredPerson,SB_JFMX=ContributionRecord',
      employer: 'InsuredEmployer',
      person: 'InsuredPerson',
      payment: 'ContributionRecord',
      list: 'insuredPersons',
    },
  };
  const generated = new Map<Dialect, SubgraphDefinition>();

  beforeAll(async () => {
    repo = scratchRepository();
    for (const d of dialects) {
      const db = await createDatabase(d);
      legacy.set(d, db);
      await createLegacySchema(db.knex);
    }
  });
  afterAll(async () => {
    await Promise.all([...legacy.values()].map((db) => db.drop()));
    repo.remove();
  });

  // Skipped with no server configured, but still collected: jest refuses an empty table.
  describe.each(dialects.length ? dialects : ['(none configured)' as Dialect])('on %s', (dialect) => {
    it('refuses an empty database, an unknown table, a table without a key and a missing database', async () => {
      const empty = await createDatabase(dialect);
      try {
        expectRefusal(await refusalOf({ db: empty.url }, repo.root), 'NO_TABLES');
      } finally {
        await empty.drop();
      }
      const url = legacy.get(dialect)!.url;
      expectRefusal(await refusalOf({ db: url, tables: ['SB_GRCBXX', 'SB_NOSUCH'] }, repo.root), 'NO_TABLES');
      const keyless = await refusalOf({ db: url }, repo.root);
      expectRefusal(keyless, 'NO_PRIMARY_KEY');
      expect(keyless.message).toContain('SB_CZRZ'); // names the table
      expect(keyless.message).toContain(`--tables ${DATA_TABLES}`); // and how to leave it out
      const missing = new URL(url);
      missing.pathname = '/gg_onboard_no_such_database';
      expectRefusal(await refusalOf({ db: missing.toString() }, repo.root), 'DATABASE_UNREACHABLE');
    });

    it('writes a subgraph, its registry entry, its codegen section, its policy and the supergraph', async () => {
      const { name, department, names, employer, person, payment } = NAMES[dialect];
      // What the department prepared in the folder beforehand (its legacy-db/) is kept.
      const prepared = path.join(repo.root, 'subgraphs', name, 'legacy-db', 'seed.ts');
      fs.mkdirSync(path.dirname(prepared), { recursive: true });
      fs.writeFileSync(prepared, '// prepared by the department\nexport {};\n');
      const r = await govgraph(['subgraph', 'init', name, '--department', department, '--db', legacy.get(dialect)!.url, '--tables', DATA_TABLES, ...(names ? ['--names', names] : []), '--root', repo.root]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // What it read and wrote (the README shows this output).
      expect(r.stdout).toContain(`SB_GRCBXX        → ${person} @key(fields: "personNumber")`);
      expect(r.stdout).toContain('1 code table read by join (DM_XB)');
      const dir = path.join(repo.root, 'subgraphs', name);
      for (const f of ['schema.graphql', 'db.ts', 'loaders.ts', 'server.ts', 'resolvers/index.ts', 'resolvers/Query.ts', 'legacy-db/index.ts', 'legacy-db/tables.ts', '__generated__/resolvers-types.ts']) {
        expect(fs.existsSync(path.join(dir, f))).toBe(true);
      }
      // No process entry: a department folder is served by `govgraph serve <name>` (app/standalone.ts).
      expect(fs.existsSync(path.join(dir, 'index.ts'))).toBe(false);
      expect(fs.readFileSync(path.join(repo.root, 'subgraphs/index.ts'), 'utf8')).toContain(`./${name}/server'`);
      expect(fs.readFileSync(path.join(repo.root, 'codegen.yml'), 'utf8')).toContain(`subgraphs/${name}/__generated__/resolvers-types.ts:`);
      expect(fs.readFileSync(prepared, 'utf8')).toBe('// prepared by the department\nexport {};\n');
      // The real tree is untouched.
      expect(fs.existsSync(path.join(REPO_ROOT, 'subgraphs', name))).toBe(false);

      const policy = fs.readFileSync(path.join(repo.root, 'policies', `${department}.yaml`), 'utf8');
      const classified = policy.match(/^ {6}\w+: \{.*\}$/gm) ?? [];
      expect(classified.length).toBeGreaterThan(15);
      for (const line of classified) {
        expect(line).toContain('sharing: not-shared');
        expect(line).toContain('legalBasis: 未分级：待安全管理员分级');
      }

      const schema = fs.readFileSync(path.join(dir, 'schema.graphql'), 'utf8');
      expect(schema).toContain('extend schema @link(url: "https://specs.apollo.dev/federation/v2.9"');
      expect(schema).toContain(`type ${person} @key(fields: "personNumber")`);
      expect(schema).toContain(`type ${payment} @key(fields: "personNumber period")`);
      // Dictionary names, the comment as description, the code table read by join, the foreign key as an object.
      expect(schema).toMatch(/公民身份号码 \(GMSFHM, [^\n]+\)\n\s+"""\n\s+idNumber: String\n/);
      for (const field of ['name: String', 'gender: String', 'genderCode: String', 'birthDate: Date',  `employer: ${employer}`, 'contributionBase: String', 'paidMonths: Int', 'valid: Boolean', 'updatedAt: DateTime', 'uscc: String', 'divisionCode: String']) {
        expect(schema).toContain(`  ${field}\n`);
      }
      expect(schema).not.toMatch(/type \w+ @key[^{]*\{[^}]*!\n/); // every field nullable
      expect(schema).not.toMatch(/CZRZ|Czrz/);
      expect(schema).not.toContain('type DmXb');
    });
  });

  describe('the generated subgraphs', () => {
    let defs: SubgraphDefinition[];
    let all: SubgraphDefinition[];
    beforeAll(() => {
      // The scratch tree's list: the repository's subgraphs plus the generated ones.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      all = (require(path.join(repo.root, 'subgraphs')) as { subgraphs: SubgraphDefinition[] }).subgraphs;
      defs = dialects.map((d) => all.find((s) => s.name === NAMES[d].name)!);
      dialects.forEach((d, i) => generated.set(d, defs[i]));
    });

    it('are in the list and type-check (strict TypeScript)', async () => {
      expect(defs.every(Boolean)).toBe(true);
      const config = path.join(repo.root, 'tsconfig.onboard.json');
      fs.writeFileSync(config, JSON.stringify({ extends: './tsconfig.json', compilerOptions: { types: ['node'] }, include: dialects.map((d) => `subgraphs/${NAMES[d].name}`) }));
      const out = await run(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', config], { cwd: repo.root }).then(
        () => '',
        (err: { stdout?: string }) => err.stdout ?? '',
      );
      // Only the generated files are judged: lib/ is the live tree, which other work may have mid-edit.
      // (A configuration error has no file: it counts too.)
      const problems = out.split('\n').filter((l) => /^error TS\d+/.test(l) || dialects.some((d) => l.startsWith(`subgraphs/${NAMES[d].name}/`)));
      expect(problems).toEqual([]);
    }, 300_000);

    it('compose with the others as the written supergraph says, and pass the policy check', () => {
      const composed = composeSupergraph(all, (d) => `http://localhost:${d.defaultPort}/graphql`);
      expect(composed.ok).toBe(true);
      const written = fs.readFileSync(path.join(repo.root, 'gateway/supergraph.graphql'), 'utf8');
      // `govgraph compose --check` in that tree would find it up to date.
      expect(composed.ok && composed.supergraphSdl).toBe(written);
      // The policy check finds nothing it did not find before (the live tree may hold another department's unfinished file).
      const departments = Object.fromEntries(all.map((s) => [s.name, s.department]));
      const after = checkPolicy(written, path.join(repo.root, 'policies'), { departments, displayDir: 'policies' });
      const beforeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-policies-before-'));
      try {
        fs.cpSync(path.join(repo.root, 'policies'), beforeDir, { recursive: true });
        for (const d of dialects) fs.rmSync(path.join(beforeDir, `${NAMES[d].department}.yaml`));
        const others = composeSupergraph(all.filter((s) => !defs.includes(s)), (d) => `http://localhost:${d.defaultPort}/graphql`);
        const before = new Set(others.ok ? checkPolicy(others.supergraphSdl, beforeDir, { departments, displayDir: 'policies' }) : []);
        expect(after.filter((p) => !before.has(p))).toEqual([]);
      } finally {
        fs.rmSync(beforeDir, { recursive: true, force: true });
      }
    });

    describe('served through the gateway', () => {
      let security: TestSecurity;
      let platform: TestDatabase;
      let stack: RunningStack;
      const databases = new Map<string, Database>();

      beforeAll(async () => {
        security = await testSecurity(path.join(repo.root, 'policies'));
        platform = await openPlatformDatabase();
        for (const d of dialects) databases.set(NAMES[d].name, connectServer(legacy.get(d)!.url));
        const served = [sharing as SubgraphDefinition, ...defs];
        const composed = composeSupergraph(served, (d) => `http://localhost:${d.defaultPort}/graphql`);
        if (!composed.ok) throw new Error(composed.errors.join('\n'));
        stack = await startStack({
          subgraphs: served,
          databases: new Map([['sharing', platform.db], ...databases]),
          ports: () => 0,
          security,
          supergraphSdl: composed.supergraphSdl,
        });
      });
      afterAll(async () => {
        await stack?.stop();
        security?.policy.close();
        await Promise.all([...databases.values()].map((db) => db.close()));
        await platform?.drop();
      });

      const LIST = `query ($keys: [ID!]!) {
        sbGrcbxxes(personNumbers: $keys) { personNumber idNumber name gender genderCode birthDate contributionBase paidMonths valid updatedAt employer { employerName uscc } }
      }`;

      it.each(dialects)('denies every field to another department with FORBIDDEN / NOT_SHARED (%s)', async (dialect) => {
        const headers = await security.headers(PEOPLE.caseworker, { purpose: 'dibao-verification' });
        const query = LIST.replace('sbGrcbxxes', NAMES[dialect].list);
        const res = await postGraphQL(`${stack.gatewayUrl}/graphql`, query, { keys: PERSONS.slice(0, 3) }, headers);
        const rows = Object.values(res.data ?? {})[0] as Array<Record<string, unknown>>;
        expect(rows).toHaveLength(3);
        for (const row of rows) for (const value of Object.values(row)) expect(value).toBeNull();
        expect(res.errors?.length).toBe(3 * 11);
        for (const e of res.errors ?? []) {
          expect(e.extensions?.code).toBe('FORBIDDEN');
          expect(e.extensions?.reason).toBe('NOT_SHARED');
        }
      });

      it.each(dialects)('serves the department its own rows, legacy values cleaned (%s)', async (dialect) => {
        const def = generated.get(dialect)!;
        const provider = { user: 'onboard-0001', dept: def.department, division: '320100', roles: [`provider:${def.department}`] };
        const headers = await security.headers(provider, { purpose: 'own-records' });
        const res = await postGraphQL(`${stack.gatewayUrl}/graphql`, LIST.replace('sbGrcbxxes', NAMES[dialect].list), { keys: ['P0002', 'P9999'] }, headers);
        expect(res.errors).toBeUndefined();
        const [found, missing] = Object.values(res.data ?? {})[0] as Array<Record<string, any> | null>;
        expect(missing).toBeNull();
        expect(found).toEqual({
          personNumber: 'P0002',
          idNumber: '320102198001011001',
          name: '测试1',
          gender: '女',
          genderCode: '2',
          birthDate: '1980-01-01',
          contributionBase: '6543.21',
          paidMonths: 121,
          valid: true,
          updatedAt: '2025-03-05T00:00:00.000Z', // 08:00 Beijing time
          employer: { employerName: '南京示例物流有限公司', uscc: '91320115MA1YYYYY1B' },
        });
      });

      it.each(dialects)('reads a batch of entities with one statement per table (%s)', async (dialect) => {
        const def = generated.get(dialect)!;
        const type = NAMES[dialect].person;
        const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on ${type} { name employer { employerName } } } }`;
        const variables = { reps: PERSONS.map((p) => ({ __typename: type, personNumber: p })) };
        const body = JSON.stringify({ query, variables });
        const identity = { user: 'onboard-0001', dept: def.department, division: '320100', roles: [`provider:${def.department}`] };
        const { result, sql } = await recordSql(databases.get(def.name)!.knex, async () =>
          postGraphQL(stack.subgraphUrls[def.name], query, variables, await security.credentialFor(def.name, body, identity)),
        );
        expect(result.errors).toBeUndefined();
        expect((result.data as { _entities: unknown[] })._entities).toHaveLength(PERSONS.length);
        const tables = sql.map((s) => /from [`"]?(\w+)/i.exec(s)?.[1]);
        expect(tables.sort()).toEqual(['SB_DWXX', 'SB_GRCBXX']);
      });

      it.each(dialects)('refuses a malformed key with BAD_USER_INPUT, not a database error (%s)', async (dialect) => {
        const def = generated.get(dialect)!;
        const headers = await security.headers({ user: 'onboard-0001', dept: def.department, division: '320100', roles: [`provider:${def.department}`] }, { purpose: 'own-records' });
        const res = await postGraphQL(`${stack.gatewayUrl}/graphql`, LIST.replace('sbGrcbxxes', NAMES[dialect].list), { keys: ['P'.repeat(21)] }, headers);
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      });
    });
  });

});
