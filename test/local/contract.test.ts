import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { runPlanStoreContract } from '../contract/plan-store.contract';
import { runMonthSnapshotContract } from '../contract/month-snapshots.contract';

runPlanStoreContract('SQLite (embedded default)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-'));
  return {
    store: new SqlitePlanStore(path.join(dir, 'plan.db')),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

runMonthSnapshotContract('SQLite (embedded default)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-'));
  return {
    store: new SqlitePlanStore(path.join(dir, 'plan.db')),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});
