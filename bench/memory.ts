// Memory: the server's resident set with a 10,000-action plan loaded, in a
// process of its own (the SQLite default store, the bot listening, a nudge
// cycle planned and the follow-ups run, as a catch-up tick does). Beside it,
// the same server holding the 153-action Lancashire sample.
//   npx tsx bench/memory.ts [--quick]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../app/config';
import { startApp } from '../app/start';
import { runFollowUps } from '../bot/follow-ups';
import { planCycle } from '../bot/nudge-runner';
import { SqlitePlanStore } from '../store/local/sqlite-plan-store';
import { bigPlan, CYCLE_AT, report, sizeFromArgs, type Size } from './support';

/** The server, in a process of its own, on a plan file made beforehand (so the making is not counted). */
async function child(file: string) {
  const dir = path.dirname(file);
  const store = new SqlitePlanStore(file);
  const config = loadConfig({ PLANPULSE_DB: path.join(dir, 'plan.db'), PORT: '0' });
  const app = await startApp(config, { store, schedule: false, log: () => undefined, now: () => CYCLE_AT });
  const actions = (await store.loadPlan()).actions.length;
  let peak = 0;
  for (let i = 0; i < 3; i++) {
    await planCycle(app.nudgeDeps);
    await runFollowUps(app.nudgeDeps, config.nudge);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  global.gc?.();
  const settled = process.memoryUsage().rss;
  await app.close();
  process.stdout.write(`${JSON.stringify({ actions, peakMb: peak / 1048576, settledMb: settled / 1048576 })}\n`);
}

async function measure(size: Size | 'sample'): Promise<{ actions: number; peakMb: number; settledMb: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-bench-memory-'));
  const arg = path.join(dir, 'plan.db');
  const maker = new SqlitePlanStore(arg);
  await maker.provision();
  if (size !== 'sample') await maker.applyChanges(await bigPlan(size));
  await maker.close();
  const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--child', arg], {
    encoding: 'utf8',
    env: { ...process.env, PLANPULSE_LOG: 'silent' },
  });
  const line = out.stdout.trim().split('\n').pop() ?? '';
  fs.rmSync(dir, { recursive: true, force: true });
  if (out.status !== 0 || !line.startsWith('{')) throw new Error(`memory child failed: ${out.stderr}`);
  return JSON.parse(line);
}

async function main() {
  const at = process.argv.indexOf('--child');
  if (at >= 0) {
    return child(process.argv[at + 1]);
  }
  const size = sizeFromArgs();
  const big = await measure(size);
  const sample = await measure('sample');
  report('Memory', [
    {
      name: `server RSS, peak, ${big.actions} actions loaded (beside: the ${sample.actions}-action sample)`,
      unit: 'MB',
      planpulse: big.peakMb,
      simple: sample.peakMb,
      target: { op: '<', value: 200 },
    },
    { name: 'server RSS after a collection', unit: 'MB', planpulse: big.settledMb, simple: sample.settledMb },
  ]);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
