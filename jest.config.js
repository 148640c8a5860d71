/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Says which databases the run uses: an embedded run is never mistaken for one on servers.
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  // Type-checking happens once in `npm run typecheck`; here we only transpile, which
  // keeps the suite fast (ts-jest's per-file type check costs minutes on this repo).
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: ['<rootDir>/{app,lib,gateway,subgraphs,cli,test}/**/*.test.ts'],
  // Database suites seed real servers; give them room on a 2-core CI machine.
  testTimeout: 120_000,
  maxWorkers: 2,
};
