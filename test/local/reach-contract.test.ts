import { expect } from 'chai';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SqliteReachStore } from '../../store/local/sqlite-reach-store';
import { runReachStoreContract } from '../contract/reach-store.contract';

runReachStoreContract('SQLite (embedded default)', async () => {
  const plan = new SqlitePlanStore(':memory:');
  return { reach: new SqliteReachStore(plan.db), cleanup: () => plan.close() };
});

describe('SQLite reach store: digests recorded before digests were claimed', () => {
  it('count as sent, so an upgrade sends none of them again', async () => {
    const plan = new SqlitePlanStore(':memory:');
    try {
      plan.db.exec('CREATE TABLE digests (group_key TEXT NOT NULL, period TEXT NOT NULL, sent_at TEXT NOT NULL, PRIMARY KEY (group_key, period))');
      plan.db.prepare('INSERT INTO digests VALUES (?, ?, ?)').run('improving-outcomes', '2023-Q1', '2023-04-03T09:00:00Z');
      const reach = new SqliteReachStore(plan.db);
      const key = { kind: 'digest' as const, scope: '2023-Q1', subject: 'improving-outcomes' };
      expect(await reach.getFollowUp(key)).to.deep.include({ state: 'sent', sentAt: '2023-04-03T09:00:00Z' });
      expect(await reach.claimFollowUp(key, 'a', '2023-04-03T10:00:00Z', '2023-04-03T10:10:00Z')).to.equal(false);
      expect(await reach.claimFollowUp({ ...key, scope: '2023-Q2' }, 'a', '2023-07-03T10:00:00Z', '2023-07-03T10:10:00Z')).to.equal(true);
    } finally {
      await plan.close();
    }
  });
});
