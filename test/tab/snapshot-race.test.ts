// Two instances taking the same month at once: exactly one keeps it, the
// other is told so, and what is kept is whole (one snapshot id, every part).
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { takeMonthSnapshot } from '../../core/snapshots';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { startFakeWithSample, storeOn } from '../sharepoint/fake-store';

describe('month-end snapshot taken by two instances at once', function () {
  this.timeout(60_000);

  it('SharePoint: one keeps the month, the other is refused', async () => {
    const { fake, store } = await startFakeWithSample();
    try {
      const other = storeOn(fake);
      const now = new Date('2023-04-01T00:15:00Z');
      const results = await Promise.all([takeMonthSnapshot(store, now), takeMonthSnapshot(other, now)]);
      expect(results.filter((r) => r.taken)).to.have.length(1);
      const kept = (await store.getMonthSnapshot('2023-03'))!;
      expect(kept.actions).to.have.length(153);
      expect(await other.getMonthSnapshot('2023-03')).to.deep.equal(kept);
      expect(await store.listMonthSnapshots()).to.have.length(1);
    } finally {
      await fake.close();
    }
  });

  it('SQLite: two connections to one file, one keeps the month', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-race-'));
    const a = new SqlitePlanStore(path.join(dir, 'plan.db'));
    const b = new SqlitePlanStore(path.join(dir, 'plan.db'));
    try {
      await importPlan(a, await readPlanFiles([SAMPLE_DIR]));
      const now = new Date('2023-04-01T00:15:00Z');
      const results = await Promise.all([takeMonthSnapshot(a, now), takeMonthSnapshot(b, now)]);
      expect(results.filter((r) => r.taken)).to.have.length(1);
      expect(await b.getMonthSnapshot('2023-03')).to.deep.equal(await a.getMonthSnapshot('2023-03'));
    } finally {
      await a.close();
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
