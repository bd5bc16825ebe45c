// The scheduler's tick takes the month just ended once; later ticks are quiet.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monthEndSnapshot } from '../../app/month-end';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

describe('month-end snapshot on the scheduler tick', () => {
  it('takes the month just ended at the first tick after it, once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-tick-'));
    const store = new SqlitePlanStore(path.join(dir, 'plan.db'));
    try {
      await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
      const log: string[] = [];
      await monthEndSnapshot(store, new Date('2023-03-31T22:45:00Z'), (l) => log.push(l)); // 23:45 BST, 31 March: February's
      await monthEndSnapshot(store, new Date('2023-03-31T23:00:00Z'), (l) => log.push(l)); // 00:00 BST, 1 April: March's
      await monthEndSnapshot(store, new Date('2023-04-01T08:00:00Z'), (l) => log.push(l));
      expect(log).to.deep.equal(['month-end snapshot of 2023-02 taken: 153 actions', 'month-end snapshot of 2023-03 taken: 153 actions']);
      expect((await store.getMonthSnapshot('2023-03'))!.takenAt).to.equal('2023-03-31T23:00:00Z');
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
