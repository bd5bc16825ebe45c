// The group view is kept per viewer and version of the plan
// (tab/server/api/view-cache.ts). Whoever opens a group after someone else
// gets their own rows and their own rights on each row, never the view kept
// for the person before them; a save anywhere is seen on the next page load.
import { expect } from 'chai';
import { startTabHarness, type StoreKind, type TabHarness } from './harness';

const GROUP = 'improving-outcomes';

interface Row {
  ref: string;
  rag: string;
  commentary?: string;
  leads: Array<{ key: string }>;
  canUpdate: boolean;
  canSignOff: boolean;
  etag: string;
}

const rowsOf = (body: { outcomes: Array<{ actions: Row[] }> }): Row[] => body.outcomes.flatMap((o) => o.actions);
const led = (row: Row, key: string) => row.leads.some((l) => l.key === key);

for (const kind of ['sqlite', 'sharepoint'] as StoreKind[]) {
  describe(`the group view kept per viewer (${kind})`, function () {
    this.timeout(120_000);
    let h: TabHarness;
    before(async () => {
      h = await startTabHarness(kind);
    });
    after(async () => {
      await h?.close();
    });
    const open = async (who: string) => {
      const r = await h.call('GET', `/api/tab/groups/${GROUP}`, who);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return r.body;
    };

    it("gives each viewer their own rows, whoever opened the group before them, and a fresh 'as at' each time", async () => {
      const chair = await open('sally-richardson');
      const all = rowsOf(chair);
      expect(chair.unreachable.length).to.be.greaterThan(0);
      const lead = await open('jennifer-ashton');
      const own = rowsOf(lead);
      expect(own.length).to.be.greaterThan(0).and.lessThan(all.length);
      for (const row of own) expect(led(row, 'jennifer-ashton'), row.ref).to.equal(true);
      expect(lead.unreachable).to.deep.equal([]);
      expect(lead.leads.map((l: { key: string }) => l.key)).to.not.include.members(
        all.flatMap((r) => r.leads.map((l) => l.key)).filter((k) => !own.some((r) => led(r, k))),
      );
      // Each asks again, in the other order: still their own.
      h.clock.now = new Date(h.clock.now.getTime() + 60_000);
      const leadAgain = await open('jennifer-ashton');
      const chairAgain = await open('sally-richardson');
      expect(rowsOf(leadAgain).map((r) => r.ref)).to.deep.equal(own.map((r) => r.ref));
      expect(rowsOf(chairAgain).map((r) => r.ref)).to.deep.equal(all.map((r) => r.ref));
      expect(chairAgain.unreachable).to.deep.equal(chair.unreachable);
      expect(leadAgain.asAt).to.equal(h.clock.now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      expect(leadAgain.asAt).to.not.equal(lead.asAt);
      // Someone with no part in the group is refused even with views of it kept.
      const outsider = await h.call('GET', `/api/tab/groups/${GROUP}`, 'dave-carr');
      expect(outsider.status).to.equal(403);
      expect(outsider.body).to.have.keys('error');
    });

    it('gives the chair and the secretariat each their own rights on the same rows', async () => {
      // The chair reports one of her own actions complete: she may not sign off her own report; the secretariat may.
      const mine = rowsOf(await open('sally-richardson')).find((r) => led(r, 'sally-richardson'))!;
      expect(mine, 'the chair leads an action in her group').to.not.equal(undefined);
      const done = await h.call('POST', `/api/tab/actions/${mine.ref}/complete`, 'sally-richardson', {
        etag: mine.etag,
        evidence: 'Report published',
      });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      const chairRow = rowsOf(await open('sally-richardson')).find((r) => r.ref === mine.ref)!;
      const secretariatRow = rowsOf(await open('board-secretariat')).find((r) => r.ref === mine.ref)!;
      const chairAgainRow = rowsOf(await open('sally-richardson')).find((r) => r.ref === mine.ref)!;
      expect(chairRow.canSignOff).to.equal(false);
      expect(secretariatRow.canSignOff).to.equal(true);
      expect(chairAgainRow.canSignOff).to.equal(false);
    });

    it("shows the chair a lead's save on the very next page load, and the lead too", async () => {
      const before = await open('sally-richardson');
      const theirs = rowsOf(await open('jennifer-ashton')).find((r) => r.rag !== 'Amber')!;
      const saved = await h.call('POST', `/api/tab/actions/${theirs.ref}/update`, 'jennifer-ashton', {
        etag: theirs.etag,
        rag: 'Amber',
        commentary: 'Cached views must not hide this',
      });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      const after = await open('sally-richardson');
      expect(rowsOf(after).find((r) => r.ref === theirs.ref)).to.include({ rag: 'Amber', commentary: 'Cached views must not hide this' });
      expect(after.counts.Amber).to.equal(before.counts.Amber + 1);
      expect(rowsOf(await open('jennifer-ashton')).find((r) => r.ref === theirs.ref)!.rag).to.equal('Amber');
    });
  });
}
