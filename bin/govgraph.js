#!/usr/bin/env node
// The `govgraph` command. TypeScript sources run through tsx's CommonJS hook: no build step,
// so `npm install && npm start` is all a new user types.
require('tsx/cjs/api').register();
require('../cli/main.ts');
