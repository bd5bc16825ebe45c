// npm run bench [-- --quick]: runs every scenario script in bench/ (each file
// here but this runner and support.ts), one after another, each in a process
// of its own with the Graph fake's certificate trusted, and prints their
// figures. A scenario added later (bench/read-files.ts, bench/tab.ts) is picked
// up by name; --quick runs them at 1,000 actions and 200 leads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = __dirname;
const root = path.resolve(here, '..');
const NOT_SCENARIOS = new Set(['run.ts', 'support.ts']);
/** The order the README's table follows; any other scenario file runs after these. */
const FIRST = ['nudge-fanout.ts', 'card-update.ts', 'import-changes.ts', 'memory.ts', 'in-process.ts'];

const found = fs.readdirSync(here).filter((f) => f.endsWith('.ts') && !NOT_SCENARIOS.has(f) && !f.startsWith('_'));
const scenarios = [...FIRST.filter((f) => found.includes(f)), ...found.filter((f) => !FIRST.includes(f)).sort()];
const args = process.argv.slice(2);
const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-bench-')), 'figures.jsonl');
const env = {
  ...process.env,
  NODE_EXTRA_CA_CERTS: path.join(root, 'test/fixtures/tls/cert.pem'),
  TZ: process.env.TZ || 'UTC',
  PLANPULSE_LOG: 'silent',
  PLANPULSE_BENCH_JSON: json,
  NODE_NO_WARNINGS: '1',
};

console.log(
  `PlanPulse benchmarks, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores${args.includes('--quick') ? ', quick size' : ''}`,
);
console.log(`Scenarios: ${scenarios.join(', ')}`);
let failed = 0;
for (const file of scenarios) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file), ...args], { cwd: root, env, stdio: 'inherit' });
  console.log(`(${file}: ${((Date.now() - started) / 1000).toFixed(0)} s${r.status === 0 ? '' : `, exit ${r.status}`})`);
  if (r.status !== 0) failed++;
}
console.log(`\nFigures as JSON lines: ${json}`);
process.exit(failed ? 1 : 0);
