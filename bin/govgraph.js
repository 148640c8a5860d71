#!/usr/bin/env node
// The `govgraph` command. TypeScript sources run through tsx's CommonJS hook: no build step,
// so `npm install && npm start` is all a new user types.
// Commands other than `start` and `serve` print their own results; the services' JSON log lines would only
// clutter them (GOVGRAPH_LOG_LEVEL still wins when set).
if (!['start', 'serve'].includes(process.argv[2])) process.env.GOVGRAPH_LOG_LEVEL = process.env.GOVGRAPH_LOG_LEVEL || 'warn';
require('tsx/cjs/api').register();
require('../cli/main.ts');
