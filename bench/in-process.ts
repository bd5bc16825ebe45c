// In-process work with its targets: import, load, save, plan a cycle, card
// size. Prints figures and whether each target was met; not a test (timings
// vary by machine), so it never fails CI.
//   npx tsx bench/in-process.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { nudgeCard } from '../bot/cards';
import { cardBytes } from '../bot/cards/size';
import { importPlan } from '../core/import/import-plan';
import type { Action, PlanSnapshot } from '../core/model';
import { planNudges } from '../core/nudge-plan';
import { readPlanFiles } from '../store/files/read-sheets';
import { SqlitePlanStore } from '../store/local/sqlite-plan-store';

const SAMPLE = path.resolve(__dirname, '../sample/lancashire');
const results: Array<{ name: string; value: number; unit: string; target: number; better: 'lower' | 'higher' }> = [];

function record(name: string, value: number, unit: string, target: number, better: 'lower' | 'higher' = 'lower') {
  results.push({ name, value, unit, target, better });
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** The Lancashire plan repeated `times`, as a big partnership's plan might be. */
function scaled(plan: PlanSnapshot, times: number): PlanSnapshot {
  const actions = [];
  for (let i = 0; i < times; i++) {
    for (const a of plan.actions) {
      const value: Action = {
        ...a.value,
        ref: `${Number(a.value.priorityRef) + i * 10}${a.value.ref.slice(a.value.ref.indexOf('.'))}`,
        leadKeys: a.value.leadKeys.map((k) => `${k}-${i}`),
      };
      actions.push({ value, etag: a.etag });
    }
  }
  const leads = [];
  for (let i = 0; i < times; i++) for (const l of plan.leads) leads.push({ ...l, key: `${l.key}-${i}` });
  return { ...plan, actions, leads };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-bench-'));
  const store = new SqlitePlanStore(path.join(dir, 'plan.db'));
  const sheets = await readPlanFiles([SAMPLE]);
  const [, importMs] = await time(() => importPlan(store, sheets));
  record('import Lancashire into SQLite (3 files)', importMs, 'ms', 1000);

  const [, loadMs] = await time(() => store.loadPlan());
  record('load whole plan from SQLite', loadMs, 'ms', 50);

  const n = 500;
  const [, saveMs] = await time(async () => {
    for (let i = 0; i < n; i++) {
      const a = (await store.getAction('1.1.3'))!;
      await store.saveAction({ ...a.value, commentary: `bench ${i}` }, a.etag, {
        id: `bench-${i}`,
        actionRef: '1.1.3',
        at: new Date().toISOString(),
        by: 'bench',
        byName: 'Bench',
        source: 'cli',
        kind: 'status',
        changes: [],
      });
    }
  });
  record('durable action saves per second (SQLite, synchronous=FULL)', (n / saveMs) * 1000, 'saves/s', 100, 'higher');

  const plan = await store.loadPlan();
  const big = scaled(plan, 50);
  const heapBefore = process.memoryUsage().heapUsed;
  const [nudges, planMs] = await time(() => planNudges(big, '2023-03-06', { windowDays: 14, staleDays: 28, recentDays: 6 }, () => true));
  record(`plan a nudge cycle for ${big.actions.length} actions, ${big.leads.length} leads`, planMs, 'ms', 500);
  record('heap used by that nudge plan', (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024, 'MB', 64);

  const busiest = nudges.nudges.reduce((a, b) => (b.items.length > a.items.length ? b : a));
  const card = nudgeCard({ leadName: busiest.lead.displayName, items: busiest.items, page: 1, cycle: '2023-03-06', today: '2023-03-06' });
  record(`nudge card for the busiest lead (${busiest.items.length} actions), first page`, cardBytes(card) / 1024, 'KB', 20);

  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });

  console.log('\n## In-process work (SQLite)');
  for (const r of results) {
    const met = r.better === 'lower' ? r.value <= r.target : r.value >= r.target;
    console.log(`${met ? 'met ' : 'MISS'}  ${r.name}: ${r.value.toFixed(1)} ${r.unit} (target ${r.better === 'lower' ? '≤' : '≥'} ${r.target})`);
  }
}

void main();
