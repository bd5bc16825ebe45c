// The PlanStore contract, run against the SharePoint store on a fresh Graph fake.
import { runPlanStoreContract } from '../contract/plan-store.contract';
import { runMonthSnapshotContract } from '../contract/month-snapshots.contract';
import { startFakeAndStore } from './fake-store';

runPlanStoreContract('SharePoint lists (Graph fake)', async () => {
  const { fake, store } = await startFakeAndStore();
  return { store, cleanup: () => fake.close() };
});

runMonthSnapshotContract('SharePoint lists (Graph fake)', async () => {
  const { fake, store } = await startFakeAndStore();
  return { store, cleanup: () => fake.close() };
});
