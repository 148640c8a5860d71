#!/usr/bin/env node
// The `govgraph` command. It runs the compiled output in dist/ (`npm run build`, also run by
// `npm install`), compiling it first when dist/ is missing or older than the sources
// (scripts/build.js: about a second), so `npm install && npm start` is all a new user types.
// GOVGRAPH_TSX=1 runs the TypeScript sources through tsx instead, with no build (development).
// Commands other than `start` and `serve` print their own results; the services' JSON log lines would only
// clutter them (GOVGRAPH_LOG_LEVEL still wins when set).
if (!['start', 'serve'].includes(process.argv[2])) process.env.GOVGRAPH_LOG_LEVEL = process.env.GOVGRAPH_LOG_LEVEL || 'warn';
if (process.env.GOVGRAPH_TSX === '1') {
  require('tsx/cjs/api').register();
  require('../cli/main.ts');
} else {
  try {
    require('../scripts/build.js').ensureBuilt();
  } catch (err) {
    process.stderr.write(`govgraph: cannot compile the sources to dist/: ${err.message}\n`);
    process.exit(1);
  }
  // Stack traces name the TypeScript sources' lines, as they did under tsx.
  process.setSourceMapsEnabled(true);
  require('../dist/cli/main.js');
}
