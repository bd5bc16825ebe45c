// Drill: the store is unreachable for a while (a minute in production; here
// a run of 503s, and a Graph address where nothing listens). Updates are
// refused with a clear message and change nothing; nudges fail without being
// marked sent, and the next run after the outage sends each lead one card.
import { expect } from 'chai';
import { runNudgeCycle } from '../../bot/nudge-runner';
import { UpstreamError } from '../../core/errors';
import { updateActionStatus } from '../../core/update-action';
import { createSharePointPlanStore, staticTokenProvider } from '../../store/sharepoint';
import { startFakeConnector } from '../bot/fake-connector';
import { startFakeWithSample, TEST_TOKEN } from '../sharepoint/fake-store';
import { cardsByLead, CYCLE_START, notifierFor, reachEveryone, RULES } from './support';

const JEN = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Jennifer Ashton' };

describe('drill: the store unreachable for a while', function () {
  this.timeout(30_000);

  it('an update to a Graph where nothing listens is refused in words, and nothing else happens', async () => {
    const store = createSharePointPlanStore({
      graphBaseUrl: 'https://127.0.0.1:9',
      site: 'contoso.sharepoint.com:/sites/send-partnership',
      authProvider: staticTokenProvider(TEST_TOKEN),
      maxRetries: 0,
    });
    let error: unknown;
    await updateActionStatus(
      { store, now: () => CYCLE_START },
      { identity: JEN, ref: '1.1.3', report: { rag: 'Green' }, source: 'teams-card' },
    ).catch((e) => (error = e));
    expect(error).to.be.instanceOf(UpstreamError);
    expect((error as Error).message).to.match(/could not reach Graph/);
  });

  it('refuses updates during a 503 outage, changes nothing, and nudges resume after it', async () => {
    const { fake, store } = await startFakeWithSample({}, { maxRetries: 1, retryDelayCapSeconds: 0 });
    const connector = await startFakeConnector();
    try {
      const lead = (await store.listLeads()).find((l) => l.displayName === JEN.name)!;
      await store.saveLead({ ...lead, aadObjectId: JEN.aadObjectId });
      const reach = store.reachStore();
      await reachEveryone(store, reach, connector.url);
      const before = (await store.getAction('1.1.3'))!;

      fake.throttleNext(10_000, 0, 503); // SharePoint is down
      let error: unknown;
      await updateActionStatus(
        { store, now: () => CYCLE_START },
        { identity: JEN, ref: '1.1.3', seen: { etag: before.etag }, report: { rag: 'Amber', commentary: 'During the outage' }, source: 'teams-card' },
      ).catch((e) => (error = e));
      expect(error).to.be.instanceOf(UpstreamError);
      expect((error as Error).message).to.match(/503|unavailable/i);
      const during = await runNudgeCycle({ store, reach, notifier: notifierFor(), now: () => CYCLE_START, rules: RULES }).catch((e: Error) => e);
      expect(during).to.be.instanceOf(Error);
      expect(connector.sent).to.have.length(0);

      fake.throttleNext(0, 0); // back
      const after = (await store.getAction('1.1.3'))!;
      expect(after.etag).to.equal(before.etag);
      expect(await store.actionHistory('1.1.3')).to.deep.equal([]);
      const resumed = await runNudgeCycle({
        store,
        reach,
        notifier: notifierFor(),
        now: () => new Date(CYCLE_START.getTime() + 5 * 60_000),
        rules: RULES,
      });
      const planned = resumed.plan.nudges.map((n) => n.lead.key).sort();
      const cards = cardsByLead(connector);
      expect([...cards.keys()].sort()).to.deep.equal(planned);
      expect([...cards.values()].every((n) => n === 1)).to.equal(true);
      // And the update the person tries again is accepted.
      const saved = await updateActionStatus(
        { store, now: () => CYCLE_START },
        { identity: JEN, ref: '1.1.3', seen: { etag: after.etag }, report: { rag: 'Amber', commentary: 'After the outage' }, source: 'teams-card' },
      );
      expect((await store.actionHistory('1.1.3')).map((u) => u.id)).to.deep.equal([saved.update.id]);
    } finally {
      await connector.close();
      await fake.close();
    }
  });
});
