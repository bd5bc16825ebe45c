// One contract for every ReachStore (SQLite, and SharePoint on the Graph fake):
// who can be reached, and the claim rule that keeps each nudge, reminder,
// escalation and digest to one send.
import { expect } from 'chai';
import type { Reachability, ReachStore } from '../../core/reach';

export interface ReachUnderTest {
  reach: ReachStore;
  cleanup(): Promise<void>;
}

const person = (n: number, over: Partial<Reachability> = {}): Reachability => ({
  aadObjectId: `AAAAAAAA-0000-4000-8000-${String(n).padStart(12, '0')}`,
  leadKey: `lead-${n}`,
  name: `Person ${n}`,
  reference: {
    conversation: { id: `a:chat-${n}`, conversationType: 'personal' },
    serviceUrl: 'https://smba.trafficmanager.net/teams/',
    channelId: 'msteams',
  },
  reachable: true,
  updatedAt: '2023-03-06T09:00:00Z',
  ...over,
});

export function runReachStoreContract(name: string, make: () => Promise<ReachUnderTest>): void {
  describe(`ReachStore contract: ${name}`, function () {
    this.timeout(60_000);
    let sut: ReachUnderTest;
    let reach: ReachStore;
    beforeEach(async () => {
      sut = await make();
      reach = sut.reach;
    });
    afterEach(async () => {
      await reach.close();
      await sut.cleanup();
    });

    it('keeps conversation references by Entra object id, whatever its case, and replaces them', async () => {
      await reach.saveReachability(person(1));
      const got = await reach.getReachability('aaaaaaaa-0000-4000-8000-000000000001');
      expect(got?.reference).to.deep.equal(person(1).reference);
      expect(got?.leadKey).to.equal('lead-1');
      await reach.saveReachability(person(1, { reference: { conversation: { id: 'a:new' } }, updatedAt: '2023-03-07T09:00:00Z' }));
      expect((await reach.getReachability(person(1).aadObjectId))?.reference).to.deep.equal({ conversation: { id: 'a:new' } });
      expect(await reach.listReachability()).to.have.length(1);
      expect(await reach.getReachability('bbbbbbbb-0000-4000-8000-000000000009')).to.equal(undefined);
    });

    it('marks someone unreachable with the reason', async () => {
      await reach.saveReachability(person(2));
      await reach.markUnreachable(person(2).aadObjectId, 'uninstalled the app', '2023-03-08T10:00:00Z');
      const got = await reach.getReachability(person(2).aadObjectId);
      expect(got).to.include({ reachable: false, unreachableReason: 'uninstalled the app', updatedAt: '2023-03-08T10:00:00Z' });
    });

    it('claims a delivery once: a live claim by another owner and a sent delivery are refused', async () => {
      expect(await reach.claimDelivery('2023-03-06', 'lead-1', 'a', '2023-03-06T09:00:00Z', '2023-03-06T09:10:00Z')).to.equal(true);
      expect(await reach.claimDelivery('2023-03-06', 'lead-1', 'b', '2023-03-06T09:01:00Z', '2023-03-06T09:11:00Z')).to.equal(false);
      expect(await reach.claimDelivery('2023-03-06', 'lead-1', 'a', '2023-03-06T09:02:00Z', '2023-03-06T09:12:00Z')).to.equal(true);
      // The owner crashed: once its lease lapses, another may take over.
      expect(await reach.claimDelivery('2023-03-06', 'lead-1', 'b', '2023-03-06T09:20:00Z', '2023-03-06T09:30:00Z')).to.equal(true);
      await reach.updateDelivery('2023-03-06', 'lead-1', {
        state: 'sent',
        sentAt: '2023-03-06T09:20:01Z',
        actionRefs: ['1.1.3', '1.2.2'],
        activityId: 'm1',
        leaseUntil: undefined,
      });
      expect(await reach.claimDelivery('2023-03-06', 'lead-1', 'c', '2023-03-06T10:00:00Z', '2023-03-06T10:10:00Z')).to.equal(false);
      const d = await reach.getDelivery('2023-03-06', 'lead-1');
      expect(d).to.deep.include({
        cycle: '2023-03-06',
        leadKey: 'lead-1',
        state: 'sent',
        actionRefs: ['1.1.3', '1.2.2'],
        activityId: 'm1',
        owner: 'b',
      });
      expect(d?.leaseUntil).to.equal(undefined);
    });

    it('lets a failed delivery be claimed again', async () => {
      await reach.claimDelivery('2023-03-06', 'lead-2', 'a', '2023-03-06T09:00:00Z', '2023-03-06T09:10:00Z');
      await reach.updateDelivery('2023-03-06', 'lead-2', { state: 'failed', error: '502 from Teams' });
      expect(await reach.claimDelivery('2023-03-06', 'lead-2', 'b', '2023-03-06T09:01:00Z', '2023-03-06T09:11:00Z')).to.equal(true);
      expect((await reach.getDelivery('2023-03-06', 'lead-2'))?.error).to.equal(undefined);
    });

    it('of five instances claiming at once, exactly one wins', async () => {
      const results = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((o) => reach.claimDelivery('2023-03-13', 'lead-3', o, '2023-03-13T09:00:00Z', '2023-03-13T09:10:00Z')),
      );
      expect(results.filter(Boolean)).to.have.length(1);
      expect(await reach.deliveriesInCycle('2023-03-13')).to.have.length(1);
    });

    it('lists a lead’s deliveries newest first, and a cycle’s by lead', async () => {
      for (const cycle of ['2023-03-06', '2023-03-20', '2023-03-13']) {
        await reach.claimDelivery(cycle, 'lead-4', 'a', `${cycle}T09:00:00Z`, `${cycle}T09:10:00Z`);
        await reach.updateDelivery(cycle, 'lead-4', { state: 'sent', sentAt: `${cycle}T09:00:05Z` });
      }
      await reach.claimDelivery('2023-03-13', 'lead-5', 'a', '2023-03-13T09:00:00Z', '2023-03-13T09:10:00Z');
      await reach.updateDelivery('2023-03-13', 'lead-4', { repliedAt: '2023-03-14T08:00:00Z' });
      const mine = await reach.deliveriesFor('lead-4');
      expect(mine.map((d) => d.cycle)).to.deep.equal(['2023-03-20', '2023-03-13', '2023-03-06']);
      expect(mine[1]).to.include({ state: 'sent', repliedAt: '2023-03-14T08:00:00Z' });
      expect((await reach.deliveriesInCycle('2023-03-13')).map((d) => d.leadKey)).to.deep.equal(['lead-4', 'lead-5']);
    });

    it('keeps a delivery sent when an instance whose lease lapsed reports failure afterwards', async () => {
      await reach.claimDelivery('2023-03-06', 'lead-7', 'a', '2023-03-06T09:00:00Z', '2023-03-06T09:10:00Z');
      await reach.claimDelivery('2023-03-06', 'lead-7', 'b', '2023-03-06T09:11:00Z', '2023-03-06T09:21:00Z');
      await reach.updateDelivery('2023-03-06', 'lead-7', { state: 'sent', sentAt: '2023-03-06T09:11:05Z' });
      await reach.updateDelivery('2023-03-06', 'lead-7', { state: 'failed', error: 'a timed out', attempts: 1 });
      expect(await reach.getDelivery('2023-03-06', 'lead-7')).to.deep.include({ state: 'sent', sentAt: '2023-03-06T09:11:05Z' });
      expect(await reach.claimDelivery('2023-03-06', 'lead-7', 'c', '2023-03-06T09:30:00Z', '2023-03-06T09:40:00Z')).to.equal(false);
    });

    it('records how often a delivery failed', async () => {
      await reach.claimDelivery('2023-03-06', 'lead-6', 'a', '2023-03-06T09:00:00Z', '2023-03-06T09:10:00Z');
      await reach.updateDelivery('2023-03-06', 'lead-6', { state: 'failed', error: '429 from Teams', attempts: 2 });
      expect(await reach.getDelivery('2023-03-06', 'lead-6')).to.deep.include({ state: 'failed', attempts: 2 });
    });

    const reminder = { kind: 'reminder' as const, scope: '2023-03-06', subject: 'lead-1' };
    const escalation = { kind: 'escalation' as const, scope: '2023-03-06', subject: 'lead-1' };
    const digest = { kind: 'digest' as const, scope: '2023-Q1', subject: 'improving-outcomes' };

    for (const key of [reminder, escalation, digest]) {
      it(`claims ${key.kind === 'escalation' ? 'an' : 'a'} ${key.kind} once: a live claim by another owner and a sent one are refused, a lapsed or failed one is retaken`, async () => {
        expect(await reach.claimFollowUp(key, 'a', '2023-03-09T10:00:00Z', '2023-03-09T10:10:00Z')).to.equal(true);
        expect(await reach.claimFollowUp(key, 'b', '2023-03-09T10:01:00Z', '2023-03-09T10:11:00Z')).to.equal(false);
        // a crashed: its lease lapses and b takes over; b's send fails and it stays claimable
        expect(await reach.claimFollowUp(key, 'b', '2023-03-09T10:20:00Z', '2023-03-09T10:30:00Z')).to.equal(true);
        await reach.settleFollowUp(key, { state: 'failed', error: '502 from Teams' });
        expect(await reach.getFollowUp(key)).to.deep.include({ ...key, state: 'failed', error: '502 from Teams' });
        expect(await reach.claimFollowUp(key, 'c', '2023-03-09T10:21:00Z', '2023-03-09T10:31:00Z')).to.equal(true);
        await reach.settleFollowUp(key, { state: 'sent', at: '2023-03-09T10:21:05Z' });
        expect(await reach.claimFollowUp(key, 'd', '2023-03-09T11:00:00Z', '2023-03-09T11:10:00Z')).to.equal(false);
        const got = await reach.getFollowUp(key);
        expect(got).to.deep.include({ ...key, state: 'sent', sentAt: '2023-03-09T10:21:05Z', owner: 'c' });
        expect(got?.error).to.equal(undefined);
        expect(got?.leaseUntil).to.equal(undefined);
      });

      it(`keeps ${key.kind === 'escalation' ? 'an' : 'a'} ${key.kind} sent when an instance whose lease lapsed reports failure afterwards`, async () => {
        await reach.claimFollowUp(key, 'a', '2023-03-09T10:00:00Z', '2023-03-09T10:10:00Z');
        await reach.claimFollowUp(key, 'b', '2023-03-09T10:11:00Z', '2023-03-09T10:21:00Z');
        await reach.settleFollowUp(key, { state: 'sent', at: '2023-03-09T10:11:05Z' });
        await reach.settleFollowUp(key, { state: 'failed', error: 'a timed out' });
        expect(await reach.getFollowUp(key)).to.deep.include({ state: 'sent', sentAt: '2023-03-09T10:11:05Z' });
        expect(await reach.claimFollowUp(key, 'c', '2023-03-09T10:30:00Z', '2023-03-09T10:40:00Z')).to.equal(false);
      });

      it(`of five instances claiming one ${key.kind} at once, exactly one wins`, async () => {
        const results = await Promise.all(
          ['a', 'b', 'c', 'd', 'e'].map((o) => reach.claimFollowUp(key, o, '2023-03-09T10:00:00Z', '2023-03-09T10:10:00Z')),
        );
        expect(results.filter(Boolean)).to.have.length(1);
      });
    }

    it('keeps follow-ups apart from nudges, from each other and from other periods', async () => {
      await reach.claimDelivery('2023-03-06', 'lead-1', 'a', '2023-03-06T09:00:00Z', '2023-03-06T09:10:00Z');
      await reach.updateDelivery('2023-03-06', 'lead-1', { state: 'sent', sentAt: '2023-03-06T09:00:05Z' });
      expect(await reach.claimFollowUp(reminder, 'a', '2023-03-09T10:00:00Z', '2023-03-09T10:10:00Z')).to.equal(true);
      await reach.settleFollowUp(reminder, { state: 'sent', at: '2023-03-09T10:00:05Z' });
      expect(await reach.claimFollowUp(escalation, 'a', '2023-03-20T10:00:00Z', '2023-03-20T10:10:00Z')).to.equal(true);
      expect(await reach.claimFollowUp(digest, 'a', '2023-04-03T10:00:00Z', '2023-04-03T10:10:00Z')).to.equal(true);
      expect(await reach.claimFollowUp({ ...digest, scope: '2023-Q2' }, 'b', '2023-07-03T10:00:00Z', '2023-07-03T10:10:00Z')).to.equal(true);
      expect(await reach.getFollowUp({ ...reminder, subject: 'lead-2' })).to.equal(undefined);
      expect((await reach.deliveriesFor('lead-1')).map((d) => [d.cycle, d.state])).to.deep.equal([['2023-03-06', 'sent']]);
      expect((await reach.deliveriesInCycle('2023-03-06')).map((d) => d.leadKey)).to.deep.equal(['lead-1']);
    });
  });
}
