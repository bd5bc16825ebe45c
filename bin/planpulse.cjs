#!/usr/bin/env node
// npm bin entry: runs the TypeScript CLI through tsx (a runtime dependency).
const path = require('node:path');
require('tsx/cjs');
require(path.join(__dirname, '..', 'cli', 'planpulse.ts')).main();
