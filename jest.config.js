/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Says which databases the run uses: an embedded run is never mistaken for one on servers.
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  // Type-checking happens once in `npm run typecheck`; here we only transpile, which
  // keeps the suite fast (ts-jest's per-file type check costs minutes on this repo).
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // The PostGIS extension without its raster and topology libraries (test/support/postgisForTests.ts):
  // half the CPU of opening an embedded database with PostGIS.
  moduleNameMapper: { '^@electric-sql/pglite-postgis$': '<rootDir>/test/support/postgisForTests.ts' },
  testMatch: ['<rootDir>/{app,lib,gateway,subgraphs,cli,test}/**/*.test.ts'],
  // Database suites seed real servers; give them room on a 2-core CI machine.
  testTimeout: 120_000,
  maxWorkers: 2,
  // jest replaces a worker whose JavaScript heap is over this after a suite. Suites on embedded
  // databases (PGlite) leave hundreds of MB behind, in the heap and in WebAssembly memory
  // outside it; a worker that ran several held gigabytes and took longer than jest's 500 ms to
  // exit at the end ("A worker process has failed to exit gracefully"). Replaced, workers stay
  // small. On the embedded databases the limit leaves room for the federation the read-only
  // suites of a worker share (test/support/stack.ts `sharedTestStack`), and
  // test/support/workerMemory.ts collects what earlier files left before each file, so that a
  // worker is not replaced every few files. On servers nothing is shared: 300MB as before.
  workerIdleMemoryLimit: process.env.GOVGRAPH_PG_URL || process.env.GOVGRAPH_MYSQL_URL ? '300MB' : '1GB',
  setupFiles: ['<rootDir>/test/support/workerMemory.ts'],
};
