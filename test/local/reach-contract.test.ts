import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SqliteReachStore } from '../../store/local/sqlite-reach-store';
import { runReachStoreContract } from '../contract/reach-store.contract';

runReachStoreContract('SQLite (embedded default)', async () => {
  const plan = new SqlitePlanStore(':memory:');
  return { reach: new SqliteReachStore(plan.db), cleanup: () => plan.close() };
});
