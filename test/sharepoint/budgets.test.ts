// The Graph budgets issue 15 sets, held as tests on the Lancashire sample:
// a card update in at most 3 requests, an import of changes in its list reads
// plus its $batch writes (never a request per changed action), and one
// Retry-After (and a resource-unit pace) honoured by every request.
import { expect } from 'chai';
import { emptyChanges } from '../../core/ports';
import { updateActionStatus } from '../../core/update-action';
import { ThrottleGate } from '../../store/sharepoint/graph/throttle-gate';
import { startFakeWithSample, storeOn } from './fake-store';

const JEN = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Jennifer Ashton' };

describe('SharePoint Graph budgets', function () {
  this.timeout(30_000);

  it('a warm card update costs at most 3 requests: the action, who is acting, one $batch', async () => {
    const { fake, store } = await startFakeWithSample();
    try {
      const lead = (await store.listLeads()).find((l) => l.displayName === JEN.name)!;
      await store.saveLead({ ...lead, aadObjectId: JEN.aadObjectId });
      const deps = { store, now: () => new Date('2023-03-06T10:00:00Z') };
      await updateActionStatus(deps, { identity: JEN, ref: '1.1.3', report: { rag: 'Amber', commentary: 'First' }, source: 'teams-card' });
      fake.resetRequests();
      const seen = (await store.getAction('1.1.3'))!;
      fake.resetRequests();
      await updateActionStatus(deps, {
        identity: JEN,
        ref: '1.1.3',
        seen: { etag: seen.etag },
        report: { rag: 'Amber', commentary: 'Second' },
        source: 'teams-card',
      });
      expect(fake.requests.length, fake.requests.map((r) => `${r.method} ${r.path}`).join('\n')).to.be.at.most(3);
      expect(fake.requests.filter((r) => r.isBatch)).to.have.length(1);
    } finally {
      await fake.close();
    }
  });

  it('an import of changes from a restarted process costs its list reads and its batches, not a request per action', async () => {
    const { fake, store } = await startFakeWithSample();
    try {
      const refs = (await store.loadPlan()).actions.map((a) => a.value.ref).slice(0, 40);
      const revise = (n: number) => {
        const c = emptyChanges();
        c.actions.updated = refs.map((ref) => ({ key: ref, patch: { text: `Revision ${n} of ${ref}` } }));
        return c;
      };
      await store.applyChanges(revise(1));
      const restarted = storeOn(fake);
      await restarted.kpiMeasurements('none'); // the site and its lists
      fake.resetRequests();
      await restarted.applyChanges(revise(2));
      const gets = fake.requests.filter((r) => r.method === 'GET').length;
      const batches = fake.requests.filter((r) => r.isBatch).length;
      // 40 changes: 2 batches of PATCHes, 2 of history records, 2 looking up the previous records.
      expect(batches).to.equal(6);
      expect(gets).to.equal(1); // one page of the Actions list
      // Both revisions' records are in the history: one per change, none lost, none twice.
      const records = fake.items('PlanPulse Action Updates').filter((u) => refs.includes(String(u.ActionRef)));
      expect(records).to.have.length(80);
      expect(new Set(records.map((u) => u.UpdateId)).size).to.equal(80);
    } finally {
      await fake.close();
    }
  });

  it('holds every request while a Retry-After runs, and paces under a resource-unit budget', async () => {
    let now = 0;
    const gate = new ThrottleGate(60_000, () => now); // 1,000 units a second, a bucket of 1,000
    gate.holdOff(0.05);
    let passed = false;
    const waiting = gate.pass(1).then(() => (passed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(passed).to.equal(false);
    now = 50;
    await waiting;
    expect(passed).to.equal(true);
    // 999 units are left, so a batch dearer than the bucket waits for it to fill again.
    let spent = false;
    const batch = gate.pass(1500).then(() => (spent = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(spent).to.equal(false);
    now = 1050;
    await batch;
    expect(spent).to.equal(true);
  });
});
