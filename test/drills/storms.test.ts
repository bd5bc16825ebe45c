// Drill: throttling storms. Graph answers 429 and 503 (with Retry-After)
// through a nudge cycle on SharePoint; Teams answers 429 and 5xx. Every lead
// ends with exactly one card: throttled sends wait, failed ones are retried by
// the next run, none is sent twice.
import { expect } from 'chai';
import { runNudgeCycle } from '../../bot/nudge-runner';
import { startFakeConnector, type FakeConnector } from '../bot/fake-connector';
import { startFakeWithSample } from '../sharepoint/fake-store';
import { cardsByLead, conversationOf, CYCLE_START, notifierFor, reachEveryone, RULES } from './support';

describe('drill: 429 and 503 storms from Graph and from Teams', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  beforeEach(async () => {
    connector = await startFakeConnector();
  });
  afterEach(() => connector.close());

  for (const status of [429, 503] as const) {
    it(`Graph answers ${status} to a run of requests mid-cycle: every lead gets one card`, async () => {
      const { fake, store } = await startFakeWithSample({}, { maxRetries: 8, retryDelayCapSeconds: 1 });
      try {
        const reach = store.reachStore();
        await reachEveryone(store, reach, connector.url);
        fake.throttleNext(12, 0, status);
        const first = await runNudgeCycle({ store, reach, notifier: notifierFor(), now: () => CYCLE_START, rules: RULES, owner: 'a' });
        const planned = first.plan.nudges.map((n) => n.lead.key).sort();
        // A run that met the storm's end leaves nothing claimed for good; the next finishes it.
        await runNudgeCycle({
          store,
          reach,
          notifier: notifierFor(),
          now: () => new Date(CYCLE_START.getTime() + 11 * 60_000),
          rules: RULES,
          owner: 'b',
        });
        const cards = cardsByLead(connector);
        expect([...cards.keys()].sort()).to.deep.equal(planned);
        expect(
          [...cards.values()].every((n) => n === 1),
          JSON.stringify([...cards]),
        ).to.equal(true);
        expect(fake.requests.filter((r) => r.status === status || (r.inner ?? []).some((i) => i.status === status)).length).to.be.greaterThan(0);
      } finally {
        await fake.close();
      }
    });
  }

  it('Teams answers 429 and 5xx: sends wait or are retried next run, none doubled', async () => {
    const { fake, store } = await startFakeWithSample();
    try {
      const reach = store.reachStore();
      await reachEveryone(store, reach, connector.url);
      const planned = (
        await runNudgeCycle({
          store,
          reach,
          notifier: { sendCard: async () => Promise.reject(new Error('not yet')), sendText: async () => ({}) },
          now: () => CYCLE_START,
          rules: RULES,
          maxAttempts: 10,
        })
      ).plan.nudges
        .map((n) => n.lead.key)
        .sort();
      // Each conversation: 429s (waited out) and a 500 (the connector client retries it);
      // one conversation a long 503 outage: that send fails and a later run retries it.
      // (The connector client's own 5xx retries back off for seconds: the full storm runs with PLANPULSE_SOAK=1.)
      const soak = process.env.PLANPULSE_SOAK === '1';
      for (const lead of planned) connector.failures.set(conversationOf(lead), soak ? [429, 429, 500] : [429, 429]);
      connector.failures.set(conversationOf(planned[0]), Array(soak ? 12 : 4).fill(503));
      const notifier = notifierFor();
      const runs = [];
      for (let i = 1; i <= 4; i++)
        runs.push(
          await runNudgeCycle({ store, reach, notifier, now: () => new Date(CYCLE_START.getTime() + i * 60_000), rules: RULES, maxAttempts: 10 }),
        );
      const cards = cardsByLead(connector);
      expect([...cards.keys()].sort()).to.deep.equal(planned);
      expect(
        [...cards.values()].every((n) => n === 1),
        JSON.stringify([...cards]),
      ).to.equal(true);
      expect(runs[0].failed.map((f) => f.leadKey)).to.deep.equal([planned[0]]);
      expect(runs.slice(1).flatMap((r) => r.sent.map((x) => x.leadKey))).to.include(planned[0]);
    } finally {
      await fake.close();
    }
  });
});
