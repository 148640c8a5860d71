/**
 * `@electric-sql/pglite-postgis` as the test suites load it (jest.config.js `moduleNameMapper`):
 * the same extension, from a bundle without what no department uses.
 *
 * PGlite writes an extension's whole bundle into every instance and compiles each shared
 * library in it. PostGIS's bundle holds three (postgis-3, postgis_raster-3 and
 * postgis_topology-3, some 16 MB of WebAssembly each) and 36 MB of SQL upgrade scripts; the
 * departments use postgis-3 only. Measured on the 2-core machine, opening a seeded embedded
 * federation took 16 s of CPU with the whole bundle and 8 s with this one.
 *
 * Kept: lib/postgresql/postgis-3.so, share/proj (coordinate transformations) and the
 * extension's control file and install script. A department that starts using raster or
 * topology functions fails in the embedded tests (the library is missing), never passes
 * wrongly; `npm start` and the template builds (test/support/globalSetup.ts, outside jest's
 * module mapping) load the package's own bundle.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Extension } from '@electric-sql/pglite';

const PACKAGE = path.join(__dirname, '..', '..', 'node_modules', '@electric-sql', 'pglite-postgis');
// The package itself, by path: its name is mapped to this file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const real: { postgis: Extension } = require(path.join(PACKAGE, 'dist', 'index.cjs'));

const CACHE = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'govgraph-test-databases');

const KEEP = ['lib/postgresql/postgis-3.so', 'share/proj', 'share/postgresql/extension/postgis.control'];

/** The trimmed bundle, made from the package's once per package version. */
function trimmedBundle(): string {
  const version = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')).version as string;
  const file = path.join(CACHE, `postgis-${version}-tests.tar.gz`);
  if (fs.existsSync(file)) return file;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-postgis-'));
  try {
    const all = path.join(work, 'all');
    const kept = path.join(work, 'kept');
    fs.mkdirSync(all);
    execFileSync('tar', ['xzf', path.join(PACKAGE, 'dist', 'postgis.tar.gz'), '-C', all]);
    const control = fs.readFileSync(path.join(all, 'share/postgresql/extension/postgis.control'), 'utf8');
    const defaultVersion = /default_version\s*=\s*'([^']+)'/.exec(control)?.[1];
    if (!defaultVersion) throw new Error('postgis.control names no default_version');
    for (const entry of [...KEEP, `share/postgresql/extension/postgis--${defaultVersion}.sql`]) {
      fs.mkdirSync(path.dirname(path.join(kept, entry)), { recursive: true });
      fs.cpSync(path.join(all, entry), path.join(kept, entry), { recursive: true });
    }
    fs.mkdirSync(CACHE, { recursive: true });
    const partial = `${file}.${process.pid}`;
    execFileSync('tar', ['czf', partial, '-C', kept, 'lib', 'share']);
    fs.renameSync(partial, file); // atomic: a parallel worker sees the whole file or none
    return file;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const postgis: Extension = {
  name: real.postgis.name,
  async setup(pg, emscriptenOpts, clientOnly) {
    const setup = await real.postgis.setup(pg, emscriptenOpts, clientOnly);
    return { ...setup, bundlePath: new URL(`file://${trimmedBundle()}`) };
  },
};
