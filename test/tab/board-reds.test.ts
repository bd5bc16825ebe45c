// The board's list of Red actions: the secretariat sees every one, a chair
// only their own group's, a board member (aggregates only) just how many.
import { expect } from 'chai';
import { compareRefs } from '../../core/refs';
import { startTabHarness, type TabHarness } from './harness';

describe('tab API: the Red actions on the board', function () {
  this.timeout(60_000);
  let h: TabHarness;
  before(async () => {
    h = await startTabHarness('sqlite');
    await h.app.services.store.saveLead({ key: 'bola-board', displayName: 'Bola Board', aliases: [], isBoardMember: true });
    // One Red in the chair's own group (priority 1) and one elsewhere (priority 3).
    for (const ref of ['1.1.7', '3.4.6']) {
      const d = await h.call('GET', `/api/tab/actions/${ref}`, 'board-secretariat');
      const r = await h.call('POST', `/api/tab/actions/${ref}/update`, 'board-secretariat', {
        etag: d.body.row.etag,
        rag: 'Red',
        dueDate: '2023-06-30',
        commentary: 'Panel capacity fell in March.',
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
    }
  });
  after(async () => h?.close());

  const redRefs = async () => (await h.store.loadPlan()).actions.filter((a) => a.value.rag === 'Red').map((a) => a.value.ref);

  it("gives the secretariat every Red action, in ref order, with the lead's commentary", async () => {
    const r = await h.call('GET', '/api/tab/board', 'board-secretariat');
    expect(r.status).to.equal(200);
    const all = await redRefs();
    expect(all).to.include.members(['1.1.7', '3.4.6']);
    expect(r.body.reds.map((x: { ref: string }) => x.ref)).to.deep.equal([...all].sort(compareRefs));
    expect(r.body.reds.every((x: { rag: string }) => x.rag === 'Red')).to.equal(true);
    expect(r.body.reds.find((x: { ref: string }) => x.ref === '3.4.6').commentary).to.equal('Panel capacity fell in March.');
    expect(r.body.redsNotShown).to.equal(0);
    expect(r.body.reds.length).to.equal(r.body.totals.Red);
  });

  it("gives a chair only their own group's Reds, and counts the rest", async () => {
    const r = await h.call('GET', '/api/tab/board', 'sally-richardson');
    expect(r.status).to.equal(200);
    const refs = r.body.reds.map((x: { ref: string }) => x.ref);
    expect(refs).to.include('1.1.7');
    expect(refs.every((ref: string) => ref.startsWith('1.'))).to.equal(true);
    expect(refs.length + r.body.redsNotShown).to.equal((await redRefs()).length);
  });

  it('gives a board member the count and no actions', async () => {
    const r = await h.call('GET', '/api/tab/board', 'bola-board');
    expect(r.status).to.equal(200);
    expect(r.body.reds).to.deep.equal([]);
    expect(r.body.redsNotShown).to.equal(r.body.totals.Red);
    expect(r.body.redsNotShown).to.be.at.least(2);
    expect(JSON.stringify(r.body)).to.not.contain('Panel capacity fell in March.');
  });
});
