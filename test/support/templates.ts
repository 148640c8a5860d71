/**
 * Seeded databases made once and copied for each suite, so that a suite starts from a fresh,
 * private copy without paying for the seed (or, embedded, for initdb and PostGIS) again.
 *
 * - Embedded (PGlite): a template is a dump of a whole in-memory cluster
 *   (lib/db/embedded.ts `dump`), kept under node_modules/.cache/govgraph-test-databases/ and
 *   loaded by each suite (`loadDataDir`). Creating a cluster and PostGIS costs tens of seconds
 *   of CPU per instance; loading a dump costs one or two. Dumps are kept uncompressed (about
 *   65 MB each) and handed over as file-backed Blobs: gunzip and an extra copy cost more
 *   CPU per load than the disk is worth.
 * - PostgreSQL: a template database on the server, copied with `CREATE DATABASE … TEMPLATE …`.
 * - MySQL/MariaDB has no template databases; its suites keep seeding (about a second).
 *
 * A template's name carries a hash of every source file its build runs (followed through the
 * relative imports, other than `import type`, from the department's legacy-db/), of the test
 * support that builds it and of the engines' versions, so an edited DDL, seed or synthetic
 * world is rebuilt on the next run, never served stale. Builders in parallel
 * workers take a lock (a file, or a PostgreSQL advisory lock): one builds, the others wait.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres, isAlive } from '../../lib/db/embedded';

const ROOT = path.join(__dirname, '..', '..');

/** Where embedded templates are kept between runs. */
export const TEMPLATE_CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'govgraph-test-databases');

/**
 * Embedded templates unused for this long are deleted when another is built (every edit of a
 * seed leaves a set behind, some 700 MB). @default 1 h — longer than any test run.
 */
const STALE_AFTER_MS = 3600 * 1000;

/** Longest a worker waits for another worker building the same template. */
const BUILD_WAIT_MS = 10 * 60 * 1000;

// ---- the key: what a template was built from ------------------------------------------------

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveImport(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}.json`, path.join(base, 'index.ts'), path.join(base, 'index.js')]) {
    if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return undefined;
}

/** Every file reachable from `entries` through relative imports, other than type-only ones. */
export function importClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.[cm]?[jt]s$/.test(file)) continue;
    // Type-only imports and exports are erased before anything runs.
    const text = fs.readFileSync(file, 'utf8').replace(/^\s*(?:import|export)\s+type\s[^;]*?\bfrom\s*['"][^'"]+['"]/gm, '');
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveImport(file, m[1]);
      if (target && !seen.has(target)) todo.push(target);
    }
  }
  return [...seen].sort();
}

function packageVersion(name: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'none';
  }
}

const keys = new Map<string, string>();

/** The test support that builds templates: hashed as they are, their imports not followed. */
const BUILDERS = ['test/support/databases.ts', 'test/support/templates.ts'];

/**
 * A short hash of what a template is built from: every file reachable by relative imports
 * from `entries` (paths from the repository's root), the builders, the embedded engines'
 * versions and `extra` (e.g. the test world's size).
 */
export function templateKey(entries: string[], extra = ''): string {
  const id = `${entries.join('\0')}\0${extra}`;
  let key = keys.get(id);
  if (key) return key;
  const hash = crypto.createHash('sha256');
  hash.update(`${extra}\0pglite ${packageVersion('@electric-sql/pglite')}\0postgis ${packageVersion('@electric-sql/pglite-postgis')}\0`);
  const files = new Set([...importClosure(entries.map((e) => path.join(ROOT, e))), ...BUILDERS.map((b) => path.join(ROOT, b))]);
  for (const file of [...files].sort()) hash.update(`${path.relative(ROOT, file)}\0`).update(fs.readFileSync(file)).update('\0');
  key = hash.digest('hex').slice(0, 12);
  keys.set(id, key);
  return key;
}

/**
 * The entry points of a department's template: its legacy-db/ (subgraphs/<name>/legacy-db/,
 * else every subgraph, to be safe) and the embedded engine.
 */
export function departmentSources(subgraph: string): string[] {
  const legacy = path.join('subgraphs', subgraph, 'legacy-db', 'index.ts');
  return [fs.existsSync(path.join(ROOT, legacy)) ? legacy : path.join('subgraphs', 'index.ts'), 'lib/db/embedded.ts'];
}

// ---- embedded templates ----------------------------------------------------------------------

export interface EmbeddedTemplate {
  dump: Blob;
  /** Whether the copy needs PostGIS loaded (its tables have spatial columns). */
  postgis: boolean;
}

/** Loaded once per test file: a file that starts two stacks reads each template once. */
const loaded = new Map<string, Promise<EmbeddedTemplate>>();

/**
 * The template `name` (already keyed), built by `build` the first time anyone needs it and
 * read from the cache after. `build` returns the dump and whether copies need PostGIS.
 */
export function embeddedTemplate(name: string, build: () => Promise<EmbeddedTemplate>): Promise<EmbeddedTemplate> {
  let template = loaded.get(name);
  if (!template) {
    template = readOrBuild(name, build);
    template.catch(() => loaded.delete(name));
    loaded.set(name, template);
  }
  return template;
}

async function readOrBuild(name: string, build: () => Promise<EmbeddedTemplate>): Promise<EmbeddedTemplate> {
  fs.mkdirSync(TEMPLATE_CACHE_DIR, { recursive: true });
  const file = path.join(TEMPLATE_CACHE_DIR, `${name}.tar`);
  const meta = path.join(TEMPLATE_CACHE_DIR, `${name}.json`);
  const lock = path.join(TEMPLATE_CACHE_DIR, `${name}.lock`);
  const started = Date.now();
  for (;;) {
    const cached = await readCached(file, meta);
    if (cached) return cached;
    if (takeLock(lock)) break;
    if (Date.now() - started > BUILD_WAIT_MS) throw new Error(`timed out waiting for the test database template ${name} (remove ${lock} if no test run is building it)`);
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    const cached = await readCached(file, meta); // built while we took the lock
    if (cached) return cached;
    const template = await build();
    // Written then renamed, data before its metadata: a reader sees a whole template or none.
    fs.writeFileSync(`${file}.${process.pid}`, Buffer.from(await template.dump.arrayBuffer()));
    fs.renameSync(`${file}.${process.pid}`, file);
    fs.writeFileSync(`${meta}.${process.pid}`, JSON.stringify({ postgis: template.postgis }));
    fs.renameSync(`${meta}.${process.pid}`, meta);
    pruneStale();
    return template;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

async function readCached(file: string, meta: string): Promise<EmbeddedTemplate | undefined> {
  let info: { postgis: boolean };
  try {
    info = JSON.parse(fs.readFileSync(meta, 'utf8'));
  } catch {
    return undefined;
  }
  const now = new Date();
  fs.utimesSync(meta, now, now); // in use: not stale
  return { dump: await fs.openAsBlob(file), postgis: info.postgis };
}

/** Takes `lock` for this process, or says another living process holds it. */
function takeLock(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const owner = Number(fs.readFileSync(lock, { encoding: 'utf8', flag: 'a+' }));
  if (owner && isAlive(owner)) return false;
  fs.rmSync(lock, { force: true }); // its builder died
  return false;
}


function pruneStale(): void {
  const cutoff = Date.now() - STALE_AFTER_MS;
  for (const entry of fs.readdirSync(TEMPLATE_CACHE_DIR)) {
    if (!entry.endsWith('.json')) continue;
    const meta = path.join(TEMPLATE_CACHE_DIR, entry);
    const mtime = fs.statSync(meta, { throwIfNoEntry: false })?.mtimeMs ?? Infinity;
    if (mtime < cutoff) {
      fs.rmSync(meta, { force: true });
      fs.rmSync(meta.replace(/\.json$/, '.tar'), { force: true });
    }
  }
}

/** What the empty clusters are built from. */
const ENGINE_SOURCES = ['lib/db/embedded.ts'];

/**
 * An empty embedded cluster (initdb done), with the PostGIS extension created if `postgis` —
 * the slowest step of all, so done once.
 */
export function emptyCluster(postgis: boolean): Promise<EmbeddedTemplate> {
  const key = templateKey(ENGINE_SOURCES);
  if (!postgis) {
    return embeddedTemplate(`base-${key}`, async () => {
      const embedded = await EmbeddedPostgres.open({ postgis: false });
      try {
        return { dump: await embedded.dump(), postgis: false };
      } finally {
        await embedded.close();
      }
    });
  }
  return embeddedTemplate(`postgis-${key}`, async () => {
    const embedded = await EmbeddedPostgres.open({ loadDataDir: (await emptyCluster(false)).dump, postgis: true });
    try {
      return { dump: await embedded.dump(), postgis: true };
    } finally {
      await embedded.close();
    }
  });
}

/**
 * A fresh, empty embedded engine as `EmbeddedPostgres.open()` gives one (PostGIS only if asked),
 * in a second or two instead of initdb's: for tests of the engine itself.
 */
export async function openEmptyEmbedded(opts: { postgis?: boolean } = {}): Promise<EmbeddedPostgres> {
  const template = await emptyCluster(opts.postgis ?? false);
  return EmbeddedPostgres.open({ loadDataDir: template.dump, postgis: template.postgis });
}

// ---- PostgreSQL template databases -------------------------------------------------------------

/** `url` pointing at database `name` on the same server. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Makes sure the template database `<family>_<key>` exists on the server at `serverUrl`,
 * building it with `build(url)` if not (which must close its connections), and returns its
 * name. Templates of the same family with other keys are dropped once a new one is built,
 * unless someone is using them.
 */
export async function postgresTemplate(serverUrl: string, family: string, key: string, build: (url: string) => Promise<void>): Promise<string> {
  const name = `${family}_${key}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = async () => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0;
    if (await exists()) return name;
    // One builder per template across workers and concurrent runs; the others wait here.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [`govgraph-test-template:${name}`]);
    try {
      if (await exists()) return name;
      // Built under another name and renamed when complete: a half-built template is never copied.
      const building = `${name}_b${process.pid}`.slice(0, 63);
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(building)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${quoteIdent(building)}`);
      try {
        await build(withDatabase(serverUrl, building));
        await admin.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(name)}`);
      } catch (err) {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(building)} WITH (FORCE)`).catch(() => undefined);
        throw err;
      }
      const older = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname ~ $1 AND datname <> $2', [`^${family}_[0-9a-f]{12}$`, name]);
      for (const { datname } of older.rows) {
        // Without FORCE: a template someone is copying right now stays until a later run.
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)}`).catch(() => undefined);
      }
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [`govgraph-test-template:${name}`]);
    }
  } finally {
    await admin.end();
  }
}
