/**
 * `govgraph subgraph init`: a department's existing database in, a working deny-by-default
 * subgraph out. Everything is decided and checked in memory first — the catalog read, the
 * model, every file, the composition with the other subgraphs and `govgraph policy check` —
 * and only then written, so a refusal leaves the tree as it was.
 *
 * The other subgraphs and the composition come in as arguments: lib/ does not import the
 * subgraph list or the gateway (cli/commands/subgraph.ts hands them in).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
import knexFactory, { type Knex } from 'knex';
import type { Dialect } from '../db';
import { redactUrl } from '../db';
import { chinaDate } from '../chinaDate';
import { readCatalog, type LegacyCatalog } from '../legacyDb/catalog';
import { checkPolicyDetailed } from '../policy/check';
import { LAYOUT, libFrom } from './layout';
import { buildModel, type SubgraphModel } from './model';
import { identifierOf, typePrefixOf } from './naming';
import { InitRefusal } from './refusal';
import { renderDb, renderLegacyDbIndex, renderLegacyTables, renderLoaders, renderResolvers, renderServer, type ImportRoots } from './render/code';
import { renderPolicy } from './render/policy';
import { renderSchema } from './render/schema';
import { addCodegenSection, addToRegistry, resolvedCodegenSection } from './treeEdits';

/** What the command needs to know of a subgraph already in the list. */
export interface RegisteredSubgraph {
  name: string;
  department: string;
  defaultPort: number;
  typeDefs: DocumentNode;
}

export type ComposeFn = (services: Array<{ name: string; url: string; typeDefs: DocumentNode }>) => { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

export interface InitOptions {
  name: string;
  department: string;
  /** postgres://, postgresql://, mysql:// or mariadb:// */
  db: string;
  tables?: string[];
  /** Table → type name (`--names SB_GRCBXX=SocialInsuranceEnrolment`). */
  typeNames?: Record<string, string>;
  /** @default one above the highest port in use */
  port?: number;
  /** The repository to write into. */
  root: string;
  /** The subgraphs in `root`'s list, in list order. */
  registry: RegisteredSubgraph[];
  compose: ComposeFn;
  /** Run codegen for the new subgraph (needs the dev dependency @graphql-codegen/cli). @default true */
  codegen?: boolean;
  /** @default today in China */
  today?: string;
}

export interface InitResult {
  model: SubgraphModel;
  /** Files written or changed, relative to the root, in writing order. */
  files: string[];
  /** `ok`, or why codegen did not run (the user then runs `npm run codegen`). */
  codegen: 'ok' | string;
  /** Problems `govgraph policy check` had before the new subgraph (none added by it). */
  policyProblemsBefore: string[];
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function dialectOfDatabaseUrl(url: string): Dialect {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  if (/^(mysql|mariadb):\/\//i.test(url)) return 'mysql';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  throw new InitRefusal('UNSUPPORTED_DATABASE_URL', `${scheme ? `${scheme}://` : 'a URL without a scheme'} is not supported: use postgres://user@host:5432/db or mysql://user@host:3306/db`);
}

function validate(opts: InitOptions): { dialect: Dialect; port: number } {
  if (!NAME.test(opts.name) || opts.name.length > 40) throw new InitRefusal('INVALID_ARGUMENT', `subgraph name "${opts.name}": use lower-case words joined by hyphens, e.g. social-security`);
  if (!NAME.test(opts.department) || opts.department.length > 60) throw new InitRefusal('INVALID_ARGUMENT', `department "${opts.department}": use the department code, lower-case words joined by hyphens, e.g. human-resources`);
  if (opts.tables && (!opts.tables.length || opts.tables.some((t) => !t.trim()))) throw new InitRefusal('INVALID_ARGUMENT', '--tables: list table names separated by commas');
  for (const [table, type] of Object.entries(opts.typeNames ?? {})) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(type) || !table) throw new InitRefusal('INVALID_ARGUMENT', `--names ${table}=${type}: give TABLE=TypeName, the type name in PascalCase`);
  }
  const used = new Map<number, string>([[4000, 'the gateway'], ...opts.registry.map((s) => [s.defaultPort, `subgraph ${s.name}`] as [number, string])]);
  const port = opts.port ?? Math.max(...used.keys()) + 1;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new InitRefusal('INVALID_ARGUMENT', `--port ${opts.port}: a port from 1024 to 65535`);
  const dialect = dialectOfDatabaseUrl(opts.db);

  const existing = opts.registry.find((s) => s.name === opts.name);
  if (existing) throw new InitRefusal('ALREADY_EXISTS', `subgraph ${opts.name} already exists (${LAYOUT.registry}); choose another name`);
  // A folder that holds only what a department prepared (its legacy-db/, say) is welcome; one with a subgraph in it is not.
  for (const file of ['schema.graphql', 'server.ts']) {
    const rel = `${LAYOUT.subgraphDir(opts.name)}/${file}`;
    if (fs.existsSync(path.join(opts.root, rel))) throw new InitRefusal('ALREADY_EXISTS', `${rel} already exists: subgraph ${opts.name} is there; choose another name or remove it`);
  }
  const runs = opts.registry.find((s) => s.department === opts.department);
  if (runs) throw new InitRefusal('ALREADY_EXISTS', `department ${opts.department} already publishes subgraph ${runs.name}; add tables to it by hand, or use another department code`);
  const policyOwner = providerFileOf(path.join(opts.root, LAYOUT.policyDir), opts.department);
  if (policyOwner) throw new InitRefusal('ALREADY_EXISTS', `department ${opts.department} already has a policy file (${LAYOUT.policyDir}/${policyOwner}); one provider file per department`);
  if (used.has(port)) throw new InitRefusal('ALREADY_EXISTS', `port ${port} is ${used.get(port)}'s; choose another with --port`);
  return { dialect, port };
}

/** The policy file (name) that declares `provider: <department>`, if any. */
function providerFileOf(dir: string, department: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .find((f) => f.replace(/\.ya?ml$/, '') === department || new RegExp(`^provider:\\s*["']?${department}["']?\\s*(#.*)?$`, 'm').test(fs.readFileSync(path.join(dir, f), 'utf8')));
}

/**
 * What knex would print on its own (a connection that could not be acquired): nothing. The
 * command refuses with its own one line (see unreachable), on stderr, never on stdout.
 */
const QUIET: Knex.Logger = { warn: () => undefined, error: () => undefined, debug: () => undefined, deprecate: () => undefined };

/** Connects with short timeouts: a wrong host should fail in seconds, not after a minute. */
function connect(url: string, dialect: Dialect): Knex {
  const pool = { min: 0, max: 1 };
  return dialect === 'postgres'
    ? knexFactory({ client: 'pg', connection: { connectionString: url, connectionTimeoutMillis: 10_000 } as Knex.PgConnectionConfig, pool, acquireConnectionTimeout: 15_000, log: QUIET })
    : knexFactory({
        client: 'mysql2',
        connection: { uri: url.replace(/^mariadb:/i, 'mysql:'), connectTimeout: 10_000, charset: 'utf8mb4' } as unknown as Knex.MySql2ConnectionConfig,
        pool,
        acquireConnectionTimeout: 15_000,
        log: QUIET,
      });
}

/** A driver failure as one line without SQL: its code and a short reason. */
function unreachable(url: string, err: unknown): InitRefusal {
  const e = err as { code?: string; errno?: number; message?: string };
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'unknown host',
    EAI_AGAIN: 'unknown host',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    '28P01': 'password authentication failed',
    '28000': 'login refused',
    '3D000': 'no such database',
    ER_ACCESS_DENIED_ERROR: 'access denied',
    ER_DBACCESS_DENIED_ERROR: 'access to the database denied',
    ER_BAD_DB_ERROR: 'no such database',
  };
  const timeout = /timeout/i.test(e.message ?? '') ? 'timed out' : undefined;
  const reason = (e.code && reasons[e.code]) ?? timeout ?? (e.code ? `error ${e.code}` : 'cannot connect');
  return new InitRefusal('DATABASE_UNREACHABLE', `cannot read ${redactUrl(url)}: ${reason}`);
}

async function readDatabase(url: string, dialect: Dialect): Promise<LegacyCatalog> {
  const knex = connect(url, dialect);
  try {
    try {
      await knex.raw('select 1');
    } catch (err) {
      throw unreachable(url, err);
    }
    try {
      return await readCatalog(knex, dialect);
    } catch (err) {
      if (/names no database/.test((err as Error).message)) throw new InitRefusal('DATABASE_UNREACHABLE', `${redactUrl(url)} names no database: add it to the URL's path`);
      throw unreachable(url, err);
    }
  } finally {
    await knex.destroy();
  }
}

/** Type and Query-field names the other subgraphs use. */
function takenNames(registry: readonly RegisteredSubgraph[]): { types: Set<string>; queryFields: Set<string> } {
  const types = new Set<string>();
  const queryFields = new Set<string>();
  for (const s of registry) {
    for (const def of s.typeDefs.definitions) {
      if (!('name' in def) || !def.name) continue;
      const name = def.name.value;
      if ((def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) && name === 'Query') {
        for (const f of def.fields ?? []) queryFields.add(f.name.value);
      } else {
        types.add(name);
      }
    }
  }
  return { types, queryFields };
}

/** Every file of the new subgraph (relative to the root) and its content. */
function renderFiles(model: SubgraphModel, today: string): Map<string, string> {
  const dir = LAYOUT.subgraphDir(model.name);
  const roots: ImportRoots = { lib: libFrom(dir), libDeep: libFrom(`${dir}/resolvers`) };
  const files = new Map<string, string>();
  files.set(`${dir}/schema.graphql`, renderSchema(model));
  files.set(`${dir}/db.ts`, renderDb(model, roots));
  files.set(`${dir}/loaders.ts`, renderLoaders(model, roots));
  for (const [file, content] of renderResolvers(model, roots)) files.set(`${dir}/resolvers/${file}`, content);
  files.set(`${dir}/legacy-db/tables.ts`, renderLegacyTables(model, { ...roots, libDeep: libFrom(`${dir}/legacy-db`) }));
  files.set(`${dir}/legacy-db/index.ts`, renderLegacyDbIndex(model, { ...roots, libDeep: libFrom(`${dir}/legacy-db`) }));
  files.set(`${dir}/server.ts`, renderServer(model, roots));
  files.set(LAYOUT.policyFile(model.department), renderPolicy(model, today));
  return files;
}

/**
 * `govgraph policy check` in a scratch copy of the policy directory: the problems the new
 * subgraph and its file bring, and those that were there before (another department's
 * unfinished file is not this command's to refuse).
 */
function policyProblems(
  root: string,
  model: SubgraphModel,
  policyText: string,
  supergraphs: { before: string; after: string },
  registry: readonly RegisteredSubgraph[],
): { introduced: string[]; before: string[] } {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-init-policy-'));
  try {
    const dir = path.join(scratch, 'policies');
    fs.cpSync(path.join(root, LAYOUT.policyDir), dir, { recursive: true });
    const departments = Object.fromEntries(registry.map((s) => [s.name, s.department]));
    const before = checkPolicyDetailed(supergraphs.before, dir, { departments, displayDir: LAYOUT.policyDir }).problems;
    fs.writeFileSync(path.join(dir, path.basename(LAYOUT.policyFile(model.department))), policyText);
    const after = checkPolicyDetailed(supergraphs.after, dir, { departments: { ...departments, [model.name]: model.department }, displayDir: LAYOUT.policyDir }).problems;
    const known = new Set(before);
    return { introduced: after.filter((p) => !known.has(p)), before };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function runCodegen(root: string, codegenText: string, output: string): Promise<'ok' | string> {
  const section = resolvedCodegenSection(codegenText, output);
  if (!section) return `no section for ${output} in ${LAYOUT.codegen}`;
  let generate: (config: Record<string, unknown>, save: boolean) => Promise<unknown>;
  try {
    // A dev dependency: present in a checkout, perhaps not in a production install.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ generate } = require('@graphql-codegen/cli') as { generate: typeof generate });
  } catch {
    return '@graphql-codegen/cli is not installed';
  }
  try {
    await generate({ cwd: root, overwrite: true, silent: true, errorsOnly: true, generates: { [output]: section } }, true);
    return 'ok';
  } catch (err) {
    return String((err as Error).message ?? err).split('\n')[0];
  }
}

export async function initSubgraph(opts: InitOptions): Promise<InitResult> {
  const { dialect, port } = validate(opts);
  const catalog = await readDatabase(opts.db, dialect);
  const model = buildModel(catalog, { name: opts.name, department: opts.department, port, tables: opts.tables, typeNames: opts.typeNames, taken: takenNames(opts.registry) });
  const today = opts.today ?? chinaDate(new Date());
  const files = renderFiles(model, today);
  const dir = LAYOUT.subgraphDir(model.name);

  // The supergraph with the new subgraph last, as `govgraph compose` will compose it from the list.
  const others = opts.registry.map((s) => ({ name: s.name, url: `http://localhost:${s.defaultPort}/graphql`, typeDefs: s.typeDefs }));
  const composition = opts.compose([...others, { name: model.name, url: `http://localhost:${port}/graphql`, typeDefs: parse(files.get(`${dir}/schema.graphql`)!) }]);
  if (!composition.ok) throw new InitRefusal('NOT_COMPOSABLE', `the generated schema does not compose with the others: ${composition.errors[0].split('\n')[0]}`);
  const without = opts.compose(others);
  const policy = policyProblems(
    opts.root,
    model,
    files.get(LAYOUT.policyFile(model.department))!,
    { before: without.ok ? without.supergraphSdl : composition.supergraphSdl, after: composition.supergraphSdl },
    opts.registry,
  );
  const { introduced } = policy;
  if (introduced.length) throw new InitRefusal('NOT_COMPOSABLE', `the generated policy does not pass govgraph policy check: ${introduced[0]}${introduced.length > 1 ? ` (and ${introduced.length - 1} more)` : ''}`);

  // Nothing already in the folder is overwritten.
  const present = [...files.keys()].find((rel) => rel.startsWith(`${dir}/`) && fs.existsSync(path.join(opts.root, rel)));
  if (present) throw new InitRefusal('ALREADY_EXISTS', `${present} already exists; move it aside (nothing was written)`);

  const registryPath = path.join(opts.root, LAYOUT.registry);
  const registry = addToRegistry(fs.readFileSync(registryPath, 'utf8'), identifierOf(model.name), model.name);
  if (!registry) throw new InitRefusal('NOT_COMPOSABLE', `${LAYOUT.registry} is not in the shape the command edits (or already names ${identifierOf(model.name)}): nothing was written`);
  const output = `${dir}/${LAYOUT.generatedTypes}`;
  const codegenPath = path.join(opts.root, LAYOUT.codegen);
  const codegen = addCodegenSection(fs.readFileSync(codegenPath, 'utf8'), {
    output,
    schema: `${dir}/schema.graphql`,
    contextType: `../loaders#${typePrefixOf(model.name)}Context`,
    mappers: Object.fromEntries(model.types.map((t) => [t.name, `../db#${t.name}Row`])),
  });
  if (!codegen) throw new InitRefusal('NOT_COMPOSABLE', `${LAYOUT.codegen} is not in the shape the command edits (or already has ${output}): nothing was written`);

  files.set(LAYOUT.registry, registry);
  files.set(LAYOUT.codegen, codegen);
  files.set(LAYOUT.supergraph, composition.supergraphSdl);
  for (const [rel, content] of files) {
    const file = path.join(opts.root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  const generated = opts.codegen === false ? 'not asked for' : await runCodegen(opts.root, codegen, output);
  return { model, files: [...files.keys(), ...(generated === 'ok' ? [output] : [])], codegen: generated, policyProblemsBefore: policy.before };
}
