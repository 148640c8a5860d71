#!/usr/bin/env node
// @ts-check
/**
 * The build (README, "Set up" and "Developing"): the product's TypeScript — app/, lib/,
 * gateway/, subgraphs/, cli/, tests left out — compiled to CommonJS in dist/, the same tree
 * (lib/config.ts → dist/lib/config.js), plus the other files the code reads from its own folder
 * (each subgraph's schema.graphql, the GraphiQL page in gateway/graphiql/). What an operator edits
 * or a command rewrites — policies/, gateway/supergraph.graphql, .data/ — is read from the
 * package root, never copied (lib/config.ts, ROOT).
 *
 * The compiler is esbuild with the options tsx runs the sources with (one file at a time, names
 * kept, source maps): the compiled output behaves as `tsx` did, and a whole build takes about a
 * second, so a start can afford to rebuild. Types are checked by `npm run typecheck` (CI), not
 * here — tsc would take 15–20 s for the same output.
 *
 *   node scripts/build.js     build now (`npm run build`; also npm's postinstall)
 *   require('./build').ensureBuilt()
 *                             build only when dist/ is missing or a source changed since it
 *                             was built (bin/govgraph.js, before every command: a stat of every source)
 *
 * A build is written beside dist/ and renamed into place, under a lock, so a process starting
 * meanwhile never loads half of one, and two starts never build at once.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, 'BUILD.json');
const LOCK = path.join(ROOT, 'dist.lock');
/** The product's folders, compiled; tests and benchmarks run from the sources (ts-jest, tsx). */
const SOURCE_DIRS = ['app', 'lib', 'gateway', 'subgraphs', 'cli'];
/** Files that change what a build writes, besides the folders above. */
const RECIPE = ['tsconfig.json', 'scripts/build.js'];
/** Read from the package root, never from dist/ (`govgraph compose` rewrites it). */
const NOT_COPIED = new Set(['gateway/supergraph.graphql']);
/** A lock older than this belongs to a build that died; a build takes seconds. */
const STALE_LOCK_MS = 120_000;

const isTest = (name) => /\.test\.ts$/.test(name);

/** Every file under the source folders, relative to the root. */
function sourceFiles() {
  /** @type {string[]} */
  const out = [];
  const walk = (rel) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true });
    } catch {
      return; // an installation without sources (only dist/): nothing to compare
    }
    for (const e of entries) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(r);
      } else if (e.isFile() && !isTest(r)) out.push(r);
    }
  };
  for (const d of SOURCE_DIRS) walk(d);
  return out.sort();
}

/**
 * What a build is made from: every source's path, modification time and size, and the
 * recipe's, hashed. A file edited, added, deleted or renamed changes it; a test file does not.
 * (Comparing with the build's time instead would miss an edit the file system stamped a few
 * milliseconds early — its clock is coarse — and rebuild forever after a file dated in the future.)
 */
function fingerprint(files) {
  const hash = crypto.createHash('sha256');
  for (const rel of [...files, ...RECIPE]) {
    let line = `${rel}\tabsent`;
    try {
      const st = fs.statSync(path.join(ROOT, rel));
      line = `${rel}\t${st.mtimeMs}\t${st.size}`;
    } catch {
      /* absent: part of the fingerprint too */
    }
    hash.update(`${line}\n`);
  }
  return hash.digest('hex');
}

/** Why dist/ must be built, or undefined when it is current. */
function staleness() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return 'dist/ has not been built';
  }
  const files = sourceFiles();
  // Without sources (an installation of dist/ alone) there is nothing to rebuild from.
  if (files.length && fingerprint(files) !== stamp.sources) return 'the sources changed since dist/ was built';
  return undefined;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding the build lock (a folder: creating one is atomic). */
function withLock(fn) {
  const deadline = Date.now() + STALE_LOCK_MS + 10_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
      let age = 0;
      try {
        age = Date.now() - fs.statSync(LOCK).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${path.relative(process.cwd(), LOCK)} is held by another build; remove it if no build is running`);
      else sleep(100);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Compiles into a fresh folder and renames it to dist/. */
function buildNow() {
  const startedAt = Date.now();
  const files = sourceFiles();
  // Taken before compiling: a source edited while the build runs makes the next start build again.
  const sources = fingerprint(files);
  const ts = files.filter((rel) => /\.ts$/.test(rel) && !/\.d\.ts$/.test(rel));
  const assets = files.filter((rel) => !/\.ts$/.test(rel) && !NOT_COPIED.has(rel));
  if (!ts.length) throw new Error(`no TypeScript sources under ${SOURCE_DIRS.join(', ')}: nothing to build`);

  const out = path.join(ROOT, `dist.building-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  try {
    /** @type {typeof import('esbuild')} */
    const esbuild = require('esbuild');
    const result = esbuild.buildSync({
      absWorkingDir: ROOT,
      entryPoints: ts,
      outdir: out,
      outbase: '.',
      bundle: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      tsconfig: 'tsconfig.json',
      sourcemap: true,
      keepNames: true,
      logLevel: 'silent',
    });
    for (const w of result.warnings) process.stderr.write(`govgraph build: warning: ${w.text}${w.location ? ` (${w.location.file}:${w.location.line})` : ''}\n`);
    for (const rel of assets) {
      fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, rel), path.join(out, rel));
    }
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    fs.writeFileSync(path.join(out, 'BUILD.json'), JSON.stringify({ version, builtAt: new Date().toISOString(), files: ts.length, assets: assets.length, sources }, null, 2) + '\n');
    const old = path.join(ROOT, `dist.old-${process.pid}`);
    if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
    fs.renameSync(out, DIST);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (err) {
    fs.rmSync(out, { recursive: true, force: true });
    const e = /** @type {{ errors?: Array<{ text: string, location?: { file: string, line: number, column: number } }>, message?: string }} */ (err);
    const first = e.errors?.[0];
    throw new Error(first ? `${first.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : ''}${first.text}${e.errors && e.errors.length > 1 ? ` (and ${e.errors.length - 1} more)` : ''}` : String(e.message ?? err));
  }
  return { files: ts.length, assets: assets.length, ms: Date.now() - startedAt };
}

/** Builds unconditionally (waiting for a build under way to finish first). */
function build() {
  return withLock(buildNow);
}

/**
 * Builds when dist/ is missing or older than the sources; says so on stderr (stdout may be a
 * command's output: a token, JSON). Returns whether it built.
 */
function ensureBuilt() {
  const why = staleness();
  if (!why) return false;
  return withLock(() => {
    const still = staleness(); // another process may have built it while we waited
    if (!still) return false;
    const r = buildNow();
    process.stderr.write(`govgraph: ${still}: compiled ${r.files} files to dist/ in ${(r.ms / 1000).toFixed(1)} s\n`);
    return true;
  });
}

module.exports = { build, ensureBuilt, staleness, DIST };

if (require.main === module) {
  try {
    const r = build();
    process.stdout.write(`govgraph build: ${r.files} TypeScript files and ${r.assets} other files → dist/ in ${(r.ms / 1000).toFixed(1)} s\n`);
  } catch (err) {
    process.stderr.write(`govgraph build: ${/** @type {Error} */ (err).message}\n`);
    process.exitCode = 1;
  }
}
