// Month-end snapshots, held to one contract by both stores: first write wins,
// and a kept month never changes, whatever happens to the plan afterwards.
import { expect } from 'chai';
import { importPlan } from '../../core/import/import-plan';
import { takeMonthSnapshot, type MonthSnapshot } from '../../core/snapshots';
import { readPlanFiles } from '../../store/files/read-sheets';
import { anUpdate, SAMPLE_DIR, type StoreUnderTest } from './plan-store.contract';
import type { PlanStore } from '../../core/ports';
import { InvalidError } from '../../core/errors';

export function runMonthSnapshotContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`Month snapshots contract: ${name}`, function () {
    this.timeout(60_000);
    let sut: StoreUnderTest;
    let store: PlanStore;

    before(async () => {
      sut = await make();
      store = sut.store;
      await store.provision();
      const r = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
      expect(r.ok).to.equal(true);
    });
    after(async () => {
      await store.close();
      await sut.cleanup();
    });

    it('has none before the first month end', async () => {
      expect(await store.listMonthSnapshots()).to.deep.equal([]);
      expect(await store.getMonthSnapshot('2023-01')).to.equal(undefined);
    });

    it("keeps every action's RAG, due date and priority as the month ended", async () => {
      const result = await takeMonthSnapshot(store, new Date('2023-02-01T00:15:00Z'));
      expect(result.taken).to.equal(true);
      const kept = (await store.getMonthSnapshot('2023-01'))!;
      const plan = await store.loadPlan();
      expect(kept.month).to.equal('2023-01');
      expect(kept.takenAt).to.equal('2023-02-01T00:15:00Z');
      expect(kept.actions).to.have.length(plan.actions.length);
      const a = plan.actions.find((x) => x.value.ref === '1.1.3')!.value;
      expect(kept.actions.find((e) => e.ref === '1.1.3')).to.deep.equal({
        ref: '1.1.3',
        priorityRef: a.priorityRef,
        rag: a.rag,
        ...(a.dueDate ? { dueDate: a.dueDate } : {}),
      });
      expect((await store.listMonthSnapshots()).map((s) => s.month)).to.deep.equal(['2023-01']);
    });

    it('does not change when an action is edited afterwards', async () => {
      await takeMonthSnapshot(store, new Date('2023-03-01T09:00:00Z'));
      const before: MonthSnapshot = (await store.getMonthSnapshot('2023-02'))!;
      const current = (await store.getAction('1.1.3'))!;
      const edited = { ...current.value, rag: 'Red' as const, dueDate: '2023-12-31', commentary: 'Slipped' };
      await store.saveAction(edited, current.etag, anUpdate('1.1.3', { changes: [{ field: 'rag', from: current.value.rag, to: 'Red' }] }));
      expect((await store.getAction('1.1.3'))!.value.rag).to.equal('Red');
      expect(await store.getMonthSnapshot('2023-02')).to.deep.equal(before);
      expect(before.actions.find((e) => e.ref === '1.1.3')!.rag).to.not.equal('Red');
      // Taking February again, now the plan has moved, keeps the first.
      const again = await takeMonthSnapshot(store, new Date('2023-03-02T09:00:00Z'), '2023-02');
      expect(again.taken).to.equal(false);
      expect(await store.getMonthSnapshot('2023-02')).to.deep.equal(before);
    });

    it('refuses a second save of the same month: first write wins', async () => {
      const first = (await store.getMonthSnapshot('2023-01'))!;
      const second: MonthSnapshot = { month: '2023-01', takenAt: '2023-02-02T00:00:00Z', actions: [{ ref: '9.9.9', priorityRef: '9', rag: 'Red' }] };
      expect(await store.saveMonthSnapshot(second)).to.equal(false);
      expect(await store.getMonthSnapshot('2023-01')).to.deep.equal(first);
    });

    it('lists months oldest first', async () => {
      await takeMonthSnapshot(store, new Date('2023-04-03T09:00:00Z'));
      expect((await store.listMonthSnapshots()).map((s) => s.month)).to.deep.equal(['2023-01', '2023-02', '2023-03']);
    });

    it('refuses a month that has not ended, and a month that is not one', async () => {
      let error: unknown;
      try {
        await takeMonthSnapshot(store, new Date('2023-04-03T09:00:00Z'), '2023-04');
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(InvalidError);
      expect((error as InvalidError).problems[0]).to.match(/2023-04 has not ended yet/);
      try {
        await takeMonthSnapshot(store, new Date('2023-04-03T09:00:00Z'), 'March');
        expect.fail('accepted "March"');
      } catch (e) {
        expect((e as InvalidError).problems[0]).to.match(/not a month/);
      }
      expect(await store.getMonthSnapshot('2023-04')).to.equal(undefined);
    });

    it('moves its change token when the plan changes, and not otherwise', async () => {
      const t1 = await store.changeToken();
      expect(await store.changeToken()).to.equal(t1);
      // SharePoint keeps lastModifiedDateTime in whole seconds, so a change in
      // the same second as the token may not show: the read model allows for
      // that (it re-reads while the newest change is that recent).
      await new Promise((r) => setTimeout(r, 1100));
      const current = (await store.getAction('1.1.4'))!;
      await store.saveAction({ ...current.value, commentary: 'token check' }, current.etag, anUpdate('1.1.4', { changes: [] }));
      expect(await store.changeToken()).to.not.equal(t1);
    });
  });
}
