// Drill: two server instances against one store run the same cycle at the
// same moment (the SQLite file, and the SharePoint lists through the Graph
// fake). Every lead gets exactly one card between them.
import { expect } from 'chai';
import fs from 'node:fs';
import { runNudgeCycle } from '../../bot/nudge-runner';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SqliteReachStore } from '../../store/local/sqlite-reach-store';
import { startFakeConnector, type FakeConnector } from '../bot/fake-connector';
import { startFakeWithSample, storeOn } from '../sharepoint/fake-store';
import { cardsByLead, CYCLE_START, notifierFor, reachEveryone, RULES, sampleFile } from './support';

describe('drill: two instances run the same cycle', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  beforeEach(async () => {
    connector = await startFakeConnector();
  });
  afterEach(() => connector.close());

  it('on one SQLite file: each lead gets one card', async () => {
    const { file, dir } = await sampleFile();
    const a = new SqlitePlanStore(file);
    const b = new SqlitePlanStore(file);
    try {
      await reachEveryone(a, new SqliteReachStore(a.db), connector.url);
      const run = (store: SqlitePlanStore, owner: string) =>
        runNudgeCycle({ store, reach: new SqliteReachStore(store.db), notifier: notifierFor(), now: () => CYCLE_START, rules: RULES, owner });
      const [ra, rb] = await Promise.all([run(a, 'instance-a'), run(b, 'instance-b')]);
      const planned = ra.plan.nudges.map((n) => n.lead.key).sort();
      expect(planned.length).to.be.greaterThan(3);
      expect([...ra.sent, ...rb.sent].map((s) => s.leadKey).sort()).to.deep.equal(planned);
      const cards = cardsByLead(connector);
      expect([...cards.keys()].sort()).to.deep.equal(planned);
      expect([...cards.values()].every((n) => n === 1)).to.equal(true);
    } finally {
      await a.close();
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on one SharePoint site: each lead gets one card', async () => {
    const { fake, store: a } = await startFakeWithSample();
    const b = storeOn(fake);
    try {
      await reachEveryone(a, a.reachStore(), connector.url);
      const run = (store: typeof a, owner: string) =>
        runNudgeCycle({ store, reach: store.reachStore(), notifier: notifierFor(), now: () => CYCLE_START, rules: RULES, owner });
      const [ra, rb] = await Promise.all([run(a, 'instance-a'), run(b, 'instance-b')]);
      const planned = ra.plan.nudges.map((n) => n.lead.key).sort();
      expect([...ra.sent, ...rb.sent].map((s) => s.leadKey).sort()).to.deep.equal(planned);
      const cards = cardsByLead(connector);
      expect([...cards.keys()].sort()).to.deep.equal(planned);
      expect([...cards.values()].every((n) => n === 1)).to.equal(true);
      // And the lists agree: one sent row per lead.
      const rows = fake.items('PlanPulse Nudges').filter((r) => r.Cycle === ra.cycle && (r.DeliveryKind ?? 'nudge') === 'nudge');
      expect(rows.map((r) => r.LeadKey).sort()).to.deep.equal(planned);
      expect(rows.every((r) => r.DeliveryState === 'sent')).to.equal(true);
    } finally {
      await fake.close();
    }
  });
});
