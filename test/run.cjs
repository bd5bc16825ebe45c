#!/usr/bin/env node
// The test command (`npm test`). Trusts the test-only certificate of the local
// Graph fake (Node reads NODE_EXTRA_CA_CERTS only at start-up, hence a child
// process), then runs mocha. Extra arguments go to mocha, e.g. a file path.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const env = {
  ...process.env,
  NODE_EXTRA_CA_CERTS: path.join(root, 'test/fixtures/tls/cert.pem'),
  TZ: process.env.TZ || 'UTC',
  PLANPULSE_LOG: process.env.PLANPULSE_LOG || 'silent',
};
const mocha = require.resolve('mocha/bin/mocha.js');
const args = process.argv.slice(2);
// With no test files named, run them all.
if (!args.some((a) => !a.startsWith('-'))) args.push('test/**/*.test.ts');
const result = spawnSync(process.execPath, [mocha, ...args], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
