// The yardstick: the three Lancashire files give the same plan in the
// embedded store and in SharePoint lists, record for record.
import { expect } from 'chai';
import { importPlan } from '../../core/import/import-plan';
import type { PlanSnapshot } from '../../core/model';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { startFakeAndStore } from './fake-store';

/** The plan without eTags, which each store mints its own way, in a fixed order. */
function comparable(plan: PlanSnapshot) {
  const by =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b));
  return {
    deliveryGroups: [...plan.deliveryGroups].sort(by((g) => g.key)),
    priorities: [...plan.priorities].sort(by((p) => p.ref)),
    outcomes: [...plan.outcomes].sort(by((o) => o.ref)),
    actions: plan.actions.map((a) => a.value).sort(by((a) => a.ref)),
    kpis: [...plan.kpis].sort(by((k) => k.ref)),
    leads: [...plan.leads].sort(by((l) => l.key)),
  };
}

describe('the Lancashire plan in both stores', function () {
  this.timeout(60_000);

  it('imports 5 priorities, 5 delivery groups, 33 outcomes, 153 actions and 26 KPIs, identically', async () => {
    const files = ['plan', 'kpis', 'delivery-groups'].map((k) => `${SAMPLE_DIR}/lancashire-cip-2023-24-${k}.csv`);
    const local = new SqlitePlanStore(':memory:');
    const { fake, store: sharepoint } = await startFakeAndStore();
    try {
      const plans = [];
      for (const store of [local, sharepoint]) {
        await store.provision();
        const result = await importPlan(store, await readPlanFiles(files));
        expect(result.summary).to.equal('imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
        plans.push(comparable(await store.loadPlan()));
      }
      const [inSqlite, inSharePoint] = plans;
      expect(Object.fromEntries(Object.entries(inSqlite).map(([k, v]) => [k, v.length]))).to.deep.equal({
        deliveryGroups: 5,
        priorities: 5,
        outcomes: 33,
        actions: 153,
        kpis: 26,
        leads: 41,
      });
      expect(inSharePoint).to.deep.equal(inSqlite);
    } finally {
      await local.close();
      await fake.close();
    }
  });
});
