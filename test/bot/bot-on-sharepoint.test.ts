// The same bot, over HTTP, with the plan and the nudge ledger in SharePoint
// lists (through the stateful Graph fake): a nudge run, a card update and a
// forged invoke must land exactly as they do on the embedded default.
import { expect } from 'chai';
import { runNudgeCycle } from '../../bot/nudge-runner';
import { VERBS } from '../../bot/cards/verbs';
import type { GraphFake } from '../fakes/graph';
import { startFakeAndStore } from '../sharepoint/fake-store';
import { cardText, DAVE, JEN, SALLY, startHarness, type Harness } from './harness';

describe('bot over HTTP on the SharePoint store', function () {
  this.timeout(60_000);
  let h: Harness;
  let fake: GraphFake;
  beforeEach(async () => {
    const started = await startFakeAndStore();
    fake = started.fake;
    h = await startHarness({ store: started.store });
  });
  afterEach(async () => {
    await h.close();
    await fake.close();
  });

  it('keeps conversations in a SharePoint list and sends one card per reachable lead, once', async () => {
    for (const p of [JEN, SALLY, DAVE]) await h.teams.install(p);
    expect(
      fake
        .items('PlanPulse Conversations')
        .map((i) => i.AadObjectId)
        .sort(),
    ).to.deep.equal([JEN, SALLY, DAVE].map((p) => p.aadObjectId).sort());
    h.connector.sent.length = 0;
    const report = await runNudgeCycle(h.app.nudgeDeps);
    expect(report.sent.map((s) => s.leadKey).sort()).to.deep.equal(['dave-carr', 'jennifer-ashton', 'sally-richardson']);
    expect(h.connector.sent).to.have.length(3);
    const nudges = fake.items('PlanPulse Nudges');
    expect(nudges.map((n) => n.DeliveryState)).to.deep.equal(['sent', 'sent', 'sent']);
    const again = await runNudgeCycle(h.app.nudgeDeps);
    expect(again.sent).to.deep.equal([]);
    expect(h.connector.sent).to.have.length(3);
  });

  it('an update through the card changes the SharePoint item and appends its history; a forged one changes nothing', async () => {
    const before = (await h.store.getAction('1.1.3'))!;
    const forged = await h.teams.tap(DAVE, VERBS.saveUpdate, { ref: '1.1.3', etag: before.etag }, { rag: 'Green' });
    expect(cardText(forged.body.value)).to.match(/Not allowed/);
    expect((await h.store.getAction('1.1.3'))!.etag).to.equal(before.etag);

    const res = await h.teams.tap(
      JEN,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: before.etag },
      { rag: 'Red', newDueDate: '2023-06-30', commentary: 'Schools survey moved to summer term' },
    );
    expect(cardText(res.body.value)).to.match(/Saved/);
    const item = fake.items('PlanPulse Actions').find((i) => i.ActionRef === '1.1.3')!;
    expect(item.Rag).to.equal('Red');
    expect(item.DueDate).to.equal('2023-06-29T23:00:00Z'); // 30 Jun, midnight BST, as SharePoint keeps date-only values
    const history = fake.items('PlanPulse Action Updates').filter((i) => i.ActionRef === '1.1.3');
    expect(history).to.have.length(1);
    expect(JSON.parse(String(history[0].ChangesJson)).map((c: { field: string }) => c.field)).to.deep.equal(['rag', 'dueDate', 'commentary']);
    expect((await h.store.getAction('1.1.3'))!.value.dueDate).to.equal('2023-06-30');
  });
});
